/**
 * The workload panel where it is hosted: on its wired MessageContext (so a panel in a
 * background console tab still hears the bridge), asking its Aura host for the utility's label
 * and highlight, showing the host's problem (a stop) and its notice (advice), and its alerts
 * under Lightning Locker as well as Lightning Web Security.
 */
import { createElement } from 'lwc';
import OmniWorkloadPanel from 'c/omniWorkloadPanel';
import OmniBridgeCore from 'c/omniBridgeCore';
import { createOmniClient, type OmniAgentSnapshot } from 'c/omniClient';
import getAvailableStatuses from '@salesforce/apex/OmniPanelController.getAvailableStatuses';
import getDeclineSettings from '@salesforce/apex/OmniPanelController.getDeclineSettings';
import getWorkItemSummaries from '@salesforce/apex/OmniPanelController.getWorkItemSummaries';
import { createPageArea, resetMessageService, runInArea } from '@platform/lightning/messageService/messageService';
import {
    resetUtilityBar,
    setLightningWebSecurity,
    setUtilityPlacement,
    utilityUpdates
} from '@platform/lightning/platformUtilityBarApi/platformUtilityBarApi';
import { serveToolkitCalls } from '@platform/aura/serveToolkitCalls';
import { IDS, createFakeToolkit, flushPromises } from '@platform/testing/omniFakes';
import { loadLabels } from '@platform/testing/auraBundles';
import { setup as setupAccessibility } from '@sa11y/jest';
import { notificationPermission } from '../alerts';

jest.mock('@salesforce/apex/OmniPanelController.getAvailableStatuses', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/OmniPanelController.getDeclineSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/OmniPanelController.getWorkItemSummaries', () => ({ default: jest.fn() }), { virtual: true });

type Bridge = HTMLElement & { handleOmniEvent(name: string, params: unknown): void };
type Panel = HTMLElement & Record<string, unknown>;
const LABELS = loadLabels();
const work2 = { workId: IDS.work2, workItemId: IDS.case2 };

async function flush(): Promise<void> {
    await flushPromises(15);
}

async function addBridge(): Promise<Bridge> {
    const bridge = createElement('c-omni-bridge-core', { is: OmniBridgeCore }) as unknown as Bridge;
    serveToolkitCalls(bridge, createFakeToolkit().invoke);
    document.body.appendChild(bridge);
    await flush();
    return bridge;
}

function createPanel(props: Record<string, unknown> = {}): Panel {
    const panel = createElement('c-omni-workload-panel', { is: OmniWorkloadPanel }) as unknown as Panel;
    Object.assign(panel, props);
    return panel;
}

const $ = (root: Element, selector: string) => root.shadowRoot!.querySelector(selector) as HTMLElement | null;
const text = (root: Element, selector: string) => $(root, selector)?.textContent?.replace(/\s+/g, ' ').trim();
const rowCount = (panel: Element) => panel.shadowRoot!.querySelectorAll('c-omni-work-row').length;

beforeAll(() => setupAccessibility());

beforeEach(() => {
    resetMessageService();
    resetUtilityBar();
    window.sessionStorage.clear();
    (getAvailableStatuses as unknown as jest.Mock).mockResolvedValue([]);
    (getDeclineSettings as unknown as jest.Mock).mockResolvedValue(null);
    (getWorkItemSummaries as unknown as jest.Mock).mockResolvedValue([]);
});

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.useRealTimers();
});

describe('message scope: the panel uses its wired MessageContext', () => {
    it('on a record page in a background console tab it still hears the bridge (APPLICATION_SCOPE through @wire)', async () => {
        const bridge = await addBridge();
        const tab = createPageArea('case tab');
        const panel = createPanel();
        runInArea(tab, () => document.body.appendChild(panel));
        await flush();
        tab.active = false;
        bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
        await flush();
        expect(rowCount(panel)).toBe(2);
    });

    it('while a client on its own createMessageContext() in that tab misses the same event (why the panel passes its context)', async () => {
        const bridge = await addBridge();
        const tab = createPageArea('case tab');
        const snapshots: OmniAgentSnapshot[] = [];
        const own = runInArea(tab, () => createOmniClient({ timeoutMs: 200 }));
        own.onSnapshot((snapshot) => snapshots.push(snapshot));
        await own.getSnapshot();
        tab.active = false;
        const before = snapshots.length;
        bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
        await flush();
        expect(snapshots.length).toBe(before);
        own.dispose();
    });
});

