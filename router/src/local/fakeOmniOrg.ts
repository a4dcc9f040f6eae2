/**
 * A small fake org for tests and the bench: PendingServiceRouting, AgentWork,
 * UserServicePresence and ServiceChannelStatus records behaving as the External Routing
 * guide's expected-behaviour scenarios say, publishing PushTopic events to a local Bayeux
 * server. (The demo uses the fuller simulator engine instead.)
 */
import type { LocalBayeuxServer } from './bayeuxServer.js';
import { FakeApiError, type OrgBackend } from './orgHttpServer.js';
import type { Row } from './soql.js';

export const TOPICS = { psr: 'PSRPushTopic', agentWork: 'AgentWorkTopic', presence: 'PresenceTopic' } as const;

/** Fields of the guide's PSR PushTopic query. */
const PSR_TOPIC_FIELDS = [
    'Id',
    'Serial',
    'QueueId',
    'WorkItemId',
    'IsPushed',
    'ServiceChannelId',
    'LastDeclinedAgentSession',
    'CreatedDate'
];
const WORK_TOPIC_FIELDS = [
    'Id',
    'UserId',
    'Status',
    'PendingServiceRoutingId',
    'ServiceChannelId',
    'CapacityWeight',
    'CapacityPercentage',
    'WorkItemId'
];
const PRESENCE_TOPIC_FIELDS = ['Id', 'UserId', 'ServicePresenceStatusId', 'IsCurrentState', 'ConfiguredCapacity', 'StatusStartDate'];
/** PushTopic events carry AgentWork.Status as its numeric code. */
const STATUS_CODE: Record<string, number> = {
    Assigned: 0,
    Unavailable: 1,
    Declined: 2,
    Opened: 3,
    Closed: 4,
    DeclinedOnPushTimeout: 5,
    Canceled: 6,
    Transferred: 7
};

export interface NewPsr {
    channelId: string;
    workItemId?: string;
    capacityWeight?: number | null;
    capacityPercentage?: number | null;
    preferredUserId?: string | null;
    isPreferredUserRequired?: boolean;
    isTransfer?: boolean;
    routingPriority?: number;
    queueId?: string;
}

const pick = (row: Row, fields: string[]) => Object.fromEntries(fields.map((f) => [f, row[f] ?? null]));

export class FakeOmniOrg implements OrgBackend {
    readonly psrs = new Map<string, Row>();
    readonly works = new Map<string, Row>();
    readonly presences = new Map<string, Row>();
    readonly statusChannels: Row[] = [];
    /** AgentWork by PendingServiceRoutingId (tests poll it often). */
    private readonly worksByPsr = new Map<string, Row[]>();
    private readonly sessions = new Map<string, string>();
    private counter = 0;
    /** Publishes AgentWork / presence events too (the optional PushTopics). */
    publishWorkAndPresence = true;
    /**
     * Accept an AgentWork insert for a PSR already pushed (creating a second AgentWork), so a
     * crash test sees duplicates instead of having the fake hide them.
     */
    allowInsertWhenPushed = false;

    constructor(private readonly bayeux?: LocalBayeuxServer) {}

    id(prefix: string): string {
        this.counter += 1;
        return `${prefix}FK${String(this.counter).padStart(10, '0')}`;
    }

    // ----- setup and agents

    addStatus(statusId: string, channelIds: string[]): void {
        for (const channelId of channelIds)
            this.statusChannels.push({ Id: this.id('0N6'), ServicePresenceStatusId: statusId, ServiceChannelId: channelId });
    }

    /** Sets the agent's presence (a new current UserServicePresence; the previous one closes). */
    login(userId: string, statusId: string, capacity: number): string {
        this.closePresence(userId);
        const presence: Row = {
            Id: this.id('0Ng'),
            UserId: userId,
            ServicePresenceStatusId: statusId,
            IsCurrentState: true,
            ConfiguredCapacity: capacity,
            StatusStartDate: new Date().toISOString()
        };
        this.presences.set(presence.Id as string, presence);
        this.sessions.set(userId, this.id('0Hn'));
        this.publish(TOPICS.presence, 'created', presence, PRESENCE_TOPIC_FIELDS);
        return presence.Id as string;
    }

    logout(userId: string): void {
        this.closePresence(userId);
    }

