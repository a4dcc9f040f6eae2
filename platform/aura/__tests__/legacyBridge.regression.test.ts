/**
 * Regression (issue 10): the bridge as first shipped, a lightning:backgroundUtilityItem holding
 * c:omniBridgeCore and handing it a function, mounted under today's fakes as the console mounts
 * a background utility item. It never starts, so the rep's panel shows its bridge-missing state;
 * the new host under the same fakes works. The old bundle is a test fixture outside force-app.
 */
import { createElement } from 'lwc';
import OmniBridgeCore from 'c/omniBridgeCore';
import OmniWorkloadPanel from 'c/omniWorkloadPanel';
import getAvailableStatuses from '@salesforce/apex/OmniPanelController.getAvailableStatuses';
import getDeclineSettings from '@salesforce/apex/OmniPanelController.getDeclineSettings';
import getWorkItemSummaries from '@salesforce/apex/OmniPanelController.getWorkItemSummaries';
import { resetMessageService, subscriberCount } from '@platform/lightning/messageService/messageService';
import { resetUtilityBar } from '@platform/lightning/platformUtilityBarApi/platformUtilityBarApi';
import { IDS, createFakeToolkit, flushPromises } from '@platform/testing/omniFakes';
import { loadKitAuraBundles, loadLabels, loadLegacyBridgeBundle } from '@platform/testing/auraBundles';
import { createAuraComponentFactory, type AuraBundleSource } from '@platform/aura';
import type { MountedUtilityComponent, UtilityItemSpec } from '@platform/console/types';

jest.mock('@salesforce/apex/OmniPanelController.getAvailableStatuses', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/OmniPanelController.getDeclineSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/OmniPanelController.getWorkItemSummaries', () => ({ default: jest.fn() }), { virtual: true });

const CHANNEL = 'OmniConsoleKit__c';
const LABELS = loadLabels();
/** The client's default time-out (the panel calls createOmniClient without one). */
const CLIENT_TIMEOUT_MS = 10_000;
const mounted: MountedUtilityComponent[] = [];

function factoryWith(toolkit = createFakeToolkit(), legacy: AuraBundleSource = loadLegacyBridgeBundle()) {
    return {
        toolkit,
        factory: createAuraComponentFactory({
            omniToolkit: (method, args) => toolkit.invoke(method, args as Record<string, string> | undefined),
            lwc: { 'c:omniBridgeCore': OmniBridgeCore, 'c:omniWorkloadPanel': OmniWorkloadPanel },
            bundles: { ...loadKitAuraBundles(), 'c:omniBridge': legacy },
            labels: LABELS
        })
    };
}

function spec(componentName: string, region: UtilityItemSpec['region'], properties: Record<string, string> = {}): UtilityItemSpec {
    return { identifier: componentName.replace(':', '_'), componentName, region, eager: region === 'utility', properties };
}

/** The old utility bar: the background item (never rendered: no container, no utility bar) and the panel as its own utility. */
function mountOldConsole(legacy: AuraBundleSource) {
    const { toolkit, factory } = factoryWith(createFakeToolkit(), legacy);
    const bridge = factory(spec('c:omniBridge', 'background'), { utilityId: 'utility-bg', container: null, utilityBar: null });
    mounted.push(bridge);
    const panel = createElement('c-omni-workload-panel', { is: OmniWorkloadPanel }) as unknown as HTMLElement;
    document.body.appendChild(panel);
    return { toolkit, bridge, panel };
}

const text = (root: Element, selector: string) => root.shadowRoot!.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

beforeEach(() => {
    resetMessageService();
    resetUtilityBar();
    window.sessionStorage.clear();
    (getAvailableStatuses as unknown as jest.Mock).mockResolvedValue([]);
    (getDeclineSettings as unknown as jest.Mock).mockResolvedValue(null);
    (getWorkItemSummaries as unknown as jest.Mock).mockResolvedValue([]);
});

afterEach(() => {
    mounted.splice(0).forEach((m) => m.destroy());
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.useRealTimers();
});

describe('the retired background-utility bridge under the new fakes', () => {
    it('as shipped it is refused: it hands omniBridgeCore a function (toolkit="{!v.toolkitInvoker}")', () => {
        const { factory } = factoryWith();
        expect(() => factory(spec('c:omniBridge', 'background'), { utilityId: 'utility-bg', container: null, utilityBar: null })).toThrow(
            /c:omniBridgeCore> has no public property toolkit/
        );
    });

    it('even without the function, a background utility item never renders: no bridge starts and the panel shows bridge missing', async () => {
        jest.useFakeTimers();
        const legacy = loadLegacyBridgeBundle();
        const withoutFunction = { ...legacy, markup: legacy.markup.replace(' toolkit="{!v.toolkitInvoker}"', '') };
        const { toolkit, bridge, panel } = mountOldConsole(withoutFunction);
        // Omni's events still reach the Aura handlers; the core they forward to never connected.
        bridge.fireApplicationEvent('lightning:omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        jest.advanceTimersByTime(CLIENT_TIMEOUT_MS);
        await flushPromises(15);
        expect(toolkit.calls).toEqual([]);
        // Only the panel's own client listens: no bridge ever subscribed.
        expect(subscriberCount(CHANNEL)).toBe(1);
        expect(text(panel, '[data-id="bridge-missing-text"]')).toBe(LABELS.OmniKit_BridgeMissing);
    });

    it('the new host under the same fakes starts with the console and the panel shows the work', async () => {
        const { toolkit, factory } = factoryWith();
        const container = document.createElement('div');
        container.hidden = true;
        document.body.appendChild(container);
        const utility = factory(
            spec('c:omniWorkloadUtility', 'utility', {
                showPresence: 'true',
                showCapacity: 'true',
                showWorks: 'true',
                compactMode: 'false',
                playSound: 'false',
                desktopNotifications: 'false'
            }),
            { utilityId: 'utility-1', container, utilityBar: null }
        );
        mounted.push(utility);
        utility.fireApplicationEvent('lightning:omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        await flushPromises(15);
        expect(toolkit.calls.length).toBeGreaterThan(0);
        const panel = container.querySelector('c-omni-workload-panel')!;
        expect(panel.shadowRoot!.querySelector('[data-id="bridge-missing"]')).toBeNull();
        expect(panel.shadowRoot!.querySelectorAll('c-omni-work-row')).toHaveLength(2);
    });
});
