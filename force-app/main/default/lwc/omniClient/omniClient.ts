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
    validateCommandArgs,
    type BridgeEnvelope,
    type BridgeStamp,
    type Envelope,
    type EventEnvelope,
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
    bridgeId: string | null;
    timer: ReturnType<typeof setTimeout>;
}

interface BridgeWaiter {
    resolve(bridge: BridgeStamp): void;
    reject(error: Error): void;
    timer?: ReturnType<typeof setTimeout>;
}

const DEFAULT_TIMEOUT_MS = 10000;

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
    private readonly bridges = new Map<string, BridgeStamp>();
    private leader: BridgeStamp | null = null;
    private latest: OmniAgentSnapshot | null = null;
    private latestFrom: string | null = null;
    private readonly waiting: EventEnvelope[] = [];
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
            (correlationId) => ({ v: ENVELOPE_VERSION, kind: 'snapshotRequest', correlationId, reseed }),
            () => new OmniBridgeUnavailableError()
        ) as Promise<OmniAgentSnapshot>;
    }

    /** Publishes one request and settles with the answer carrying its correlation id. */
    private request(
        deadline: number,
        bridgeId: string | null,
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
            this.pending.set(correlationId, { resolve, reject, bridgeId, timer });
            this.transport.publish(build(correlationId));
        });
    }

    /** The leading bridge, asking for one (a snapshot request) when none is known yet. */
    private findBridge(deadline: number): Promise<BridgeStamp> {
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
            this.requestSnapshot(false).catch(() => undefined);
        });
    }

    private receive(message: unknown): void {
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
        if (envelope.kind === 'bye') {
            this.bridges.delete(envelope.bridgeId);
            this.electLeader();
            this.failPendingOf(envelope.bridgeId);
            return;
        }
        if (!this.bridges.has(envelope.bridgeId)) {
            this.bridges.set(envelope.bridgeId, { bridgeId: envelope.bridgeId, bridgeRank: envelope.bridgeRank });
            this.electLeader();
        }
        if (envelope.kind === 'result') {
            this.settle(envelope.correlationId, envelope.ok ? { value: envelope.value } : { error: fromWireError(envelope.error!) });
            return;
        }
        // Only the leading bridge speaks for the page: a second bridge's copy would double every event.
        if (envelope.bridgeId !== this.leader?.bridgeId) return;
        if (envelope.kind === 'event') {
            this.receiveEvent(envelope);
        } else if (envelope.kind === 'snapshot') {
            this.adoptSnapshot(envelope.bridgeId, envelope.snapshot);
            if (envelope.correlationId !== null) this.settle(envelope.correlationId, { value: envelope.snapshot });
        } else if (envelope.kind === 'error') {
            const error = fromWireError(envelope.error);
            if (error instanceof OmniPayloadError) this.errorHandlers.emit(error);
        }
    }

    /**
     * Applies the event to our copy of the bridge's snapshot. When the copy is missing or
     * behind (a new client, a new leading bridge), the event waits until a fresh snapshot
     * arrives, so no event is dropped and none is delivered with a wrong snapshot.
     */
    private receiveEvent(envelope: EventEnvelope): void {
        const latest = this.latest;
        if (this.waiting.length === 0 && latest !== null && this.latestFrom === envelope.bridgeId) {
            if (envelope.revision <= latest.revision) return; // already part of our snapshot
            if (envelope.revision === latest.revision + 1) {
                this.deliver(envelope, reduceOnce(latest, envelope));
                return;
            }
        }
        this.waiting.push(envelope);
        if (this.waiting.length === 1) this.requestSnapshot(false).catch(() => undefined);
    }

    private deliver(envelope: EventEnvelope, snapshot: OmniAgentSnapshot): void {
        this.latest = snapshot;
        this.eventHandlers.get(envelope.event.type)?.emit(envelope.event, snapshot);
        this.anyHandlers.emit(envelope.event, snapshot);
        this.snapshotHandlers.emit(snapshot);
    }

    private adoptSnapshot(bridgeId: string, snapshot: OmniAgentSnapshot): void {
        this.latest = snapshot;
        this.latestFrom = bridgeId;
        this.snapshotHandlers.emit(snapshot);
        for (const envelope of this.waiting.splice(0)) {
            if (envelope.bridgeId !== bridgeId) continue;
            const current = this.latest;
            if (envelope.revision === current.revision + 1) {
                this.deliver(envelope, reduceOnce(current, envelope));
            } else {
                // Already in the snapshot (or impossible to place): subscribers still hear it, once.
                this.emitOnly(envelope, current);
            }
        }
    }

    private emitOnly(envelope: EventEnvelope, snapshot: OmniAgentSnapshot): void {
        this.eventHandlers.get(envelope.event.type)?.emit(envelope.event, snapshot);
        this.anyHandlers.emit(envelope.event, snapshot);
    }

    private electLeader(): void {
        let leader: BridgeStamp | null = null;
        for (const bridge of this.bridges.values()) if (!leader || compareBridges(bridge, leader) < 0) leader = bridge;
        this.leader = leader;
        if (!leader) return;
        for (const waiter of this.bridgeWaiters) {
            clearTimeout(waiter.timer);
            waiter.resolve(leader);
        }
        this.bridgeWaiters.clear();
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
