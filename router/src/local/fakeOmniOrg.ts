/**
 * A small fake org for tests and the bench: PendingServiceRouting, AgentWork,
 * UserServicePresence and ServiceChannelStatus records behaving as the External Routing
 * guide's expected-behaviour scenarios say. Every record change goes to a ChangePublisher:
 * PushTopic events on a local Bayeux server or Change Data Capture events on the fake
 * Pub/Sub server (./publishers.ts). (The demo uses the fuller simulator engine instead.)
 */
import { FakeApiError, type OrgBackend } from './orgHttpServer.js';
import type { ChangePublisher, OrgEntity, RecordChange } from './publishers.js';
import type { Row } from './soql.js';

export { TOPICS } from './publishers.js';

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
    /**
     * Field values as stored, over the ones above (bad records: `{ ServiceChannelId: null }`
     * is a PSR the router cannot route; `{ RoutingModel: null }` one nobody routes).
     */
    raw?: Row;
}

export class FakeOmniOrg implements OrgBackend {
    readonly psrs = new Map<string, Row>();
    readonly works = new Map<string, Row>();
    readonly presences = new Map<string, Row>();
    readonly statusChannels: Row[] = [];
    /** AgentWork by PendingServiceRoutingId (tests poll it often). */
    private readonly worksByPsr = new Map<string, Row[]>();
    private readonly sessions = new Map<string, string>();
    private counter = 0;
    /** Publishes AgentWork / presence changes too (the optional PushTopics, or those CDC channel members). */
    publishWorkAndPresence = true;
    /**
     * Accept an AgentWork insert for a PSR already pushed (creating a second AgentWork), so a
     * crash test sees duplicates instead of having the fake hide them.
     */
    allowInsertWhenPushed = false;
    /**
     * How long after an AgentWork insert the PSR shows IsPushed=true (0: at once; 'manual':
     * only when completePush is called). Salesforce pushes the work to the agent after the
     * insert; until then a re-read of the PSR still says IsPushed=false, which is what makes
     * an idempotency check necessary after a crash.
     */
    pushDelayMs: number | 'manual' = 0;
    /** PSRs whose insert was accepted while another AgentWork of theirs was still Assigned or Opened. */
    readonly doubleAssignments: string[] = [];
    private readonly pendingPushes = new Map<string, NodeJS.Timeout | null>();
    private readonly pushedListeners = new Set<(work: Row) => void>();

