/**
 * A fake Salesforce Pub/Sub API for the tests, the demo and the bench: a real gRPC server
 * (grpc-js, on 127.0.0.1, port 0, plaintext or TLS) serving Subscribe, GetSchema and GetTopic
 * of the public pubsub_api.proto, with Change Data Capture schemas for the three Omni objects.
 * Not part of the service. The fake org (../fakeOmniOrg.ts, CdcPublisher) publishes its
 * record changes here as change events.
 *
 * - Retained log with 8-byte, monotonically increasing replay ids; LATEST / EARLIEST / CUSTOM
 *   starts (CUSTOM = after that replay id, which must still be retained).
 * - Pull-based flow control: never sends more events than requested and not yet sent, at most
 *   100 per FetchResponse; records how much each subscriber had outstanding.
 * - Empty FetchResponses as keepalives every `keepaliveMs` (0: none, to test time-outs).
 * - Faults: tokens refused (UNAUTHENTICATED + sfdc auth error code), replay id not retained
 *   (the sfdc replayid.corrupted error), streams failed or ended, new subscriptions refused
 *   (the daily event limit), an org data-centre move, corrupt payloads, killed server.
 */
import { createHash } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import * as avro from 'avsc';
import {
    loadPubSubService,
    type ConsumerEvent,
    type FetchRequest,
    type FetchResponse,
    type SchemaInfo,
    type TopicInfo
} from '../../transport/pubsub/proto.js';
import { ERROR_CODE_KEY } from '../../transport/pubsub/errors.js';
import { OMNI_SCHEMAS, type OmniEntity } from './cdcSchemas.js';
import { encodeChangeEvent, type ChangeEventInput } from './cdcEncode.js';

export const GOOD_TOKEN = '00DFK0000000001!AQ4AQ.fake-access-token-0123456789';
export const TENANT_ID = '00DFK0000000001EAA';
export const AUTH_ERROR = 'sfdc.platform.eventbus.grpc.service.auth.error';
export const REPLAY_ERROR = 'sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted';
export const LIMIT_ERROR = 'sfdc.platform.eventbus.grpc.subscription.limit.exceeded';
export const MAX_EVENTS_PER_RESPONSE = 100;

/** Topics served and which entities each carries. */
const TOPICS: Record<string, ReadonlySet<string>> = {
    '/data/ChangeEvents': new Set(Object.keys(OMNI_SCHEMAS)),
    '/data/OmniRouting__chn': new Set(Object.keys(OMNI_SCHEMAS)),
    '/data/ExternalRoutingChannel__chn': new Set(Object.keys(OMNI_SCHEMAS)),
    '/data/PendingServiceRoutingChangeEvent': new Set(['PendingServiceRouting']),
    '/data/AgentWorkChangeEvent': new Set(['AgentWork']),
    '/data/UserServicePresenceChangeEvent': new Set(['UserServicePresence'])
};

interface LogEntry {
    seq: bigint;
    replayId: Buffer;
    entity: string;
    schemaId: string;
    payload: Buffer;
}

/** What one Subscribe call did, for assertions. */
export interface SubscriberRecord {
    topic: string;
    preset: string;
    replayId?: Buffer;
    /** num_requested of each FetchRequest, in order. */
    requests: number[];
    /** Most events ever requested and not yet sent. */
    maxOwed: number;
    owed: number;
    sent: number;
    keepalives: number;
    ended: boolean;
}

interface Subscriber {
    call: grpc.ServerDuplexStream<FetchRequest, FetchResponse>;
    record: SubscriberRecord;
    entities: ReadonlySet<string>;
    /** seq of the next event to consider. */
    cursor: bigint;
    keepalive?: NodeJS.Timeout;
}

export interface FakePubSubOptions {
    keepaliveMs?: number;
    /** Accepted access tokens (default: GOOD_TOKEN); ignored when isTokenValid is given. */
    tokens?: string[];
    /** Checks each call's access token, e.g. against the fake org's token endpoint. */
    isTokenValid?: (token: string) => boolean;
    /** Serve TLS with this PEM certificate and key instead of plaintext. */
    tls?: { cert: Buffer; key: Buffer };
}

const REPLAY_BASE = 0x1_0000_0000n;

function replayIdOf(seq: bigint): Buffer {
    const buf = Buffer.alloc(8);
    buf.writeBigUInt64BE(REPLAY_BASE + seq);
    return buf;
}

function seqOf(replayId: Buffer): bigint | undefined {
    return replayId.length === 8 ? replayId.readBigUInt64BE() - REPLAY_BASE : undefined;
}

