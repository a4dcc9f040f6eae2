/** Routing models: which of the eligible agents gets the work. */
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

export function pickAgent(model: RoutingModel, candidates: readonly Candidate[]): Candidate | null {
    const free = (c: Candidate) => (c.capacity - c.workload) / c.capacity;
    const compare = (a: Candidate, b: Candidate): number => {
        if (model === 'LeastActive') return a.openWorks - b.openWorks || free(b) - free(a) || byIdleThenId(a, b);
        // MostAvailable: the largest share of free capacity.
        return free(b) - free(a) || a.openWorks - b.openWorks || byIdleThenId(a, b);
    };
    // One pass for the best: this runs for every routing decision, a sort would be n log n.
    let best: Candidate | null = null;
    for (const candidate of candidates) if (best === null || compare(candidate, best) < 0) best = candidate;
    return best;
}
