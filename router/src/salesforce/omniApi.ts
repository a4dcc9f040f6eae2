/**
 * The SOQL queries and the AgentWork insert the router needs, with typed results. Ids that
 * go into a query are checked first: they come from events, and a query must never be
 * built from unchecked text.
 */
import type { RestClient, SObjectRecord } from './restClient.js';
import type { SalesforceApiError } from './errors.js';
import {
    parseAgentWork,
    parseEach,
    UnusableRecordError,
    parsePresence,
    parsePsr,
    parseStatusChannel,
    type AgentWorkRecord,
    type PresenceRecord,
    type PsrRecord,
    type StatusChannelRecord
} from './records.js';

export class InvalidRecordIdError extends Error {
    constructor(readonly value: unknown) {
        super(`not a Salesforce record id: ${JSON.stringify(value)?.slice(0, 40)}`);
        this.name = 'InvalidRecordIdError';
    }
}

const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export function checkId(value: unknown): string {
    if (typeof value !== 'string' || !ID.test(value)) throw new InvalidRecordIdError(value);
    return value;
}

const quoteIds = (ids: readonly string[]) => ids.map((id) => `'${checkId(id)}'`).join(',');

const PSR_FIELDS =
    'Id, WorkItemId, ServiceChannelId, GroupId, RoutingModel, CapacityWeight, CapacityPercentage, IsPushed, IsReadyForRouting, ' +
    'IsTransfer, PreferredUserId, IsPreferredUserRequired, RoutingPriority, Serial, CreatedDate';
const WORK_FIELDS = 'Id, UserId, Status, PendingServiceRoutingId, ServiceChannelId, CapacityWeight, CapacityPercentage';
const PRESENCE_FIELDS = 'Id, UserId, ServicePresenceStatusId, IsCurrentState, ConfiguredCapacity, StatusStartDate';

const agentWorkFields = (work: NewAgentWork): SObjectRecord => ({
    ServiceChannelId: checkId(work.serviceChannelId),
    WorkItemId: checkId(work.workItemId),
    UserId: checkId(work.userId),
    PendingServiceRoutingId: checkId(work.pendingServiceRoutingId)
});

export interface NewAgentWork {
    serviceChannelId: string;
    workItemId: string;
    userId: string;
    pendingServiceRoutingId: string;
}

/** The waiting PSRs, and each one the router cannot read (set aside as unroutable, never blocking the others). */
export interface WaitingPsrs {
    psrs: PsrRecord[];
    unusable: UnusableRecordError[];
}

/** What the router asks Salesforce; an interface so routing tests can use a fake. */
export interface OmniApi {
    /** Rejects with UnusableRecordError when the PSR exists but lacks a field routing needs. */
    getPsr(id: string): Promise<PsrRecord | null>;
    waitingPsrs(): Promise<WaitingPsrs>;
    /**
     * Every AgentWork of this PSR: the Declined / DeclinedOnPushTimeout / Unavailable ones say
     * who must not get it again, an Assigned / Opened one that it is routed (idempotency check).
     */
    workForPsr(psrId: string): Promise<AgentWorkRecord[]>;
    /** The same for many PSRs at once (the seed), in as few queries as the SOQL length allows. */
    workForPsrs(psrIds: readonly string[]): Promise<AgentWorkRecord[]>;
    openWork(): Promise<AgentWorkRecord[]>;
    agentWorkByIds(ids: readonly string[]): Promise<AgentWorkRecord[]>;
    currentPresences(): Promise<PresenceRecord[]>;
    presencesByIds(ids: readonly string[]): Promise<PresenceRecord[]>;
    statusChannels(): Promise<StatusChannelRecord[]>;
    insertAgentWork(work: NewAgentWork): Promise<string>;
}

export class RestOmniApi implements OmniApi {
    /**
     * `onUnusable`: an AgentWork / presence / status record in a list that cannot be read is
     * left out of that list (reported here) rather than failing the whole query.
     */
    constructor(
        private readonly rest: RestClient,
        private readonly onUnusable: (error: UnusableRecordError) => void = () => undefined
    ) {}

    private each<T>(rows: SObjectRecord[], parse: (row: SObjectRecord) => T): T[] {
        const { records, unusable } = parseEach(rows, parse);
        for (const error of unusable) this.onUnusable(error);
        return records;
    }

