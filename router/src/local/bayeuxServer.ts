/**
 * A local Streaming API stand-in: a real Bayeux server (faye's NodeAdapter on 127.0.0.1)
 * with a server extension that does what Salesforce's replay extension does. Used by the
 * tests, the demo and the bench; not part of the service.
 *
 * - Each /topic/<name> keeps a log of events with per-channel replayIds (1, 2, 3...).
 * - A subscribe's `ext.replay[channel]` is honoured: -1 new only, -2 all retained, N the
 *   events after N. An id older than the retained log (see `forgetBefore`) or newer than
 *   the last is refused with Salesforce's 400 message.
 * - Handshake / connect / subscribe check the `Authorization: OAuth <token>` header with
 *   `isTokenValid` (401::Authentication invalid), and can be told to refuse with any error
 *   string (e.g. the daily limit's 403).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as Faye from 'faye';

export interface PushTopicEvent {
    event: { type: 'created' | 'updated' | 'deleted' | 'undeleted'; createdDate: string; replayId: number };
    sobject: Record<string, unknown>;
}

export interface LocalBayeuxOptions {
    apiVersion?: string;
    /** Server long-poll timeout in seconds (short in tests so shutdowns are quick). */
    timeoutSeconds?: number;
    isTokenValid?: (token: string) => boolean;
}

type MetaChannel = '/meta/handshake' | '/meta/connect' | '/meta/subscribe';

export const invalidReplayIdMessage = (replayId: unknown) =>
    `400::The replayId {${String(replayId)}} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`;

export class LocalBayeuxServer {
    readonly mount: string;
    private readonly adapter: Faye.NodeAdapter;
    private server: http.Server | null = null;
    private ownsServer = false;
    private readonly logs = new Map<string, PushTopicEvent[]>();
    private readonly next = new Map<string, number>();
    private readonly forgotten = new Map<string, number>();
    private readonly refusals = new Map<MetaChannel, string>();
    private readonly pendingReplay = new Map<string, number>();
    private readonly sockets = new Set<import('node:net').Socket>();
    /** Subscribe requests seen (channel and the replay id asked), for tests. */
    readonly subscribeLog: Array<{ channel: string; replayId: unknown }> = [];

    constructor(private readonly options: LocalBayeuxOptions = {}) {
        this.mount = `/cometd/${options.apiVersion ?? '64.0'}`;
        this.adapter = new Faye.NodeAdapter({ mount: this.mount, timeout: options.timeoutSeconds ?? 5 });
        this.adapter.addExtension({ incoming: this.incoming.bind(this) } as unknown as Faye.Extension);
        this.adapter.on('subscribe', (clientId, channel) => this.replay(clientId, channel));
    }

    /**
     * Serves Bayeux on an existing HTTP server (as Salesforce serves /cometd on the instance
     * URL beside the REST API); other requests still reach the server's own handler.
     */
    attach(server: http.Server): this {
        this.server = server;
        this.ownsServer = false;
        server.on('connection', (socket) => {
            this.sockets.add(socket);
            socket.on('close', () => this.sockets.delete(socket));
        });
        this.adapter.attach(server);
        return this;
    }

    /** Serves Bayeux on its own HTTP server on 127.0.0.1. */
    static async start(options: LocalBayeuxOptions = {}, port = 0): Promise<LocalBayeuxServer> {
        const bayeux = new LocalBayeuxServer(options);
        bayeux.attach(http.createServer());
        bayeux.ownsServer = true;
        await new Promise<void>((resolve) => bayeux.server!.listen(port, '127.0.0.1', resolve));
        return bayeux;
    }

    get url(): string {
        return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    }

    /** Refuse every future message on this meta channel with `error` (undefined: stop refusing). */
    refuse(channel: MetaChannel, error: string | undefined): void {
        if (error === undefined) this.refusals.delete(channel);
        else this.refusals.set(channel, error);
    }

    /** Drops retained events up to and including `replayId` (retention passed, or a data-centre move). */
    forgetBefore(topic: string, replayId: number): void {
        const channel = `/topic/${topic}`;
        this.logs.set(
            channel,
            (this.logs.get(channel) ?? []).filter((e) => e.event.replayId > replayId)
        );
        this.forgotten.set(channel, Math.max(this.forgotten.get(channel) ?? 0, replayId));
    }

    /**
     * An org data-centre recovery: every replayId handed out so far becomes invalid (a
     * client resuming from one gets the 400 error) and the retained log is gone.
     */
    moveDataCentre(): void {
        for (const [channel, last] of this.next) {
            this.logs.set(channel, []);
            this.forgotten.set(channel, last + 1);
        }
    }

