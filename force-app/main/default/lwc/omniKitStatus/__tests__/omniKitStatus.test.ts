import { createElement } from 'lwc';
import OmniKitStatus, { MAX_EVENTS } from '../omniKitStatus';
import OmniBridgeCore from 'c/omniBridgeCore';
import { resetMessageService } from '@platform/lightning/messageService/messageService';
import { serveToolkitCalls } from '@platform/aura/serveToolkitCalls';
import { IDS, createFakeToolkit, flushPromises } from '@platform/testing/omniFakes';
import { loadLabels } from '@platform/testing/auraBundles';
import { setup as setupAccessibility } from '@sa11y/jest';

type Status = HTMLElement & { bridgeProblem: string | null; bridgeNotice: string | null; bridgeState: unknown };
type Bridge = HTMLElement & { handleOmniEvent(name: string, params: unknown): void };

const LABELS = loadLabels();
/** The client's default time-out (the status panel creates its client without one). */
const CLIENT_TIMEOUT_MS = 10_000;

function addBridge(): Bridge {
    const bridge = createElement('c-omni-bridge-core', { is: OmniBridgeCore }) as unknown as Bridge;
    serveToolkitCalls(bridge, createFakeToolkit().invoke);
    document.body.appendChild(bridge);
    return bridge;
}

async function mountStatus(
    props: Record<string, unknown> = {}
): Promise<{ status: Status; utility: Array<{ label: string; highlighted: boolean }> }> {
    const status = createElement('c-omni-kit-status', { is: OmniKitStatus }) as unknown as Status;
    const utility: Array<{ label: string; highlighted: boolean }> = [];
    status.addEventListener('utilitystate', (event) => utility.push((event as CustomEvent).detail));
    Object.assign(status, props);
    document.body.appendChild(status);
    await flushPromises(15);
    return { status, utility };
}

const $ = (root: Element, selector: string) => root.shadowRoot!.querySelector(selector) as HTMLElement & Record<string, unknown>;
const text = (root: Element, selector: string) => $(root, selector)?.textContent?.replace(/\s+/g, ' ').trim();

beforeAll(() => setupAccessibility());

beforeEach(() => {
    resetMessageService();
    window.sessionStorage.clear();
});

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.useRealTimers();
    Reflect.deleteProperty(navigator, 'clipboard');
});

