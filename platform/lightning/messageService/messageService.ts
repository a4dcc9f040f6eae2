/**
 * An in-page implementation of lightning/messageService with the documented API, used
 * where there is no Salesforce page: jest tests and the local simulator. Messages are
 * delivered to every subscriber of the channel, including the publisher's own.
 *
 * It is at least as strict as the platform, each rule from its documentation page:
 *
 * - Serializable messages. A message is copied with one strict structured clone
 *   (../structuredData.ts), identical in jest and the browser: a function, a symbol, a DOM
 *   node or a class instance is refused with a DataCloneError, a Date stays a Date.
 *   ("A message is a serializable JSON object ... can't contain functions and symbols",
 *   *Communicating Across the DOM with Lightning Message Service*, Aura Components Developer
 *   Guide, https://developer.salesforce.com/docs/platform/aura-platform/guide/message-channel-intro.html)
 * - Live contexts only. A released context, or one this service did not create, can neither
 *   publish nor subscribe. A component that is not connected to the document has no context:
 *   `@wire(MessageContext)` provides it on connect and releases it on disconnect, and from
 *   API 61.0 connectedCallback runs only for elements connected to the document
 *   (*Native Lifecycle Callbacks for Custom Elements*, LWC Developer Guide,
 *   https://developer.salesforce.com/docs/platform/lwc/guide/create-lifecycle-hooks-native-lifecycle.html).
 * - Scope. "Receiving messages from the active area is the default behavior." "The
 *   application's active area includes selected navigation tabs and items, utility items ...
 *   Utility items are always active." Subscribing with APPLICATION_SCOPE receives from
 *   anywhere, and "for Lightning web components, the scoping feature is available only when
 *   using @wire(MessageContext)": a context from createMessageContext() keeps the default,
 *   active-area scope. createMessageContext() is for "a service component that doesn't extend
 *   LightningElement" (*Message Service*, Component Reference,
 *   https://developer.salesforce.com/docs/platform/lightning-component-reference/guide/lightning-message-service).
 *   (*Define the Scope of the Message Service*, LWC Developer Guide,
 *   https://developer.salesforce.com/docs/platform/lwc/guide/use-message-channel-scope.html)
 *   Areas model this: the default area (a utility) is always active; a page area (a console
 *   tab) can be made inactive, and contexts created while it is current belong to it.
 */
import { strictStructuredClone } from '../structuredData';

type Listener = (message: unknown) => void;

/** Where a component lives: a utility (always active) or a console tab / app page that may be in the background. */
export interface PageArea {
    readonly name: string;
    active: boolean;
}

interface Context {
    readonly subscriptions: Set<SubscriptionRecord>;
    released: boolean;
    /** True for contexts from @wire(MessageContext): only they can subscribe with APPLICATION_SCOPE. */
    readonly wired: boolean;
    readonly area: PageArea;
}

interface SubscriptionRecord {
    channel: unknown;
    listener: Listener;
    context: Context;
    active: boolean;
    /** APPLICATION_SCOPE honoured (a wired context asked for it). */
    applicationScope: boolean;
}

export interface DeliveryOptions {
    /** 'sync' delivers inside publish(); 'microtask' after the current task step. */
    delivery: 'sync' | 'microtask';
    /**
     * Copy each message (strict structured clone) as the platform serializes it. Off only
     * for benchmarks that measure the rest of the pipeline; the serializability check still runs.
     */
    clone: boolean;
}

export const APPLICATION_SCOPE = Symbol('APPLICATION_SCOPE');

/** The area of utilities: "Utility items are always active." */
export const UTILITY_AREA: PageArea = Object.freeze({ name: 'utility', active: true }) as PageArea;

const channels = new Map<unknown, Set<SubscriptionRecord>>();
const liveContexts = new WeakSet<Context>();
let options: DeliveryOptions = { delivery: 'sync', clone: true };
let currentArea: PageArea = UTILITY_AREA;

export function configureMessageService(next: Partial<DeliveryOptions>): void {
    options = { ...options, ...next };
}

/** Drops every subscription (between tests). */
export function resetMessageService(): void {
    channels.clear();
    options = { delivery: 'sync', clone: true };
    currentArea = UTILITY_AREA;
}

/** A navigation tab or page area; active until set otherwise. */
export function createPageArea(name: string, active = true): PageArea {
    return { name, active };
}

