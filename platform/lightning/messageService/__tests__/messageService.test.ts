/**
 * The message service fake's platform rules, each shown biting: serializable messages (one
 * strict structured clone in jest and the browser), live contexts only, scope and active areas.
 */
import {
    APPLICATION_SCOPE,
    createComponentMessageContext,
    createMessageContext,
    createPageArea,
    publish,
    releaseMessageContext,
    resetMessageService,
    runInArea,
    subscribe
} from '../messageService';
import { DataCloneError, strictStructuredClone } from '../../structuredData';

const CHANNEL = 'Test__c';

beforeEach(() => resetMessageService());

describe('a message must be serializable data', () => {
    it('refuses a function property instead of dropping it (jsdom has no structuredClone; JSON would drop it silently)', () => {
        const received = jest.fn();
        subscribe(createMessageContext(), CHANNEL, received);
        expect(() => publish(createMessageContext(), CHANNEL, { kind: 'command', run: () => 1 })).toThrow(DataCloneError);
        expect(() => publish(createMessageContext(), CHANNEL, { kind: 'command', run: () => 1 })).toThrow(
            /a function \(run\) at run cannot be cloned/
        );
        expect(received).not.toHaveBeenCalled();
    });

    it('refuses symbols, symbol keys, DOM nodes, promises and class instances', () => {
        class Work {
            id = '0Bz';
        }
        for (const bad of [
            { s: Symbol('x') },
            { [Symbol('k')]: 1 },
            { node: document.createElement('div') },
            { p: Promise.resolve(1) },
            { w: new Work() }
        ]) {
            expect(() => publish(createMessageContext(), CHANNEL, bad)).toThrow(DataCloneError);
        }
    });

    it('refuses even when nobody listens, as the platform serializes first', () => {
        expect(() => publish(createMessageContext(), 'Nobody__c', { f: () => 0 })).toThrow(DataCloneError);
    });

    it('copies data as structured clone does: a Date stays a Date, Map, Set, arrays and cycles survive, nothing is shared', () => {
        const received: unknown[] = [];
        subscribe(createMessageContext(), CHANNEL, (message) => received.push(message));
        const at = new Date('2026-01-02T03:04:05Z');
        const cyclic: Record<string, unknown> = { name: 'loop' };
        cyclic.self = cyclic;
        const message = { at, map: new Map([['a', 1]]), set: new Set(['x']), list: [1, { two: 2 }], cyclic };
        publish(createMessageContext(), CHANNEL, message);
        const copy = received[0] as typeof message;
        expect(copy).not.toBe(message);
        expect(copy.at).toBeInstanceOf(Date);
        expect(copy.at.getTime()).toBe(at.getTime());
        expect(copy.map.get('a')).toBe(1);
        expect(copy.set.has('x')).toBe(true);
        expect(copy.list).toEqual([1, { two: 2 }]);
        expect((copy.cyclic as Record<string, unknown>).self).toBe(copy.cyclic);
        expect(copy.list[1]).not.toBe(message.list[1]);
    });

    it('strictStructuredClone is the same function the browser build uses (no JSON fallback)', () => {
        expect(strictStructuredClone({ a: [1, 'b', null, undefined] })).toEqual({ a: [1, 'b', null, undefined] });
    });
});

describe('only a live context of this page can publish or subscribe', () => {
    it('a released context cannot publish, as it cannot subscribe', () => {
        const context = createMessageContext();
        releaseMessageContext(context);
        expect(() => publish(context, CHANNEL, { a: 1 })).toThrow(/released/);
        expect(() => subscribe(context, CHANNEL, () => undefined)).toThrow(/released/);
    });

    it('a foreign context (not made by this service) cannot publish or subscribe', () => {
        const foreign = { subscriptions: new Set(), released: false } as never;
        expect(() => publish(foreign, CHANNEL, { a: 1 })).toThrow(/not a MessageContext of this page/);
        expect(() => subscribe(foreign, CHANNEL, () => undefined)).toThrow(/not a MessageContext of this page/);
    });

    it('a component that is not connected has no context: publish() without one fails', () => {
        expect(() => publish(undefined as never, CHANNEL, { a: 1 })).toThrow(/once it is connected to the document/);
    });
});

describe('scope: active area by default, APPLICATION_SCOPE only through @wire(MessageContext)', () => {
    function subscriberIn(area: ReturnType<typeof createPageArea>, wired: boolean, scoped: boolean) {
        const received = jest.fn();
        runInArea(area, () => {
            const context = wired ? createComponentMessageContext() : createMessageContext();
            subscribe(context, CHANNEL, received, scoped ? { scope: APPLICATION_SCOPE } : undefined);
        });
        return received;
    }

    it('a subscriber in a background console tab receives only with APPLICATION_SCOPE on a wired context', () => {
        const tab = createPageArea('case tab');
        const wiredScoped = subscriberIn(tab, true, true);
        const wiredDefault = subscriberIn(tab, true, false);
        const serviceScoped = subscriberIn(tab, false, true);
        tab.active = false;
        publish(createMessageContext(), CHANNEL, { n: 1 });
        expect(wiredScoped).toHaveBeenCalledTimes(1);
        expect(wiredDefault).not.toHaveBeenCalled();
        expect(serviceScoped).not.toHaveBeenCalled();
        tab.active = true;
        publish(createMessageContext(), CHANNEL, { n: 2 });
        expect(wiredDefault).toHaveBeenCalledTimes(1);
        expect(serviceScoped).toHaveBeenCalledTimes(1);
    });

    it('utility items are always active: the default area always receives', () => {
        const received = jest.fn();
        subscribe(createMessageContext(), CHANNEL, received);
        publish(createMessageContext(), CHANNEL, { n: 1 });
        expect(received).toHaveBeenCalledTimes(1);
    });

    it('refuses a scope that is not APPLICATION_SCOPE', () => {
        expect(() => subscribe(createMessageContext(), CHANNEL, () => undefined, { scope: 'APPLICATION' })).toThrow(TypeError);
    });
});
