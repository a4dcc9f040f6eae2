/**
 * The typed Omni-Channel client any LWC can use:
 *
 *   import { createOmniClient } from 'c/omniClient';
 *   const omni = createOmniClient();
 *   const off = omni.on('workAssigned', (event, snapshot) => ...);
 *   await omni.acceptAgentWork({ workId: event.workId });
 *
 * It talks to the omniBridge utility item over the OmniConsoleKit__c message channel.
 * Every method returns a Promise that rejects with a typed error; every subscription
 * returns a function that ends it (call it, or dispose(), in disconnectedCallback).
 */
import { APPLICATION_SCOPE, createMessageContext, publish, releaseMessageContext, subscribe, unsubscribe } from 'lightning/messageService';
import OMNI_CHANNEL from '@salesforce/messageChannel/OmniConsoleKit__c';
import {
    ENVELOPE_VERSION,
    OMNI_METHODS,
    OmniBridgeUnavailableError,
    OmniCommandTimeoutError,
    OmniPayloadError,
    compareBridges,
    fromWireError,
    parseEnvelope,
    thrownText,
    validateCommandArgs,
    HEARTBEAT_MS,
    LEASE_MS,
    PROBE_GRACE_MS,
    deepFreeze,
    hashByeToken,
    randomToken,
    resultValueProblem,
    type BridgeEnvelope,
    type BridgeStamp,
    type Envelope,
    type EventEnvelope,
    type HeartbeatEnvelope,
    type HelloEnvelope,
    type ProbeEnvelope,
    type ResultEnvelope,
    reduceEvent,
    type OmniAgentSnapshot,
    type OmniArgs,
    type OmniEvent,
    type OmniEventOf,
    type OmniEventType,
    type OmniMethod,
    type OmniResult
} from 'c/omniTypes';
import { createHandlerSet, type HandlerSet } from './handlerSet';

export * from 'c/omniTypes';

export type Unsubscribe = () => void;
export type OmniEventHandler<T extends OmniEventType> = (event: OmniEventOf<T>, snapshot: OmniAgentSnapshot) => void;

export interface OmniClientOptions {
    /** How long a call may wait for the bridge, in ms (default 10000). */
    timeoutMs?: number;
    /** A MessageContext from @wire(MessageContext); by default the client creates and releases its own. */
    messageContext?: unknown;
}

/** A channel to the bridges; the default is Lightning Message Service. */
export interface OmniTransport {
    publish(message: Envelope): void;
    subscribe(listener: (message: unknown) => void): Unsubscribe;
}

export interface OmniClient {
    acceptAgentWork(args: OmniArgs<'acceptAgentWork'>): Promise<true>;
    declineAgentWork(args: OmniArgs<'declineAgentWork'>): Promise<true>;
    closeAgentWork(args: OmniArgs<'closeAgentWork'>): Promise<true>;
    getAgentWorks(): Promise<OmniResult<'getAgentWorks'>>;
    getAgentWorkload(): Promise<OmniResult<'getAgentWorkload'>>;
    getServicePresenceStatusChannels(): Promise<OmniResult<'getServicePresenceStatusChannels'>>;
    getServicePresenceStatusId(): Promise<OmniResult<'getServicePresenceStatusId'>>;
    login(args: OmniArgs<'login'>): Promise<true>;
    logout(): Promise<true>;
    raiseAgentWorkFlag(args: OmniArgs<'raiseAgentWorkFlag'>): Promise<true>;
    lowerAgentWorkFlag(args: OmniArgs<'lowerAgentWorkFlag'>): Promise<true>;
    setServicePresenceStatus(args: OmniArgs<'setServicePresenceStatus'>): Promise<OmniResult<'setServicePresenceStatus'>>;
    /** Runs any of the twelve methods by name (the typed methods above call this). */
    call<M extends OmniMethod>(method: M, args?: OmniArgs<M>): Promise<OmniResult<M>>;
    /** One event type. */
    on<T extends OmniEventType>(type: T, handler: OmniEventHandler<T>): Unsubscribe;
    /** Every event; switch on event.type. */
    onAny(handler: (event: OmniEvent, snapshot: OmniAgentSnapshot) => void): Unsubscribe;
    /** Every new snapshot (after events, re-seeds, a new leading bridge). */
    onSnapshot(handler: (snapshot: OmniAgentSnapshot) => void): Unsubscribe;
    /** Malformed payloads, reported once each; they never reach event handlers. */
    onError(handler: (error: OmniPayloadError) => void): Unsubscribe;
    /** The latest snapshot, asking the bridge when this client has none yet. */
    getSnapshot(): Promise<OmniAgentSnapshot>;
    /** Asks the bridge to re-read everything from the toolkit, then returns the snapshot. */
    resync(): Promise<OmniAgentSnapshot>;
    /** The latest snapshot this client has seen, or null. */
    readonly snapshot: OmniAgentSnapshot | null;
    /** Ends every subscription and rejects calls still waiting. */
    dispose(): void;
}

