/** A small contact center for engine tests: cases, messaging, voice and chat; three agents. */
import { SimEngine, type SimEvent, type SimSetup } from '../engine';

export const CH = { case: '0N9SM0000000001', messaging: '0N9SM0000000002', voice: '0N9SM0000000003', chat: '0N9SM0000000004' };
export const ST = { all: '0N5SM0000000001', casesOnly: '0N5SM0000000002', break: '0N5SM0000000003', voiceOnly: '0N5SM0000000004' };
export const RC = {
    mostAvailable: '0K9SM0000000001',
    leastActive: '0K9SM0000000002',
    external: '0K9SM0000000003',
    urgent: '0K9SM0000000004'
};
export const Q = { cases: '00GSM0000000001', support: '00GSM0000000002', external: '00GSM0000000003', urgent: '00GSM0000000004' };
export const U = { ann: '005SM0000000001', bob: '005SM0000000002', cat: '005SM0000000003' };

export function setup(overrides: Partial<SimSetup> = {}): SimSetup {
    return {
        channels: [
            { id: CH.case, developerName: 'Cases', kind: 'case', relatedEntity: 'Case', isInterruptible: false },
            { id: CH.messaging, developerName: 'Messaging', kind: 'messaging', relatedEntity: 'MessagingSession', isInterruptible: true },
            { id: CH.voice, developerName: 'Phone', kind: 'voice', relatedEntity: 'VoiceCall', isInterruptible: false },
            { id: CH.chat, developerName: 'Chat', kind: 'chat', relatedEntity: 'LiveChatTranscript', isInterruptible: false }
        ],
        statuses: [
            { id: ST.all, developerName: 'Available', label: 'Available', channelIds: [CH.case, CH.messaging, CH.voice, CH.chat] },
            { id: ST.casesOnly, developerName: 'Cases_Only', label: 'Cases only', channelIds: [CH.case] },
            { id: ST.break, developerName: 'Break', label: 'Break', channelIds: [] },
            { id: ST.voiceOnly, developerName: 'Phone_Only', label: 'Phone only', channelIds: [CH.voice, CH.messaging] }
        ],
        configs: [
            {
                id: 'cfg-standard',
                developerName: 'Standard',
                capacity: 5,
                interruptibleCapacity: 2,
                declineAllowed: true,
                declineReasonsEnabled: true,
                statusOnDeclineId: null,
                statusOnPushTimeoutId: ST.break
            },
            {
                id: 'cfg-strict',
                developerName: 'Strict',
                capacity: 3,
                interruptibleCapacity: 0,
                declineAllowed: false,
                declineReasonsEnabled: false,
                statusOnDeclineId: null,
                statusOnPushTimeoutId: null
            },
            {
                id: 'cfg-break-on-decline',
                developerName: 'Break_On_Decline',
                capacity: 5,
                interruptibleCapacity: 0,
                declineAllowed: true,
                declineReasonsEnabled: true,
                statusOnDeclineId: ST.break,
                statusOnPushTimeoutId: ST.break
            }
        ],
        routingConfigs: [
            {
                id: RC.mostAvailable,
                developerName: 'Most_Available',
                routingModel: 'MostAvailable',
                routingPriority: 2,
                pushTimeoutMs: 30_000,
                capacityWeight: 1,
                capacityPercentage: null
            },
            {
                id: RC.leastActive,
                developerName: 'Least_Active',
                routingModel: 'LeastActive',
                routingPriority: 2,
                pushTimeoutMs: 0,
                capacityWeight: 2,
                capacityPercentage: null
            },
            {
                id: RC.external,
                developerName: 'External',
                routingModel: 'ExternalRouting',
                routingPriority: 2,
                pushTimeoutMs: 0,
                capacityWeight: 1,
                capacityPercentage: null
            },
            {
                id: RC.urgent,
                developerName: 'Urgent',
                routingModel: 'MostAvailable',
                routingPriority: 1,
                pushTimeoutMs: 0,
                capacityWeight: null,
                capacityPercentage: 40
            }
        ],
        queues: [
            { id: Q.cases, name: 'Cases', routingConfigId: RC.mostAvailable },
            { id: Q.support, name: 'Support', routingConfigId: RC.leastActive },
            { id: Q.external, name: 'External', routingConfigId: RC.external },
            { id: Q.urgent, name: 'Urgent', routingConfigId: RC.urgent }
        ],
        agents: [
            {
                userId: U.ann,
                name: 'Ann',
                configId: 'cfg-standard',
                skills: [{ skill: 'French', level: 5 }],
                queueIds: [Q.cases, Q.support, Q.external, Q.urgent]
            },
            {
                userId: U.bob,
                name: 'Bob',
                configId: 'cfg-standard',
                skills: [{ skill: 'French', level: 2 }],
                queueIds: [Q.cases, Q.support, Q.external, Q.urgent]
            },
            { userId: U.cat, name: 'Cat', configId: 'cfg-strict', skills: [], queueIds: [Q.cases] }
        ],
        ...overrides
    };
}

export function engineWithLog(overrides: Partial<SimSetup> = {}) {
    const engine = new SimEngine(setup(overrides), 1_000_000);
    const log: SimEvent[] = [];
    engine.on((event) => log.push(event));
    return { engine, log };
}

export function assignedTo(engine: SimEngine, workItemId: string): string | null {
    const work = engine.listAgentWorks().find((w) => w.workItemId === workItemId && (w.status === 'Assigned' || w.status === 'Opened'));
    return work ? work.userId : null;
}

export function activeWork(engine: SimEngine, workItemId: string) {
    const work = engine.listAgentWorks().find((w) => w.workItemId === workItemId && (w.status === 'Assigned' || w.status === 'Opened'));
    if (!work) throw new Error(`no active work for ${workItemId}`);
    return work;
}
