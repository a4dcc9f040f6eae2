/**
 * The demo org every scenario starts from (a scenario may change its settings:
 * settings.ts): the channels, statuses, presence configurations, routing configurations
 * and queues of the sample Omni setup in demo/, plus a voice channel and a messaging
 * channel for Unified Routing. Scenarios name these by developer name.
 *
 * What matches demo/ (docs/scenarios.md, "The demo org"; every routing-relevant field is
 * compared with the -meta.xml files by __tests__/demoOrgMatchesMetadata.test.ts): `Cases` is the
 * Omni_Kit_Cases channel (Case, not interruptible, tab-based); `Available` and `Break` are
 * Omni_Kit_Available and Omni_Kit_Break; `Standard` is Omni_Kit_Agents (capacity 5, decline
 * with reasons, enableAutoAccept false, no after conversation work, Break on push time-out);
 * `Most_Available` is the Omni_Kit_Cases routing configuration (Most Available, priority 1,
 * weight 1, push time-out 30 s) and `External` is Omni_Kit_External (External Routing,
 * priority 1, weight 1, push time-out 30 s); the `Cases` and `External` queues use them.
 *
 * Interruptible work follows the Unified Routing seed's advice ("Prioritize real-time
 * channels such as messaging and chat over asynchronous ones such as cases and email",
 * shared/seeds/omni-channel-unified-routing.txt) and Help's example ("configure work in the
 * Case service channel as interruptible and work from the Chat service channel as
 * primary"): messaging and chat are primary, and cases routed through `Back_Office` (capacity
 * type Interruptible on its routing configuration) are interruptible.
 */
import { SimError } from '../engine/engine';
import type { NewWork, SimSetup } from '../engine/engine';
import type { SkillRequirement } from '../engine/model';

export const DEFAULT_ORG: Omit<SimSetup, 'agents'> = {
    channels: [
        // Tab-based, as demo/'s Omni_Kit_Cases states: a logout releases accepted cases.
        {
            id: '0N9SM0000000001',
            developerName: 'Cases',
            kind: 'case',
            relatedEntity: 'Case',
            isInterruptible: false,
            capacityModel: 'TabBased'
        },
        { id: '0N9SM0000000002', developerName: 'Messaging', kind: 'messaging', relatedEntity: 'MessagingSession', isInterruptible: false },
        { id: '0N9SM0000000003', developerName: 'Phone', kind: 'voice', relatedEntity: 'VoiceCall', isInterruptible: false },
        // Chat is tab-based, as many chat orgs are: logging out releases the capacity of open chats.
        {
            id: '0N9SM0000000004',
            developerName: 'Chat',
            kind: 'chat',
            relatedEntity: 'LiveChatTranscript',
            isInterruptible: false,
            capacityModel: 'TabBased'
        }
    ],
    statuses: [
        {
            id: '0N5SM0000000001',
            developerName: 'Available',
            label: 'Available',
            channelIds: ['0N9SM0000000001', '0N9SM0000000002', '0N9SM0000000003', '0N9SM0000000004']
        },
        { id: '0N5SM0000000002', developerName: 'Cases_Only', label: 'Cases only', channelIds: ['0N9SM0000000001'] },
        { id: '0N5SM0000000003', developerName: 'Break', label: 'On break', channelIds: [] },
        {
            id: '0N5SM0000000004',
            developerName: 'Phone_And_Messaging',
            label: 'Phone and messaging',
            channelIds: ['0N9SM0000000002', '0N9SM0000000003']
        }
    ],
    configs: [
        {
            id: '0NdSM0000000001',
            developerName: 'Standard',
            capacity: 5,
            interruptibleCapacity: 2,
            declineAllowed: true,
            declineReasonsEnabled: true,
            autoAccept: false,
            afterConversationWorkMs: 0,
            statusOnDeclineId: null,
            statusOnPushTimeoutId: '0N5SM0000000003'
        },
        {
            id: '0NdSM0000000002',
            developerName: 'No_Decline',
            capacity: 3,
            interruptibleCapacity: 0,
            declineAllowed: false,
            declineReasonsEnabled: false,
            statusOnDeclineId: null,
            statusOnPushTimeoutId: null
        },
        {
            // After a decline (or a push time-out) the rep is moved to Break: OmniDeclineWork.
            id: '0NdSM0000000003',
            developerName: 'Break_On_Decline',
            capacity: 5,
            interruptibleCapacity: 0,
            declineAllowed: true,
            declineReasonsEnabled: true,
            statusOnDeclineId: '0N5SM0000000003',
            statusOnPushTimeoutId: '0N5SM0000000003'
        }
    ],
    routingConfigs: [
        {
            id: '0K9SM0000000001',
            developerName: 'Most_Available',
            routingModel: 'MostAvailable',
            routingPriority: 1,
            pushTimeoutMs: 30_000,
            capacityWeight: 1,
            capacityPercentage: null
        },
        {
            id: '0K9SM0000000002',
            developerName: 'Least_Active',
            routingModel: 'LeastActive',
            routingPriority: 2,
            pushTimeoutMs: 30_000,
            capacityWeight: 2,
            capacityPercentage: null
        },
        {
            id: '0K9SM0000000003',
            developerName: 'External',
            routingModel: 'ExternalRouting',
            routingPriority: 1,
            pushTimeoutMs: 30_000,
            capacityWeight: 1,
            capacityPercentage: null
        },
        {
            id: '0K9SM0000000004',
            developerName: 'Urgent',
            routingModel: 'MostAvailable',
            routingPriority: 1,
            pushTimeoutMs: 20_000,
            capacityWeight: null,
            capacityPercentage: 40
        },
        {
            // Cases that may be interrupted: they use the reps' interruptible capacity.
            id: '0K9SM0000000005',
            developerName: 'Back_Office',
            routingModel: 'MostAvailable',
            routingPriority: 3,
            pushTimeoutMs: 30_000,
            capacityWeight: 1,
            capacityPercentage: null,
            capacityType: 'Interruptible'
        }
    ],
    queues: [
        { id: '00GSM0000000001', name: 'Cases', routingConfigId: '0K9SM0000000001' },
        { id: '00GSM0000000002', name: 'Support', routingConfigId: '0K9SM0000000002' },
        { id: '00GSM0000000003', name: 'External', routingConfigId: '0K9SM0000000003' },
        { id: '00GSM0000000004', name: 'Urgent', routingConfigId: '0K9SM0000000004' },
        { id: '00GSM0000000005', name: 'Back_Office', routingConfigId: '0K9SM0000000005' }
    ]
};

