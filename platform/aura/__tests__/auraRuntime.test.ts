/**
 * The local Aura runtime's platform rules, each shown biting, and the kit's utilities mounted
 * as the console mounts them: the bridge starts only where the rules allow it.
 */
import OmniBridgeCore from 'c/omniBridgeCore';
import OmniWorkloadPanel from 'c/omniWorkloadPanel';
import OmniKitStatus from '../../../force-app/main/default/lwc/omniKitStatus/omniKitStatus';
import { createOmniClient, toId18, type OmniClient } from 'c/omniClient';
import getAvailableStatuses from '@salesforce/apex/OmniPanelController.getAvailableStatuses';
import getDeclineSettings from '@salesforce/apex/OmniPanelController.getDeclineSettings';
import getWorkItemSummaries from '@salesforce/apex/OmniPanelController.getWorkItemSummaries';
import { createMessageContext, publish, resetMessageService, subscriberCount } from '@platform/lightning/messageService/messageService';
import { resetUtilityBar } from '@platform/lightning/platformUtilityBarApi/platformUtilityBarApi';
import { DEFAULT_ANSWERS, IDS, createFakeToolkit, flushPromises, type FakeToolkit } from '@platform/testing/omniFakes';
import { loadKitAuraBundles, loadLabels } from '@platform/testing/auraBundles';
import { createAuraComponentFactory, type AuraBundleSource } from '@platform/aura';
import type { MountedUtilityComponent, UtilityBarApi, UtilityItemSpec } from '@platform/console/types';

jest.mock('@salesforce/apex/OmniPanelController.getAvailableStatuses', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/OmniPanelController.getDeclineSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/OmniPanelController.getWorkItemSummaries', () => ({ default: jest.fn() }), { virtual: true });

const CHANNEL = 'OmniConsoleKit__c';
const LABELS = loadLabels();
const WORKLOAD_PROPERTIES = {
    showPresence: 'true',
    showCapacity: 'true',
    showWorks: 'true',
    compactMode: 'false',
    playSound: 'false',
    desktopNotifications: 'false'
};

type UtilityCall = { method: keyof UtilityBarApi; args: unknown };
const mounted: MountedUtilityComponent[] = [];
const clients: OmniClient[] = [];

function fakeUtilityBar(calls: UtilityCall[]): UtilityBarApi {
    const record = (method: keyof UtilityBarApi) => (args?: unknown) => {
        calls.push({ method, args });
        return Promise.resolve(true);
    };
    return {
        setUtilityLabel: record('setUtilityLabel'),
        setUtilityHighlighted: record('setUtilityHighlighted'),
        setUtilityIcon: record('setUtilityIcon'),
        openUtility: record('openUtility'),
        minimizeUtility: record('minimizeUtility')
    };
}

interface MountOptions {
    toolkit?: FakeToolkit | null;
    container?: HTMLElement | null;
    bundles?: Record<string, AuraBundleSource>;
    properties?: Record<string, string>;
    region?: UtilityItemSpec['region'];
    utilityBar?: boolean;
}

function mountUtility(componentName: string, options: MountOptions = {}) {
    const toolkit = options.toolkit === undefined ? createFakeToolkit() : options.toolkit;
    const utilityCalls: UtilityCall[] = [];
    const container = options.container === undefined ? hiddenPanel() : options.container;
    const factory = createAuraComponentFactory({
        omniToolkit: toolkit ? (method, args) => toolkit.invoke(method, args as Record<string, string> | undefined) : null,
        lwc: { 'c:omniBridgeCore': OmniBridgeCore, 'c:omniWorkloadPanel': OmniWorkloadPanel, 'c:omniKitStatus': OmniKitStatus },
        bundles: { ...loadKitAuraBundles(), ...(options.bundles ?? {}) },
        labels: LABELS,
        messageChannels: { OmniConsoleKit__c: CHANNEL }
    });
    const spec: UtilityItemSpec = {
        identifier: 'item1',
        componentName,
        region: options.region ?? 'utility',
        eager: true,
        properties: options.properties ?? {}
    };
    const component = factory(spec, {
        utilityId: 'utility-7',
        container,
        utilityBar: options.utilityBar === false ? null : fakeUtilityBar(utilityCalls)
    });
    mounted.push(component);
    return { component, toolkit, utilityCalls, container };
}

/** An eager utility is rendered hidden at console start (the console's panel, not shown). */
function hiddenPanel(): HTMLElement {
    const panel = document.createElement('div');
    panel.hidden = true;
    document.body.appendChild(panel);
    return panel;
}

function client(timeoutMs = 200): OmniClient {
    const c = createOmniClient({ timeoutMs });
    clients.push(c);
    return c;
}

function panelIn(container: HTMLElement | null): HTMLElement {
    const panel = container?.querySelector('c-omni-workload-panel');
    if (!panel) throw new Error('no workload panel rendered');
    return panel as HTMLElement;
}

const text = (root: Element, selector: string) => root.shadowRoot!.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

async function flush(): Promise<void> {
    await flushPromises(15);
}

async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
    try {
        await promise;
    } catch (error) {
        return error as Error & { code?: string };
    }
    throw new Error('expected a rejection');
}

