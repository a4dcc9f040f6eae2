/**
 * Deterministic fault injection for crash tests, from the environment (never from the config
 * file, so it cannot be left on by accident in a deployed configuration):
 *
 *   ROUTER_FAULT=after-insert:<n>   the process kills itself (SIGKILL) right after its n-th
 *                                   successful AgentWork insert, before the insert's `done`
 *                                   record and the event's position are written.
 *
 * That is the one moment a crash could cost a second AgentWork; a test uses it to prove the
 * restarted router does not insert again.
 */
export class FaultSpecError extends Error {
    constructor(spec: string) {
        super(`ROUTER_FAULT must be after-insert:<n> with n >= 1, got ${JSON.stringify(spec)}`);
        this.name = 'FaultSpecError';
    }
}

export interface FaultPlan {
    /** Die right after this many inserts (1 = the first). */
    afterInsert: number;
}

export function parseFault(spec: string | undefined): FaultPlan | undefined {
    if (spec === undefined || spec === '') return undefined;
    const match = /^after-insert:(\d+)$/.exec(spec.trim());
    const n = match ? Number(match[1]) : NaN;
    if (!Number.isSafeInteger(n) || n < 1) throw new FaultSpecError(spec);
    return { afterInsert: n };
}

/** The router's afterInsert hook for a plan: counts inserts and crashes the process at the n-th. */
export function crashAfterInserts(plan: FaultPlan, crash: () => void = () => process.kill(process.pid, 'SIGKILL')): () => void {
    let inserts = 0;
    return () => {
        inserts += 1;
        if (inserts === plan.afterInsert) crash();
    };
}
