/**
 * Where the fake Apex controller (sim/fakes/apex) reads the org's data from. Apex in an org
 * answers from the same org Omni-Channel runs in, so the fakes must agree with whatever
 * plays Omni: the scripted demo toolkit (demoData.ts, the default, used by the benchmark
 * page) or the simulator engine (the preview page sets its own source before it mounts the
 * panel, see sim/host/consoleMount.ts).
 */
import { PRESENCE_CONFIG, STATUSES, demoCase, demoCaseNumber } from './demoData';
import type { WorkRouting } from './apex/workRouting';

export interface OrgStatus {
    statusId: string;
    label: string;
    developerName: string;
    /** Has service channels: work is routed while in it. */
    isOnline: boolean;
}

export interface OrgDeclineReason {
    reasonId: string;
    label: string;
    developerName: string;
}

/** The running user's presence configuration, as getDeclineSettings describes it. */
export interface OrgPresenceConfig {
    configName: string;
    capacity: number;
    declineAllowed: boolean;
    reasonsEnabled: boolean;
    reasons: readonly OrgDeclineReason[];
}

/** A work item's record, as the rep would see it (null: not in this org, or not visible). */
export interface OrgRecord {
    title: string;
    subtitle: string | null;
}

export interface OrgSource {
    /** Presence statuses the running user may choose (ids of 15 characters). */
    statuses(): readonly OrgStatus[];
    presenceConfig(): OrgPresenceConfig;
    /** The record behind a work item id (15 characters). */
    record(workItemId15: string): OrgRecord | null;
    /** The running user's offered AgentWork's routing configuration (getPushTimeouts), or null when the Apex could not tell. */
    workRouting(agentWorkId15: string): WorkRouting | null;
}

/** The scripted demo org of sim/fakes/demoData.ts. */
export const DEMO_ORG_SOURCE: OrgSource = {
    statuses: () => STATUSES,
    presenceConfig: () => PRESENCE_CONFIG,
    record(workItemId15) {
        const n = demoCaseNumber(workItemId15);
        if (n === null) return null;
        const c = demoCase(n);
        return { title: c.caseNumber, subtitle: c.subject };
    },
    // The scripted demo has no queues or routing configurations: every time-out is unknown.
    workRouting: () => null
};

let current: OrgSource = DEMO_ORG_SOURCE;

/** Points the fake Apex at another org (before the components that wire it are created). */
export function useOrgSource(source: OrgSource): void {
    current = source;
}

export function orgSource(): OrgSource {
    return current;
}