    async getPsr(id: string): Promise<PsrRecord | null> {
        const rows = await this.rest.query(`SELECT ${PSR_FIELDS} FROM PendingServiceRouting WHERE Id = '${checkId(id)}'`);
        return rows.length ? parsePsr(rows[0]) : null;
    }

    /**
     * Many PSRs in one query (at most 200 ids): each id maps to its record, or to the typed
     * error of a record that cannot be read; an id missing from the map no longer exists.
     */
    async psrsByIds(ids: readonly string[]): Promise<Map<string, PsrRecord | UnusableRecordError>> {
        const out = new Map<string, PsrRecord | UnusableRecordError>();
        if (ids.length === 0) return out;
        if (ids.length > 200) throw new RangeError('at most 200 ids per query');
        const rows = await this.rest.query(`SELECT ${PSR_FIELDS} FROM PendingServiceRouting WHERE Id IN (${quoteIds(ids)})`);
        for (const row of rows) {
            const { records, unusable } = parseEach([row], parsePsr);
            const id = records[0]?.id ?? unusable[0]?.recordId;
            if (id) out.set(id, records[0] ?? unusable[0]);
        }
        return out;
    }

    async waitingPsrs(): Promise<WaitingPsrs> {
        const rows = await this.rest.query(
            `SELECT ${PSR_FIELDS} FROM PendingServiceRouting WHERE RoutingModel = 'ExternalRouting' AND IsPushed = false AND IsReadyForRouting = true`
        );
        const { records, unusable } = parseEach(rows, parsePsr);
        return { psrs: records, unusable };
    }

    async workForPsr(psrId: string): Promise<AgentWorkRecord[]> {
        const rows = await this.rest.query(`SELECT ${WORK_FIELDS} FROM AgentWork WHERE PendingServiceRoutingId = '${checkId(psrId)}'`);
        return this.each(rows, parseAgentWork);
    }

    async workForPsrs(psrIds: readonly string[]): Promise<AgentWorkRecord[]> {
        const out: AgentWorkRecord[] = [];
        // 200 ids keep the query well under SOQL's 100,000-character limit.
        for (let i = 0; i < psrIds.length; i += 200) {
            const rows = await this.rest.query(
                `SELECT ${WORK_FIELDS} FROM AgentWork WHERE PendingServiceRoutingId IN (${quoteIds(psrIds.slice(i, i + 200))})`
            );
            out.push(...this.each(rows, parseAgentWork));
        }
        return out;
    }

    async openWork(): Promise<AgentWorkRecord[]> {
        const rows = await this.rest.query(`SELECT ${WORK_FIELDS} FROM AgentWork WHERE Status IN ('Assigned','Opened')`);
        return this.each(rows, parseAgentWork);
    }

    async agentWorkByIds(ids: readonly string[]): Promise<AgentWorkRecord[]> {
        if (ids.length === 0) return [];
        const rows = await this.rest.query(`SELECT ${WORK_FIELDS} FROM AgentWork WHERE Id IN (${quoteIds(ids)})`);
        return this.each(rows, parseAgentWork);
    }

    async currentPresences(): Promise<PresenceRecord[]> {
        const rows = await this.rest.query(`SELECT ${PRESENCE_FIELDS} FROM UserServicePresence WHERE IsCurrentState = true`);
        return this.each(rows, parsePresence);
    }

    async presencesByIds(ids: readonly string[]): Promise<PresenceRecord[]> {
        if (ids.length === 0) return [];
        const rows = await this.rest.query(`SELECT ${PRESENCE_FIELDS} FROM UserServicePresence WHERE Id IN (${quoteIds(ids)})`);
        return this.each(rows, parsePresence);
    }

    async statusChannels(): Promise<StatusChannelRecord[]> {
        const rows = await this.rest.query('SELECT ServicePresenceStatusId, ServiceChannelId FROM ServiceChannelStatus');
        return this.each(rows, parseStatusChannel);
    }

    /** Up to 200 inserts in one call (sObject Collections): per work, its AgentWork id or its own refusal. */
    insertAgentWorks(works: readonly NewAgentWork[]): Promise<Array<string | SalesforceApiError>> {
        return this.rest.createMany('AgentWork', works.map(agentWorkFields));
    }

    insertAgentWork(work: NewAgentWork): Promise<string> {
        return this.rest.create('AgentWork', agentWorkFields(work));
    }
}
