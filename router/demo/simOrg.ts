/**
 * Adapter: the simulator engine (sim/engine, not edited here) seen as a Salesforce org by the
 * router. It answers the router's REST queries from the engine's state, turns AgentWork
 * inserts into `engine.insertAgentWork`, and publishes the engine's record changes through a
 * ChangePublisher: PushTopic events on the local Bayeux server (Streaming) or Change Data
 * Capture events on the fake Pub/Sub server (Pub/Sub), like the tests' fake org does.
 *
 * What the engine does not have and this adapter adds: UserServicePresence records (the
 * engine tracks an agent's status, not presence rows) are synthesised from login / status /
 * logout events; record times are the engine clock plus a wall-clock base; an update's
 * changed fields (CDC sends only those) come from comparing with the record as last published.
 */
import type { SimEngine, SimEvent } from '../../sim/engine/engine';
import { SimError } from '../../sim/engine/engine';
import type { AgentWork, PendingServiceRouting } from '../../sim/engine/model';
import { FakeApiError, type OrgBackend } from '../src/local/orgHttpServer.js';
import type { ChangePublisher, OrgEntity, RecordChange } from '../src/local/publishers.js';
import type { Row } from '../src/local/soql.js';

export { TOPICS as DEMO_TOPICS } from '../src/local/publishers.js';

export class SimOrgBackend implements OrgBackend {
    private readonly presences = new Map<string, Row>();
    private presenceCounter = 0;
    private readonly base = Date.now();
    /** Each record as last published, to name an update's changed fields. */
    private readonly published = new Map<string, Row>();

    constructor(
        private readonly engine: SimEngine,
        private readonly publisher: ChangePublisher
    ) {
        engine.on((event) => this.onEvent(event));
    }

    private iso(clock: number | null): string | null {
        return clock === null ? null : new Date(this.base + clock).toISOString();
    }

    private psrRow(p: PendingServiceRouting): Row {
        return {
            Id: p.id,
            WorkItemId: p.workItemId,
            ServiceChannelId: p.serviceChannelId,
            GroupId: p.groupId,
            QueueId: p.groupId,
            RoutingModel: p.routingModel,
            RoutingType: p.routingType,
            RoutingPriority: p.routingPriority,
            CapacityWeight: p.capacityWeight,
            CapacityPercentage: p.capacityPercentage,
            IsReadyForRouting: p.isReadyForRouting,
            IsPushed: p.isPushed,
            IsPushAttempted: p.isPushAttempted,
            IsTransfer: p.isTransfer,
            LastDeclinedAgentSession: p.lastDeclinedAgentSession,
            PreferredUserId: p.preferredUserId,
            IsPreferredUserRequired: p.isPreferredUserRequired,
            Serial: p.serial,
            CreatedDate: this.iso(p.createdDate)
        };
    }

    private workRow(w: AgentWork): Row {
        return {
            Id: w.id,
            UserId: w.userId,
            WorkItemId: w.workItemId,
            ServiceChannelId: w.serviceChannelId,
            PendingServiceRoutingId: w.pendingServiceRoutingId,
            Status: w.status,
            CapacityWeight: w.capacityWeight,
            CapacityPercentage: null,
            AssignedDateTime: this.iso(w.assignedDateTime),
            AcceptDateTime: this.iso(w.acceptDateTime),
            CloseDateTime: this.iso(w.closeDateTime)
        };
    }

    rows(object: string): Iterable<Row> {
        switch (object) {
            case 'PendingServiceRouting':
                return this.engine.listPsrs().map((p) => this.psrRow(p));
            case 'AgentWork':
                return this.engine.listAgentWorks().map((w) => this.workRow(w));
            case 'UserServicePresence':
                return this.presences.values();
            case 'ServiceChannelStatus':
                return this.engine
                    .statusesFor()
                    .flatMap((s) => s.channelIds.map((c) => ({ Id: `${s.id}${c}`, ServicePresenceStatusId: s.id, ServiceChannelId: c })));
            default:
                throw new FakeApiError(400, 'INVALID_TYPE', `sObject type '${object}' is not supported.`);
        }
    }

    insert(object: string, fields: Row): string {
        if (object !== 'AgentWork') throw new FakeApiError(400, 'INVALID_TYPE', `insert of ${object} is not supported`);
        try {
            return this.engine.insertAgentWork({
                pendingServiceRoutingId: String(fields.PendingServiceRoutingId),
                userId: String(fields.UserId),
                serviceChannelId: String(fields.ServiceChannelId),
                workItemId: String(fields.WorkItemId)
            }).id;
        } catch (error) {
            if (error instanceof SimError) throw new FakeApiError(400, `FIELD_INTEGRITY_EXCEPTION`, `${error.code}: ${error.message}`);
            throw error;
        }
    }

    private publish(entity: OrgEntity, change: RecordChange, row: Row): void {
        const id = String(row.Id);
        const before = this.published.get(id);
        const changed = before ? Object.keys(row).filter((k) => row[k] !== before[k]) : Object.keys(row);
        if (change === 'deleted') this.published.delete(id);
        else this.published.set(id, { ...row });
        this.publisher.publish(entity, change, row, changed);
    }

    private setPresence(userId: string, statusId: string | null): void {
        for (const p of this.presences.values()) {
            if (p.UserId === userId && p.IsCurrentState) {
                p.IsCurrentState = false;
                p.StatusEndDate = this.iso(this.engine.now);
                this.publish('UserServicePresence', 'updated', { ...p });
            }
        }
        if (statusId === null) return;
        this.presenceCounter += 1;
        const row: Row = {
            Id: `0NgSM${String(this.presenceCounter).padStart(10, '0')}`,
            UserId: userId,
            ServicePresenceStatusId: statusId,
            IsCurrentState: true,
            ConfiguredCapacity: this.engine.configOf(userId).capacity,
            StatusStartDate: this.iso(this.engine.now),
            StatusEndDate: null
        };
        this.presences.set(row.Id as string, row);
        this.publish('UserServicePresence', 'created', { ...row });
    }

    private onEvent(event: SimEvent): void {
        switch (event.type) {
            case 'statusChanged':
                return this.setPresence(event.userId, event.statusId);
            case 'logout':
                return this.setPresence(event.userId, null);
            case 'agentWorkChanged': {
                const row = this.workRow(event.work);
                this.publish('AgentWork', this.published.has(event.work.id) ? 'updated' : 'created', row);
                return;
            }
            case 'psrChanged':
                // The PushTopic's WHERE RoutingModel = 'ExternalRouting' (the CDC channel's filter too).
                if (event.psr.routingModel !== 'ExternalRouting') return;
                this.publish('PendingServiceRouting', event.change, this.psrRow(event.psr));
                return;
            default:
        }
    }
}