interface Pending {
    resolve(value: unknown): void;
    reject(error: Error): void;
    /** The bridge a command was sent to (only its result counts); null for snapshot requests. */
    bridgeId: string | null;
    /** The command's method, to check its result's shape. */
    method: OmniMethod | null;
    /** A snapshot request, sent again when a (new) leading bridge appears. */
    resend: Envelope | null;
    timer: ReturnType<typeof setTimeout>;
}

interface BridgeWaiter {
    resolve(bridge: BridgeStamp): void;
    reject(error: Error): void;
    timer?: ReturnType<typeof setTimeout>;
}

/** A bridge that answered one of our probes: its messages count while its heartbeats keep coming. */
interface KnownBridge extends BridgeStamp {
    byeHash: string;
    lastHeard: number;
}

const DEFAULT_TIMEOUT_MS = 10000;
/** Events held while waiting for a snapshot; beyond this they are dropped (the snapshot brings their effect). */
export const MAX_WAITING_EVENTS = 256;
/** Probes in flight at once (a flood of forged bridge ids cannot grow memory). */
const MAX_PROBES = 16;
/** A bridge not heard from for this long is gone, for a client (the bridges' own lease plus the probe that confirms it). */
const CLIENT_LEASE_MS = LEASE_MS + PROBE_GRACE_MS;

/**
 * Every client on the page applies the same event to the same (immutable) snapshot;
 * the module is shared by all of them, so the first computes and the others reuse it.
 */
let lastReduction: { base: OmniAgentSnapshot; envelope: EventEnvelope; next: OmniAgentSnapshot } | null = null;

function reduceOnce(base: OmniAgentSnapshot, envelope: EventEnvelope): OmniAgentSnapshot {
    const last = lastReduction;
    if (last !== null && last.base === base && last.envelope === envelope) return last.next;
    const next = reduceEvent(base, envelope.event, envelope.at);
    lastReduction = { base, envelope, next };
    return next;
}
let clientCounter = 0;

class OmniClientImpl implements OmniClient {
    // The twelve typed methods are created in the constructor from OMNI_METHODS (less code to ship).
    declare acceptAgentWork: OmniClient['acceptAgentWork'];
    declare declineAgentWork: OmniClient['declineAgentWork'];
    declare closeAgentWork: OmniClient['closeAgentWork'];
    declare getAgentWorks: OmniClient['getAgentWorks'];
    declare getAgentWorkload: OmniClient['getAgentWorkload'];
    declare getServicePresenceStatusChannels: OmniClient['getServicePresenceStatusChannels'];
    declare getServicePresenceStatusId: OmniClient['getServicePresenceStatusId'];
    declare login: OmniClient['login'];
    declare logout: OmniClient['logout'];
    declare raiseAgentWorkFlag: OmniClient['raiseAgentWorkFlag'];
    declare lowerAgentWorkFlag: OmniClient['lowerAgentWorkFlag'];
    declare setServicePresenceStatus: OmniClient['setServicePresenceStatus'];

    private readonly timeoutMs: number;
    private readonly stopListening: Unsubscribe;
    private readonly transport: OmniTransport;
    private readonly clientId: string;
    private sequence = 0;
    // Verified bridges (they answered a probe with our nonce) and our probes in flight.
    private readonly bridges = new Map<string, KnownBridge>();
    private readonly probes = new Map<string, { target: string | null; at: number }>();
    private leader: BridgeStamp | null = null;
    private latest: OmniAgentSnapshot | null = null;
    private latestFrom: string | null = null;
    // The revision of the last event delivered from the stream (a repeat of it is ignored).
    private lastEventRevision = -1;
    private readonly waiting: EventEnvelope[] = [];
    private overflowReported = false;
    private readonly pending = new Map<string, Pending>();
    private readonly bridgeWaiters = new Set<BridgeWaiter>();
    private readonly eventHandlers = new Map<OmniEventType, HandlerSet<OmniEvent, OmniAgentSnapshot>>();
    private readonly anyHandlers = createHandlerSet<OmniEvent, OmniAgentSnapshot>();
    private readonly snapshotHandlers = createHandlerSet<OmniAgentSnapshot>();
    private readonly errorHandlers = createHandlerSet<OmniPayloadError>();
    private disposed = false;

