/**
 * The legacy External Routing transport: PushTopics over the Streaming API (CometD/Bayeux
 * long polling) with the replay extension, implemented on faye's Node client.
 *
 * - Handshake carries `ext: { replay: true }`; each subscribe carries
 *   `ext.replay = { "/topic/<name>": replayId }` (-1 new events only, -2 all retained, or
 *   the last handled id to resume after it). A re-subscribe after the client's automatic
 *   re-handshake uses the last delivered id, so nothing is skipped or repeated.
 * - Events are delivered to the handler one at a time, in order; the next waits for the
 *   previous promise. Events at or below the last delivered replayId of their channel are
 *   dropped (re-deliveries after a reconnect).
 * - Failures are typed (see errors.ts); a connection that stays down longer than the
 *   reconnect window (Salesforce: 40 s) becomes ConnectionLostError.
 */
import * as Faye from 'faye';
import type { Logger } from '../../log.js';
import {
    ConnectionLostError,
    MalformedEventError,
    TransportError,
    type AccessTokenSource,
    type ChangeEntity,
    type EventTransport,
    type StartPoint,
    type TransportHandlers
} from '../contract.js';
import { classifyBayeuxError } from './errors.js';
import { decodePushTopicEvent, replayIdOf } from './decode.js';
import { decodePositions, encodePositions, type Positions } from './positions.js';
import { shutdownFayeClient } from './fayeShutdown.js';

export interface StreamingTopic {
    entity: ChangeEntity;
    /** PushTopic name (the channel is /topic/<name>). */
    name: string;
}

export interface StreamingTransportOptions {
    tokens: AccessTokenSource;
    /** The PendingServiceRouting topic, and optionally AgentWork / UserServicePresence topics. */
    topics: StreamingTopic[];
    logger: Logger;
    apiVersion?: string;
    /** Give up (ConnectionLostError) when the connection stays down this long. Default 40 s. */
    reconnectWindowMs?: number;
    /** Give up when subscriptions are not acknowledged in this time. Default 30 s. */
    subscribeTimeoutMs?: number;
    /** Long-poll timeout in seconds (Salesforce's socket timeout is 110 s). */
    timeoutSeconds?: number;
}

/** The event handler rejected: the transport stopped so the event is replayed after a restart. */
export class HandlerFailedError extends TransportError {
    constructor(cause: unknown) {
        super(`event handler failed: ${(cause as Error)?.message ?? String(cause)}`, true, { cause });
    }
}

export class StreamingTransport implements EventTransport {
    readonly name = 'streaming';
    private client: Faye.Client | null = null;
    private session = 0;
    /** Ends the current session's timers (set by start). */
    private endSession: () => void = () => undefined;

    constructor(private readonly options: StreamingTransportOptions) {
        if (!options.topics.some((t) => t.entity === 'PendingServiceRouting'))
            throw new Error('StreamingTransport needs a PendingServiceRouting topic');
    }

    private get channels(): string[] {
        return this.options.topics.map((t) => `/topic/${t.name}`);
    }

