/**
 * The Aura bridge is plain ES5 Aura code; it is tested by evaluating its controller and
 * helper objects with fakes of $A, the component and the toolkit.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { XMLParser } from 'fast-xml-parser';
import { OMNI_METHODS, AURA_EVENT_TYPES } from 'c/omniTypes';

type AuraObject = Record<string, (...args: unknown[]) => unknown>;
const bundle = join(__dirname, '..');

function load(file: string, $A: unknown): AuraObject {
    const source = readFileSync(join(bundle, file), 'utf8').trim().replace(/;\s*$/, '');
    return new Function('$A', `return ${source}`)($A) as AuraObject;
}

function fakeAura() {
    const callbacks: number[] = [];
    return {
        callbacks,
        getCallback(fn: () => void) {
            return () => {
                callbacks.push(1);
                fn();
            };
        }
    };
}

function fakeComponent(parts: Record<string, unknown>, valid = true) {
    const attributes: Record<string, unknown> = {};
    return {
        attributes,
        find: (id: string) => parts[id],
        set: (key: string, value: unknown) => (attributes[key] = value),
        isValid: () => valid
    };
}

function boundHelper($A: unknown) {
    const helper = load('omniBridgeHelper.js', $A);
    // Aura calls helper functions with `this` bound to the helper.
    for (const key of Object.keys(helper)) helper[key] = helper[key].bind(helper);
    return helper;
}

describe('omniBridge markup', () => {
    const markup = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
        readFileSync(join(bundle, 'omniBridge.cmp'), 'utf8')
    )['aura:component'];

    it('is a background utility item hosting the toolkit and the LWC core', () => {
        expect(markup.implements).toBe('lightning:backgroundUtilityItem');
        expect(markup['lightning:omniToolkitAPI']['aura:id']).toBe('omniToolkit');
        expect(markup['c:omniBridgeCore']).toMatchObject({ 'aura:id': 'core', toolkit: '{!v.toolkitInvoker}' });
    });

    it('handles all ten lightning:omniChannel* events, each with an existing controller action', () => {
        const controller = load('omniBridgeController.js', fakeAura());
        const handlers = (markup['aura:handler'] as Array<Record<string, string>>).filter((h) => h.event);
        expect(handlers.map((h) => h.event.replace('lightning:', '')).sort()).toEqual(Object.keys(AURA_EVENT_TYPES).sort());
        for (const handler of handlers) {
            const action = handler.action.replace(/^\{!c\.|\}$/g, '');
            expect(typeof controller[action]).toBe('function');
        }
    });
});

describe('omniBridge controller and helper', () => {
    it('forwards each event with its name and raw params to omniBridgeCore, untouched', () => {
        const $A = fakeAura();
        const controller = load('omniBridgeController.js', $A);
        const helper = boundHelper($A);
        const core = { handleOmniEvent: jest.fn() };
        const cmp = fakeComponent({ core });
        const params = { workItemId: '500RM000000A1nv', workId: '0BzRM0000000001' };
        controller.onWorkAssigned(cmp, { getParams: () => params }, helper);
        controller.onWorkloadChanged(cmp, { getParams: () => ({ newWorkload: '2' }) }, helper);
        expect(core.handleOmniEvent.mock.calls).toEqual([
            ['omniChannelWorkAssigned', params],
            ['omniChannelWorkloadChanged', { newWorkload: '2' }]
        ]);
        expect(core.handleOmniEvent.mock.calls[0][1]).toBe(params);
    });

    it('each controller action forwards the event of its own name', () => {
        const $A = fakeAura();
        const controller = load('omniBridgeController.js', $A);
        const helper = boundHelper($A);
        const core = { handleOmniEvent: jest.fn() };
        const cmp = fakeComponent({ core });
        for (const name of Object.keys(AURA_EVENT_TYPES)) {
            const action = 'on' + name.replace('omniChannel', '');
            controller[action](cmp, { getParams: () => ({}) }, helper);
            expect(core.handleOmniEvent).toHaveBeenLastCalledWith(name, {});
        }
    });

    it('gives omniBridgeCore an invoker on init that runs the twelve toolkit methods with their argument', async () => {
        const $A = fakeAura();
        const controller = load('omniBridgeController.js', $A);
        const helper = boundHelper($A);
        const toolkit: Record<string, jest.Mock> = {};
        for (const method of OMNI_METHODS) toolkit[method] = jest.fn(() => Promise.resolve(method));
        const cmp = fakeComponent({ omniToolkit: toolkit });
        controller.onInit(cmp, {}, helper);
        const invoke = cmp.attributes['v.toolkitInvoker'] as (m: string, a?: unknown) => Promise<unknown>;
        for (const method of OMNI_METHODS) {
            const args = method.includes('Work') && !method.startsWith('get') ? { workId: '0BzRM0000000001' } : undefined;
            await expect(invoke(method, args)).resolves.toBe(method);
            expect(toolkit[method]).toHaveBeenLastCalledWith(...(args === undefined ? [] : [args]));
        }
        expect($A.callbacks).toHaveLength(OMNI_METHODS.length);
    });

    it('refuses anything that is not one of the twelve toolkit methods', async () => {
        const $A = fakeAura();
        const helper = boundHelper($A);
        const toolkit = { toString: jest.fn(), logout: jest.fn() };
        const invoke = helper.createInvoker(fakeComponent({ omniToolkit: toolkit })) as (m: string) => Promise<unknown>;
        await expect(invoke('toString')).rejects.toThrow('Not a toolkit method: toString');
        expect(toolkit.toString).not.toHaveBeenCalled();
    });

    it('rejects (not throws) when the component is destroyed or the toolkit is missing', async () => {
        const $A = fakeAura();
        const helper = boundHelper($A);
        const destroyed = helper.createInvoker(fakeComponent({ omniToolkit: { logout: jest.fn() } }, false)) as (
            m: string
        ) => Promise<unknown>;
        await expect(destroyed('logout')).rejects.toThrow('lightning:omniToolkitAPI is not available');
        const missing = helper.createInvoker(fakeComponent({})) as (m: string) => Promise<unknown>;
        await expect(missing('logout')).rejects.toThrow('lightning:omniToolkitAPI is not available');
    });

    it('does nothing when the core is not rendered yet', () => {
        const $A = fakeAura();
        const helper = boundHelper($A);
        expect(() => helper.forward(fakeComponent({}), 'omniChannelLogout', { getParams: () => ({}) })).not.toThrow();
    });
});
