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

declare module 'lightning/platformUtilityBarApi' {
    export interface UtilityAttributes {
        label?: string;
        icon?: string;
        iconVariant?: string;
        highlighted?: boolean;
    }
    export function updateUtility(utilityId: string, utilityAttrs: UtilityAttributes): Promise<boolean>;
    // A wire adapter: @wire(EnclosingUtilityId) utilityId;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    export const EnclosingUtilityId: any;
}

declare module '@salesforce/label/*' {
    const label: string;
    export default label;
}

declare module '@salesforce/apex/*' {
    // Called imperatively, or used with @wire (the platform supplies the adapter).
    const apexMethod: {
        (params?: Record<string, unknown>): Promise<unknown>;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        adapter: any;
    };
    export default apexMethod;
}

declare module 'lightning/platformShowToastEvent' {
    export class ShowToastEvent extends Event {
        constructor(init: {
            title?: string;
            message?: string;
            variant?: 'info' | 'success' | 'warning' | 'error';
            mode?: 'dismissible' | 'pester' | 'sticky';
        });
    }
}

declare module '@salesforce/sfdx-lwc-jest' {
    // Test wire adapters for @wire(apexMethod); `emit(data)` / `error()` drive them.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    export function createApexTestWireAdapter(fn: unknown): any;
}