/**
 * The demo's Case routing, as demo/'s Omni-Channel flow (flows/Omni_Kit_Route_Cases) and its
 * skills-based routing rules (workSkillRoutings/Omni_Kit_Case_Skills) route a new Case, in the
 * terms the engine models (__tests__/routingFlowMatchesSkills.test.ts reads both files and keeps
 * this equal to them):
 *   1. a Case naming a rep (Omni_Kit_Preferred_Rep__c) goes to that rep, the Cases queue as fallback;
 *   2. else each rule whose Case field has its value adds its skill (required, at its level), and
 *      the Case is routed by skills with the Cases queue's routing configuration;
 *   3. else to the Cases queue (Omni_Kit_Cases).
 * Where the engine differs (docs/simulator.md): the rep path is a preferred rep
 * among the fallback queue's members (a PSR with the queue and a preferred user, not required),
 * while Route Work to a rep does not need the rep to be a queue member.
 */
export const DEMO_CASE_ROUTING = {
    channel: 'Cases',
    fallbackQueue: 'Cases',
    preferredRepField: 'Omni_Kit_Preferred_Rep__c',
    skillRules: [
        { field: 'Origin', value: 'Phone', skill: 'Omni_Kit_Phone', level: 1 },
        { field: 'Priority', value: 'High', skill: 'Omni_Kit_Escalations', level: 1 }
    ]
} as const;

/** The Case fields the demo's routing reads (API names); a missing or null field matches no rule. */
export interface DemoCaseFields {
    Origin?: string | null;
    Priority?: string | null;
    Omni_Kit_Preferred_Rep__c?: string | null;
}

/** The work to add to the engine for a new demo Case, routed as DEMO_CASE_ROUTING says. */
export function demoCaseWork(fields: DemoCaseFields, org: Omit<SimSetup, 'agents'> = DEFAULT_ORG): NewWork {
    const queue = org.queues.find((q) => q.name === DEMO_CASE_ROUTING.fallbackQueue);
    // A scenario may replace the org's queues: say which one is missing instead of routing nowhere.
    if (!queue) throw new SimError('UNKNOWN_QUEUE', `the demo's Case routing needs the queue ${DEMO_CASE_ROUTING.fallbackQueue}`);
    const rep = fields[DEMO_CASE_ROUTING.preferredRepField];
    if (rep) return { channel: DEMO_CASE_ROUTING.channel, queueId: queue.id, preferredUserId: rep, isPreferredUserRequired: false };
    const skills: SkillRequirement[] = DEMO_CASE_ROUTING.skillRules
        .filter((rule) => fields[rule.field] === rule.value)
        .map((rule) => ({ skill: rule.skill, level: rule.level, isAdditional: false, dropAfterMs: null }));
    if (skills.length > 0) return { channel: DEMO_CASE_ROUTING.channel, routingConfigId: queue.routingConfigId, skills };
    return { channel: DEMO_CASE_ROUTING.channel, queueId: queue.id };
}
