/**
 * Declarations for platform modules that @salesforce/lightning-types does not cover.
 * They describe the documented signatures only.
 */
declare module 'lightning/messageService' {
    export interface Subscription {
        readonly __lmsSubscription?: true;
    }
    export interface SubscribeOptions {
        scope?: unknown;
    }
    export const APPLICATION_SCOPE: unknown;
    export function createMessageContext(): unknown;
    export function releaseMessageContext(messageContext: unknown): void;
    export function publish(messageContext: unknown, messageChannel: unknown, message?: unknown): void;
    export function subscribe(
        messageContext: unknown,
        messageChannel: unknown,
        listener: (message: unknown) => void,
        subscriberOptions?: SubscribeOptions
    ): Subscription;
    export function unsubscribe(subscription: Subscription): void;
    // A wire adapter: @wire(MessageContext) messageContext;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    export const MessageContext: any;
}

declare module '@salesforce/messageChannel/*' {
    const channel: unknown;
    export default channel;
}
