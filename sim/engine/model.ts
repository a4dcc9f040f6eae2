/**
 * The simulated Omni-Channel world: setup records (channels, presence statuses and
 * configurations, queues with routing configurations, skills, agents) and the records
 * routing produces (PendingServiceRouting, AgentWork), with Salesforce's field names
 * where Salesforce has them. All times are milliseconds of the engine's own clock.
 */

export type ChannelKind = 'case' | 'chat' | 'messaging' | 'voice';

/**
 * When a rep's capacity for a work is released (ServiceChannel.CapacityModel; Salesforce
 * Help, "Understand Capacity Models",
 * https://help.salesforce.com/s/articleView?id=service.service_presence_capacity_model.htm):
 * Tab-Based: "When the service rep logs out, all the work that's assigned to the service rep
 * is considered closed by Omni-Channel, and the service rep's capacity is reset."
 * Status-Based: "If the service rep closes a tab or logs out of Omni-Channel, their capacity
 * isn't reset until the work has a completed status."
 */
export type CapacityModel = 'StatusBased' | 'TabBased';

/**
 * Which capacity a work uses (QueueRoutingConfig capacity type; Salesforce Help, "Configure
 * Work Items as Primary or Interruptible",
 * https://help.salesforce.com/s/articleView?id=service.omnichannel_configure_work_items_as_primary_or_interruptible.htm):
 * "interruptible, primary, or inherited from the service channel".
 */
export type CapacityType = 'Inherited' | 'Primary' | 'Interruptible';

export interface ServiceChannel {
    id: string;
    developerName: string;
    kind: ChannelKind;
    /** The object routed on it: Case, LiveChatTranscript, MessagingSession, VoiceCall. */
    relatedEntity: string;
    /**
     * Work on this channel is interruptible (ServiceChannel.IsInterruptible) unless its
     * routing configuration says otherwise (CapacityType): it uses the rep's interruptible
     * capacity, not the primary one (see capacity.ts). Chat (LiveChatTranscript) is always
     * primary.
     */
    isInterruptible: boolean;
    /** Default StatusBased (see CapacityModel). */
    capacityModel?: CapacityModel;
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
    /** Units of primary capacity (PresenceUserConfig.Capacity): primary work counts against it. */
    capacity: number;
    /** Units of interruptible capacity: interruptible work counts against it, not against capacity (0 = none). */
    interruptibleCapacity: number;
    declineAllowed: boolean;
    /**
     * Routed work is accepted at once (PresenceUserConfig.enableAutoAccept, "Available only if
     * enableDecline is set to false": Metadata API Developer Guide, PresenceUserConfig,
     * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_presenceuserconfig.htm).
     * Default false.
     */
    autoAccept?: boolean;
    /**
     * After Conversation Work time (PresenceUserConfig.afterConvoWorkMaxTime, 10 to 3600 s):
     * a closed voice or messaging conversation keeps its capacity until the rep is done
     * (closes it again) or the time runs out. 0 or absent = none.
     */
    afterConversationWorkMs?: number;
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
    /** Default Inherited: the channel decides (see CapacityType). */
    capacityType?: CapacityType;
    /**
     * QueueRoutingConfig.DropAdditionalSkillsTimeout: "the number of seconds to wait before
     * additional skills are dropped" (Tooling API, QueueRoutingConfig). Null = never dropped.
     */
    dropAdditionalSkillsTimeoutMs?: number | null;
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
    /** An additional skill is dropped, with every other additional skill of the work, after the PSR's time-out. */
    isAdditional: boolean;
    /**
     * The drop time-out given with an additional skill: it sets the PSR's
     * DropAdditionalSkillsTimeout, so every additional skill of a work must give the same one
     * (or none). Null on a required skill.
     */
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
    /** While After Conversation Work runs: when it ends (the work still holds its capacity). */
    afterConversationWorkEndsAt?: number | null;
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
    /** Uses interruptible capacity (PendingServiceRouting.IsInterruptible). */
    isInterruptible: boolean;
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
    /**
     * PendingServiceRouting.DropAdditionalSkillsTimeout: "The period of time to wait before a
     * skill marked as additional is dropped from Omni-Channel routing" (Object Reference,
     * PendingServiceRouting). All additional skills drop together; null = never.
     */
    dropAdditionalSkillsTimeoutMs: number | null;
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

/**
 * Why routing gave a work to the rep it did, for the event log: the routing model's
 * measure, the documented tie-break, the preferred rep, or someone outside routing.
 */
export type RoutingRule =
    | 'only eligible rep'
    | 'most available'
    | 'least active'
    | 'tie: longest since last work'
    | 'tie: user id'
    | 'preferred rep'
    | 'external router'
    | 'transfer to rep';