    /** Appends an event to the topic's log and delivers it to subscribers; returns its replayId. */
    publish(topic: string, type: PushTopicEvent['event']['type'], sobject: Record<string, unknown>): number {
        return this.publishRaw(topic, (replayId) => ({ event: { type, createdDate: new Date().toISOString(), replayId }, sobject }));
    }

    /** Publishes any payload (malformed events in tests); `make` gets the replayId to use. */
    publishRaw(topic: string, make: (replayId: number) => unknown): number {
        const channel = `/topic/${topic}`;
        const replayId = (this.next.get(channel) ?? 0) + 1;
        this.next.set(channel, replayId);
        const data = make(replayId) as PushTopicEvent;
        const log = this.logs.get(channel) ?? [];
        log.push(data);
        this.logs.set(channel, log);
        // Straight into faye's engine (as the server does for a published message), so delivery
        // order is replayId order; faye's in-process client may reorder messages sent before its handshake.
        this.engine().publish({ channel, data });
        return replayId;
    }

    lastReplayId(topic: string): number {
        return this.next.get(`/topic/${topic}`) ?? 0;
    }

    private incoming(message: Faye.Message, request: http.IncomingMessage | null, callback: (m: Faye.Message) => void): void {
        if (request === null) return callback(message); // our own in-process publisher
        const channel = String(message.channel ?? '');
        const refusal = this.refusals.get(channel as MetaChannel);
        const auth = String(request.headers?.authorization ?? '');
        const token = auth.startsWith('OAuth ') ? auth.slice(6) : '';
        if (refusal) message.error = refusal;
        else if (
            channel.startsWith('/meta/') &&
            channel !== '/meta/disconnect' &&
            this.options.isTokenValid &&
            !this.options.isTokenValid(token)
        )
            message.error = '401::Authentication invalid';
        else if (channel === '/meta/subscribe' && typeof message.subscription === 'string') {
            const asked = (message.ext?.replay as Record<string, unknown> | undefined)?.[message.subscription];
            this.subscribeLog.push({ channel: message.subscription, replayId: asked });
            const replayId = asked === undefined ? -1 : asked;
            if (!this.validReplayId(message.subscription, replayId)) message.error = invalidReplayIdMessage(replayId);
            else this.pendingReplay.set(`${message.clientId}|${message.subscription}`, replayId as number);
        } else if (!channel.startsWith('/meta/')) message.error = '403::Publishing is not allowed';
        callback(message);
    }

    private validReplayId(channel: string, replayId: unknown): boolean {
        if (replayId === -1 || replayId === -2) return true;
        if (typeof replayId !== 'number' || !Number.isSafeInteger(replayId) || replayId < 0) return false;
        const last = this.next.get(channel) ?? 0;
        return replayId <= last && replayId >= (this.forgotten.get(channel) ?? 0);
    }

    /** Sends the retained events after the asked replay id to this client only, before any new event. */
    private replay(clientId: string, channel: string): void {
        const key = `${clientId}|${channel}`;
        const replayId = this.pendingReplay.get(key);
        this.pendingReplay.delete(key);
        if (replayId === undefined || replayId === -1) return;
        const events = (this.logs.get(channel) ?? []).filter((e) => replayId === -2 || e.event.replayId > replayId);
        if (events.length === 0) return;
        // faye has no public "deliver to one client": queue on its memory engine, as its own publish does.
        const engine = this.engine()._engine;
        const queue = engine._messages.get(clientId) ?? [];
        for (const data of events) queue.push({ channel, data: JSON.parse(JSON.stringify(data)) });
        engine._messages.set(clientId, queue);
        engine.emptyQueue(clientId);
    }

    /** faye's engine proxy (faye 1.4 internals; the version is pinned). */
    private engine(): { publish(message: { channel: string; data: unknown }): void; _engine: MemoryEngine } {
        return (this.adapter as unknown as { _server: { _engine: ReturnType<LocalBayeuxServer['engine']> } })._server._engine;
    }

    /** Closes every open connection (clients see the transport go down) but keeps serving. */
    dropConnections(): void {
        for (const socket of this.sockets) socket.destroy();
    }

    async close(): Promise<void> {
        this.adapter.close();
        for (const socket of this.sockets) socket.destroy();
        const server = this.server;
        if (server && this.ownsServer) await new Promise<void>((resolve) => server.close(() => resolve()));
    }
}

interface MemoryEngine {
    _messages: Map<string, unknown[]>;
    emptyQueue(clientId: string): void;
}