    constructor(transport: OmniTransport, timeoutMs: number) {
        this.transport = transport;
        this.timeoutMs = timeoutMs;
        clientCounter += 1;
        this.clientId = `c${clientCounter.toString(36)}${Math.random().toString(36).slice(2, 7)}`;
        this.stopListening = transport.subscribe((message) => this.receive(message));
        for (const method of OMNI_METHODS) {
            (this as unknown as Record<string, (args?: unknown) => Promise<unknown>>)[method] = (args) => this.call(method, args as never);
        }
        // Every bridge on the page answers: we know who leads within one round trip.
        this.probe(null);
    }

    get snapshot(): OmniAgentSnapshot | null {
        return this.latest;
    }

    async call<M extends OmniMethod>(method: M, args?: OmniArgs<M>): Promise<OmniResult<M>> {
        const validArgs = validateCommandArgs(method, args);
        const deadline = Date.now() + this.timeoutMs;
        const bridge = await this.findBridge(deadline);
        return this.request(
            deadline,
            bridge.bridgeId,
            method,
            (correlationId) => ({
                v: ENVELOPE_VERSION,
                kind: 'command',
                correlationId,
                targetBridgeId: bridge.bridgeId,
                method,
                args: validArgs
            }),
            () => new OmniCommandTimeoutError(method, this.timeoutMs)
        ) as Promise<OmniResult<M>>;
    }

    on<T extends OmniEventType>(type: T, handler: OmniEventHandler<T>): Unsubscribe {
        let handlers = this.eventHandlers.get(type);
        if (!handlers) {
            handlers = createHandlerSet();
            this.eventHandlers.set(type, handlers);
        }
        return handlers.add(handler as (event: OmniEvent, snapshot: OmniAgentSnapshot) => void);
    }

    onAny(handler: (event: OmniEvent, snapshot: OmniAgentSnapshot) => void): Unsubscribe {
        return this.anyHandlers.add(handler);
    }

    onSnapshot(handler: (snapshot: OmniAgentSnapshot) => void): Unsubscribe {
        return this.snapshotHandlers.add(handler);
    }

    onError(handler: (error: OmniPayloadError) => void): Unsubscribe {
        return this.errorHandlers.add(handler);
    }

    async getSnapshot(): Promise<OmniAgentSnapshot> {
        if (this.latest && this.leader && this.latestFrom === this.leader.bridgeId && this.waiting.length === 0) return this.latest;
        return this.requestSnapshot(false);
    }

    resync(): Promise<OmniAgentSnapshot> {
        return this.requestSnapshot(true);
    }

    dispose(): void {
        if (this.disposed) return;
        this.disposed = true;
        this.stopListening();
        for (const [id, pending] of this.pending) {
            clearTimeout(pending.timer);
            pending.reject(new OmniBridgeUnavailableError('The Omni client was disposed before the bridge answered.'));
            this.pending.delete(id);
        }
        for (const waiter of this.bridgeWaiters) {
            clearTimeout(waiter.timer);
            waiter.reject(new OmniBridgeUnavailableError('The Omni client was disposed before a bridge answered.'));
        }
        this.bridgeWaiters.clear();
    }

    private requestSnapshot(reseed: boolean): Promise<OmniAgentSnapshot> {
        return this.request(
            Date.now() + this.timeoutMs,
            null,
            null,
            (correlationId) => ({ v: ENVELOPE_VERSION, kind: 'snapshotRequest', correlationId, reseed }),
            () => new OmniBridgeUnavailableError()
        ) as Promise<OmniAgentSnapshot>;
    }

    /** Publishes one request and settles with the answer carrying its correlation id. */
    private request(
        deadline: number,
        bridgeId: string | null,
        method: OmniMethod | null,
        build: (correlationId: string) => Envelope,
        onTimeout: () => Error
    ): Promise<unknown> {
        if (this.disposed) return Promise.reject(new OmniBridgeUnavailableError('The Omni client is disposed.'));
        this.sequence += 1;
        const correlationId = `${this.clientId}-${this.sequence}`;
        return new Promise((resolve, reject) => {
            // eslint-disable-next-line @lwc/lwc/no-async-operation -- the documented timeout of every call
            const timer = setTimeout(
                () => {
                    this.pending.delete(correlationId);
                    reject(onTimeout());
                },
                Math.max(0, deadline - Date.now())
            );
            const envelope = build(correlationId);
            this.pending.set(correlationId, { resolve, reject, bridgeId, method, resend: bridgeId === null ? envelope : null, timer });
            this.transport.publish(envelope);
        });
    }