    private closePresence(userId: string): void {
        for (const p of this.presences.values()) {
            if (p.UserId === userId && p.IsCurrentState) {
                p.IsCurrentState = false;
                p.StatusEndDate = new Date().toISOString();
                this.publish(TOPICS.presence, 'updated', p, PRESENCE_TOPIC_FIELDS);
            }
        }
    }

    // ----- routing records

    createPsr(input: NewPsr): string {
        const psr: Row = {
            Id: this.id('0JR'),
            WorkItemId: input.workItemId ?? this.id('570'),
            ServiceChannelId: input.channelId,
            GroupId: input.queueId ?? '00GFK0000000001',
            QueueId: input.queueId ?? '00GFK0000000001',
            RoutingModel: 'ExternalRouting',
            RoutingType: 'QueueBased',
            RoutingPriority: input.routingPriority ?? 1,
            CapacityWeight: input.capacityWeight === undefined ? 1 : input.capacityWeight,
            CapacityPercentage: input.capacityPercentage ?? null,
            IsReadyForRouting: true,
            IsPushed: false,
            IsPushAttempted: false,
            IsTransfer: input.isTransfer ?? false,
            LastDeclinedAgentSession: null,
            PreferredUserId: input.preferredUserId ?? null,
            IsPreferredUserRequired: input.isPreferredUserRequired ?? false,
            Serial: 1,
            CreatedDate: new Date().toISOString()
        };
        this.psrs.set(psr.Id as string, psr);
        this.publish(TOPICS.psr, 'created', psr, PSR_TOPIC_FIELDS);
        return psr.Id as string;
    }

    private updatePsr(psr: Row, changes: Row): void {
        Object.assign(psr, changes);
        psr.Serial = (psr.Serial as number) + 1;
        this.publish(TOPICS.psr, 'updated', psr, PSR_TOPIC_FIELDS);
    }

    private deletePsr(psrId: string): void {
        const psr = this.psrs.get(psrId);
        if (!psr) return;
        this.psrs.delete(psrId);
        psr.Serial = (psr.Serial as number) + 1;
        this.publish(TOPICS.psr, 'deleted', psr, PSR_TOPIC_FIELDS);
    }

    private setWorkStatus(work: Row, status: string): void {
        work.Status = status;
        this.publish(TOPICS.agentWork, 'updated', work, WORK_TOPIC_FIELDS);
    }

    private currentPresence(userId: string): Row | undefined {
        for (const p of this.presences.values()) if (p.UserId === userId && p.IsCurrentState) return p;
        return undefined;
    }

    private load(userId: string): number {
        let total = 0;
        for (const w of this.works.values())
            if (w.UserId === userId && (w.Status === 'Assigned' || w.Status === 'Opened')) total += w.CapacityWeight as number;
        return total;
    }

    // ----- OrgBackend (the REST stand-in)

    rows(object: string): Iterable<Row> {
        switch (object) {
            case 'PendingServiceRouting':
                return this.psrs.values();
            case 'AgentWork':
                return this.works.values();
            case 'UserServicePresence':
                return this.presences.values();
            case 'ServiceChannelStatus':
                return this.statusChannels;
            default:
                throw new FakeApiError(400, 'INVALID_TYPE', `sObject type '${object}' is not supported.`);
        }
    }

