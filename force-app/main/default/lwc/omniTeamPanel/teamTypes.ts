/**
 * What OmniTeamController returns, as the panel receives it (Apex Datetimes arrive as ISO
 * strings, Decimals as numbers). Field names match the Apex inner classes: keep both stable.
 */
export interface QueueOption {
    queueId: string;
    name: string;
    developerName: string;
    isMember: boolean;
}

export interface QueueState {
    queueId: string;
    name: string;
    developerName: string;
    waitingCount: number;
    oldestWaitingSince: string | null;
}

export type WorkStatus = 'Assigned' | 'Opened';

export interface WorkState {
    workId: string;
    workItemId: string;
    workItemName: string | null;
    channelLabel: string | null;
    channelDeveloperName: string | null;
    status: WorkStatus;
    capacityWeight: number | null;
    capacityPercentage: number | null;
    load: number | null;
    assignedDateTime: string | null;
    acceptDateTime: string | null;
}

export interface AgentState {
    userId: string;
    name: string;
    queueIds: string[];
    isOnline: boolean;
    statusId: string | null;
    statusLabel: string | null;
    statusDeveloperName: string | null;
    statusStartDate: string | null;
    isAway: boolean;
    idleSeconds: number | null;
    configuredCapacity: number | null;
    load: number;
    loadPercent: number | null;
    atCapacity: boolean;
    loadIncomplete: boolean;
    oldestAssignedSince: string | null;
    works: WorkState[];
}

export interface TeamState {
    asOf: string;
    queues: QueueState[];
    agents: AgentState[];
    agentsOnline: number;
    agentsAtCapacity: number;
    waitingWork: number;
}

export type SortKey = 'load' | 'name' | 'waiting';
