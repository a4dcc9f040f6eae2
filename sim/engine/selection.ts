/**
 * Routing models: which of the eligible agents gets the work.
 *
 * Salesforce's definitions (Trailhead's Omni-Channel routing unit, and Salesforce Help,
 * "Omni-Channel Routing Options",
 * https://help.salesforce.com/articleView?id=sf.service_presence_routing_options.htm&type=5,
 * as quoted in public notes such as infallibletechie.com/2021/03/routing-model-in-salesforce-omni.html):
 * "If you select Least Active, then Omni-Channel routes incoming work items to the agent
 * with the least amount of open work. If you select Most Available, then Omni-Channel
 * routes incoming work items to the agent with the greatest difference between work item
 * capacity and open work items." So Least Active counts open works (Assigned and Opened
 * AgentWork) and Most Available compares free capacity in units (capacity minus workload,
 * of the capacity the work counts against), not a share of it: an agent at 4 of 10 (6
 * free) is more available than one at 0 of 3 (3 free).
 *
 * Ties (same page): "if there's a tie between two or more agents ... Omni-Channel routes
 * the work to the agent who received a work item the longest ago. Suppose that Agent A
 * received work 10 minutes ago and closed it 2 minutes ago. Agent B received work 8
 * minutes ago and closed it 5 minutes ago. In this situation, the work would go to Agent
 * A." The measure is when work was received (pushed), not closed, and logging in does not
 * reset it. A rep who never received work received it longest ago. Only when that ties as
 * well (two reps who never got work) do we fall back to the user id, so runs repeat; the
 * documentation says nothing about that case.
 */
import type { RoutingModel, RoutingRule } from './model';

export interface Candidate {
    userId: string;
    /** Units of the capacity this work counts against (primary or interruptible). */
    capacity: number;
    workload: number;
    openWorks: number;
    /** When the agent last received a work (pushed to them), or null if never. */
    lastWorkAt: number | null;
}

/** Units of capacity still free. */
export function freeUnits(c: Candidate): number {
    return c.capacity - c.workload;
}

/** The routing model's own measure: negative when a is better than b, 0 when they tie. */
function byModel(model: RoutingModel, a: Candidate, b: Candidate): number {
    return model === 'LeastActive' ? a.openWorks - b.openWorks : freeUnits(b) - freeUnits(a);
}

/** The documented tie-break: received work longest ago (never = longest). */
function bySinceLastWork(a: Candidate, b: Candidate): number {
    if (a.lastWorkAt === b.lastWorkAt) return 0;
    if (a.lastWorkAt === null) return -1;
    if (b.lastWorkAt === null) return 1;
    return a.lastWorkAt - b.lastWorkAt;
}

/** Negative when a should get the work before b under this routing model. */
export function compareCandidates(model: RoutingModel, a: Candidate, b: Candidate): number {
    return byModel(model, a, b) || bySinceLastWork(a, b) || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
}

export interface Pick {
    candidate: Candidate;
    /** Which rule decided between the candidates. */
    rule: RoutingRule;
}

export function pickAgent(model: RoutingModel, candidates: readonly Candidate[]): Pick | null {
    // One pass for the best (a sort would be n log n; this runs for every routing decision),
    // remembering the runner-up under the same model measure to name the deciding rule.
    let best: Candidate | null = null;
    for (const candidate of candidates) if (best === null || compareCandidates(model, candidate, best) < 0) best = candidate;
    if (best === null) return null;
    if (candidates.length === 1) return { candidate: best, rule: 'only eligible rep' };
    let rule: RoutingRule = model === 'LeastActive' ? 'least active' : 'most available';
    for (const other of candidates) {
        if (other === best || byModel(model, other, best) !== 0) continue;
        if (bySinceLastWork(other, best) !== 0) rule = 'tie: longest since last work';
        else {
            rule = 'tie: user id';
            break;
        }
    }
    return { candidate: best, rule };
}