beforeEach(() => {
    resetMessageService();
    resetUtilityBar();
    window.sessionStorage.clear();
    (getAvailableStatuses as unknown as jest.Mock).mockResolvedValue([]);
    (getDeclineSettings as unknown as jest.Mock).mockResolvedValue(null);
    (getWorkItemSummaries as unknown as jest.Mock).mockResolvedValue([]);
});

afterEach(() => {
    clients.splice(0).forEach((c) => c.dispose());
    mounted.splice(0).forEach((m) => m.destroy());
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.useRealTimers();
});

describe('c:omniWorkloadUtility, an eager utility that renders', () => {
    it('starts the bridge at console start, hidden, before anyone opens the panel', async () => {
        const { toolkit, container } = mountUtility('c:omniWorkloadUtility', { properties: WORKLOAD_PROPERTIES });
        await flush();
        expect(toolkit!.calls.map((c) => c.method)).toEqual(
            expect.arrayContaining(['getServicePresenceStatusId', 'getAgentWorks', 'getAgentWorkload'])
        );
        const snapshot = await client().getSnapshot();
        expect(snapshot.works.map((w) => w.workId)).toEqual([expect.stringMatching(/^0BzRM0000000001/)]);
        expect(panelIn(container).shadowRoot!.querySelectorAll('c-omni-work-row')).toHaveLength(1);
    });

    it('captures work assigned before the panel is ever opened, and the utility label and highlight say so', async () => {
        const { component, utilityCalls, container } = mountUtility('c:omniWorkloadUtility', { properties: WORKLOAD_PROPERTIES });
        await flush();
        component.fireApplicationEvent('lightning:omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        await flush();
        expect(panelIn(container).shadowRoot!.querySelectorAll('c-omni-work-row')).toHaveLength(2);
        const highlights = utilityCalls.filter((c) => c.method === 'setUtilityHighlighted').map((c) => c.args);
        expect(highlights[highlights.length - 1]).toEqual({ highlighted: true });
        const labels = utilityCalls.filter((c) => c.method === 'setUtilityLabel').map((c) => (c.args as { label: string }).label);
        expect(labels[labels.length - 1]).toMatch(/Available/);
    });

    it('passes the flexipage design attributes to the panel', async () => {
        const { container } = mountUtility('c:omniWorkloadUtility', {
            properties: { ...WORKLOAD_PROPERTIES, showCapacity: 'false', compactMode: 'true' }
        });
        await flush();
        const panel = panelIn(container) as HTMLElement & Record<string, unknown>;
        expect(panel.showCapacity).toBe(false);
        expect(panel.compactMode).toBe(true);
        expect(panel.showWorks).toBe(true);
    });

    it('refuses a flexipage property the component does not declare', () => {
        expect(() => mountUtility('c:omniWorkloadUtility', { properties: { showPresense: 'true' } })).toThrow(
            /has no attribute showPresense, which the flexipage sets/
        );
    });

    it('stops its bridge when destroyed: clients hear it leave', async () => {
        const { component } = mountUtility('c:omniWorkloadUtility', { properties: WORKLOAD_PROPERTIES });
        await flush();
        expect(subscriberCount(CHANNEL)).toBeGreaterThan(0);
        component.destroy();
        await flush();
        const error = await rejectionOf(client(50).getSnapshot());
        expect(error.code).toBe('BRIDGE_UNAVAILABLE');
    });
});

describe('c:omniKitUtility, the standalone bridge for apps that use only the client', () => {
    it("starts with the console; its panel shows the connection and that this utility's bridge leads", async () => {
        const { container, utilityCalls } = mountUtility('c:omniKitUtility');
        await flush();
        const status = container!.querySelector('c-omni-kit-status')!;
        expect(text(status, '[data-id="connection"]')).toBe(LABELS.OmniKit_KitConnected);
        expect(text(status, '[data-id="bridge"]')).toMatch(/^This utility's bridge leads \(b/);
        const labels = utilityCalls.filter((c) => c.method === 'setUtilityLabel').map((c) => (c.args as { label: string }).label);
        expect(labels[labels.length - 1]).toBe('Omni: Connected');
        expect((await client().getSnapshot()).loginState).toBe('loggedIn');
    });

    it('beside the workload utility, the two bridges agree: one leads, the other stands by', async () => {
        const work = mountUtility('c:omniWorkloadUtility', { properties: WORKLOAD_PROPERTIES });
        await flush();
        const kit = mountUtility('c:omniKitUtility', { toolkit: work.toolkit });
        await flush();
        const status = kit.container!.querySelector('c-omni-kit-status')!;
        expect(text(status, '[data-id="bridge"]')).toMatch(/stands by/);
        work.component.destroy();
        await flush();
        expect(text(status, '[data-id="bridge"]')).toMatch(/leads/);
    });
});

describe('where the bridge must not start', () => {
    it('a utility the console never renders (container null): its LWC children are created but never connect', async () => {
        const { toolkit } = mountUtility('c:omniWorkloadUtility', { container: null, properties: WORKLOAD_PROPERTIES });
        await flush();
        expect(toolkit!.calls).toEqual([]);
        expect(subscriberCount(CHANNEL)).toBe(0);
        expect((await rejectionOf(client(50).getSnapshot())).code).toBe('BRIDGE_UNAVAILABLE');
    });

    it('a background utility item renders nothing even when given a container', async () => {
        const host = loadKitAuraBundles()['c:omniWorkloadUtility'];
        const background: AuraBundleSource = {
            ...host,
            descriptor: 'c:backgroundWorkload',
            markup: host.markup.replace('implements="flexipage:availableForAllPageTypes"', 'implements="lightning:backgroundUtilityItem"')
        };
        const { toolkit, container } = mountUtility('c:backgroundWorkload', {
            bundles: { 'c:backgroundWorkload': background },
            properties: WORKLOAD_PROPERTIES
        });
        await flush();
        expect(container!.childElementCount).toBe(0);
        expect(toolkit!.calls).toEqual([]);
        expect(subscriberCount(CHANNEL)).toBe(0);
    });
});

/** The four reads the bridge makes at start; a rep who is logged out may see all four refused (undocumented). */
const START_READS = ['getServicePresenceStatusId', 'getServicePresenceStatusChannels', 'getAgentWorks', 'getAgentWorkload'];

/**
 * A console whose rep is logged out of Omni-Channel and whose toolkit refuses all four reads
 * until the rep logs in. login answers, then the reads answer, and Omni fires
 * lightning:omniChannelLoginSuccess as it does after a login (the event reaches the console after
 * the call has returned).
 */
function loggedOutToolkit(fire: (name: string, params: Record<string, unknown>) => void): FakeToolkit {
    const toolkit = createFakeToolkit();
    for (const method of START_READS) toolkit.reject(method, new Error('The agent is not logged in to Omni-Channel'));
    toolkit.answer('login', (args: Record<string, string> | undefined) => {
        for (const method of START_READS) toolkit.answer(method, DEFAULT_ANSWERS[method]);
        setTimeout(() => fire('lightning:omniChannelLoginSuccess', { statusId: args?.statusId }), 0);
        return true;
    });
    return toolkit;
}

/** c:omniBridgeHost without lightning:omniToolkitAPI in its markup: cmp.find('omniToolkit') finds nothing. */
function hostWithoutToolkit(): Record<string, AuraBundleSource> {
    const host = loadKitAuraBundles()['c:omniBridgeHost'];
    const markup = host.markup.replace(/\s*<lightning:omniToolkitAPI aura:id="omniToolkit" \/>/, '');
    if (markup === host.markup) throw new Error('c:omniBridgeHost no longer holds <lightning:omniToolkitAPI aura:id="omniToolkit" />');
    return { 'c:omniBridgeHost': { ...host, markup } };
}

const presenceOf = (panel: Element) => panel.shadowRoot!.querySelector('c-omni-presence-control') as HTMLElement;

describe('Omni-Channel did not answer: a notice, never a stop (a logged-out rep keeps the panel)', () => {
    it('all four reads refused: the bridge runs, the panel shows the notice and stays usable; the admin reads it once in the console', async () => {
        const consoleWarn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
        const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
        let fire: (name: string, params: Record<string, unknown>) => void = () => undefined;
        const toolkit = loggedOutToolkit((name, params) => fire(name, params));
        const { component, container } = mountUtility('c:omniWorkloadUtility', { toolkit, properties: WORKLOAD_PROPERTIES });
        fire = (name, params) => component.fireApplicationEvent(name, params);
        await flush();
        expect(toolkit.calls.map((c) => c.method).sort()).toEqual([...START_READS].sort());
        const panel = panelIn(container);
        const notice = panel.shadowRoot!.querySelector('[data-id="bridge-notice"]')!;
        expect(notice.getAttribute('role')).toBe('status');
        expect(notice.querySelector('p')!.textContent).toBe(LABELS.OmniKit_BridgeNoOmni);
        expect(panel.shadowRoot!.querySelector('[data-id="bridge-missing"]')).toBeNull();
        expect(text(presenceOf(panel), '[data-id="detail"]')).toBe(LABELS.OmniKit_LoggedOut);
        expect(consoleWarn.mock.calls.filter((args) => String(args[0]).includes(LABELS.OmniKit_BridgeNoOmni))).toHaveLength(1);
        expect(consoleError).not.toHaveBeenCalled();
        // The bridge answers clients: the rep is logged out, not the bridge missing.
        expect((await client().getSnapshot()).loginState).toBe('loggedOut');
    });

    it('the rep goes online from the panel: login reaches the toolkit, the panel shows them online and the notice clears', async () => {
        jest.spyOn(console, 'warn').mockImplementation(() => undefined);
        (getAvailableStatuses as unknown as jest.Mock).mockResolvedValue([
            { statusId: toId18(IDS.available), label: 'Available', isOnline: true }
        ]);
        let fire: (name: string, params: Record<string, unknown>) => void = () => undefined;
        const toolkit = loggedOutToolkit((name, params) => fire(name, params));
        const { component, container } = mountUtility('c:omniWorkloadUtility', { toolkit, properties: WORKLOAD_PROPERTIES });
        fire = (name, params) => component.fireApplicationEvent(name, params);
        await flush();
        const panel = panelIn(container);
        expect(panel.shadowRoot!.querySelector('[data-id="bridge-notice"]')).not.toBeNull();
        const combobox = presenceOf(panel).shadowRoot!.querySelector('lightning-combobox')!;
        combobox.dispatchEvent(new CustomEvent('change', { detail: { value: toId18(IDS.available) } }));
        await flush();
        await new Promise((resolve) => setTimeout(resolve, 0)); // Omni's loginSuccess event
        await flush();
        expect(toolkit.calls.filter((c) => c.method === 'login').map((c) => c.args?.statusId.slice(0, 15))).toEqual([IDS.available]);
        expect(panel.shadowRoot!.querySelector('[data-id="bridge-notice"]')).toBeNull();
        expect(presenceOf(panel).shadowRoot!.querySelector('[data-id="logout"]')).not.toBeNull();
        expect(text(presenceOf(panel), '[data-id="detail"]')).toMatch(
            new RegExp(`^${LABELS.OmniKit_InStatusFor.replace('{0}', '\\d+:\\d{2}')}$`)
        );
        expect((await client().getSnapshot()).loginState).toBe('loggedIn');
    });

    it('the notice clears on the first Omni-Channel event (the rep went online in the Omni-Channel utility)', async () => {
        jest.spyOn(console, 'warn').mockImplementation(() => undefined);
        const toolkit = createFakeToolkit();
        for (const method of START_READS) toolkit.reject(method, new Error('not logged in'));
        const { component, container } = mountUtility('c:omniWorkloadUtility', { toolkit, properties: WORKLOAD_PROPERTIES });
        await flush();
        expect(panelIn(container).shadowRoot!.querySelector('[data-id="bridge-notice"]')).not.toBeNull();
        for (const method of START_READS) toolkit.answer(method, DEFAULT_ANSWERS[method]);
        component.fireApplicationEvent('lightning:omniChannelLoginSuccess', { statusId: IDS.available });
        await flush();
        expect(panelIn(container).shadowRoot!.querySelector('[data-id="bridge-notice"]')).toBeNull();
        expect((await client().getSnapshot()).loginState).toBe('loggedIn');
    });

    it('the kit utility shows the notice too, its bridge leading, and does not highlight the utility for it', async () => {
        jest.spyOn(console, 'warn').mockImplementation(() => undefined);
        const toolkit = createFakeToolkit();
        for (const method of START_READS) toolkit.reject(method, new Error('not logged in'));
        const { container, utilityCalls } = mountUtility('c:omniKitUtility', { toolkit });
        await flush();
        const status = container!.querySelector('c-omni-kit-status')!;
        expect(text(status, '[data-id="notice"] p')).toBe(LABELS.OmniKit_BridgeNoOmni);
        expect(status.shadowRoot!.querySelector('[data-id="notice"]')!.getAttribute('role')).toBe('status');
        expect(status.shadowRoot!.querySelector('[data-id="problem"]')).toBeNull();
        expect(text(status, '[data-id="bridge"]')).toMatch(/leads/);
        const highlights = utilityCalls.filter((c) => c.method === 'setUtilityHighlighted').map((c) => c.args);
        expect(highlights[highlights.length - 1]).toEqual({ highlighted: false });
    });

    it('an app with no Omni-Channel at all (every call refused) gets the same notice; a command the rep tries fails in words', async () => {
        jest.spyOn(console, 'warn').mockImplementation(() => undefined);
        const { container } = mountUtility('c:omniWorkloadUtility', { toolkit: null, properties: WORKLOAD_PROPERTIES });
        await flush();
        expect(panelIn(container).shadowRoot!.querySelector('[data-id="bridge-notice"]')).not.toBeNull();
        const error = await rejectionOf(client().login({ statusId: toId18(IDS.available)! }));
        expect(error.code).toBe('TOOLKIT_REJECTED');
        expect(error.message).toMatch(/Omni-Channel is not available in this app/);
    });
});

describe('a bridge host that cannot start: no lightning:omniToolkitAPI (the one definitive problem)', () => {
    it('stops the bridge: the panel shows BridgeNoToolkit, the console has it once, clients reject with BRIDGE_UNAVAILABLE within their time-out', async () => {
        const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
        const { container, toolkit } = mountUtility('c:omniWorkloadUtility', {
            bundles: hostWithoutToolkit(),
            properties: WORKLOAD_PROPERTIES
        });
        await flush();
        const panel = panelIn(container);
        expect(text(panel, '[data-id="bridge-missing-text"]')).toBe(LABELS.OmniKit_BridgeNoToolkit);
        expect(panel.shadowRoot!.querySelector('[data-id="bridge-notice"]')).toBeNull();
        expect(consoleError.mock.calls.filter((args) => String(args[0]).includes(LABELS.OmniKit_BridgeNoToolkit))).toHaveLength(1);
        expect(toolkit!.calls).toEqual([]);
        const timeoutMs = 100;
        const asked = Date.now();
        const error = await rejectionOf(client(timeoutMs).getSnapshot());
        expect(error.code).toBe('BRIDGE_UNAVAILABLE');
        // Rejected by its own time-out (no bridge answers), not hanging: well before a second time-out would pass.
        expect(Date.now() - asked).toBeLessThan(timeoutMs * 2 + 250);
    });

    it('the kit utility says so as a problem and highlights the utility; its bridge is stopped', async () => {
        jest.spyOn(console, 'error').mockImplementation(() => undefined);
        const { container, utilityCalls } = mountUtility('c:omniKitUtility', { bundles: hostWithoutToolkit() });
        await flush();
        const status = container!.querySelector('c-omni-kit-status')!;
        expect(text(status, '[data-id="problem"]')).toBe(LABELS.OmniKit_BridgeNoToolkit);
        expect(text(status, '[data-id="bridge"]')).toBe(LABELS.OmniKit_KitBridgeStopped);
        const highlights = utilityCalls.filter((c) => c.method === 'setUtilityHighlighted').map((c) => c.args);
        expect(highlights[highlights.length - 1]).toEqual({ highlighted: true });
    });
});

describe('the platform rules the runtime enforces', () => {
    const channelBundle = (init: string, implementsAttr = 'flexipage:availableForAllPageTypes'): AuraBundleSource => ({
        descriptor: 'c:lmsProbe',
        markup: `<aura:component implements="${implementsAttr}">
            <aura:handler name="init" value="{!this}" action="{!c.onInit}" />
            <aura:handler event="lightning:omniChannelLogout" action="{!c.onLogout}" />
            <lightning:messageChannel aura:id="channel" type="OmniConsoleKit__c" />
        </aura:component>`,
        controller: `({
            onInit: function (cmp) { ${init} },
            onLogout: function (cmp) { cmp.find('channel').publish({ from: 'aura' }); }
        })`
    });

    it('Lightning Message Service from an Aura init handler fails: the component has not rendered', () => {
        expect(() =>
            mountUtility('c:lmsProbe', { bundles: { 'c:lmsProbe': channelBundle("cmp.find('channel').publish({ from: 'init' });") } })
        ).toThrow(/cannot be called before the component renders/);
    });

    it('the same publish works once the component has rendered', () => {
        const { component } = mountUtility('c:lmsProbe', { bundles: { 'c:lmsProbe': channelBundle('') } });
        expect(() => component.fireApplicationEvent('lightning:omniChannelLogout', {})).not.toThrow();
    });

    it('lightning:messageChannel cannot be used in a background utility item', () => {
        expect(() =>
            mountUtility('c:lmsProbe', {
                bundles: { 'c:lmsProbe': channelBundle('', 'lightning:backgroundUtilityItem') },
                region: 'background',
                container: null
            })
        ).toThrow(/background utility item interface/);
    });

    it('lightning:messageChannel onMessage receives once the component has rendered, and never when it is not rendered', () => {
        const bundle = (name: string): AuraBundleSource => ({
            descriptor: name,
            markup: `<aura:component implements="flexipage:availableForAllPageTypes">
                <lightning:messageChannel type="OmniConsoleKit__c" scope="APPLICATION" onMessage="{!c.onMessage}" />
            </aura:component>`,
            controller: `({ onMessage: function (cmp, evt) { window.__heard.push(['${name}', evt.getParam('n')]); } })`
        });
        const heard: unknown[] = [];
        (window as unknown as { __heard: unknown[] }).__heard = heard;
        mountUtility('c:rendered', { bundles: { 'c:rendered': bundle('c:rendered') } });
        mountUtility('c:hidden', { bundles: { 'c:hidden': bundle('c:hidden') }, container: null });
        publish(createMessageContext(), CHANNEL, { n: 1 });
        expect(heard).toEqual([['c:rendered', 1]]);
    });

    it('refuses a function passed from Aura to an LWC property', () => {
        const bundle: AuraBundleSource = {
            descriptor: 'c:functionProbe',
            markup: `<aura:component implements="flexipage:availableForAllPageTypes">
                <aura:attribute name="problem" type="Object" />
                <aura:handler name="init" value="{!this}" action="{!c.onInit}" />
                <c:omniBridgeCore hostProblem="{!v.problem}" />
            </aura:component>`,
            controller: `({ onInit: function (cmp) { cmp.set('v.problem', function () { return 'not data'; }); } })`
        };
        expect(() => mountUtility('c:functionProbe', { bundles: { 'c:functionProbe': bundle } })).toThrow(/a function .* cannot be cloned/);
    });

    it('refuses a function passed to an LWC @api method', () => {
        const bundle: AuraBundleSource = {
            descriptor: 'c:methodProbe',
            markup: `<aura:component implements="flexipage:availableForAllPageTypes">
                <aura:handler event="lightning:omniChannelLogout" action="{!c.onLogout}" />
                <c:omniBridgeCore aura:id="core" />
            </aura:component>`,
            controller: `({ onLogout: function (cmp) { cmp.find('core').handleOmniEvent('omniChannelLogout', { reason: function () {} }); } })`
        };
        const { component } = mountUtility('c:methodProbe', { bundles: { 'c:methodProbe': bundle } });
        expect(() => component.fireApplicationEvent('lightning:omniChannelLogout', {})).toThrow(
            /handleOmniEvent argument 2.*cannot be cloned/
        );
    });

    it('lightning:utilityBarAPI works inside a utility without an id, and rejects outside one', async () => {
        const bundle: AuraBundleSource = {
            descriptor: 'c:barProbe',
            markup: `<aura:component implements="flexipage:availableForAllPageTypes">
                <aura:handler event="lightning:omniChannelLogout" action="{!c.onLogout}" />
                <lightning:utilityBarAPI aura:id="bar" />
            </aura:component>`,
            controller: `({ onLogout: function (cmp) { window.__barResult = cmp.find('bar').setUtilityLabel({ label: 'Away' }); } })`
        };
        const inside = mountUtility('c:barProbe', { bundles: { 'c:barProbe': bundle } });
        inside.component.fireApplicationEvent('lightning:omniChannelLogout', {});
        await expect((window as unknown as { __barResult: Promise<boolean> }).__barResult).resolves.toBe(true);
        expect(inside.utilityCalls).toEqual([{ method: 'setUtilityLabel', args: { label: 'Away' } }]);
        const outside = mountUtility('c:barProbe', { bundles: { 'c:barProbe': bundle }, utilityBar: false });
        outside.component.fireApplicationEvent('lightning:omniChannelLogout', {});
        await expect((window as unknown as { __barResult: Promise<boolean> }).__barResult).rejects.toThrow(/is not in a utility/);
    });

    it('is strict: an element, an expression or a member of $A it does not implement is an error naming it', () => {
        const bundle = (markup: string, controller = '({})'): Record<string, AuraBundleSource> => ({
            'c:strictProbe': { descriptor: 'c:strictProbe', markup, controller }
        });
        expect(() => mountUtility('c:strictProbe', { bundles: bundle('<aura:component><div class="x" /></aura:component>') })).toThrow(
            'c:strictProbe: <div> is not supported by the local Aura runtime'
        );
        expect(() =>
            mountUtility('c:strictProbe', {
                bundles: bundle(
                    '<aura:component><aura:attribute name="a" type="String" /><c:omniBridgeCore hostProblem="{!v.a + 1}" /></aura:component>'
                )
            })
        ).toThrow(/only a whole \{!v.name\}|expression is not supported/);
        expect(() =>
            mountUtility('c:strictProbe', {
                bundles: bundle(
                    '<aura:component><aura:handler name="init" value="{!this}" action="{!c.onInit}" /></aura:component>',
                    '({ onInit: function () { $A.enqueueAction(null); } })'
                )
            })
        ).toThrow('$A.enqueueAction is not supported by the local Aura runtime');
        expect(() => mountUtility('c:strictProbe', { bundles: bundle('<aura:component><c:nowhere /></aura:component>') })).toThrow(
            /neither an LWC in services.lwc nor an Aura bundle/
        );
    });
});
