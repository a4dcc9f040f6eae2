/**
 * The demo app's utility bar as deployed (force-app's UtilityBar flexipage), built by the local
 * console (platform/console) with the kit's Aura bundles run by platform/aura: the Omni
 * Workload utility starts with the console, so work that arrives before anyone opens a panel
 * is captured and its label and highlight say so; every design attribute the flexipage sets
 * is one the utility declares.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import OmniBridgeCore from 'c/omniBridgeCore';
import OmniWorkloadPanel from 'c/omniWorkloadPanel';
import getAvailableStatuses from '@salesforce/apex/OmniPanelController.getAvailableStatuses';
import getDeclineSettings from '@salesforce/apex/OmniPanelController.getDeclineSettings';
import getWorkItemSummaries from '@salesforce/apex/OmniPanelController.getWorkItemSummaries';
import { resetMessageService } from '@platform/lightning/messageService/messageService';
import { IDS, createFakeToolkit, flushPromises } from '@platform/testing/omniFakes';
import { loadKitAuraBundles, loadLabels } from '@platform/testing/auraBundles';
import { createAuraComponentFactory } from '@platform/aura';
import { readUtilityBarFlexipage } from '@platform/console/flexipage';
import { createConsoleUtilityBar, type ConsoleUtilityBar } from '@platform/console/utilityBar';
import type { UtilityComponentFactory } from '@platform/console/types';

jest.mock('@salesforce/apex/OmniPanelController.getAvailableStatuses', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/OmniPanelController.getDeclineSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/OmniPanelController.getWorkItemSummaries', () => ({ default: jest.fn() }), { virtual: true });

const FLEXIPAGE = join(__dirname, '../../../demo/main/default/flexipages/Omni_Console_Kit_UtilityBar.flexipage-meta.xml');
const items = readUtilityBarFlexipage(readFileSync(FLEXIPAGE, 'utf8'));
const bars: ConsoleUtilityBar[] = [];

/** The kit's Aura bundles through platform/aura; anything else (Omni's widget, LWC utilities) created but rendering nothing here. */
function consoleFactory(toolkit = createFakeToolkit()): { factory: UtilityComponentFactory; created: string[] } {
    const bundles = loadKitAuraBundles();
    const aura = createAuraComponentFactory({
        omniToolkit: (method, args) => toolkit.invoke(method, args as Record<string, string> | undefined),
        lwc: { 'c:omniBridgeCore': OmniBridgeCore, 'c:omniWorkloadPanel': OmniWorkloadPanel },
        bundles,
        labels: loadLabels()
    });
    const created: string[] = [];
    const factory: UtilityComponentFactory = (spec, context) => {
        created.push(spec.componentName);
        if (spec.componentName in bundles) return aura(spec, context);
        return { fireApplicationEvent: () => undefined, destroy: () => undefined };
    };
    return { factory, created };
}

function startConsole(factory: UtilityComponentFactory): ConsoleUtilityBar {
    const bar = createConsoleUtilityBar(items, factory, {
        createPanel: () => {
            const panel = document.createElement('section');
            const body = document.createElement('div');
            panel.appendChild(body);
            document.body.appendChild(panel);
            return { panel, body };
        }
    });
    bars.push(bar);
    return bar;
}

beforeEach(() => {
    resetMessageService();
    window.sessionStorage.clear();
    (getAvailableStatuses as unknown as jest.Mock).mockResolvedValue([]);
    (getDeclineSettings as unknown as jest.Mock).mockResolvedValue(null);
    (getWorkItemSummaries as unknown as jest.Mock).mockResolvedValue([]);
});

afterEach(() => {
    bars.splice(0).forEach((bar) => bar.destroy());
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
});

describe("the demo app's utility bar (force-app flexipage)", () => {
    it('has the Omni-Channel utility and the Omni Workload utility starting automatically, the supervisor view lazy, no background item', () => {
        const summary = items.map((item) => ({ component: item.componentName, region: item.region, eager: item.eager }));
        expect(summary).toEqual([
            { component: 'runtime_service_omnichannel:omniWidget', region: 'utility', eager: true },
            { component: 'c:omniWorkloadUtility', region: 'utility', eager: true },
            { component: 'c:omniTeamPanel', region: 'utility', eager: false }
        ]);
    });

    it('at console start creates the eager utilities only; the workload utility renders hidden and its bridge runs', async () => {
        const toolkit = createFakeToolkit();
        const { factory, created } = consoleFactory(toolkit);
        const bar = startConsole(factory);
        await flushPromises(15);
        expect(created).toEqual(['runtime_service_omnichannel:omniWidget', 'c:omniWorkloadUtility']);
        const workload = bar.byIdentifier('c_omniWorkloadUtility')!;
        expect(workload.open).toBe(false);
        expect(workload.panel!.hidden).toBe(true);
        expect(toolkit.calls.length).toBeGreaterThan(0);
    });

    it('captures work that arrives before anyone opens a panel: the utility label and highlight show it', async () => {
        const { factory } = consoleFactory();
        const bar = startConsole(factory);
        await flushPromises(15);
        bar.fireApplicationEvent('lightning:omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        await flushPromises(15);
        const workload = bar.byIdentifier('c_omniWorkloadUtility')!;
        expect(workload.label).toMatch(/^Available/);
        expect(workload.highlighted).toBe(true);
        bar.open(workload.id);
        const panel = workload.container!.querySelector('c-omni-workload-panel')!;
        expect(panel.shadowRoot!.querySelectorAll('c-omni-work-row')).toHaveLength(2);
    });
});
