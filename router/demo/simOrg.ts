/**
 * Adapter: the simulator engine (sim/engine, not edited here) seen as a Salesforce org by the
 * router. It answers the router's REST queries from the engine's state, turns AgentWork
 * inserts into `engine.insertAgentWork`, and publishes the engine's changes as PushTopic
 * events on the local Bayeux server.
 *
 * What the engine does not have and this adapter adds: UserServicePresence records (the
 * engine tracks an agent's status, not presence rows) are synthesised from login / status /
 * logout events, and record times are the engine clock plus a wall-clock base.
 */
import type { SimEngine, SimEvent } from '../../sim/engine/engine';
import { SimError } from '../../sim/engine/engine';
import type { AgentWork, PendingServiceRouting } from '../../sim/engine/model';
import type { LocalBayeuxServer } from '../src/local/bayeuxServer.js';
import { FakeApiError, type OrgBackend } from '../src/local/orgHttpServer.js';
import type { Row } from '../src/local/soql.js';

export const DEMO_TOPICS = { psr: 'PSRPushTopic', agentWork: 'AgentWorkTopic', presence: 'PresenceTopic' } as const;

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

export class SimOrgBackend implements OrgBackend {
    private readonly presences = new Map<string, Row>();
    /** The engine forgets which PSR an accepted AgentWork came from; the router's queries don't need it after that. */
    private presenceCounter = 0;
    private readonly base = Date.now();

    constructor(
        private readonly engine: SimEngine,
        private readonly bayeux: LocalBayeuxServer
    ) {
        engine.on((event) => this.onEvent(event));
    }

    private iso(clock: number): string {
        return new Date(this.base + clock).toISOString();
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
            CapacityPercentage: null
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

    private setPresence(userId: string, statusId: string | null): void {
        for (const p of this.presences.values()) {
            if (p.UserId === userId && p.IsCurrentState) {
                p.IsCurrentState = false;
                this.bayeux.publish(DEMO_TOPICS.presence, 'updated', { ...p });
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
            StatusStartDate: this.iso(this.engine.now)
        };
        this.presences.set(row.Id as string, row);
        this.bayeux.publish(DEMO_TOPICS.presence, 'created', { ...row });
    }

    private onEvent(event: SimEvent): void {
        switch (event.type) {
            case 'statusChanged':
                return this.setPresence(event.userId, event.statusId);
            case 'logout':
                return this.setPresence(event.userId, null);
            case 'agentWorkChanged': {
                const row = this.workRow(event.work);
                this.bayeux.publish(DEMO_TOPICS.agentWork, event.work.status === 'Assigned' ? 'created' : 'updated', {
                    ...row,
                    Status: STATUS_CODE[event.work.status]
                });
                return;
            }
            case 'psrChanged': {
                // The PushTopic's WHERE RoutingModel = 'ExternalRouting', with the guide's fields.
                if (event.psr.routingModel !== 'ExternalRouting') return;
                const row = this.psrRow(event.psr);
                const type = event.change === 'created' ? 'created' : event.change === 'updated' ? 'updated' : 'deleted';
                this.bayeux.publish(DEMO_TOPICS.psr, type, {
                    Id: row.Id,
                    Serial: row.Serial,
                    QueueId: row.QueueId,
                    WorkItemId: row.WorkItemId,
                    IsPushed: row.IsPushed,
                    ServiceChannelId: row.ServiceChannelId,
                    LastDeclinedAgentSession: row.LastDeclinedAgentSession,
                    CreatedDate: row.CreatedDate
                });
                return;
            }
            default:
        }
    }
}