function grpcError(code: grpc.status, details: string, sfdcCode?: string): Partial<grpc.StatusObject> & Error {
    const metadata = new grpc.Metadata();
    if (sfdcCode) metadata.set(ERROR_CODE_KEY, sfdcCode);
    const rpcId = `rpc-${Math.random().toString(16).slice(2, 10)}`;
    metadata.set('rpc-id', rpcId);
    return Object.assign(new Error(details), { code, details: `${details}${sfdcCode ? ` (${sfdcCode})` : ''} rpcId: ${rpcId}`, metadata });
}

export class FakePubSubServer {
    private readonly server = new grpc.Server();
    private readonly log: LogEntry[] = [];
    private nextSeq = 1n;
    private readonly schemas = new Map<string, { json: string; type: avro.Type; entity: string }>();
    private readonly schemaIds = new Map<string, string>();
    private readonly subscribers = new Set<Subscriber>();
    private validTokens: Set<string>;
    private readonly isTokenValid: ((token: string) => boolean) | undefined;
    private refusal: { code: grpc.status; details: string; sfdcCode?: string } | undefined;
    private keepaliveMs: number;
    private port = 0;
    private readonly credentials: grpc.ServerCredentials;
    readonly records: SubscriberRecord[] = [];
    readonly calls = { getSchema: 0, getTopic: 0, subscribe: 0 };
    /** Tokens seen in metadata, to check the client used the current one. */
    readonly tokensSeen: string[] = [];

    private constructor(options: FakePubSubOptions) {
        this.validTokens = new Set(options.tokens ?? [GOOD_TOKEN]);
        this.isTokenValid = options.isTokenValid;
        this.keepaliveMs = options.keepaliveMs ?? 200;
        this.credentials = options.tls
            ? grpc.ServerCredentials.createSsl(null, [{ cert_chain: options.tls.cert, private_key: options.tls.key }])
            : grpc.ServerCredentials.createInsecure();
        for (const [entity, schema] of Object.entries(OMNI_SCHEMAS)) this.addSchema(entity, schema);
        const { service } = loadPubSubService();
        this.server.addService(service, {
            Subscribe: (call: grpc.ServerDuplexStream<FetchRequest, FetchResponse>) => this.subscribe(call),
            GetSchema: (call: grpc.ServerUnaryCall<{ schema_id: string }, SchemaInfo>, callback: grpc.sendUnaryData<SchemaInfo>) =>
                this.getSchema(call, callback),
            GetTopic: (call: grpc.ServerUnaryCall<{ topic_name: string }, TopicInfo>, callback: grpc.sendUnaryData<TopicInfo>) =>
                this.getTopic(call, callback)
        });
    }

    static async start(options: FakePubSubOptions = {}): Promise<FakePubSubServer> {
        const fake = new FakePubSubServer(options);
        await fake.listen(0);
        return fake;
    }

    private listen(port: number): Promise<void> {
        return new Promise((resolve, reject) =>
            this.server.bindAsync(`127.0.0.1:${port}`, this.credentials, (error, bound) => {
                if (error) return reject(error);
                this.port = bound;
                resolve();
            })
        );
    }

    get address(): string {
        return `127.0.0.1:${this.port}`;
    }

    // ---- data ----

    /** Registers a schema (by entity name) and returns its id, a fingerprint as Salesforce's are. */
    addSchema(entity: string, schema: object): string {
        const json = JSON.stringify(schema);
        const id = createHash('sha256').update(json).digest('base64url').slice(0, 22);
        this.schemas.set(id, { json, type: avro.Type.forSchema(schema as avro.Schema), entity });
        this.schemaIds.set(entity, id);
        return id;
    }

    schemaIdOf(entity: string): string {
        const id = this.schemaIds.get(entity);
        if (!id) throw new Error(`no schema for ${entity}`);
        return id;
    }

    /** Appends a change event; returns its position (base64 replay id) as the client reports it. */
    publish(entity: OmniEntity | string, input: ChangeEventInput): string {
        const schemaId = this.schemaIdOf(entity);
        return this.publishPayload(entity, schemaId, encodeChangeEvent(this.schemas.get(schemaId)!.type, entity, input));
    }

    /** Appends an event with these exact bytes (for corrupt payloads and unknown schema ids). */
    publishPayload(entity: string, schemaId: string, payload: Buffer): string {
        const seq = this.nextSeq++;
        const entry = { seq, replayId: replayIdOf(seq), entity, schemaId, payload };
        this.log.push(entry);
        for (const subscriber of this.subscribers) this.pump(subscriber);
        return entry.replayId.toString('base64');
    }

    /** A payload that does not decode: a valid event cut short. */
    publishCorrupt(entity: OmniEntity): string {
        const schemaId = this.schemaIdOf(entity);
        const good = encodeChangeEvent(this.schemas.get(schemaId)!.type, entity, {
            changeType: 'UPDATE',
            recordIds: ['0JRFK0000000001AAA']
        });
        return this.publishPayload(entity, schemaId, good.subarray(0, Math.floor(good.length / 2)));
    }

