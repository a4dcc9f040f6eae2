/**
 * What OmniTeamController answers, as the panel receives it (JSON: ids of 18 characters,
 * Datetimes as ISO strings). Times are relative to T0, the moment Apex answered.
 */
import type { AgentState, QueueOption, TeamState, WorkState } from '../../teamTypes';

export const T0 = Date.UTC(2026, 0, 5, 9, 30);
export const iso = (msBeforeT0: number) => new Date(T0 - msBeforeT0).toISOString();
const MIN = 60_000;

export const QUEUES: QueueOption[] = [
    { queueId: '00GRM0000001AAAAA2', name: 'Cases', developerName: 'Omni_Kit_Cases', isMember: true },
    { queueId: '00GRM0000002AAAAA2', name: 'Chat', developerName: 'Omni_Kit_Chat', isMember: false }
];

export function work(partial: Partial<WorkState> & { workId: string }): WorkState {
    return {
        workItemId: `500RM00000${partial.workId.slice(-5)}AAA`,
        workItemName: null,
        channelLabel: 'Cases',
        channelDeveloperName: 'Omni_Kit_Cases',
        status: 'Opened',
        capacityWeight: 1,
        capacityPercentage: null,
        load: 1,
        assignedDateTime: iso(10 * MIN),
        acceptDateTime: iso(9 * MIN),
        ...partial
    };
}

export function agent(partial: Partial<AgentState> & { userId: string; name: string }): AgentState {
    return {
        queueIds: [QUEUES[0].queueId],
        isOnline: true,
        statusId: '0N5RM0000000001AAA',
        statusLabel: 'Available',
        statusDeveloperName: 'Available',
        statusStartDate: iso(20 * MIN),
        isAway: false,
        idleSeconds: 0,
        configuredCapacity: 5,
        load: 0,
        loadPercent: 0,
        atCapacity: false,
        loadIncomplete: false,
        oldestAssignedSince: null,
        works: [],
        ...partial
    };
}

/** Ada: 2 of 5, one work waiting 3 minutes. Bob: 3 of 3 (at capacity). Cy: offline. */
export function team(overrides: Partial<TeamState> = {}): TeamState {
    return {
        asOf: new Date(T0).toISOString(),
        queues: [
            {
                queueId: QUEUES[0].queueId,
                name: 'Cases',
                developerName: 'Omni_Kit_Cases',
                waitingCount: 2,
                oldestWaitingSince: iso(4 * MIN)
            }
        ],
        agents: [
            agent({
                userId: '005RM000000AdaAAA',
                name: 'Ada Lovelace',
                load: 2,
                loadPercent: 40,
                oldestAssignedSince: iso(3 * MIN),
                works: [
                    work({ workId: '0BzRM0000000001AAA', workItemName: '00001026' }),
                    work({
                        workId: '0BzRM0000000002AAA',
                        workItemName: '00001027',
                        status: 'Assigned',
                        assignedDateTime: iso(3 * MIN),
                        acceptDateTime: null
                    })
                ]
            }),
            agent({
                userId: '005RM000000BobAAA',
                name: 'Bob Byte',
                configuredCapacity: 3,
                load: 3,
                loadPercent: 100,
                atCapacity: true,
                works: [work({ workId: '0BzRM0000000003AAA', capacityWeight: 3, load: 3, channelLabel: 'Messaging' })]
            }),
            agent({
                userId: '005RM000000CyAAAA',
                name: 'Cy Offline',
                isOnline: false,
                statusId: null,
                statusLabel: null,
                statusDeveloperName: null,
                statusStartDate: null,
                configuredCapacity: null,
                loadPercent: null
            })
        ],
        agentsOnline: 2,
        agentsAtCapacity: 1,
        waitingWork: 2,
        ...overrides
    };
}
