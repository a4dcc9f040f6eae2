/**
 * The Change Data Capture transport over Salesforce's Pub/Sub API (gRPC).
 *
 * start(): reads the current access token (so a restart after AuthExpiredError uses the token
 * the runner has just refreshed), opens a channel, checks the topic with GetTopic (a quick,
 * typed answer for a bad token or a missing topic), then opens one Subscribe call (see
 * subscription.ts). Schemas are fetched with GetSchema and cached across restarts.
 * stop(): ends the call, waits for a handler in progress, and closes the channel, so nothing
 * keeps the process alive. Tokens only ever go into call metadata, never into logs or errors.
 */
import * as grpc from '@grpc/grpc-js';
import type { Logger } from '../../log.js';
import {
    ConnectionLostError,
    type AccessTokenSource,
    type ChangeEntity,
    type EventTransport,
    type StartPoint,
    type TransportHandlers
} from '../contract.js';
import { classifyGrpcError, SubscriptionRejectedError } from './errors.js';
import { replayStartOf } from './positions.js';
import { loadPubSubService, type PubSubClient, type SchemaInfo, type TopicInfo } from './proto.js';
import { SchemaCache } from './schemaCache.js';
import { Subscription } from './subscription.js';

export const DEFAULT_ENDPOINT = 'api.pubsub.salesforce.com:7443';
/** The Pub/Sub API delivers at most 100 events per fetch. */
export const MAX_BATCH_SIZE = 100;
/** Salesforce sends a keepalive within 270 s; allow some slack. */
export const DEFAULT_KEEPALIVE_TIMEOUT_MS = 300_000;

export interface PubSubTransportOptions {
    /** host:port; default api.pubsub.salesforce.com:7443. */
    endpoint?: string;
    tokens: AccessTokenSource;
    /** '/data/ChangeEvents', '/data/PendingServiceRoutingChangeEvent' or a custom channel such as '/data/OmniRouting__chn'. */
    topicName: string;
    /** Entities delivered to the handler; events of others on the channel are skipped. Default: all three. */
    entities?: ChangeEntity[];
    /** TLS to the endpoint (default true); plaintext only for a local server. */
    tls?: boolean;
    /** PEM CA certificates to trust instead of the system's (a TLS-inspecting proxy, tests). */
    rootCertificates?: Buffer;
    /** Events requested per fetch and the most ever buffered or owed (1..100, default 100). */
    batchSize?: number;
    logger?: Logger;
    /** No message at all (not even a keepalive) for this long while events are owed: ConnectionLostError. */
    keepaliveTimeoutMs?: number;
    /** Deadline of the GetTopic and GetSchema calls. Default 30 s. */
    rpcTimeoutMs?: number;
    /** Subscribe counts as accepted when the server answers, or after this long without an error. Default 1 s. */
    acceptWindowMs?: number;
    /** How long stop() waits for an onChange in progress to settle. Default 30 s. */
    stopWaitMs?: number;
}

const noop = () => undefined;
const silent: Logger = { debug: noop, info: noop, warn: noop, error: noop, child: () => silent };

export class PubSubTransport implements EventTransport {
    readonly name = 'pubsub';
    private client: PubSubClient | null = null;
    private subscription: Subscription | null = null;
    private starting = false;
    /** Bumped by stop(), so that a start() still awaiting something knows it was cancelled. */
    private generation = 0;
    private readonly schemas = new SchemaCache();
    private readonly endpoint: string;
    private readonly batchSize: number;
    private readonly logger: Logger;