    /** Drops the `count` oldest retained events (retention passing). */
    expireOldest(count: number): void {
        this.log.splice(0, count);
    }

    get retained(): number {
        return this.log.length;
    }

    /** Position (base64) of the newest retained event. */
    get latestPosition(): string | undefined {
        return this.log.at(-1)?.replayId.toString('base64');
    }

    /** Position of the newest retained event a subscriber of `topic` receives (other entities are not sent to it). */
    latestPositionOf(topic: string): string | undefined {
        const entities = TOPICS[topic];
        if (!entities) throw new Error(`no topic ${topic}`);
        for (let i = this.log.length - 1; i >= 0; i--) if (entities.has(this.log[i].entity)) return this.log[i].replayId.toString('base64');
        return undefined;
    }

    // ---- faults ----

    setTokens(tokens: string[]): void {
        this.validTokens = new Set(tokens);
    }

    setKeepalive(ms: number): void {
        this.keepaliveMs = ms;
        for (const s of this.subscribers) this.startKeepalive(s);
    }

    /**
     * Refuses every new Subscribe call with this error (undefined: accept again), e.g.
     * RESOURCE_EXHAUSTED for the daily event delivery allocation.
     */
    refuseSubscribe(error: { code: grpc.status; details: string; sfdcCode?: string } | undefined): void {
        this.refusal = error;
    }

    /**
     * An org data-centre recovery: the retained log is gone, so every replay id handed out so
     * far is refused (the sfdc replayid error); new events get new ids.
     */
    moveDataCentre(): void {
        this.log.length = 0;
        this.nextSeq += 1_000_000n;
    }

    /** Ends every Subscribe call with an error status. */
    failStreams(code: grpc.status, details: string, sfdcCode?: string): void {
        for (const s of [...this.subscribers]) {
            this.drop(s);
            s.call.emit('error', grpcError(code, details, sfdcCode));
        }
    }

    /** Ends every Subscribe call normally (status OK), as a server going away would. */
    endStreams(): void {
        for (const s of [...this.subscribers]) {
            this.drop(s);
            s.call.end();
        }
    }

    /** The server process dies: every connection is torn down at once. */
    kill(): void {
        for (const s of [...this.subscribers]) this.drop(s);
        this.server.forceShutdown();
    }

    async close(): Promise<void> {
        this.kill();
    }

    get activeSubscribers(): number {
        return this.subscribers.size;
    }

    // ---- RPCs ----

    private authenticate(metadata: grpc.Metadata): Partial<grpc.StatusObject> | undefined {
        const token = metadata.get('accesstoken')[0];
        if (typeof token === 'string') this.tokensSeen.push(token);
        const valid = typeof token === 'string' && (this.isTokenValid ? this.isTokenValid(token) : this.validTokens.has(token));
        if (!valid || !metadata.get('instanceurl')[0]) {
            return grpcError(grpc.status.UNAUTHENTICATED, 'Invalid or expired session', AUTH_ERROR);
        }
        return undefined;
    }

    private getTopic(call: grpc.ServerUnaryCall<{ topic_name: string }, TopicInfo>, callback: grpc.sendUnaryData<TopicInfo>): void {
        this.calls.getTopic++;
        const denied = this.authenticate(call.metadata);
        if (denied) return callback(denied);
        const name = call.request.topic_name;
        if (!TOPICS[name])
            return callback(grpcError(grpc.status.NOT_FOUND, `topic ${name} not found`, 'sfdc.platform.eventbus.grpc.topic.not.found'));
        const single = [...TOPICS[name]];
        callback(null, {
            topic_name: name,
            tenant_guid: TENANT_ID,
            can_publish: false,
            can_subscribe: true,
            schema_id: single.length === 1 ? this.schemaIdOf(single[0]) : '',
            rpc_id: 'rpc-topic'
        });
    }

    private getSchema(call: grpc.ServerUnaryCall<{ schema_id: string }, SchemaInfo>, callback: grpc.sendUnaryData<SchemaInfo>): void {
        this.calls.getSchema++;
        const denied = this.authenticate(call.metadata);
        if (denied) return callback(denied);
        const schema = this.schemas.get(call.request.schema_id);
        if (!schema) return callback(grpcError(grpc.status.NOT_FOUND, `schema ${call.request.schema_id} not found`));
        callback(null, { schema_json: schema.json, schema_id: call.request.schema_id, rpc_id: 'rpc-schema' });
    }

