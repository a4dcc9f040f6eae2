/**
 * One Subscribe call: pull-based flow control, strictly sequential delivery, keepalive watch.
 *
 * Flow control: the first FetchRequest asks for `batchSize` events; after that more are asked
 * for only as events are handled, so that (events the server still owes us) + (events received
 * but not yet handed to onChange) never exceeds `batchSize`. A slow handler therefore stops
 * the server instead of growing a buffer here. Credit is returned in chunks of at least half a
 * batch so that a fast handler does not send one FetchRequest per event.
 *
 * Delivery: one event at a time, the next only after onChange's promise settles. A failure
 * (stream error, keepalive time-out, handler rejection) ends the call; it is reported only
 * once the handler in progress (if any) has settled, so a restart never overlaps a handler.
 *
 * Keepalive: Salesforce sends an empty FetchResponse at least every 270 s while it owes us
 * events. If nothing at all arrives for `keepaliveTimeoutMs` while events are owed, the
 * connection is considered lost. While we owe the server nothing (all credit used, handler
 * busy) silence is expected and not timed.
 */
import type { ClientDuplexStream, Metadata, StatusObject } from '@grpc/grpc-js';
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { Logger } from '../../log.js';
import {
    ConnectionLostError,
    MalformedEventError,
    TransportError,
    type ChangeEntity,
    type RoutingChange,
    type TransportHandlers
} from '../contract.js';
import { decodeChangeEvent, type ForeignChange } from './changeEvent.js';
import { classifyGrpcError, HandlerFailedError } from './errors.js';
import { positionOf, type ReplayStart } from './positions.js';
import type { ConsumerEvent, FetchRequest, FetchResponse, PubSubClient } from './proto.js';
import type { SchemaCache, SchemaFetcher } from './schemaCache.js';

export interface SubscriptionOptions {
    client: PubSubClient;
    metadata: Metadata;
    topicName: string;
    start: ReplayStart;
    batchSize: number;
    keepaliveTimeoutMs: number;
    /** How long to wait for the server's first word before taking the subscription as accepted. */
    acceptWindowMs: number;
    entities: ReadonlySet<ChangeEntity>;
    schemas: SchemaCache;
    fetchSchema: SchemaFetcher;
    handlers: TransportHandlers;
    logger: Logger;
}

export interface SubscriptionStats {
    received: number;
    delivered: number;
    malformed: number;
    skipped: number;
    keepalives: number;
    fetchRequests: number;
}

export class Subscription {
    private call: ClientDuplexStream<FetchRequest, FetchResponse> | null = null;
    private readonly queue: ConsumerEvent[] = [];
    /** Events requested from the server and not yet received. */
    private owed = 0;
    private delivering: Promise<void> | null = null;
    private ended = false;
    private failure: TransportError | null = null;
    private settleStart: ((error?: TransportError) => void) | null = null;
    private keepaliveTimer: NodeJS.Timeout | null = null;
    private acceptTimer: NodeJS.Timeout | null = null;
    readonly stats: SubscriptionStats = { received: 0, delivered: 0, malformed: 0, skipped: 0, keepalives: 0, fetchRequests: 0 };
    private readonly refillAt: number;

    constructor(private readonly options: SubscriptionOptions) {
        this.refillAt = Math.max(1, Math.ceil(options.batchSize / 2));
    }

    /** Opens the call; resolves once the server has accepted it, rejects with a typed error. */
    open(): Promise<void> {
        const { client, metadata, topicName, start, batchSize, logger } = this.options;
        return new Promise<void>((resolve, reject) => {
            this.settleStart = (error) => {
                this.settleStart = null;
                if (this.acceptTimer) clearTimeout(this.acceptTimer);
                this.acceptTimer = null;
                if (error) reject(error);
                else {
                    logger.info('subscription accepted', { topic: topicName });
                    resolve();
                }
            };
            const call = client.Subscribe(metadata);
            this.call = call;
            call.on('metadata', () => this.settleStart?.());
            call.on('data', (response: FetchResponse) => this.onResponse(response));
            call.on('error', (error: Error) => this.fail(classifyGrpcError(error, 'Subscribe')));
            call.on('status', (status: StatusObject) => {
                // A non-OK status also arrives as 'error'; an OK one means the server ended the stream.
                if (status.code === GrpcStatus.OK) this.fail(new ConnectionLostError('Pub/Sub Subscribe stream ended by the server'));
            });
            this.request({
                topic_name: topicName,
                replay_preset: start.preset,
                ...(start.replayId ? { replay_id: start.replayId } : {}),
                num_requested: batchSize
            });
            this.acceptTimer = setTimeout(() => this.settleStart?.(), this.options.acceptWindowMs);
        });
    }

