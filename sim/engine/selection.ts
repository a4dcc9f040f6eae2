/**
 * Routing models: which of the eligible agents gets the work.
 *
 * Salesforce's definitions (Trailhead's Omni-Channel routing unit, as quoted in public
 * study notes; Salesforce Help's own page was not reachable when this was written): "If
 * you select Least Active, then Omni-Channel routes incoming work items to the agent with
 * the least amount of open work. If you select Most Available, then Omni-Channel routes
 * incoming work items to the agent with the greatest difference between work item
 * capacity and open work items." So Least Active counts open works (Assigned and Opened AgentWork) and Most
 * Available compares free capacity in units (capacity minus workload), not a share of it:
 * an agent at 4 of 10 (6 free) is more available than one at 0 of 3 (3 free).
 *
 * Ties are not documented; ours are fixed so runs repeat: the other model's measure, then
 * the longest idle, then the user id.
 */
import type { RoutingModel } from './model';

export interface Candidate {
    userId: string;
    capacity: number;
    workload: number;
    openWorks: number;
    /** When the agent last got work (or logged in): the longest idle wins ties. */
    idleSince: number;
}

function byIdleThenId(a: Candidate, b: Candidate): number {
    return a.idleSince - b.idleSince || (a.userId < b.userId ? -1 : 1);
}

/** Units of capacity still free. */
export function freeUnits(c: Candidate): number {
    return c.capacity - c.workload;
}

/** Negative when a should get the work before b under this routing model. */
export function compareCandidates(model: RoutingModel, a: Candidate, b: Candidate): number {
    if (model === 'LeastActive') return a.openWorks - b.openWorks || freeUnits(b) - freeUnits(a) || byIdleThenId(a, b);
    // MostAvailable: the most free units.
    return freeUnits(b) - freeUnits(a) || a.openWorks - b.openWorks || byIdleThenId(a, b);
}

export function pickAgent(model: RoutingModel, candidates: readonly Candidate[]): Candidate | null {
    // One pass for the best: this runs for every routing decision, a sort would be n log n.
    let best: Candidate | null = null;
    for (const candidate of candidates) if (best === null || compareCandidates(model, candidate, best) < 0) best = candidate;
    return best;
}