    private subscribe(call: grpc.ServerDuplexStream<FetchRequest, FetchResponse>): void {
        this.calls.subscribe++;
        const denied = this.authenticate(call.metadata);
        if (denied) {
            call.emit('error', denied);
            return;
        }
        if (this.refusal) {
            call.emit('error', grpcError(this.refusal.code, this.refusal.details, this.refusal.sfdcCode));
            return;
        }
        let subscriber: Subscriber | undefined;
        call.on('data', (request: FetchRequest) => {
            if (!subscriber) {
                subscriber = this.firstRequest(call, request);
                if (!subscriber) return;
            } else {
                if (request.topic_name && request.topic_name !== subscriber.record.topic) {
                    this.drop(subscriber);
                    call.emit('error', grpcError(grpc.status.INVALID_ARGUMENT, 'topic_name changed'));
                    return;
                }
                this.credit(subscriber, request.num_requested ?? 0);
            }
            this.pump(subscriber);
        });
        const cleanup = () => subscriber && this.drop(subscriber);
        call.on('end', () => {
            cleanup();
            call.end();
        });
        call.on('cancelled', cleanup);
        call.on('error', cleanup);
    }

    private firstRequest(call: grpc.ServerDuplexStream<FetchRequest, FetchResponse>, request: FetchRequest): Subscriber | undefined {
        const topic = request.topic_name ?? '';
        const entities = TOPICS[topic];
        if (!entities) {
            call.emit('error', grpcError(grpc.status.NOT_FOUND, `topic ${topic} not found`));
            return undefined;
        }
        const preset = request.replay_preset ?? 'LATEST';
        let cursor: bigint;
        if (preset === 'EARLIEST') cursor = this.log[0]?.seq ?? this.nextSeq;
        else if (preset === 'CUSTOM') {
            const seq = seqOf(request.replay_id ?? Buffer.alloc(0));
            if (seq === undefined || !this.log.some((e) => e.seq === seq)) {
                call.emit('error', grpcError(grpc.status.INVALID_ARGUMENT, 'The Replay ID validation failed', REPLAY_ERROR));
                return undefined;
            }
            cursor = seq + 1n;
        } else cursor = this.nextSeq;
        const record: SubscriberRecord = {
            topic,
            preset,
            ...(preset === 'CUSTOM' ? { replayId: request.replay_id } : {}),
            requests: [],
            maxOwed: 0,
            owed: 0,
            sent: 0,
            keepalives: 0,
            ended: false
        };
        this.records.push(record);
        const subscriber: Subscriber = { call, record, entities, cursor };
        this.subscribers.add(subscriber);
        call.sendMetadata(new grpc.Metadata());
        this.credit(subscriber, request.num_requested ?? 0);
        this.startKeepalive(subscriber);
        return subscriber;
    }

    private credit(subscriber: Subscriber, n: number): void {
        const record = subscriber.record;
        record.requests.push(n);
        record.owed += Math.max(0, n);
        record.maxOwed = Math.max(record.maxOwed, record.owed);
    }

    private pump(subscriber: Subscriber): void {
        const { record } = subscriber;
        while (record.owed > 0 && !record.ended) {
            const first = this.log[0]?.seq ?? this.nextSeq;
            const batch: ConsumerEvent[] = [];
            let index = Number(subscriber.cursor > first ? subscriber.cursor - first : 0n);
            while (index < this.log.length && batch.length < Math.min(record.owed, MAX_EVENTS_PER_RESPONSE)) {
                const entry = this.log[index++];
                subscriber.cursor = entry.seq + 1n;
                if (!subscriber.entities.has(entry.entity)) continue;
                batch.push({
                    event: { id: `evt-${entry.seq}`, schema_id: entry.schemaId, payload: entry.payload, headers: [] },
                    replay_id: entry.replayId
                });
            }
            if (batch.length === 0) return;
            record.owed -= batch.length;
            record.sent += batch.length;
            subscriber.call.write({
                events: batch,
                latest_replay_id: batch.at(-1)!.replay_id,
                rpc_id: 'rpc-fetch',
                pending_num_requested: record.owed
            });
        }
    }

    private startKeepalive(subscriber: Subscriber): void {
        clearInterval(subscriber.keepalive);
        subscriber.keepalive = undefined;
        if (this.keepaliveMs <= 0 || subscriber.record.ended) return;
        subscriber.keepalive = setInterval(() => {
            subscriber.record.keepalives++;
            const latest = this.log.at(-1)?.replayId ?? replayIdOf(this.nextSeq - 1n);
            subscriber.call.write({
                events: [],
                latest_replay_id: latest,
                rpc_id: 'rpc-keepalive',
                pending_num_requested: subscriber.record.owed
            });
        }, this.keepaliveMs);
    }

    private drop(subscriber: Subscriber): void {
        subscriber.record.ended = true;
        clearInterval(subscriber.keepalive);
        this.subscribers.delete(subscriber);
    }
}
