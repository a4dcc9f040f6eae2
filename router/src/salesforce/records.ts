/**
 * The records the router reads, parsed once at the edge from REST JSON into typed values
 * (Salesforce field names -> camelCase). A record that lacks a required field is a
 * SalesforceResponseError, not a crash three calls later.
 */
import { SalesforceResponseError } from './errors.js';
import type { SObjectRecord } from './restClient.js';

export type AgentWorkStatus =
    'Assigned' | 'Opened' | 'Declined' | 'DeclinedOnPushTimeout' | 'Unavailable' | 'Closed' | 'Canceled' | 'Transferred';
export const AGENT_WORK_STATUSES: readonly AgentWorkStatus[] = [
    'Assigned',
    'Unavailable',
    'Declined',
    'Opened',
    'Closed',
    'DeclinedOnPushTimeout',
    'Canceled',
    'Transferred'
];
/** Statuses that hold an agent's capacity. */
export const ACTIVE_WORK_STATUSES: ReadonlySet<AgentWorkStatus> = new Set(['Assigned', 'Opened']);
/** Statuses that mean "this agent did not take it: route it to someone else". */
export const REFUSED_WORK_STATUSES: readonly AgentWorkStatus[] = ['Declined', 'DeclinedOnPushTimeout', 'Unavailable'];

export interface PsrRecord {
    id: string;
    workItemId: string;
    serviceChannelId: string;
    groupId: string | null;
    routingModel: string | null;
    capacityWeight: number | null;
    capacityPercentage: number | null;
    isPushed: boolean;
    isReadyForRouting: boolean;
    isTransfer: boolean;
    preferredUserId: string | null;
    isPreferredUserRequired: boolean;
    routingPriority: number;
    serial: number;
    createdDate: number;
}

export interface PresenceRecord {
    id: string;
    userId: string;
    statusId: string | null;
    isCurrentState: boolean;
    configuredCapacity: number;
    statusStartDate: number | null;
}

export interface AgentWorkRecord {
    id: string;
    userId: string;
    status: AgentWorkStatus;
    pendingServiceRoutingId: string | null;
    serviceChannelId: string | null;
    capacityWeight: number | null;
    capacityPercentage: number | null;
}

export interface StatusChannelRecord {
    statusId: string;
    channelId: string;
}

/**
 * One record Salesforce returned that the router cannot use (a required field missing or of
 * the wrong type). Typed, with the record's id and the field, so the caller sets that one
 * record aside and goes on with the others instead of failing the whole query or event.
 */
export class UnusableRecordError extends SalesforceResponseError {
    constructor(
        readonly sobject: string,
        readonly recordId: string | null,
        readonly field: string
    ) {
        super(`${sobject} ${recordId ?? '(no id)'}: field ${field} missing or of the wrong type`);
        this.name = 'UnusableRecordError';
    }
}

function fail(object: string, field: string, record: SObjectRecord): never {
    throw new UnusableRecordError(object, typeof record.Id === 'string' && record.Id !== '' ? record.Id : null, field);
}

/** Parses each row on its own: the rows that parse, and the typed error of each that does not. */
export function parseEach<T>(
    rows: readonly SObjectRecord[],
    parse: (row: SObjectRecord) => T
): { records: T[]; unusable: UnusableRecordError[] } {
    const records: T[] = [];
    const unusable: UnusableRecordError[] = [];
    for (const row of rows) {
        try {
            records.push(parse(row));
        } catch (error) {
            if (!(error instanceof UnusableRecordError)) throw error;
            unusable.push(error);
        }
    }
    return { records, unusable };
}

const req = (object: string, r: SObjectRecord, f: string): string =>
    typeof r[f] === 'string' && r[f] !== '' ? (r[f] as string) : fail(object, f, r);
const optStr = (r: SObjectRecord, f: string): string | null => (typeof r[f] === 'string' && r[f] !== '' ? (r[f] as string) : null);
const optNum = (r: SObjectRecord, f: string): number | null => {
    const v = r[f];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    return null;
};
const bool = (r: SObjectRecord, f: string): boolean => r[f] === true || r[f] === 'true';
const date = (r: SObjectRecord, f: string): number | null => {
    const v = r[f];
    if (typeof v === 'number') return v;
    if (typeof v !== 'string') return null;
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? null : ms;
};

/** AgentWork.Status arrives as a name over REST/CDC and as a numeric code (0..7) on a PushTopic. */
export function parseAgentWorkStatus(value: unknown): AgentWorkStatus | null {
    if (typeof value === 'number' || (typeof value === 'string' && /^[0-7]$/.test(value)))
        return AGENT_WORK_STATUSES[Number(value)] ?? null;
    if (typeof value === 'string' && (AGENT_WORK_STATUSES as readonly string[]).includes(value)) return value as AgentWorkStatus;
    return null;
}

export function parsePsr(r: SObjectRecord): PsrRecord {
    const o = 'PendingServiceRouting';
    return {
        id: req(o, r, 'Id'),
        workItemId: req(o, r, 'WorkItemId'),
        serviceChannelId: req(o, r, 'ServiceChannelId'),
        groupId: optStr(r, 'GroupId') ?? optStr(r, 'QueueId'),
        routingModel: optStr(r, 'RoutingModel'),
        capacityWeight: optNum(r, 'CapacityWeight'),
        capacityPercentage: optNum(r, 'CapacityPercentage'),
        isPushed: bool(r, 'IsPushed'),
        isReadyForRouting: r.IsReadyForRouting === undefined ? true : bool(r, 'IsReadyForRouting'),
        isTransfer: bool(r, 'IsTransfer'),
        preferredUserId: optStr(r, 'PreferredUserId'),
        isPreferredUserRequired: bool(r, 'IsPreferredUserRequired'),
        routingPriority: optNum(r, 'RoutingPriority') ?? 0,
        serial: optNum(r, 'Serial') ?? fail(o, 'Serial', r),
        createdDate: date(r, 'CreatedDate') ?? 0
    };
}

export function parsePresence(r: SObjectRecord): PresenceRecord {
    const o = 'UserServicePresence';
    return {
        id: req(o, r, 'Id'),
        userId: req(o, r, 'UserId'),
        statusId: optStr(r, 'ServicePresenceStatusId'),
        isCurrentState: bool(r, 'IsCurrentState'),
        configuredCapacity: optNum(r, 'ConfiguredCapacity') ?? 0,
        statusStartDate: date(r, 'StatusStartDate')
    };
}

export function parseAgentWork(r: SObjectRecord): AgentWorkRecord {
    const o = 'AgentWork';
    return {
        id: req(o, r, 'Id'),
        userId: req(o, r, 'UserId'),
        status: parseAgentWorkStatus(r.Status) ?? fail(o, 'Status', r),
        pendingServiceRoutingId: optStr(r, 'PendingServiceRoutingId'),
        serviceChannelId: optStr(r, 'ServiceChannelId'),
        capacityWeight: optNum(r, 'CapacityWeight'),
        capacityPercentage: optNum(r, 'CapacityPercentage')
    };
}

export function parseStatusChannel(r: SObjectRecord): StatusChannelRecord {
    const o = 'ServiceChannelStatus';
    return { statusId: req(o, r, 'ServicePresenceStatusId'), channelId: req(o, r, 'ServiceChannelId') };
}
