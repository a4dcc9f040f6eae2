/**
 * An in-page implementation of lightning/messageService with the documented API, used
 * where there is no Salesforce page: jest tests and the local simulator. Messages are
 * delivered to every subscriber of the channel, including the publisher's own.
 *
 * Delivery follows the platform's contract that a message is serializable data: by
 * default each message is copied with structuredClone (so a test fails when a component
 * publishes a function or relies on sharing an object), and delivered synchronously.
 */
type Listener = (message: unknown) => void;

interface Context {
    subscriptions: Set<SubscriptionRecord>;
    released: boolean;
}

interface SubscriptionRecord {
    channel: unknown;
    listener: Listener;
    context: Context;
    active: boolean;
}

export interface DeliveryOptions {
    /** 'sync' delivers inside publish(); 'microtask' after the current task step. */
    delivery: 'sync' | 'microtask';
    /** Copy each message (structured clone) as the platform serializes it. */
    clone: boolean;
}

export const APPLICATION_SCOPE = Symbol('APPLICATION_SCOPE');

const channels = new Map<unknown, Set<SubscriptionRecord>>();
let options: DeliveryOptions = { delivery: 'sync', clone: true };

export function configureMessageService(next: Partial<DeliveryOptions>): void {
    options = { ...options, ...next };
}

/** Drops every subscription (between tests). */
export function resetMessageService(): void {
    channels.clear();
    options = { delivery: 'sync', clone: true };
}

export function createMessageContext(): Context {
    return { subscriptions: new Set(), released: false };
}

export function releaseMessageContext(context: Context): void {
    if (!context) return;
    for (const record of context.subscriptions) unsubscribe(record);
    context.released = true;
}

function copy(message: unknown): unknown {
    if (!options.clone || message === undefined) return message;
    return typeof structuredClone === 'function' ? structuredClone(message) : JSON.parse(JSON.stringify(message));
}

export function publish(context: Context, channel: unknown, message?: unknown): void {
    if (!context) throw new Error('publish() needs a MessageContext');
    const records = channels.get(channel);
    if (!records || records.size === 0) return;
    const payload = copy(message);
    const deliver = () => {
        for (const record of [...records]) {
            if (!record.active) continue;
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
    void subscriberOptions;
    if (!context || context.released) throw new Error('subscribe() needs a live MessageContext');
    if (typeof listener !== 'function') throw new TypeError('subscribe() needs a listener function');
    const record: SubscriptionRecord = { channel, listener, context, active: true };
    let records = channels.get(channel);
    if (!records) {
        records = new Set();
        channels.set(channel, records);
    }
    records.add(record);
    context.subscriptions.add(record);
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
        this.context = createMessageContext();
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