describe('the utility label and highlight', () => {
    it('asks its Aura host with a utilitystate event; nested in an Aura utility it has no id and never calls updateUtility', async () => {
        setUtilityPlacement('nestedInAuraUtility');
        const bridge = await addBridge();
        const panel = createPanel();
        const asked: Array<{ label: string; highlighted: boolean }> = [];
        panel.addEventListener('utilitystate', (event) => asked.push((event as CustomEvent).detail));
        document.body.appendChild(panel);
        await flush();
        bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
        await flush();
        expect(asked[0]).toEqual({ label: expect.stringContaining('Available'), highlighted: false });
        expect(asked[asked.length - 1]).toEqual({ label: expect.stringContaining('Available'), highlighted: true });
        expect(utilityUpdates()).toEqual([]);
    });

    it('as a utility by itself with Lightning Web Security it also updates the utility directly', async () => {
        await addBridge();
        document.body.appendChild(createPanel());
        await flush();
        expect(utilityUpdates().map((u) => u.utilityId)).toEqual(['utility-1']);
    });

    it('under Lightning Locker (no LWS) the LWC utility bar API is off: only the event remains', async () => {
        setLightningWebSecurity(false);
        await addBridge();
        const panel = createPanel();
        const asked: unknown[] = [];
        panel.addEventListener('utilitystate', (event) => asked.push((event as CustomEvent).detail));
        document.body.appendChild(panel);
        await flush();
        expect(asked).toHaveLength(1);
        expect(utilityUpdates()).toEqual([]);
    });
});

describe("the host's problem", () => {
    it('shows the reason in the bridge-missing state, and comes back when it clears', async () => {
        await addBridge();
        const panel = createPanel();
        document.body.appendChild(panel);
        await flush();
        expect(rowCount(panel)).toBe(1);
        panel.bridgeProblem = LABELS.OmniKit_BridgeNoToolkit;
        await flush();
        expect(text(panel, '[data-id="bridge-missing-text"]')).toBe(LABELS.OmniKit_BridgeNoToolkit);
        panel.bridgeProblem = null;
        await flush();
        expect($(panel, '[data-id="bridge-missing"]')).toBeNull();
        expect(rowCount(panel)).toBe(1);
    });
});

describe("the host's notice (Omni-Channel has not answered yet: advice, not a failure)", () => {
    it('shows it as a polite warning line above a panel that stays usable, and removes it when the host clears it', async () => {
        await addBridge();
        const panel = createPanel({ bridgeNotice: LABELS.OmniKit_BridgeNoOmni });
        document.body.appendChild(panel);
        await flush();
        const notice = $(panel, '[data-id="bridge-notice"]')!;
        expect(notice.getAttribute('role')).toBe('status');
        expect(notice.classList.contains('slds-alert_warning')).toBe(true);
        expect(text(panel, '[data-id="bridge-notice"] p')).toBe(LABELS.OmniKit_BridgeNoOmni);
        expect(text(panel, '[data-id="bridge-notice"] .slds-assistive-text')).toBe(LABELS.OmniKit_Warning);
        expect($(panel, '[data-id="bridge-missing"]')).toBeNull();
        expect($(panel, 'c-omni-presence-control')).not.toBeNull();
        expect(rowCount(panel)).toBe(1);
        await expect(panel).toBeAccessible();
        panel.bridgeNotice = '';
        await flush();
        expect($(panel, '[data-id="bridge-notice"]')).toBeNull();
        expect(rowCount(panel)).toBe(1);
    });
});

describe('alerts under Lightning Locker as well as Lightning Web Security', () => {
    class FakeNotification {
        static permission = 'default';
        static requestPermission = jest.fn(() => Promise.resolve('granted'));
    }

    afterEach(() => {
        delete (window as unknown as Record<string, unknown>).Notification;
    });

    it('finds the browser APIs on window when globalThis is undefined (Locker)', () => {
        Object.assign(window, { Notification: FakeNotification });
        const saved = Object.getOwnPropertyDescriptor(globalThis, 'globalThis')!;
        let seen: { globalThisType: string; permission: string };
        try {
            // Locker-like mode: component code sees no globalThis (expect() itself needs it, so assert after).
            delete (globalThis as Record<string, unknown>).globalThis;
            seen = { globalThisType: typeof globalThis, permission: notificationPermission() };
        } finally {
            Object.defineProperty(window, 'globalThis', saved);
        }
        expect(seen).toEqual({ globalThisType: 'undefined', permission: 'default' });
    });

    it('offers the notifications button when the API is there, and says so when it is not', async () => {
        await addBridge();
        Object.assign(window, { Notification: FakeNotification });
        const offered = createPanel({ desktopNotifications: true });
        document.body.appendChild(offered);
        await flush();
        expect($(offered, '[data-id="enable-notifications"]')).not.toBeNull();
        document.body.removeChild(offered);
        delete (window as unknown as Record<string, unknown>).Notification;
        const unavailable = createPanel({ desktopNotifications: true });
        document.body.appendChild(unavailable);
        await flush();
        expect($(unavailable, '[data-id="enable-notifications"]')).toBeNull();
        expect(text(unavailable, '[data-id="notifications-unavailable"]')).toBe(LABELS.OmniKit_NotificationsUnavailable);
    });
});
