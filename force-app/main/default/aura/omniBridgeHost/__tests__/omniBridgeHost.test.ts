/**
 * c:omniBridgeHost, the Aura half of the bridge, mounted by the local Aura runtime
 * (platform/aura) as the kit's utilities contain it, and its helper evaluated with fakes where a
 * platform failure cannot be produced otherwise (a missing toolkit, a destroyed component).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import OmniBridgeCore from 'c/omniBridgeCore';
import { AURA_EVENT_TYPES, OMNI_METHODS, createOmniClient, type OmniClient, type OmniEvent } from 'c/omniClient';
import { resetMessageService } from '@platform/lightning/messageService/messageService';
import { createFakeToolkit, flushPromises, IDS, type FakeToolkit } from '@platform/testing/omniFakes';
import { loadKitAuraBundles, loadLabels } from '@platform/testing/auraBundles';
import { createAuraComponentFactory } from '@platform/aura';
import type { MountedUtilityComponent } from '@platform/console/types';
import rawEvents from '../../../lwc/omniTypes/__tests__/data/rawEvents.json';

const LABELS = loadLabels();
const raw = rawEvents as Record<string, Record<string, unknown>>;
const mounted: MountedUtilityComponent[] = [];
const clients: OmniClient[] = [];

function mountHost(toolkit: FakeToolkit = createFakeToolkit()) {
    const container = document.createElement('div');
    document.body.appendChild(container);
    const factory = createAuraComponentFactory({
        omniToolkit: (method, args) => toolkit.invoke(method, args as Record<string, string> | undefined),
        lwc: { 'c:omniBridgeCore': OmniBridgeCore },
        bundles: loadKitAuraBundles(),
        labels: LABELS
    });
    const host = factory(
        { identifier: 'host', componentName: 'c:omniBridgeHost', region: 'utility', eager: true, properties: {} },
        { utilityId: 'utility-1', container, utilityBar: null }
    );
    mounted.push(host);
    return { host, toolkit, container };
}

function client(): OmniClient {
    const c = createOmniClient({ timeoutMs: 500 });
    clients.push(c);
    return c;
}

/** The helper as Aura evaluates it, `this` bound to itself, with a $A that knows the labels. */
function loadHelper(): Record<string, (...args: unknown[]) => unknown> {
    const source = readFileSync(join(__dirname, '../omniBridgeHostHelper.js'), 'utf8').trim().replace(/;\s*$/, '');
    const $A = {
        getCallback: (fn: (...args: unknown[]) => unknown) => fn,
        get: (key: string) => LABELS[key.replace('$Label.c.', '')]
    };
    const helper = new Function('$A', `return (${source});`)($A) as Record<string, (...args: unknown[]) => unknown>;
    for (const key of Object.keys(helper)) if (typeof helper[key] === 'function') helper[key] = helper[key].bind(helper);
    return helper;
}

function fakeCmp(parts: Record<string, unknown>, valid = true) {
    const values: Record<string, unknown> = {
        'v.rejections': 0,
        'v.answered': false,
        'v.heardOmni': false,
        'v.problemLogged': false,
        'v.noticeLogged': false
    };
    return {
        values,
        find: (id: string) => parts[id],
        get: (key: string) => values[key],
        set: (key: string, value: unknown) => (values[key] = value),
        isValid: () => valid
    };
}

beforeEach(() => {
    resetMessageService();
    window.sessionStorage.clear();
});

afterEach(() => {
    clients.splice(0).forEach((c) => c.dispose());
    mounted.splice(0).forEach((m) => m.destroy());
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
});

