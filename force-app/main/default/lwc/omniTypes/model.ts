/**
 * The typed model of Omni-Channel in the console: the ten toolkit events, the agent
 * snapshot and the values toolkit methods resolve to, all already normalised.
 */
import type { SalesforceId } from './ids';

/** A service channel of the current presence status. */
export interface OmniChannel {
    channelId: SalesforceId;
    developerName: string;
}

/** Why the presence status changed (lightning:omniChannelStatusChanged `reason`). */
export type OmniStatusChangeReason =
    | 'OmniToolkitStatusChange'
    | 'OmniPushTimeout'
    | 'OmniDeclineWork'
    | 'OmniManualStatusChange'
    | 'OmniSupervisorStatusChange'
    | 'OmniLoginStatusChange';

/** Why the agent was logged out (lightning:omniChannelLogout `reason`). */
export type OmniLogoutReason = 'DuplicateLogin' | 'DuplicateLoginInSameBrowser' | 'MaintenanceLogout' | 'OmniSupervisorLogout';

export type OmniFlagRole = 'AGENT' | 'SUPERVISOR';

export interface OmniConnectionErrorEvent {
    type: 'connectionError';
    message: string;
}
export interface OmniLoginSuccessEvent {
    type: 'loginSuccess';
    statusId: SalesforceId;
}
export interface OmniStatusChangedEvent {
    type: 'statusChanged';
    statusId: SalesforceId;
    statusName: string | null;
    statusApiName: string | null;
    channels: OmniChannel[];
    /** Known reasons; null when absent (older orgs) or not one we know (see rawReason). */
    reason: OmniStatusChangeReason | null;
    rawReason: string | null;
}
export interface OmniLogoutEvent {
    type: 'logout';
    reason: OmniLogoutReason | null;
    rawReason: string | null;
}
interface OmniWorkEventBase<T extends string> {
    type: T;
    workId: SalesforceId;
    workItemId: SalesforceId;
}
export type OmniWorkAssignedEvent = OmniWorkEventBase<'workAssigned'>;
export type OmniWorkAcceptedEvent = OmniWorkEventBase<'workAccepted'>;
export type OmniWorkDeclinedEvent = OmniWorkEventBase<'workDeclined'>;
export type OmniWorkClosedEvent = OmniWorkEventBase<'workClosed'>;
export interface OmniWorkFlagUpdatedEvent {
    type: 'workFlagUpdated';
    workId: SalesforceId;
    isFlagged: boolean;
    message: string | null;
    roleUpdatedBy: OmniFlagRole | null;
    /** The user who raised or lowered the flag (18-character id when it is one). */
    updatedBy: string | null;
}
export interface OmniWorkloadChangedEvent {
    type: 'workloadChanged';
    configuredCapacity: number;
    previousWorkload: number;
    newWorkload: number;
    /** Null when the org has no interruptible capacity (before API 59 or not configured). */
    configuredInterruptibleCapacity: number | null;
    previousInterruptibleWorkload: number | null;
    newInterruptibleWorkload: number | null;
}

/** Every toolkit event, discriminated by `type`. */
export type OmniEvent =
    | OmniConnectionErrorEvent
    | OmniLoginSuccessEvent
    | OmniStatusChangedEvent
    | OmniLogoutEvent
    | OmniWorkAssignedEvent
    | OmniWorkAcceptedEvent
    | OmniWorkDeclinedEvent
    | OmniWorkClosedEvent
    | OmniWorkFlagUpdatedEvent
    | OmniWorkloadChangedEvent;

export type OmniEventType = OmniEvent['type'];
export type OmniEventOf<T extends OmniEventType> = Extract<OmniEvent, { type: T }>;

/** Our event type for each Aura event name (`lightning:` prefix dropped). */
export const AURA_EVENT_TYPES: Readonly<Record<string, OmniEventType>> = {
    omniChannelConnectionError: 'connectionError',
    omniChannelLoginSuccess: 'loginSuccess',
    omniChannelStatusChanged: 'statusChanged',
    omniChannelLogout: 'logout',
    omniChannelWorkAssigned: 'workAssigned',
    omniChannelWorkAccepted: 'workAccepted',
    omniChannelWorkDeclined: 'workDeclined',
    omniChannelWorkClosed: 'workClosed',
    omniChannelWorkFlagUpdated: 'workFlagUpdated',
    omniChannelWorkloadChanged: 'workloadChanged'
};

/** The presence status as the toolkit reports it. */
export interface OmniStatusInfo {
    statusId: SalesforceId;
    statusName: string | null;
    statusApiName: string | null;
}

/** A work as getAgentWorks reports it. */
export interface OmniWorkSummary {
    workId: SalesforceId;
    workItemId: SalesforceId;
    isEngaged: boolean;
}

export interface OmniWorkload {
    configuredCapacity: number;
    currentWorkload: number;
    configuredInterruptibleCapacity: number | null;
    currentInterruptibleWorkload: number | null;
}

export interface OmniWorkFlag {
    isFlagged: boolean;
    message: string | null;
    roleUpdatedBy: OmniFlagRole | null;
    updatedBy: string | null;
    /** Epoch ms when the bridge saw the change. */
    updatedAt: number;
}

export interface OmniWork {
    workId: SalesforceId;
    workItemId: SalesforceId;
    /** assigned: pushed to the agent, not yet accepted; accepted: the agent took it. */
    state: 'assigned' | 'accepted';
    isEngaged: boolean;
    /** Epoch ms; null when the work was already there when the bridge started and no earlier time is known. */
    assignedAt: number | null;
    acceptedAt: number | null;
    flag: OmniWorkFlag | null;
}

export interface OmniPresence extends OmniStatusInfo {
    /** Null until the toolkit has told us (a login event carries only the status id). */
    channels: OmniChannel[] | null;
    /** Epoch ms when this status began, as far as the bridge knows. */
    since: number;
}

export type OmniLoginState = 'unknown' | 'loggedIn' | 'loggedOut';

export interface OmniConnection {
    state: 'connected' | 'error';
    message: string | null;
    since: number;
}

/** The authoritative state of the agent, kept by the bridge and sent with every event. */
export interface OmniAgentSnapshot {
    /** Increases with every change; lets a subscriber drop a stale copy. */
    revision: number;
    /** True once the bridge has read status, works and workload from the toolkit. */
    seeded: boolean;
    loginState: OmniLoginState;
    lastLogoutReason: OmniLogoutReason | null;
    presence: OmniPresence | null;
    works: readonly OmniWork[];
    workload: OmniWorkload | null;
    connection: OmniConnection;
    updatedAt: number;
}
