/**
 * The drop-in lightning/messageService: exports are jest mock functions (tests written for
 * sfdx-lwc-jest's stubs keep their assertions), the implementation is the strict fake, and
 * only the missing-context rule is relaxed (sfdx-lwc-jest's @wire(MessageContext) never
 * provides one). lwcRecipes.test.ts runs a public sample's tests unchanged on it.
 */
import {
    APPLICATION_SCOPE,
    MessageContext,
    createMessageChannel,
    createMessageContext,
    publish,
    releaseMessageContext,
    resetDropInMessageService,
    subscribe,
    unsubscribe
} from '../dropIn/messageService';

const CHANNEL = 'Record_Selected__c';

beforeEach(() => resetDropInMessageService());

it('every export is a jest mock function recording its calls', () => {
    for (const fn of [publish, subscribe, unsubscribe, createMessageContext, releaseMessageContext, createMessageChannel]) {
        expect(jest.isMockFunction(fn)).toBe(true);
    }
    const listener = jest.fn();
    const subscription = subscribe(undefined, CHANNEL, listener);
    publish(undefined, CHANNEL, { recordId: '001' });
    expect(publish).toHaveBeenCalledWith(undefined, CHANNEL, { recordId: '001' });
    expect(subscribe.mock.calls.at(-1)?.[1]).toBe(CHANNEL);
    expect(listener).toHaveBeenCalledWith({ recordId: '001' });
    unsubscribe(subscription);
    publish(MessageContext, CHANNEL, { recordId: '002' });
    expect(listener).toHaveBeenCalledTimes(1);
});

it('a missing context (or the MessageContext adapter passed as one) is the test page’s context, with APPLICATION_SCOPE', () => {
    const heard: unknown[] = [];
    subscribe(undefined, CHANNEL, (m) => heard.push(m), { scope: APPLICATION_SCOPE });
    const service = createMessageContext();
    publish(service, CHANNEL, { from: 'service' });
    publish(MessageContext, CHANNEL, { from: 'test' });
    expect(heard).toEqual([{ from: 'service' }, { from: 'test' }]);
});

it('still strict: messages are structured-cloned (a function is refused, nothing delivered), a copy not the object', () => {
    const listener = jest.fn();
    subscribe(undefined, CHANNEL, listener);
    expect(() => publish(undefined, CHANNEL, { callback: () => undefined })).toThrow(/DataCloneError|could not be cloned|function/i);
    expect(listener).not.toHaveBeenCalled();
    const message = { nested: { recordId: '001' } };
    publish(undefined, CHANNEL, message);
    expect(listener.mock.calls[0][0]).toEqual(message);
    expect(listener.mock.calls[0][0]).not.toBe(message);
});

it('still strict: a released or foreign context is refused; createMessageChannel is refused, not a silent no-op', () => {
    const context = createMessageContext();
    releaseMessageContext(context);
    expect(() => publish(context, CHANNEL, {})).toThrow(/released/);
    expect(() => subscribe({}, CHANNEL, () => undefined)).toThrow(/not a MessageContext of this page/);
    expect(() => subscribe(undefined, CHANNEL, 'handler' as never)).toThrow(TypeError);
    expect(() => createMessageChannel()).toThrow(/not available/);
});
