/**
 * The simulated Omni-Channel world: setup records (channels, presence statuses and
 * configurations, queues with routing configurations, skills, agents) and the records
 * routing produces (PendingServiceRouting, AgentWork), with Salesforce's field names
 * where Salesforce has them. All times are milliseconds of the engine's own clock.
 */

export type ChannelKind = 'case' | 'chat' | 'messaging' | 'voice';

export interface ServiceChannel {
    id: string;
    developerName: string;
    kind: ChannelKind;
    /** The object routed on it: Case, LiveChatTranscript, MessagingSession, VoiceCall. */
    relatedEntity: string;
    /**
     * Work on this channel can be interrupted (ServiceChannel.IsInterruptible): with
     * interruptible capacity, a call may be routed to an agent whose open work is all on
     * such channels (messaging, say); that work then counts against the interruptible
     * capacity while the call lasts. Voice itself is not interruptible.
     */
    isInterruptible: boolean;
}

export interface PresenceStatus {
    id: string;
    developerName: string;
    label: string;
    /** Channels this status takes work on; empty = away/busy, no work is routed. */
    channelIds: string[];
}

export interface PresenceConfiguration {
    id: string;
    developerName: string;
    /** Units of capacity (Unified Routing and units model). */
    capacity: number;
    /** Capacity real-time work may use on top of interrupted asynchronous work (0 = none). */
    interruptibleCapacity: number;
    declineAllowed: boolean;
    declineReasonsEnabled: boolean;
    /** Status to put the agent in after they decline / after a push time-out (null = unchanged). */
    statusOnDeclineId: string | null;
    statusOnPushTimeoutId: string | null;
}

export type RoutingModel = 'MostAvailable' | 'LeastActive' | 'ExternalRouting';

export interface RoutingConfiguration {
    id: string;
    developerName: string;
    routingModel: RoutingModel;
    /** Lower routes first (RoutingPriority). */
    routingPriority: number;
    /** 0 = no push time-out. */
    pushTimeoutMs: number;
    /** Units a work item takes (CapacityWeight), or null when percentage is used. */
    capacityWeight: number | null;
    /** Percent of the agent's capacity (CapacityPercentage), or null. */
    capacityPercentage: number | null;
}

export interface Queue {
    id: string;
    name: string;
    routingConfigId: string;
}

export interface AgentSkill {
    skill: string;
    level: number;
}

export interface Agent {
    userId: string;
    name: string;
    configId: string;
    skills: AgentSkill[];
    /** Queues the agent belongs to (queue-based routing). */
    queueIds: string[];
}

export interface SkillRequirement {
    skill: string;
    level: number;
    /** An additional skill is dropped after `dropAfterMs` if nobody with it is available. */
    isAdditional: boolean;
    dropAfterMs: number | null;
}

export type AgentWorkStatus =
    'Assigned' | 'Opened' | 'Declined' | 'DeclinedOnPushTimeout' | 'Closed' | 'Canceled' | 'Transferred' | 'Unavailable';

export interface WorkFlag {
    isFlagged: boolean;
    message: string | null;
    roleUpdatedBy: 'AGENT' | 'SUPERVISOR';
    updatedBy: string;
}

export interface AgentWork {
    id: string;
    workItemId: string;
    userId: string;
    serviceChannelId: string;
    pendingServiceRoutingId: string | null;
    status: AgentWorkStatus;
    capacityWeight: number;
    isInterruptible: boolean;
    declineReason: string | null;
    assignedDateTime: number;
    acceptDateTime: number | null;
    closeDateTime: number | null;
    flag: WorkFlag | null;
}

export type RoutingType = 'QueueBased' | 'SkillsBased';

export interface PendingServiceRouting {
    id: string;
    workItemId: string;
    serviceChannelId: string;
    groupId: string | null;
    routingModel: RoutingModel;
    routingType: RoutingType;
    routingPriority: number;
    capacityWeight: number | null;
    capacityPercentage: number | null;
    isReadyForRouting: boolean;
    isPushed: boolean;
    isPushAttempted: boolean;
    isTransfer: boolean;
    /** The session of the last agent who declined or timed out (a session id, not a user id). */
    lastDeclinedAgentSession: string | null;
    preferredUserId: string | null;
    isPreferredUserRequired: boolean;
    pushTimeoutMs: number;
    /** Increases on every change: consumers order and de-duplicate by it. */
    serial: number;
    createdDate: number;
    skills: SkillRequirement[];
}

export interface WorkItem {
    id: string;
    channelId: string;
    /** For the console: what a rep would see (Case number and subject...). */
    title: string;
    subtitle: string | null;
    state: 'waiting' | 'assigned' | 'opened' | 'closed' | 'canceled';
}

/** Why an agent's presence changed, with the toolkit's reason names. */
export type PresenceChangeReason =
    | 'OmniToolkitStatusChange'
    | 'OmniPushTimeout'
    | 'OmniDeclineWork'
    | 'OmniManualStatusChange'
    | 'OmniSupervisorStatusChange'
    | 'OmniLoginStatusChange';

export type LogoutReason = 'DuplicateLogin' | 'DuplicateLoginInSameBrowser' | 'MaintenanceLogout' | 'OmniSupervisorLogout' | null;