/** Runs `mount` with `area` current: message contexts created meanwhile (e.g. wired on connect) belong to it. */
export function runInArea<T>(area: PageArea, mount: () => T): T {
    const previous = currentArea;
    currentArea = area;
    try {
        return mount();
    } finally {
        currentArea = previous;
    }
}

function newContext(wired: boolean): Context {
    const context: Context = { subscriptions: new Set(), released: false, wired, area: currentArea };
    liveContexts.add(context);
    return context;
}

/** For service components that do not extend LightningElement; its subscriptions always have the default scope. */
export function createMessageContext(): Context {
    return newContext(false);
}

/**
 * A context with a component's scoping rights, as @wire(MessageContext) gives an LWC and
 * lightning:messageChannel an Aura component (used by platform/aura).
 */
export function createComponentMessageContext(): Context {
    return newContext(true);
}

export function releaseMessageContext(context: Context): void {
    if (!context || !liveContexts.has(context)) return;
    for (const record of [...context.subscriptions]) unsubscribe(record);
    context.released = true;
}

function requireLiveContext(context: unknown, what: string): Context {
    if (context === undefined || context === null) {
        throw new Error(
            `${what} needs a MessageContext (a component gets one from @wire(MessageContext) once it is connected to the document)`
        );
    }
    if (typeof context !== 'object' || !liveContexts.has(context as Context)) {
        throw new Error(`${what}: not a MessageContext of this page (use @wire(MessageContext) or createMessageContext())`);
    }
    if ((context as Context).released) throw new Error(`${what}: the MessageContext was released (its component is disconnected)`);
    return context as Context;
}

function copy(message: unknown): unknown {
    if (message === undefined) return message;
    const clone = strictStructuredClone(message);
    return options.clone ? clone : message;
}

function receives(record: SubscriptionRecord): boolean {
    return record.active && (record.applicationScope || record.context.area.active);
}

export function publish(context: Context, channel: unknown, message?: unknown): void {
    requireLiveContext(context, 'publish()');
    // Refused before anything is delivered, whether or not anyone listens (as the platform serializes first).
    const payload = copy(message);
    const records = channels.get(channel);
    if (!records || records.size === 0) return;
    const deliver = () => {
        for (const record of [...records]) {
            if (!receives(record)) continue;
            try {
                record.listener(payload);
            } catch (error) {
                // A failing subscriber must not stop delivery to the others, as on the platform.
                console.error('[messageService] subscriber threw', error);
            }
        }
    };
    if (options.delivery === 'sync') deliver();
    else queueMicrotask(deliver);
}

export function subscribe(
    context: Context,
    channel: unknown,
    listener: Listener,
    subscriberOptions?: { scope?: unknown }
): SubscriptionRecord {
    const live = requireLiveContext(context, 'subscribe()');
    if (typeof listener !== 'function') throw new TypeError('subscribe() needs a listener function');
    const scope = subscriberOptions?.scope;
    if (scope !== undefined && scope !== APPLICATION_SCOPE) throw new TypeError('subscribe(): scope must be APPLICATION_SCOPE or omitted');
    const record: SubscriptionRecord = {
        channel,
        listener,
        context: live,
        active: true,
        applicationScope: scope === APPLICATION_SCOPE && live.wired
    };
    let records = channels.get(channel);
    if (!records) {
        records = new Set();
        channels.set(channel, records);
    }
    records.add(record);
    live.subscriptions.add(record);
    return record;
}

export function unsubscribe(record: SubscriptionRecord): void {
    if (!record || !record.active) return;
    record.active = false;
    channels.get(record.channel)?.delete(record);
    record.context.subscriptions.delete(record);
}

/** The @wire(MessageContext) adapter: provides a context on connect, releases it on disconnect. */
export class MessageContext {
    private context: Context | null = null;
    constructor(private readonly dataCallback: (context: Context) => void) {}
    connect(): void {
        this.context = newContext(true);
        this.dataCallback(this.context);
    }
    disconnect(): void {
        if (this.context) releaseMessageContext(this.context);
        this.context = null;
    }
    update(): void {}
}

/** How many live subscriptions a channel has (tests check that components clean up). */
export function subscriberCount(channel: unknown): number {
    return channels.get(channel)?.size ?? 0;
}