    /**
     * Ends the call without reporting anything; resolves once no handler is running, or after
     * `waitMs` if one never settles (then false: that handler may still be running).
     */
    async close(waitMs: number): Promise<boolean> {
        this.end();
        this.settleStart?.(new ConnectionLostError('Pub/Sub subscription stopped before it was accepted'));
        if (!this.delivering) return true;
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)));
        const drained = await Promise.race([this.delivering.then(() => true as const), timeout]);
        clearTimeout(timer);
        return drained;
    }

    private end(): void {
        if (this.ended) return;
        this.ended = true;
        this.queue.length = 0;
        this.stopKeepalive();
        if (this.acceptTimer) clearTimeout(this.acceptTimer);
        this.acceptTimer = null;
        const call = this.call;
        this.call = null;
        if (call) {
            call.removeAllListeners('data');
            call.removeAllListeners('status');
            call.removeAllListeners('metadata');
            // cancel() makes grpc-js emit a CANCELLED error: keep one listener so it is not thrown.
            call.removeAllListeners('error');
            call.on('error', () => undefined);
            call.cancel();
        }
    }

    private fail(error: TransportError): void {
        if (this.ended) return;
        this.end();
        if (this.settleStart) {
            this.settleStart(error);
            return;
        }
        this.failure = error;
        if (!this.delivering) this.reportFailure();
    }

    private reportFailure(): void {
        const error = this.failure;
        if (!error) return;
        this.failure = null;
        this.options.logger.warn('subscription ended', { error: error.name, detail: error.message });
        this.options.handlers.onFailure(error);
    }

    private request(request: FetchRequest): void {
        const n = request.num_requested ?? 0;
        this.owed += n;
        this.stats.fetchRequests++;
        this.options.logger.debug('fetch requested', { numRequested: n });
        this.call?.write(request);
        this.armKeepalive();
    }

    private onResponse(response: FetchResponse): void {
        if (this.ended) return;
        this.settleStart?.();
        const events = response.events ?? [];
        if (events.length === 0) {
            this.stats.keepalives++;
            this.options.logger.debug('keepalive', { pendingNumRequested: response.pending_num_requested });
        } else {
            if (events.length > this.owed) {
                this.options.logger.warn('server sent more events than requested', { received: events.length, owed: this.owed });
            }
            this.owed = Math.max(0, this.owed - events.length);
            this.stats.received += events.length;
            this.queue.push(...events);
        }
        this.armKeepalive();
        this.pump();
    }

    /** Starts the delivery loop unless it is already running. */
    private pump(): void {
        if (this.delivering || this.ended || this.queue.length === 0) return;
        this.delivering = this.deliverAll().finally(() => {
            this.delivering = null;
            this.reportFailure();
        });
    }

    private async deliverAll(): Promise<void> {
        while (!this.ended && this.queue.length > 0) {
            const event = this.queue.shift()!;
            await this.deliver(event);
            this.replenish();
        }
    }

    private async deliver(event: ConsumerEvent): Promise<void> {
        const { handlers, schemas, fetchSchema, entities, logger } = this.options;
        const position = positionOf(event.replay_id);
        const producer = event.event;
        if (!producer) return this.malformed(new MalformedEventError('event has no body', position));
        let change: RoutingChange | ForeignChange;
        try {
            let schema = schemas.peek(producer.schema_id);
            if (!schema) {
                schema = await schemas.get(producer.schema_id, fetchSchema);
                if (this.ended) return;
            }
            change = decodeChangeEvent(schema, producer.payload, position);
        } catch (error) {
            if (error instanceof MalformedEventError) return this.malformed(error);
            if (error instanceof TransportError) return this.fail(error);
            // A schema that does not compile makes the event undecodable, not the stream broken.
            return this.malformed(
                new MalformedEventError(`event ${producer.id || position}: ${(error as Error).message}`, position, { cause: error })
            );
        }
        if ('foreign' in change || !entities.has(change.entity)) {
            this.stats.skipped++;
            logger.debug('change event skipped: entity not routed', { entity: 'foreign' in change ? change.entityName : change.entity });
            return;
        }
        try {
            await handlers.onChange(change);
            this.stats.delivered++;
        } catch (error) {
            this.fail(new HandlerFailedError(error));
        }
    }

    private malformed(error: MalformedEventError): void {
        if (this.ended) return;
        this.stats.malformed++;
        this.options.handlers.onFailure(error);
    }

    /** Gives the server credit for the events handled, once there is enough to be worth a request. */
    private replenish(): void {
        if (this.ended) return;
        const credit = this.options.batchSize - this.owed - this.queue.length;
        if (credit >= this.refillAt) this.request({ num_requested: credit });
    }

    private armKeepalive(): void {
        this.stopKeepalive();
        if (this.ended || this.owed === 0) return;
        const ms = this.options.keepaliveTimeoutMs;
        this.keepaliveTimer = setTimeout(
            () => this.fail(new ConnectionLostError(`Pub/Sub sent nothing, not even a keepalive, for ${ms} ms`)),
            ms
        );
    }

    private stopKeepalive(): void {
        if (this.keepaliveTimer) clearTimeout(this.keepaliveTimer);
        this.keepaliveTimer = null;
    }
}