    constructor(private readonly options: PubSubTransportOptions) {
        if (!options.topicName) throw new Error('PubSubTransport needs a topicName');
        const batchSize = options.batchSize ?? MAX_BATCH_SIZE;
        if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE)
            throw new Error(`batchSize must be an integer from 1 to ${MAX_BATCH_SIZE}, got ${batchSize}`);
        this.batchSize = batchSize;
        this.endpoint = options.endpoint || DEFAULT_ENDPOINT;
        this.logger = options.logger ?? silent;
    }

    async start(from: StartPoint, handlers: TransportHandlers): Promise<void> {
        if (this.starting || this.subscription) throw new Error('PubSubTransport already started');
        this.starting = true;
        const generation = this.generation;
        // stop() during one of the awaits below bumps the generation: give up instead of subscribing.
        const stillWanted = () => {
            if (generation !== this.generation) throw new ConnectionLostError('Pub/Sub transport stopped while starting');
        };
        try {
            const start = replayStartOf(from);
            const { topicName, tokens } = this.options;
            const token = await tokens.current();
            stillWanted();
            const metadata = new grpc.Metadata();
            metadata.set('accesstoken', token.accessToken);
            metadata.set('instanceurl', token.instanceUrl);
            if (token.tenantId) metadata.set('tenantid', token.tenantId);
            else this.logger.warn('no tenant (org) id for the Pub/Sub tenantid header; Salesforce may refuse the call');

            const client = this.connect();
            this.logger.info('subscribing', { endpoint: this.endpoint, topic: topicName, from: start.preset, batchSize: this.batchSize });
            const topic = await this.getTopic(client, metadata);
            stillWanted();
            if (!topic.can_subscribe)
                throw new SubscriptionRejectedError(`Pub/Sub topic ${topicName} does not allow subscribing for this user`);
            const subscription = new Subscription({
                client,
                metadata,
                topicName,
                start,
                batchSize: this.batchSize,
                keepaliveTimeoutMs: this.options.keepaliveTimeoutMs ?? DEFAULT_KEEPALIVE_TIMEOUT_MS,
                acceptWindowMs: this.options.acceptWindowMs ?? 1000,
                entities: new Set(this.options.entities ?? ['PendingServiceRouting', 'AgentWork', 'UserServicePresence']),
                schemas: this.schemas,
                fetchSchema: (schemaId) => this.fetchSchema(client, metadata, schemaId),
                handlers,
                logger: this.logger
            });
            this.subscription = subscription;
            await subscription.open();
        } catch (error) {
            // Leave nothing open after a start that failed (the caller may not call stop()).
            if (generation === this.generation) await this.stop();
            throw error;
        } finally {
            this.starting = false;
        }
    }

    async stop(): Promise<void> {
        this.generation++;
        const subscription = this.subscription;
        this.subscription = null;
        if (subscription) {
            const drained = await subscription.close(this.options.stopWaitMs ?? 30_000);
            if (!drained) this.logger.warn('stopped while an event handler was still running');
            this.logger.info('unsubscribed', { ...subscription.stats });
        }
        this.client?.close();
        this.client = null;
    }

    private connect(): PubSubClient {
        if (this.client) return this.client;
        const { Client } = loadPubSubService();
        const credentials =
            this.options.tls === false
                ? grpc.credentials.createInsecure()
                : grpc.credentials.createSsl(this.options.rootCertificates ?? null);
        this.client = new Client(this.endpoint, credentials, {
            // Payloads are at most 1 MB per event and 100 events per response.
            'grpc.max_receive_message_length': 128 * 1024 * 1024
        });
        return this.client;
    }

    private deadline(): grpc.CallOptions {
        return { deadline: Date.now() + (this.options.rpcTimeoutMs ?? 30_000) };
    }

    private getTopic(client: PubSubClient, metadata: grpc.Metadata): Promise<TopicInfo> {
        return new Promise((resolve, reject) => {
            client.GetTopic({ topic_name: this.options.topicName }, metadata, this.deadline(), (error, info) => {
                if (error || !info) reject(classifyGrpcError(error ?? new Error('empty GetTopic answer'), 'GetTopic'));
                else resolve(info);
            });
        });
    }

    /**
     * GetSchema. An unknown schema id makes that event undecodable (a plain Error, reported as
     * MalformedEventError); auth or connection failures end the subscription (typed errors).
     */
    private fetchSchema(client: PubSubClient, metadata: grpc.Metadata, schemaId: string): Promise<string> {
        this.logger.debug('fetching schema', { schemaId });
        return new Promise((resolve, reject) => {
            client.GetSchema({ schema_id: schemaId }, metadata, this.deadline(), (error, info?: SchemaInfo) => {
                if (!error && info?.schema_json) return resolve(info.schema_json);
                const typed = classifyGrpcError(error ?? new Error(`no schema ${schemaId}`), 'GetSchema');
                reject(typed instanceof SubscriptionRejectedError ? new Error(`schema ${schemaId} unavailable: ${typed.message}`) : typed);
            });
        });
    }
}