    /** The leading bridge, asking every bridge to answer when none is known yet. */
    private findBridge(deadline: number): Promise<BridgeStamp> {
        this.expireSilentBridges();
        if (this.leader) return Promise.resolve(this.leader);
        return new Promise((resolve, reject) => {
            const waiter: BridgeWaiter = { resolve, reject };
            // eslint-disable-next-line @lwc/lwc/no-async-operation -- give up when no bridge is on the page
            waiter.timer = setTimeout(
                () => {
                    this.bridgeWaiters.delete(waiter);
                    reject(new OmniBridgeUnavailableError());
                },
                Math.max(0, deadline - Date.now())
            );
            this.bridgeWaiters.add(waiter);
            this.probe(null);
        });
    }

    private receive(message: unknown): void {
        try {
            this.receiveMessage(message);
        } catch (error) {
            // A foreign message whose fields throw when read again (a getter, a proxy): one
            // report to onError, never an exception out of the message service's delivery.
            this.errorHandlers.emit(new OmniPayloadError('message channel', '', `could not be read: ${thrownText(error)}`));
        }
    }

    private receiveMessage(message: unknown): void {
        if (this.disposed) return;
        const parsed = parseEnvelope(message);
        if (!parsed.ok) {
            this.errorHandlers.emit(parsed.error);
            return;
        }
        const envelope = parsed.value;
        if ('bridgeId' in envelope) this.receiveFromBridge(envelope);
    }

    private receiveFromBridge(envelope: BridgeEnvelope): void {
        const kind = envelope.kind;
        if (kind === 'hello' || kind === 'heartbeat') {
            this.hearBridge(envelope);
            return;
        }
        const bridge = this.bridges.get(envelope.bridgeId);
        // A bridge that has not answered our probe (a starting one, or a forged id) does not count yet.
        if (!bridge) return;
        if (kind === 'bye') {
            if (typeof envelope.byeToken === 'string' && hashByeToken(envelope.byeToken) === bridge.byeHash) {
                this.dropBridge(envelope.bridgeId);
                this.electLeader();
            } else {
                this.errorHandlers.emit(
                    new OmniPayloadError(
                        'message channel',
                        'byeToken',
                        `a bye for bridge ${envelope.bridgeId} without its token was ignored`
                    )
                );
            }
            return;
        }
        if (kind === 'result') {
            this.receiveResult(envelope);
            return;
        }
        // Only the leading bridge speaks for the page: a second bridge's copy would double every event.
        if (envelope.bridgeId !== this.leader?.bridgeId) return;
        if (kind === 'event') {
            this.receiveEvent(envelope);
        } else if (kind === 'snapshot') {
            const solicited = envelope.correlationId !== null && this.pending.has(envelope.correlationId);
            this.adoptSnapshot(envelope.bridgeId, envelope.snapshot, solicited);
            if (solicited) this.settle(envelope.correlationId!, { value: this.latest });
        } else if (kind === 'error') {
            const error = fromWireError(envelope.error);
            if (error instanceof OmniPayloadError) this.errorHandlers.emit(error);
        }
    }

    /**
     * `hello` and `heartbeat`: a known bridge is alive; an unknown one is probed, and counts
     * once it answers with our nonce. A new leader names the one it replaces.
     */
    private hearBridge(envelope: HelloEnvelope | HeartbeatEnvelope): void {
        const now = Date.now();
        const known = this.bridges.get(envelope.bridgeId);
        if (known) {
            known.lastHeard = now;
        } else if (envelope.kind === 'heartbeat' && envelope.nonce !== undefined && this.isOurProbe(envelope.nonce, envelope.bridgeId)) {
            this.bridges.set(envelope.bridgeId, {
                bridgeId: envelope.bridgeId,
                bridgeRank: envelope.bridgeRank,
                byeHash: envelope.byeHash,
                lastHeard: now
            });
        } else {
            this.probe(envelope.bridgeId);
            return;
        }
        if (envelope.kind !== 'heartbeat') return;
        const replaced = envelope.replaces !== undefined ? this.bridges.get(envelope.replaces) : undefined;
        // The bridges' watchdog found it silent; we take that once we have missed its heartbeat too.
        if (envelope.leading && replaced && now - replaced.lastHeard >= HEARTBEAT_MS) this.dropBridge(replaced.bridgeId);
        this.expireSilentBridges();
        this.electLeader();
        // Our copy ahead of the bridge's own revision: someone published a snapshot in its name.
        if (this.latest !== null && this.latestFrom === envelope.bridgeId && this.latest.revision > envelope.revision) this.refetch();
    }