    async start(from: StartPoint, handlers: TransportHandlers): Promise<void> {
        if (this.client) throw new Error('StreamingTransport already started');
        const session = ++this.session;
        const { logger, tokens } = this.options;
        const channels = this.channels;
        const entityOf = new Map(this.options.topics.map((t) => [`/topic/${t.name}`, t.entity]));
        const initial = from.kind === 'after' ? decodePositions(from.position, channels) : new Map<string, number>();
        const fallback = from.kind === 'earliest' ? -2 : -1;
        // Last replayId delivered (and handled) per channel; what a re-subscribe resumes after.
        const delivered: Positions = new Map(initial);
        const token = await tokens.current();
        const endpoint = `${token.instanceUrl.replace(/\/$/, '')}/cometd/${this.options.apiVersion ?? '64.0'}`;
        const client = new Faye.Client(endpoint, { timeout: this.options.timeoutSeconds ?? 110, retry: 1 });
        this.client = client;
        client.disable('websocket'); // Salesforce's Streaming API serves long polling only
        client.setHeader('Authorization', `OAuth ${token.accessToken}`);

        let started = false;
        let settled = false;
        let rejectStart: (error: TransportError) => void = () => undefined;
        const startFailed = new Promise<never>((_, reject) => (rejectStart = reject));
        startFailed.catch(() => undefined);
        let downTimer: NodeJS.Timeout | undefined;
        this.endSession = () => {
            settled = true;
            clearTimeout(downTimer);
        };

        const fail = (error: TransportError) => {
            if (settled || session !== this.session) return;
            settled = true;
            clearTimeout(downTimer);
            this.closeClient();
            if (started) {
                logger.warn('streaming subscription ended', { error: error.name, detail: error.message });
                handlers.onFailure(error);
            } else rejectStart(error);
        };

        client.addExtension({
            outgoing: (message, callback) => {
                if (message.channel === '/meta/handshake') message.ext = { ...message.ext, replay: true };
                if (message.channel === '/meta/subscribe' && typeof message.subscription === 'string') {
                    const replayId = delivered.get(message.subscription) ?? fallback;
                    message.ext = { ...message.ext, replay: { [message.subscription]: replayId } };
                    logger.debug('subscribing', { channel: message.subscription, replayId });
                }
                callback(message);
            },
            incoming: (message, callback) => {
                if (
                    typeof message.channel === 'string' &&
                    message.channel.startsWith('/meta/') &&
                    message.successful === false &&
                    typeof message.error === 'string'
                ) {
                    const error = classifyBayeuxError(message.channel, message.error);
                    if (error) fail(error);
                    else
                        logger.info('streaming: server asked the client to reconnect', { channel: message.channel, detail: message.error });
                }
                callback(message);
            }
        });
        const window = this.options.reconnectWindowMs ?? 40_000;
        client.on('transport:down', () => {
            if (settled || downTimer) return;
            logger.warn('streaming connection down; the client keeps retrying', { reconnectWindowMs: window });
            downTimer = setTimeout(() => fail(new ConnectionLostError(`Streaming API unreachable for ${window} ms (${endpoint})`)), window);
        });
        client.on('transport:up', () => {
            if (!downTimer) return;
            clearTimeout(downTimer);
            downTimer = undefined;
            if (!settled) logger.info('streaming connection back up');
        });

        // One event at a time, in order.
        let chain: Promise<void> = Promise.resolve();
        const deliver = async (channel: string, data: unknown) => {
            if (settled || session !== this.session) return;
            const entity = entityOf.get(channel)!;
            const replayId = replayIdOf(data);
            const last = delivered.get(channel);
            if (replayId !== undefined && last !== undefined && last >= 0 && replayId <= last) {
                logger.debug('re-delivered event dropped', { channel, replayId });
                return;
            }
            const positionAt = (id: number) => {
                const next = new Map(delivered);
                next.set(channel, id);
                return encodePositions(next, channels);
            };
            let decoded;
            try {
                decoded = decodePushTopicEvent(entity, data, positionAt);
            } catch (error) {
                if (!(error instanceof MalformedEventError)) throw error;
                if (replayId !== undefined) delivered.set(channel, replayId);
                handlers.onFailure(error);
                return;
            }
            try {
                await handlers.onChange({ ...decoded.change, position: positionAt(decoded.replayId) });
            } catch (error) {
                fail(error instanceof TransportError ? error : new HandlerFailedError(error));
                return;
            }
            delivered.set(channel, decoded.replayId);
        };

        const subscribed = channels.map(
            (channel) =>
                new Promise<void>((resolve, reject) => {
                    client
                        .subscribe(channel, (data) => {
                            chain = chain.then(() => deliver(channel, data));
                        })
                        .then(resolve, (error) => reject(classifyBayeuxError('/meta/subscribe', `${error.code ?? ''}::${error.message}`)));
                })
        );
        const timeoutMs = this.options.subscribeTimeoutMs ?? 30_000;
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(
                () => reject(new ConnectionLostError(`no subscription acknowledged within ${timeoutMs} ms (${endpoint})`)),
                timeoutMs
            );
        });
        try {
            await Promise.race([Promise.all(subscribed), startFailed, timeout]);
        } catch (error) {
            const failure = error instanceof TransportError ? error : new ConnectionLostError(String(error));
            fail(failure);
            throw failure;
        } finally {
            clearTimeout(timer);
        }
        started = true;
        logger.info('streaming subscribed', {
            endpoint,
            channels: channels.map((c) => ({ channel: c, replayFrom: delivered.get(c) ?? fallback }))
        });
    }

    private closeClient(): void {
        const client = this.client;
        this.client = null;
        if (client) shutdownFayeClient(client);
    }

    async stop(): Promise<void> {
        this.endSession();
        this.session++;
        this.closeClient();
    }
}
