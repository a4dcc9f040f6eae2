/**
 * lightning/messageService for tests written against @salesforce/sfdx-lwc-jest's stubs: every
 * export is a jest mock function (so `expect(publish).toHaveBeenCalledWith(...)`,
 * `subscribe.mock.calls` and `mockImplementation` work as before) whose implementation is the
 * kit's strict in-page message service (../../lightning/messageService/messageService.ts).
 * The kit's jest preset maps `lightning/messageService` here in drop-in mode.
 *
 * Strict as the platform, except one rule it cannot keep: sfdx-lwc-jest's
 * `@wire(MessageContext)` stub never provides a context, so tests written for it publish and
 * subscribe with `undefined` (and sometimes pass the `MessageContext` adapter itself). Those
 * two stand for the test page's own context (a wired one: APPLICATION_SCOPE honoured). Every
 * other rule still bites: messages are copied with the strict structured clone (a function or
 * a class instance is a DataCloneError), a released or foreign context is refused, scope and
 * inactive areas apply. Tests show each (platform/testing/__tests__/dropIn.test.ts).
 */
import * as strict from '../../lightning/messageService/messageService';

type Context = ReturnType<typeof strict.createMessageContext>;

export const APPLICATION_SCOPE = strict.APPLICATION_SCOPE;

/**
 * The @wire(MessageContext) adapter, as sfdx-lwc-jest's stub: it provides no context (a
 * component's `this.messageContext` stays undefined), and tests may pass it as a context.
 */
export class MessageContext {
    // The wire engine constructs an adapter with its data callback; this one never calls it.
    constructor(dataCallback: (value: unknown) => void) {
        void dataCallback;
    }
    connect(): void {}
    disconnect(): void {}
    update(): void {}
}

let pageContext: Context | null = null;

/** The context that stands for a missing one (created on first use, new after resetDropInMessageService). */
function resolve(context: unknown): Context {
    if (context === undefined || context === null || context === MessageContext) {
        pageContext ??= strict.createComponentMessageContext();
        return pageContext;
    }
    return context as Context;
}

export const createMessageContext = jest.fn(() => strict.createMessageContext());
export const releaseMessageContext = jest.fn((context: unknown) => strict.releaseMessageContext(context as Context));
export const publish = jest.fn((context: unknown, channel: unknown, message?: unknown) =>
    strict.publish(resolve(context), channel, message)
);
export const subscribe = jest.fn(
    (context: unknown, channel: unknown, listener: (message: unknown) => void, options?: { scope?: unknown }) =>
        strict.subscribe(resolve(context), channel, listener, options)
);
export const unsubscribe = jest.fn((subscription: unknown) => strict.unsubscribe(subscription as Parameters<typeof strict.unsubscribe>[0]));
/** Not part of LWC's lightning/messageService (sfdx-lwc-jest exports a stub of it): refused with a clear error rather than doing nothing. */
export const createMessageChannel = jest.fn(() => {
    throw new Error('createMessageChannel is not available in lightning/messageService for LWC (the kit fake refuses it)');
});

/** Drops every subscription and the test page's context (between tests). */
export function resetDropInMessageService(): void {
    strict.resetMessageService();
    pageContext = null;
}