    private isOurProbe(nonce: string, bridgeId: string): boolean {
        const probe = this.probes.get(nonce);
        if (!probe || (probe.target !== null && probe.target !== bridgeId)) return false;
        if (probe.target !== null) this.probes.delete(nonce);
        return true;
    }

    /** Asks one bridge (or every bridge: target null) to answer with a heartbeat carrying a fresh nonce. */
    private probe(target: string | null): void {
        const now = Date.now();
        for (const [nonce, probe] of this.probes) {
            if (now - probe.at >= LEASE_MS) this.probes.delete(nonce);
            else if (probe.target === target && target !== null) return;
        }
        if (this.probes.size >= MAX_PROBES || this.disposed) return;
        const nonce = randomToken();
        this.probes.set(nonce, { target, at: now });
        const message: ProbeEnvelope = { v: ENVELOPE_VERSION, kind: 'probe', nonce };
        if (target !== null) message.targetBridgeId = target;
        this.transport.publish(message);
    }

    private expireSilentBridges(): void {
        const now = Date.now();
        let changed = false;
        for (const bridge of this.bridges.values()) {
            if (now - bridge.lastHeard >= CLIENT_LEASE_MS) {
                this.dropBridge(bridge.bridgeId);
                changed = true;
            }
        }
        if (changed) this.electLeader();
    }

    /** A result counts only from the bridge the command went to, and only with the shape its method resolves. */
    private receiveResult(envelope: ResultEnvelope): void {
        const pending = this.pending.get(envelope.correlationId);
        if (!pending || pending.bridgeId !== envelope.bridgeId) return;
        if (!envelope.ok) {
            this.settle(envelope.correlationId, { error: fromWireError(envelope.error!) });
            return;
        }
        const problem = pending.method === null ? 'answers no command' : resultValueProblem(pending.method, envelope.value);
        if (problem !== null) {
            this.errorHandlers.emit(new OmniPayloadError('message channel', 'value', `result ignored: ${problem}`));
            return;
        }
        this.settle(envelope.correlationId, { value: envelope.value });
    }

    /**
     * Applies the event to our copy of the bridge's snapshot. When the copy is missing or
     * behind (a new client, a new leading bridge), the event waits until a fresh snapshot
     * arrives, so no event is dropped and none is delivered with a wrong snapshot.
     */
    private receiveEvent(envelope: EventEnvelope): void {
        const latest = this.latest;
        if (this.waiting.length === 0 && latest !== null && this.latestFrom === envelope.bridgeId) {
            if (envelope.revision === latest.revision + 1) {
                this.lastEventRevision = envelope.revision;
                this.deliver(envelope, reduceOnce(latest, envelope));
                return;
            }
            // The same message again (a repeat delivery) changes nothing.
            if (envelope.revision === this.lastEventRevision) return;
            // Anything else older than our copy means our copy is not the bridge's (a forged
            // snapshot in its name): the event waits for a snapshot we asked for.
        }
        if (this.waiting.length >= MAX_WAITING_EVENTS) {
            this.waiting.length = 0;
            if (!this.overflowReported) {
                this.overflowReported = true;
                this.errorHandlers.emit(
                    new OmniPayloadError(
                        'message channel',
                        'event',
                        `more than ${MAX_WAITING_EVENTS} events arrived while waiting for a snapshot; they were dropped and a fresh snapshot requested`
                    )
                );
            }
            this.refetch();
        }
        this.waiting.push(envelope);
        if (this.waiting.length === 1) this.refetch();
    }

    /** Asks for a snapshot of our own (adopted whatever its revision), unless one is already on its way. */
    private refetch(): void {
        for (const pending of this.pending.values()) if (pending.resend !== null) return;
        this.requestSnapshot(false).catch(() => undefined);
    }