    constructor(private readonly publisher?: ChangePublisher) {}

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
        this.publish('UserServicePresence', 'created', presence, []);
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
                this.publish('UserServicePresence', 'updated', p, ['IsCurrentState', 'StatusEndDate']);
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
            CreatedDate: new Date().toISOString(),
            ...input.raw
        };
        this.psrs.set(psr.Id as string, psr);
        this.publish('PendingServiceRouting', 'created', psr, []);
        return psr.Id as string;
    }

    /** Some other change to a waiting PSR (a flow, an admin: RoutingPriority...); Serial increments. */
    changePsr(psrId: string, changes: Row): void {
        const psr = this.psrs.get(psrId);
        if (!psr) throw new Error(`no PendingServiceRouting ${psrId}`);
        this.updatePsr(psr, changes);
    }

    /** Every PSR change increments Serial (the router orders and de-duplicates by it). */
    private updatePsr(psr: Row, changes: Row): void {
        Object.assign(psr, changes);
        psr.Serial = (psr.Serial as number) + 1;
        psr.LastModifiedDate = new Date().toISOString();
        this.publish('PendingServiceRouting', 'updated', psr, [...Object.keys(changes), 'Serial', 'LastModifiedDate']);
    }

    private deletePsr(psrId: string): void {
        const psr = this.psrs.get(psrId);
        if (!psr) return;
        this.psrs.delete(psrId);
        this.cancelPush(psrId);
        // A delete changes no field: a PushTopic delete notification carries the record's last
        // values, Serial included (the router must not take it for a stale update).
        this.publish('PendingServiceRouting', 'deleted', psr, []);
    }

    private setWorkStatus(work: Row, status: string): void {
        work.Status = status;
        const changed = ['Status'];
        const now = new Date().toISOString();
        const stamp = status === 'Opened' ? 'AcceptDateTime' : status === 'Closed' ? 'CloseDateTime' : null;
        if (stamp) {
            work[stamp] = now;
            changed.push(stamp);
        }
        this.publish('AgentWork', 'updated', work, changed);
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
        if (this.worksFor(String(psr.Id)).some((w) => w.Status === 'Assigned' || w.Status === 'Opened'))
            this.doubleAssignments.push(String(psr.Id));
        const work: Row = {
            Id: this.id('0Bz'),
            UserId: userId,
            WorkItemId: psr.WorkItemId,
            ServiceChannelId: psr.ServiceChannelId,
            PendingServiceRoutingId: psr.Id,
            Status: 'Assigned',
            CapacityWeight: weight,
            CapacityPercentage: psr.CapacityPercentage,
            AssignedDateTime: new Date().toISOString(),
            CreatedDate: new Date().toISOString()
        };
        this.works.set(work.Id as string, work);
        const list = this.worksByPsr.get(psr.Id as string) ?? [];
        list.push(work);
        this.worksByPsr.set(psr.Id as string, list);
        this.publish('AgentWork', 'created', work, []);
        const psrId = String(psr.Id);
        if (this.pushDelayMs === 0) this.markPushed(psrId, work);
        else if (!this.pendingPushes.has(psrId)) {
            const delay = this.pushDelayMs;
            this.pendingPushes.set(psrId, delay === 'manual' ? null : setTimeout(() => this.completePush(psrId), delay));
        }
        return work.Id as string;
    }

    /** Salesforce pushed the inserted work to the agent: the PSR says IsPushed=true. */
    completePush(psrId: string): void {
        this.cancelPush(psrId);
        const psr = this.psrs.get(psrId);
        const work = this.worksFor(psrId)
            .reverse()
            .find((w) => w.Status === 'Assigned');
        if (psr && work && !psr.IsPushed) this.markPushed(psrId, work);
    }

    /** PSRs whose inserted work has not been pushed yet. */
    pendingPushIds(): string[] {
        return [...this.pendingPushes.keys()];
    }

    /** Completes every push still pending (pushDelayMs 'manual'). */
    completeAllPushes(): void {
        for (const psrId of [...this.pendingPushes.keys()]) this.completePush(psrId);
    }

    get pendingPushCount(): number {
        return this.pendingPushes.size;
    }

    private cancelPush(psrId: string): void {
        const timer = this.pendingPushes.get(psrId);
        if (timer) clearTimeout(timer);
        this.pendingPushes.delete(psrId);
    }

    private markPushed(psrId: string, work: Row): void {
        this.updatePsr(this.psrs.get(psrId)!, { IsPushed: true, IsPushAttempted: true });
        for (const listener of this.pushedListeners) listener(work);
    }

    /** Called with the AgentWork each time work is pushed to an agent (the agent's console shows it). */
    onWorkPushed(listener: (work: Row) => void): () => void {
        this.pushedListeners.add(listener);
        return () => this.pushedListeners.delete(listener);
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
        const psrId = String(work.PendingServiceRoutingId);
        this.cancelPush(psrId);
        const psr = this.psrs.get(psrId);
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

    /**
     * Transfer to an agent, as the guide's expected behaviour describes it: no new PSR (the
     * original one was deleted when the work was accepted); a second AgentWork for the same
     * work item, Assigned to the other agent, while the first stays Opened (it holds the first
     * agent's capacity until they close it). The router only hears AgentWork.
     */
    transferToAgent(workId: string, userId: string): string {
        const work = this.work(workId, 'Opened');
        const next: Row = {
            ...work,
            Id: this.id('0Bz'),
            UserId: userId,
            Status: 'Assigned',
            PendingServiceRoutingId: null,
            AssignedDateTime: new Date().toISOString(),
            AcceptDateTime: null,
            CreatedDate: new Date().toISOString()
        };
        this.works.set(next.Id as string, next);
        this.publish('AgentWork', 'created', next, []);
        return next.Id as string;
    }

    /** AgentWork inserted for this PSR, oldest first. */
    worksFor(psrId: string): Row[] {
        return [...(this.worksByPsr.get(psrId) ?? [])];
    }

    /** Stops pending push timers (the world is closing). */
    dispose(): void {
        for (const psrId of [...this.pendingPushes.keys()]) this.cancelPush(psrId);
    }

    private publish(entity: OrgEntity, change: RecordChange, row: Row, changedFields: readonly string[]): void {
        if (!this.publisher) return;
        if (entity !== 'PendingServiceRouting' && !this.publishWorkAndPresence) return;
        this.publisher.publish(entity, change, row, changedFields);
    }
}
