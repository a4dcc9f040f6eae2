/**
 * How the fake org tells the router about record changes, in the two ways Salesforce does:
 *
 * - PushTopicPublisher: PushTopic events on the local Bayeux server (Streaming API). Each
 *   event carries the topic query's fields of the record; AgentWork.Status as its numeric
 *   code; with NotifyForFields=Referenced an update is only sent when a field of the topic
 *   changed.
 * - CdcPublisher: Change Data Capture events on the fake Pub/Sub server (Pub/Sub API). CREATE
 *   carries every non-null field, UPDATE only the changed ones (named in the header's
 *   changedFields bitmap, nulled ones in nulledFields), DELETE none; the header has the
 *   entity, record id, change type and commit time; date/times are epoch milliseconds.
 *
 * Not part of the service: used by the tests, the demo and the bench.
 */
import type { LocalBayeuxServer } from './bayeuxServer.js';
import type { FakePubSubServer } from './pubsub/fakePubSubServer.js';
import { OMNI_SCHEMAS, type OmniEntity } from './pubsub/cdcSchemas.js';
import type { Row } from './soql.js';

export type OrgEntity = OmniEntity;
export type RecordChange = 'created' | 'updated' | 'deleted';

export interface ChangePublisher {
    /** `changedFields`: the fields an update set (ignored for created / deleted). */
    publish(entity: OrgEntity, change: RecordChange, row: Row, changedFields: readonly string[]): void;
}

/** The PushTopics created by scripts/apex/create-pushtopic.apex. */
export const TOPICS = { psr: 'PSRPushTopic', agentWork: 'AgentWorkTopic', presence: 'PresenceTopic' } as const;

/** Fields of each topic's query (the PSR one is the External Routing guide's). */
export const TOPIC_FIELDS: Record<OrgEntity, readonly string[]> = {
    PendingServiceRouting: [
        'Id',
        'Serial',
        'QueueId',
        'WorkItemId',
        'IsPushed',
        'ServiceChannelId',
        'LastDeclinedAgentSession',
        'CreatedDate'
    ],
    AgentWork: [
        'Id',
        'UserId',
        'Status',
        'PendingServiceRoutingId',
        'ServiceChannelId',
        'CapacityWeight',
        'CapacityPercentage',
        'WorkItemId'
    ],
    UserServicePresence: ['Id', 'UserId', 'ServicePresenceStatusId', 'IsCurrentState', 'ConfiguredCapacity', 'StatusStartDate']
};

const TOPIC_OF: Record<OrgEntity, string> = {
    PendingServiceRouting: TOPICS.psr,
    AgentWork: TOPICS.agentWork,
    UserServicePresence: TOPICS.presence
};

/** PushTopic events carry AgentWork.Status as its database code (the guide's list). */
export const STATUS_CODE: Record<string, number> = {
    Assigned: 0,
    Unavailable: 1,
    Declined: 2,
    Opened: 3,
    Closed: 4,
    DeclinedOnPushTimeout: 5,
    Canceled: 6,
    Transferred: 7
};

export class PushTopicPublisher implements ChangePublisher {
    constructor(
        private readonly bayeux: LocalBayeuxServer,
        /** Topic names, if not the defaults. */
        private readonly topics: Record<OrgEntity, string> = TOPIC_OF
    ) {}

    publish(entity: OrgEntity, change: RecordChange, row: Row, changedFields: readonly string[]): void {
        const fields = TOPIC_FIELDS[entity];
        // NotifyForFields=Referenced: an update that touches none of the topic's fields sends nothing.
        if (change === 'updated' && !changedFields.some((f) => fields.includes(f))) return;
        const sobject: Row = Object.fromEntries(fields.map((f) => [f, row[f] ?? null]));
        if (entity === 'AgentWork') sobject.Status = STATUS_CODE[String(row.Status)];
        this.bayeux.publish(this.topics[entity], change, sobject);
    }
}

type AvroKind = 'string' | 'boolean' | 'int' | 'long' | 'double';

/** Field name -> Avro type of each entity's change event schema. */
const FIELD_KINDS: Record<OrgEntity, ReadonlyMap<string, AvroKind>> = Object.fromEntries(
    Object.entries(OMNI_SCHEMAS).map(([entity, schema]) => [
        entity,
        new Map(
            (schema.fields as Array<{ name: string; type: unknown }>)
                .filter((f) => f.name !== 'ChangeEventHeader')
                .map((f) => [f.name, (f.type as [string, AvroKind])[1]])
        )
    ])
) as unknown as Record<OrgEntity, ReadonlyMap<string, AvroKind>>;

/** A record value as the change event schema types it (date/times as epoch ms). */
function avroValue(kind: AvroKind, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    switch (kind) {
        case 'long':
            return typeof value === 'string' ? Date.parse(value) : Math.round(Number(value));
        case 'int':
            return Math.round(Number(value));
        case 'double':
            return Number(value);
        case 'boolean':
            return value === true || value === 'true';
        default:
            return String(value);
    }
}

export class CdcPublisher implements ChangePublisher {
    /** Change events published, by entity (tests and the bench read it). */
    readonly counts: Record<OrgEntity, number> = { PendingServiceRouting: 0, AgentWork: 0, UserServicePresence: 0 };

    constructor(private readonly pubsub: FakePubSubServer) {}

    publish(entity: OrgEntity, change: RecordChange, row: Row, changedFields: readonly string[]): void {
        const kinds = FIELD_KINDS[entity];
        const recordIds = [String(row.Id)];
        this.counts[entity]++;
        if (change === 'deleted') {
            this.pubsub.publish(entity, { changeType: 'DELETE', recordIds });
            return;
        }
        const values: Record<string, unknown> = {};
        if (change === 'created') {
            for (const [name, kind] of kinds) values[name] = avroValue(kind, row[name]);
            this.pubsub.publish(entity, { changeType: 'CREATE', recordIds, values, commitTimestamp: Date.now() });
            return;
        }
        const changed = changedFields.filter((f) => kinds.has(f));
        if (changed.length === 0) return; // nothing the event schema carries changed
        for (const name of changed) values[name] = avroValue(kinds.get(name)!, row[name]);
        this.pubsub.publish(entity, {
            changeType: 'UPDATE',
            recordIds,
            values,
            changed,
            nulled: changed.filter((f) => values[f] === null),
            commitTimestamp: Date.now()
        });
    }
}