    private deliver(envelope: EventEnvelope, snapshot: OmniAgentSnapshot): void {
        this.latest = snapshot;
        // With a copy per message (as the platform serializes) every client on the page gets the
        // same copied event: frozen, one subscriber cannot change what the next one reads.
        deepFreeze(envelope.event);
        this.eventHandlers.get(envelope.event.type)?.emit(envelope.event, snapshot);
        this.anyHandlers.emit(envelope.event, snapshot);
        this.snapshotHandlers.emit(snapshot);
    }

    /**
     * A snapshot we asked for is adopted whatever its revision; one sent to everybody (or
     * to another client) only when it is newer than ours: a stale or replayed one cannot
     * take us back, and one in the bridge's name with our revision but other content (a
     * forgery the next event could not expose) changes nothing.
     */
    private adoptSnapshot(bridgeId: string, snapshot: OmniAgentSnapshot, solicited: boolean): void {
        if (!solicited && this.latest !== null && this.latestFrom === bridgeId && snapshot.revision <= this.latest.revision) return;
        this.latest = deepFreeze(snapshot);
        this.latestFrom = bridgeId;
        this.overflowReported = false;
        this.snapshotHandlers.emit(this.latest);
        for (const envelope of this.waiting.splice(0)) {
            if (envelope.bridgeId !== bridgeId) continue;
            const current = this.latest;
            if (envelope.revision === current.revision + 1) {
                this.lastEventRevision = envelope.revision;
                this.deliver(envelope, reduceOnce(current, envelope));
            } else {
                // Already in the snapshot (or impossible to place): subscribers still hear it, once.
                this.emitOnly(envelope, current);
            }
        }
    }

    private emitOnly(envelope: EventEnvelope, snapshot: OmniAgentSnapshot): void {
        deepFreeze(envelope.event);
        this.eventHandlers.get(envelope.event.type)?.emit(envelope.event, snapshot);
        this.anyHandlers.emit(envelope.event, snapshot);
    }

    /** The lowest (rank, id) among verified live bridges leads; a new leader gets our outstanding snapshot requests. */
    private electLeader(): void {
        let leader: BridgeStamp | null = null;
        for (const bridge of this.bridges.values()) if (!leader || compareBridges(bridge, leader) < 0) leader = bridge;
        const changed = leader?.bridgeId !== this.leader?.bridgeId;
        this.leader = leader;
        if (!leader) return;
        for (const waiter of this.bridgeWaiters) {
            clearTimeout(waiter.timer);
            waiter.resolve(leader);
        }
        this.bridgeWaiters.clear();
        // A request published before this bridge listened (or to a leader that vanished) is lost: ask again.
        if (changed) for (const pending of this.pending.values()) if (pending.resend !== null) this.transport.publish(pending.resend);
    }

    private dropBridge(bridgeId: string): void {
        this.bridges.delete(bridgeId);
        this.failPendingOf(bridgeId);
    }

    private settle(correlationId: string, outcome: { value: unknown } | { error: Error }): void {
        const pending = this.pending.get(correlationId);
        if (!pending) return;
        this.pending.delete(correlationId);
        clearTimeout(pending.timer);
        if ('error' in outcome) pending.reject(outcome.error);
        else pending.resolve(outcome.value);
    }

    private failPendingOf(bridgeId: string): void {
        for (const [id, pending] of this.pending) {
            if (pending.bridgeId === bridgeId) {
                this.settle(id, {
                    error: new OmniBridgeUnavailableError(
                        'The Omni bridge left the page before answering; the command may or may not have run.'
                    )
                });
            }
        }
    }
}

/** A transport over the OmniConsoleKit__c Lightning Message Channel, application scope. */
export function messageServiceTransport(messageContext?: unknown): OmniTransport {
    const ownContext = messageContext === undefined;
    const context = ownContext ? createMessageContext() : messageContext;
    return {
        publish: (message) => publish(context, OMNI_CHANNEL, message),
        subscribe(listener) {
            const subscription = subscribe(context, OMNI_CHANNEL, listener, { scope: APPLICATION_SCOPE });
            return () => {
                unsubscribe(subscription);
                if (ownContext) releaseMessageContext(context);
            };
        }
    };
}

/** Creates a client on the page's Omni bridge. */
export function createOmniClient(options: OmniClientOptions = {}): OmniClient {
    return createOmniClientOn(messageServiceTransport(options.messageContext), options);
}

/** Creates a client on any transport (the simulator and tests use this). */
export function createOmniClientOn(transport: OmniTransport, options: Pick<OmniClientOptions, 'timeoutMs'> = {}): OmniClient {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new RangeError('timeoutMs must be a positive number of milliseconds');
    return new OmniClientImpl(transport, timeoutMs);
}