describe('omniKitStatus', () => {
    it('shows the connection, and the utility label says it', async () => {
        addBridge();
        await flushPromises(15);
        const { status, utility } = await mountStatus();
        expect(text(status, '[data-id="connection"]')).toBe(LABELS.OmniKit_KitConnected);
        expect(utility[utility.length - 1]).toEqual({ label: 'Omni: Connected', highlighted: false });
        expect(text(status, '[data-id="no-events"]')).toBe(LABELS.OmniKit_KitNoEvents);
    });

    it('lists the last events, newest first, and keeps only the last ten', async () => {
        const bridge = addBridge();
        await flushPromises(15);
        const { status } = await mountStatus();
        bridge.handleOmniEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        bridge.handleOmniEvent('omniChannelWorkAccepted', { workId: IDS.work2, workItemId: IDS.case2 });
        await flushPromises(15);
        const types = () => Array.from(status.shadowRoot!.querySelectorAll('[data-id="event-type"]')).map((e) => e.textContent);
        expect(types()).toEqual(['workAccepted', 'workAssigned']);
        for (let i = 0; i < MAX_EVENTS + 3; i++)
            bridge.handleOmniEvent('omniChannelWorkloadChanged', { newWorkload: String(i % 5), configuredCapacity: '5' });
        await flushPromises(15);
        expect(types()).toHaveLength(MAX_EVENTS);
    });

    it("says whether this utility's bridge leads, stands by or is stopped", async () => {
        const { status } = await mountStatus({ bridgeState: { running: true, bridgeId: 'b1', leading: true } });
        expect(text(status, '[data-id="bridge"]')).toBe(LABELS.OmniKit_KitBridgeLeads.replace('{0}', 'b1'));
        status.bridgeState = { running: true, bridgeId: 'b2', leading: false };
        await flushPromises();
        expect(text(status, '[data-id="bridge"]')).toBe(LABELS.OmniKit_KitBridgeStandsBy.replace('{0}', 'b2'));
        status.bridgeState = { running: false, bridgeId: null, leading: false };
        await flushPromises();
        expect(text(status, '[data-id="bridge"]')).toBe(LABELS.OmniKit_KitBridgeStopped);
    });

    it("shows the host's problem in words an admin can act on, and highlights the utility", async () => {
        const { status, utility } = await mountStatus({ bridgeProblem: LABELS.OmniKit_BridgeNoToolkit });
        expect(text(status, '[data-id="problem"]')).toBe(LABELS.OmniKit_BridgeNoToolkit);
        expect(utility[utility.length - 1]).toEqual({ label: 'Omni: needs attention', highlighted: true });
    });

    it("shows the host's notice as a polite warning line, not a problem: the utility is not highlighted for it, and it clears", async () => {
        addBridge();
        await flushPromises(15);
        const { status, utility } = await mountStatus({ bridgeNotice: LABELS.OmniKit_BridgeNoOmni });
        const notice = $(status, '[data-id="notice"]');
        expect(notice.getAttribute('role')).toBe('status');
        expect(text(status, '[data-id="notice"] p')).toBe(LABELS.OmniKit_BridgeNoOmni);
        expect($(status, '[data-id="problem"]')).toBeNull();
        expect(utility[utility.length - 1]).toEqual({ label: 'Omni: Connected', highlighted: false });
        status.bridgeNotice = '';
        await flushPromises();
        expect($(status, '[data-id="notice"]')).toBeNull();
    });

    it('the diagnostics name the notice', async () => {
        const writeText = jest.fn(() => Promise.resolve());
        Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
        const { status } = await mountStatus({ bridgeNotice: LABELS.OmniKit_BridgeNoOmni });
        $(status, '[data-id="copy"]').click();
        await flushPromises();
        const copied = (writeText.mock.calls[0] as unknown[])[0] as string;
        expect(copied).toContain(`notice: ${LABELS.OmniKit_BridgeNoOmni}`);
    });

    it('says no bridge answered when none is on the page', async () => {
        jest.useFakeTimers();
        const status = createElement('c-omni-kit-status', { is: OmniKitStatus }) as unknown as Status;
        document.body.appendChild(status);
        jest.advanceTimersByTime(CLIENT_TIMEOUT_MS);
        await flushPromises(10);
        expect(text(status, '[data-id="problem"]')).toBe(LABELS.OmniKit_BridgeMissing);
    });

    it('shows a connection error in the connection line', async () => {
        const bridge = addBridge();
        await flushPromises(15);
        const { status } = await mountStatus();
        bridge.handleOmniEvent('omniChannelConnectionError', { error: 'Network down' });
        await flushPromises(15);
        expect(text(status, '[data-id="connection"]')).toContain('Network down');
    });

    it('copies the diagnostics and says so', async () => {
        const writeText = jest.fn(() => Promise.resolve());
        Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
        addBridge();
        await flushPromises(15);
        const { status } = await mountStatus({ bridgeState: { running: true, bridgeId: 'b1', leading: true } });
        $(status, '[data-id="copy"]').click();
        await flushPromises();
        expect(writeText).toHaveBeenCalledTimes(1);
        const copied = (writeText.mock.calls[0] as unknown[])[0] as string;
        expect(copied).toContain('"bridgeId":"b1"');
        expect(copied).toContain('login: loggedIn');
        expect(text(status, '[data-id="copy-result"]')).toBe(LABELS.OmniKit_KitCopied);
    });

    it('when the browser refuses to copy, shows the text to select instead', async () => {
        Object.defineProperty(navigator, 'clipboard', {
            value: { writeText: () => Promise.reject(new Error('denied')) },
            configurable: true
        });
        const { status } = await mountStatus();
        $(status, '[data-id="copy"]').click();
        await flushPromises();
        expect(text(status, '[data-id="copy-result"]')).toBe(LABELS.OmniKit_KitCopyFailed);
        expect(String($(status, '[data-id="diagnostics"]').value)).toContain('Omni Console Kit diagnostics');
    });

    describe('accessibility (axe rules through @sa11y/jest)', () => {
        it('is accessible connected, with events', async () => {
            const bridge = addBridge();
            await flushPromises(15);
            const { status } = await mountStatus({ bridgeState: { running: true, bridgeId: 'b1', leading: true } });
            bridge.handleOmniEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
            await flushPromises(15);
            await expect(status).toBeAccessible();
        });

        it('is accessible with the notice', async () => {
            addBridge();
            await flushPromises(15);
            const { status } = await mountStatus({ bridgeNotice: LABELS.OmniKit_BridgeNoOmni });
            await expect(status).toBeAccessible();
        });

        it('is accessible with a problem and the diagnostics text shown', async () => {
            Object.defineProperty(navigator, 'clipboard', {
                value: { writeText: () => Promise.reject(new Error('denied')) },
                configurable: true
            });
            const { status } = await mountStatus({ bridgeProblem: LABELS.OmniKit_BridgeNoToolkit });
            $(status, '[data-id="copy"]').click();
            await flushPromises();
            await expect(status).toBeAccessible();
        });
    });
});