describe('c:omniBridgeHost markup', () => {
    const markup = readFileSync(join(__dirname, '../omniBridgeHost.cmp'), 'utf8');

    it('renders (no background utility item interface) and passes omniBridgeCore only data', () => {
        expect(markup).not.toMatch(/backgroundUtilityItem/);
        expect(markup).toMatch(
            /<c:omniBridgeCore aura:id="core" hostProblem="\{!v.problem\}" ontoolkitcall="\{!c.onToolkitCall\}" onbridgestate="\{!c.onBridgeState\}" \/>/
        );
        expect(markup).not.toMatch(/toolkitInvoker|toolkit="/);
    });

    it('keeps the notice (advice) apart from the problem (a stop): only the problem reaches hostProblem', () => {
        expect(markup).toMatch(/<aura:attribute name="notice" type="String" access="global"/);
        expect(markup.match(/hostProblem="[^"]*"/g)).toEqual(['hostProblem="{!v.problem}"']);
    });
});

describe('c:omniBridgeHost under the local Aura runtime', () => {
    it.each(Object.keys(AURA_EVENT_TYPES))('forwards lightning:%s with its raw params to the bridge', async (name) => {
        const { host } = mountHost();
        await flushPromises(10);
        const heard: OmniEvent[] = [];
        const omni = client();
        await omni.getSnapshot();
        omni.onAny((event) => heard.push(event));
        host.fireApplicationEvent(`lightning:${name}`, raw[name]);
        await flushPromises(10);
        expect(heard.map((e) => e.type)).toEqual([AURA_EVENT_TYPES[name]]);
    });

    it('runs each of the twelve toolkit methods with its argument', async () => {
        const { toolkit } = mountHost();
        await flushPromises(10);
        const omni = client();
        const args: Record<string, Record<string, string> | undefined> = {
            acceptAgentWork: { workId: IDS.work1 },
            declineAgentWork: { workId: IDS.work1 },
            closeAgentWork: { workId: IDS.work1 },
            login: { statusId: IDS.available },
            raiseAgentWorkFlag: { workId: IDS.work1 },
            lowerAgentWorkFlag: { workId: IDS.work1 },
            setServicePresenceStatus: { statusId: IDS.busy }
        };
        const ran: Array<{ method: string; args: Record<string, string> | null }> = [];
        for (const method of OMNI_METHODS) {
            toolkit.calls.length = 0;
            await omni.call(method, args[method] as never);
            const call = toolkit.calls.find((c) => c.method === method);
            // Ids go to the toolkit 15 or 18 characters long: compare their first 15.
            const sent = call?.args ? Object.fromEntries(Object.entries(call.args).map(([k, v]) => [k, v.slice(0, 15)])) : null;
            ran.push({ method: call?.method ?? 'not called', args: sent });
        }
        expect(ran).toEqual(OMNI_METHODS.map((method) => ({ method, args: args[method] ?? null })));
    });
});

describe('c:omniBridgeHost helper', () => {
    it('refuses anything that is not one of the twelve toolkit methods', () => {
        const helper = loadHelper();
        const toolkit = { toString: jest.fn(), logout: jest.fn() };
        const core = { completeToolkitCall: jest.fn() };
        helper.runToolkitCall(fakeCmp({ omniToolkit: toolkit, core }), 't1', 'toString', null);
        expect(toolkit.toString).not.toHaveBeenCalled();
        expect(core.completeToolkitCall).toHaveBeenCalledWith('t1', false, 'Not a toolkit method: toString');
    });

    it('without lightning:omniToolkitAPI: refuses the call and reports the admin-facing problem, once in the console', () => {
        const helper = loadHelper();
        const core = { completeToolkitCall: jest.fn() };
        const cmp = fakeCmp({ core });
        const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
        helper.runToolkitCall(cmp, 't1', 'logout', null);
        helper.runToolkitCall(cmp, 't2', 'logout', null);
        expect(cmp.values['v.problem']).toBe(LABELS.OmniKit_BridgeNoToolkit);
        expect(core.completeToolkitCall).toHaveBeenCalledWith('t1', false, 'lightning:omniToolkitAPI is not available');
        expect(consoleError).toHaveBeenCalledTimes(1);
        consoleError.mockRestore();
    });

    it('four reads refused before any answer or event: a notice (warned once in the console), never the problem', async () => {
        const helper = loadHelper();
        const core = { completeToolkitCall: jest.fn() };
        const toolkit = { getAgentWorks: () => Promise.reject(new Error('not logged in')) };
        const cmp = fakeCmp({ omniToolkit: toolkit, core });
        const consoleWarn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
        const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
        for (let i = 1; i <= 3; i++) helper.runToolkitCall(cmp, `t${i}`, 'getAgentWorks', null);
        await flushPromises();
        expect(cmp.values['v.notice']).toBeUndefined();
        for (let i = 4; i <= 6; i++) helper.runToolkitCall(cmp, `t${i}`, 'getAgentWorks', null);
        await flushPromises();
        expect(cmp.values['v.notice']).toBe(LABELS.OmniKit_BridgeNoOmni);
        expect(cmp.values['v.problem']).toBeUndefined();
        expect(consoleWarn).toHaveBeenCalledTimes(1);
        expect(consoleWarn).toHaveBeenCalledWith(`Omni Console Kit: ${LABELS.OmniKit_BridgeNoOmni}`);
        expect(consoleError).not.toHaveBeenCalled();
        expect(core.completeToolkitCall).toHaveBeenCalledTimes(6);
    });

    it('the notice clears when a call answers, and then never comes back', async () => {
        const helper = loadHelper();
        let refuse = true;
        const toolkit = { getAgentWorks: () => (refuse ? Promise.reject(new Error('not logged in')) : Promise.resolve({ works: '[]' })) };
        const cmp = fakeCmp({ omniToolkit: toolkit, core: { completeToolkitCall: jest.fn() } });
        jest.spyOn(console, 'warn').mockImplementation(() => undefined);
        for (let i = 1; i <= 4; i++) helper.runToolkitCall(cmp, `t${i}`, 'getAgentWorks', null);
        await flushPromises();
        expect(cmp.values['v.notice']).toBe(LABELS.OmniKit_BridgeNoOmni);
        refuse = false;
        helper.runToolkitCall(cmp, 't5', 'getAgentWorks', null);
        await flushPromises();
        expect(cmp.values['v.notice']).toBe('');
        refuse = true;
        for (let i = 6; i <= 9; i++) helper.runToolkitCall(cmp, `t${i}`, 'getAgentWorks', null);
        await flushPromises();
        expect(cmp.values['v.notice']).toBe('');
    });

    it('the notice clears on any Omni-Channel event, which still reaches the bridge', async () => {
        const helper = loadHelper();
        const core = { completeToolkitCall: jest.fn(), handleOmniEvent: jest.fn() };
        const toolkit = { getAgentWorkload: () => Promise.reject(new Error('not logged in')) };
        const cmp = fakeCmp({ omniToolkit: toolkit, core });
        jest.spyOn(console, 'warn').mockImplementation(() => undefined);
        for (let i = 1; i <= 4; i++) helper.runToolkitCall(cmp, `t${i}`, 'getAgentWorkload', null);
        await flushPromises();
        expect(cmp.values['v.notice']).toBe(LABELS.OmniKit_BridgeNoOmni);
        const params = { configuredCapacity: '5', newWorkload: '1' };
        helper.forward(cmp, 'omniChannelWorkloadChanged', { getParams: () => params });
        expect(cmp.values['v.notice']).toBe('');
        expect(core.handleOmniEvent).toHaveBeenCalledWith('omniChannelWorkloadChanged', params);
    });

    it('a toolkit that throws instead of rejecting still answers the core with a refusal', async () => {
        const helper = loadHelper();
        const core = { completeToolkitCall: jest.fn() };
        const toolkit = {
            logout: () => {
                throw new Error('boom');
            }
        };
        helper.runToolkitCall(fakeCmp({ omniToolkit: toolkit, core }), 't1', 'logout', null);
        await flushPromises();
        expect(core.completeToolkitCall).toHaveBeenCalledWith('t1', false, 'boom');
    });

    it('an answer that arrives after the component was destroyed is dropped', async () => {
        const helper = loadHelper();
        const core = { completeToolkitCall: jest.fn() };
        helper.runToolkitCall(fakeCmp({ omniToolkit: { logout: () => Promise.resolve(true) }, core }, false), 't1', 'logout', null);
        await flushPromises();
        expect(core.completeToolkitCall).not.toHaveBeenCalled();
    });
});