    insert(object: string, fields: Row): string {
        if (object !== 'AgentWork') throw new FakeApiError(400, 'INVALID_TYPE', `insert of ${object} is not supported here`);
        const psr = this.psrs.get(String(fields.PendingServiceRoutingId));
        if (!psr) throw new FakeApiError(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id: PendingServiceRoutingId');
        if (psr.WorkItemId !== fields.WorkItemId || psr.ServiceChannelId !== fields.ServiceChannelId)
            throw new FakeApiError(
                400,
                'FIELD_INTEGRITY_EXCEPTION',
                'WorkItemId and ServiceChannelId must match the PendingServiceRouting'
            );
        if (psr.IsPushed && !this.allowInsertWhenPushed)
            throw new FakeApiError(400, 'FIELD_INTEGRITY_EXCEPTION', 'this work item is already pushed to an agent');
        const userId = String(fields.UserId);
        const presence = this.currentPresence(userId);
        const online =
            presence &&
            this.statusChannels.some(
                (s) => s.ServicePresenceStatusId === presence.ServicePresenceStatusId && s.ServiceChannelId === psr.ServiceChannelId
            );
        if (!presence || !online)
            throw new FakeApiError(400, 'FIELD_INTEGRITY_EXCEPTION', 'The agent is not online on this service channel');
        const capacity = presence.ConfiguredCapacity as number;
        const weight =
            psr.CapacityWeight !== null ? (psr.CapacityWeight as number) : (capacity * ((psr.CapacityPercentage as number) ?? 0)) / 100;
        if (this.load(userId) + weight > capacity)
            throw new FakeApiError(400, 'FIELD_INTEGRITY_EXCEPTION', 'The agent has no capacity for this work');
        const work: Row = {
            Id: this.id('0Bz'),
            UserId: userId,
            WorkItemId: psr.WorkItemId,
            ServiceChannelId: psr.ServiceChannelId,
            PendingServiceRoutingId: psr.Id,
            Status: 'Assigned',
            CapacityWeight: weight,
            CapacityPercentage: psr.CapacityPercentage,
            CreatedDate: new Date().toISOString()
        };
        this.works.set(work.Id as string, work);
        const list = this.worksByPsr.get(psr.Id as string) ?? [];
        list.push(work);
        this.worksByPsr.set(psr.Id as string, list);
        this.publish(TOPICS.agentWork, 'created', work, WORK_TOPIC_FIELDS);
        this.updatePsr(psr, { IsPushed: true, IsPushAttempted: true });
        return work.Id as string;
    }

    // ----- agents acting on pushed work (the guide's scenarios)

    private work(workId: string, status?: string): Row {
        const work = this.works.get(workId);
        if (!work) throw new Error(`no AgentWork ${workId}`);
        if (status && work.Status !== status) throw new Error(`AgentWork ${workId} is ${String(work.Status)}, not ${status}`);
        return work;
    }

    /** Accepts: AgentWork Opened, the PSR is deleted. */
    accept(workId: string): void {
        const work = this.work(workId, 'Assigned');
        this.setWorkStatus(work, 'Opened');
        this.deletePsr(String(work.PendingServiceRoutingId));
    }

    /** Declines (or times out): AgentWork Declined / DeclinedOnPushTimeout, the PSR goes back (IsPushed=false). */
    decline(workId: string, status: 'Declined' | 'DeclinedOnPushTimeout' = 'Declined'): void {
        const work = this.work(workId, 'Assigned');
        this.setWorkStatus(work, status);
        const psr = this.psrs.get(String(work.PendingServiceRoutingId));
        if (psr) this.updatePsr(psr, { IsPushed: false, LastDeclinedAgentSession: this.sessions.get(String(work.UserId)) ?? null });
    }

    pushTimeout(workId: string): void {
        this.decline(workId, 'DeclinedOnPushTimeout');
    }

    close(workId: string): void {
        this.setWorkStatus(this.work(workId, 'Opened'), 'Closed');
    }

    /** Transfer to an external-routing queue: a new PSR with IsTransfer=true. */
    transferToQueue(workId: string): string {
        const work = this.work(workId, 'Opened');
        this.setWorkStatus(work, 'Transferred');
        return this.createPsr({ channelId: String(work.ServiceChannelId), workItemId: String(work.WorkItemId), isTransfer: true });
    }

    /** Transfer to an agent: Omni itself creates the new AgentWork (no PSR); the router only hears AgentWork. */
    transferToAgent(workId: string, userId: string): string {
        const work = this.work(workId, 'Opened');
        this.setWorkStatus(work, 'Transferred');
        const next: Row = { ...work, Id: this.id('0Bz'), UserId: userId, Status: 'Assigned', PendingServiceRoutingId: null };
        this.works.set(next.Id as string, next);
        this.publish(TOPICS.agentWork, 'created', next, WORK_TOPIC_FIELDS);
        return next.Id as string;
    }

    /** AgentWork inserted for this PSR, oldest first. */
    worksFor(psrId: string): Row[] {
        return [...(this.worksByPsr.get(psrId) ?? [])];
    }

    private publish(topic: string, type: 'created' | 'updated' | 'deleted', row: Row, fields: string[]): void {
        if (!this.bayeux) return;
        if (topic !== TOPICS.psr && !this.publishWorkAndPresence) return;
        const sobject = pick(row, fields);
        if (topic === TOPICS.agentWork) sobject.Status = STATUS_CODE[String(row.Status)];
        this.bayeux.publish(topic, type, sobject);
    }
}
