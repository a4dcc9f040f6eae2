import { createElement } from 'lwc';
import OmniWorkloadPanel from 'c/omniWorkloadPanel';
import OmniBridgeCore from 'c/omniBridgeCore';
import getAvailableStatuses from '@salesforce/apex/OmniPanelController.getAvailableStatuses';
import getDeclineSettings from '@salesforce/apex/OmniPanelController.getDeclineSettings';
import getWorkItemSummaries from '@salesforce/apex/OmniPanelController.getWorkItemSummaries';
import { toId18 } from 'c/omniTypes';
import { resetMessageService } from '@platform/lightning/messageService/messageService';
import {
    failUtilityUpdates,
    resetUtilityBar,
    setEnclosingUtilityId,
    utilityUpdates
} from '@platform/lightning/platformUtilityBarApi/platformUtilityBarApi';
import { IDS, createFakeToolkit, flushPromises, type FakeToolkit } from '@platform/testing/omniFakes';
import apex from './data/apex.json';
import { setup as setupAccessibility } from '@sa11y/jest';

jest.mock(
    '@salesforce/apex/OmniPanelController.getAvailableStatuses',
    () => {
        const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
jest.mock(
    '@salesforce/apex/OmniPanelController.getDeclineSettings',
    () => {
        const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
jest.mock('@salesforce/apex/OmniPanelController.getWorkItemSummaries', () => ({ default: jest.fn() }), { virtual: true });

type Bridge = HTMLElement & { toolkit: unknown; handleOmniEvent(name: string, params: unknown): void };
type Panel = HTMLElement & Record<string, unknown>;
const wire = (adapter: unknown) => adapter as { emit(data: unknown): void; error(body?: unknown): void };
const summariesMock = getWorkItemSummaries as unknown as jest.Mock;

const work2 = { workId: IDS.work2, workItemId: IDS.case2 };

function addBridge(toolkit: FakeToolkit): Bridge {
    const bridge = createElement('c-omni-bridge-core', { is: OmniBridgeCore }) as unknown as Bridge;
    bridge.toolkit = toolkit.invoke;
    document.body.appendChild(bridge);
    return bridge;
}

async function flush(): Promise<void> {
    await flushPromises(12);
}

async function mount(options: { toolkit?: FakeToolkit; props?: Record<string, unknown>; decline?: unknown; bridge?: boolean } = {}) {
    const toolkit = options.toolkit ?? createFakeToolkit();
    const bridge = options.bridge === false ? null : addBridge(toolkit);
    await flush();
    const panel = createElement('c-omni-workload-panel', { is: OmniWorkloadPanel }) as unknown as Panel;
    Object.assign(panel, options.props ?? {});
    document.body.appendChild(panel);
    wire(getAvailableStatuses).emit(apex.statuses);
    wire(getDeclineSettings).emit(options.decline ?? apex.declineWithReasons);
    await flush();
    return { panel, bridge: bridge!, toolkit };
}

const $ = (root: Element, selector: string) => root.shadowRoot!.querySelector(selector) as HTMLElement & Record<string, unknown>;
const $$ = (root: Element, selector: string) =>
    Array.from(root.shadowRoot!.querySelectorAll(selector)) as Array<HTMLElement & Record<string, unknown>>;
const rows = (panel: Element) => $$(panel, 'c-omni-work-row');
const rowFor = (panel: Element, workId: string) => $(panel, `c-omni-work-row[data-work-id="${toId18(workId)}"]`);
const text = (root: Element, selector: string) => $(root, selector)?.textContent?.replace(/\s+/g, ' ').trim();
const presence = (panel: Element) => $(panel, 'c-omni-presence-control');

function calls(toolkit: FakeToolkit, method: string) {
    return toolkit.calls.filter((c) => c.method === method);
}

beforeEach(() => {
    resetMessageService();
    resetUtilityBar();
    window.sessionStorage.clear();
    summariesMock.mockReset();
    summariesMock.mockImplementation(({ workItemIds }: { workItemIds: string[] }) =>
        Promise.resolve(apex.summaries.filter((s) => workItemIds.includes(s.workItemId)))
    );
});

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.useRealTimers();
});

describe('what the rep sees', () => {
    it('shows the status, the capacity and each work with its record name', async () => {
        const { panel } = await mount();
        expect($(presence(panel), 'lightning-combobox').value).toBe(toId18(IDS.available));
        expect(text(presence(panel), '[data-id="detail"]')).toMatch(/^for 0:0\d$/);
        const gauge = $(panel, 'c-omni-capacity-gauge');
        expect(text(gauge, '[data-id="used"]')).toBe('1 of 5 used');
        expect(text(gauge, '[data-id="interruptible"]')).toBe('Interruptible: 0 of 2');
        expect(rows(panel)).toHaveLength(1);
        const row = rows(panel)[0];
        expect(text(row, '[data-id="title"]')).toBe('00001026');
        expect(text(row, '[data-id="subtitle"]')).toBe('Printer on fire');
        expect(text(row, '[data-id="state"]')).toBe('Case · In progress');
        expect(summariesMock).toHaveBeenCalledWith({ workItemIds: [toId18(IDS.case1)] });
    });

    it('adds new work at the top with an Accept button and a running timer', async () => {
        const { panel, bridge } = await mount();
        bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
        await flush();
        expect(rows(panel)).toHaveLength(2);
        const row = rows(panel)[0];
        expect(text(row, '[data-id="title"]')).toBe('00001027');
        expect(text(row, '[data-id="state"]')).toBe('Case · Waiting to be accepted');
        expect(text(row, '[data-id="times"]')).toMatch(/^Assigned 0:0\d ago$/);
        expect($(row, '[data-id="accept"]')).not.toBeNull();
        expect(text(panel, '[data-id="works-heading"]')).toBe('Work (2)');
    });

    it('forgets the record name of a work that has gone,  and asks Apex again if it comes back', async () => {
        const { panel, bridge } = await mount();
        bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
        await flush();
        expect(summariesMock).toHaveBeenCalledWith({ workItemIds: [toId18(IDS.case2)] });
        bridge.handleOmniEvent('omniChannelWorkDeclined', work2);
        await flush();
        expect(rows(panel)).toHaveLength(1);
        summariesMock.mockClear();
        bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
        await flush();
        // Asked again (it was dropped), and the row has its name again.
        expect(summariesMock).toHaveBeenCalledWith({ workItemIds: [toId18(IDS.case2)] });
        expect(text(rowFor(panel, IDS.work2), '[data-id="title"]')).toBe('00001027');
    });

    it('does not keep a record name Apex returns after the work has gone', async () => {
        let answer: (value: unknown) => void = () => undefined;
        const { panel, bridge } = await mount();
        summariesMock.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
        bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
        await flush();
        bridge.handleOmniEvent('omniChannelWorkDeclined', work2);
        await flush();
        answer(apex.summaries.filter((s) => s.workItemId === toId18(IDS.case2)));
        await flush();
        summariesMock.mockClear();
        summariesMock.mockImplementation(() => Promise.resolve([]));
        bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
        await flush();
        // The late answer was not kept: the returning work is looked up anew.
        expect(summariesMock).toHaveBeenCalledWith({ workItemIds: [toId18(IDS.case2)] });
        expect(rows(panel)).toHaveLength(2);
    });

    it('shows an empty state when there is no work', async () => {
        const { panel } = await mount({ toolkit: createFakeToolkit({ getAgentWorks: { works: '[]' } }) });
        expect(text(panel, '[data-id="no-work"]')).toBe('No work assigned right now.');
    });

    it('shows the at-capacity state', async () => {
        const { panel, bridge } = await mount();
        bridge.handleOmniEvent('omniChannelWorkloadChanged', { configuredCapacity: '5', previousWorkload: '4', newWorkload: '5' });
        await flush();
        const gauge = $(panel, 'c-omni-capacity-gauge');
        expect(text(gauge, '[data-id="used"]')).toBe('5 of 5 used');
        expect($(gauge, '[data-id="at-capacity"]')).not.toBeNull();
        expect($(gauge, '[role="progressbar"]').getAttribute('aria-valuenow')).toBe('5');
    });

    it('says so when a record cannot be described, instead of an empty row', async () => {
        summariesMock.mockImplementation(() => Promise.reject({ body: { message: 'Insufficient access' } }));
        const { panel } = await mount();
        expect(text(rows(panel)[0], '[data-id="title"]')).toBe(toId18(IDS.case1));
    });

    it('shows a flag a supervisor raised, with the message', async () => {
        const { panel, bridge } = await mount();
        bridge.handleOmniEvent('omniChannelWorkFlagUpdated', {
            workId: IDS.work1,
            isFlagged: 'true',
            message: 'Customer asks for a manager',
            roleUpdatedBy: 'SUPERVISOR',
            updatedBy: IDS.supervisor
        });
        await flush();
        const row = rows(panel)[0];
        expect(text(row, '[data-id="flag"]')).toBe('Flag raised by your supervisor: Customer asks for a manager');
        expect($(row, '[data-id="lower-flag"]')).not.toBeNull();
    });
});

describe('states', () => {
    it('loading, then the bridge-missing state with what the admin must add', async () => {
        jest.useFakeTimers();
        const panel = createElement('c-omni-workload-panel', { is: OmniWorkloadPanel }) as unknown as Panel;
        document.body.appendChild(panel);
        expect($(panel, 'lightning-spinner')).not.toBeNull();
        jest.advanceTimersByTime(10_000);
        await flushPromises(10);
        expect(text(panel, '[data-id="bridge-missing"]')).toMatch(/add the Omni Bridge utility item/);
    });

    it('offers to go online when logged out, and logs in with the chosen status', async () => {
        const toolkit = createFakeToolkit({ getAgentWorks: { works: '[]' } });
        toolkit.reject('getServicePresenceStatusId', new Error('not logged in'));
        const { panel } = await mount({ toolkit });
        expect(text(presence(panel), '[data-id="detail"]')).toBe('You are offline in Omni-Channel.');
        expect($(panel, 'c-omni-capacity-gauge')).toBeNull();
        const combobox = $(presence(panel), 'lightning-combobox');
        expect((combobox.options as Array<{ label: string }>).map((o) => o.label)).toEqual(['Available', 'On Break']);
        combobox.dispatchEvent(new CustomEvent('change', { detail: { value: IDS.available } }));
        await flush();
        expect(calls(toolkit, 'login')).toEqual([{ method: 'login', args: { statusId: toId18(IDS.available) } }]);
    });

    it('says why the rep was logged out (supervisor, another login)', async () => {
        const { panel, bridge } = await mount();
        bridge.handleOmniEvent('omniChannelLogout', { reason: 'OmniSupervisorLogout' });
        await flush();
        expect(text(panel, '[data-id="logout-reason"]')).toBe('You were logged out of Omni-Channel (OmniSupervisorLogout).');
    });

    it('shows a connection error with what to do, and Retry re-reads Omni', async () => {
        const { panel, bridge, toolkit } = await mount();
        bridge.handleOmniEvent('omniChannelConnectionError', { error: 'Network unreachable' });
        await flush();
        expect(text(panel, '[data-id="connection-error"]')).toMatch(/lost its connection: Network unreachable\. Check your network/);
        toolkit.calls.length = 0;
        $(panel, '[data-id="connection-error"] [data-id="retry"]').click();
        await flush();
        expect(calls(toolkit, 'getAgentWorks')).toHaveLength(1);
        bridge.handleOmniEvent('omniChannelStatusChanged', {
            statusId: IDS.available,
            statusName: 'Available',
            statusApiName: 'Available',
            channels: '[]'
        });
        await flush();
        expect($(panel, '[data-id="connection-error"]')).toBeNull();
    });
});

describe('actions', () => {
    it('accepts new work, then moves focus to its Close button when Omni reports it accepted', async () => {
        const { panel, bridge, toolkit } = await mount();
        bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
        await flush();
        $(rowFor(panel, IDS.work2), '[data-id="accept"]').click();
        await flush();
        expect(calls(toolkit, 'acceptAgentWork')).toEqual([{ method: 'acceptAgentWork', args: { workId: IDS.work2 } }]);
        const focus = jest.spyOn(HTMLElement.prototype, 'focus');
        bridge.handleOmniEvent('omniChannelWorkAccepted', work2);
        await flush();
        const close = $(rowFor(panel, IDS.work2), '[data-id="close"]');
        expect(close).not.toBeNull();
        expect(focus.mock.contexts).toContain(close);
    });

    it('declines with one of the org decline reasons', async () => {
        const { panel, bridge, toolkit } = await mount();
        bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
        await flush();
        const row = rowFor(panel, IDS.work2);
        $(row, '[data-id="decline"]').click();
        await flush();
        const reason = $(row, '[data-id="reason"]');
        expect((reason.options as Array<{ label: string }>).map((o) => o.label)).toEqual(['No reason', 'Wrong skill', 'Too busy']);
        reason.dispatchEvent(new CustomEvent('change', { detail: { value: 'Too busy' } }));
        await flush();
        $(row, '[data-id="confirm-decline"]').click();
        await flush();
        expect(calls(toolkit, 'declineAgentWork')).toEqual([
            { method: 'declineAgentWork', args: { workId: IDS.work2, declineReason: 'Too busy' } }
        ]);
        bridge.handleOmniEvent('omniChannelWorkDeclined', work2);
        await flush();
        expect(rowFor(panel, IDS.work2)).toBeNull();
    });

    it('declines at once when the presence configuration has no decline reasons', async () => {
        const { panel, bridge, toolkit } = await mount({ decline: apex.declineWithoutReasons });
        bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
        await flush();
        $(rowFor(panel, IDS.work2), '[data-id="decline"]').click();
        await flush();
        expect(calls(toolkit, 'declineAgentWork')).toEqual([{ method: 'declineAgentWork', args: { workId: IDS.work2 } }]);
    });

    it('hides Decline when the presence configuration does not allow declining', async () => {
        const { panel, bridge } = await mount({ decline: apex.declineNotAllowed });
        bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
        await flush();
        expect($(rowFor(panel, IDS.work2), '[data-id="decline"]')).toBeNull();
    });

    it('Escape closes the decline form without declining', async () => {
        const { panel, bridge, toolkit } = await mount();
        bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
        await flush();
        const row = rowFor(panel, IDS.work2);
        $(row, '[data-id="decline"]').click();
        await flush();
        $(row, '[data-id="decline-form"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
        await flush();
        expect($(row, '[data-id="decline-form"]')).toBeNull();
        expect($(row, '[data-id="accept"]')).not.toBeNull();
        expect(calls(toolkit, 'declineAgentWork')).toHaveLength(0);
    });

    it('closes accepted work and moves focus to the work heading', async () => {
        const { panel, bridge, toolkit } = await mount();
        const focus = jest.spyOn(HTMLElement.prototype, 'focus');
        $(rowFor(panel, IDS.work1), '[data-id="close"]').click();
        await flush();
        expect(calls(toolkit, 'closeAgentWork')).toEqual([{ method: 'closeAgentWork', args: { workId: IDS.work1 } }]);
        expect(focus.mock.contexts).toContain($(panel, '[data-id="works-heading"]'));
        bridge.handleOmniEvent('omniChannelWorkClosed', { workId: IDS.work1, workItemId: IDS.case1 });
        await flush();
        expect(rows(panel)).toHaveLength(0);
    });

    it('raises a flag with a message and lowers it', async () => {
        const { panel, bridge, toolkit } = await mount();
        const row = rowFor(panel, IDS.work1);
        $(row, '[data-id="raise-flag"]').click();
        await flush();
        const message = $(row, '[data-id="flag-message"]');
        message.dispatchEvent(new CustomEvent('change', { detail: { value: '  Needs a refund approval  ' } }));
        await flush();
        $(row, '[data-id="send-flag"]').click();
        await flush();
        expect(calls(toolkit, 'raiseAgentWorkFlag')).toEqual([
            { method: 'raiseAgentWorkFlag', args: { workId: IDS.work1, message: 'Needs a refund approval' } }
        ]);
        bridge.handleOmniEvent('omniChannelWorkFlagUpdated', {
            workId: IDS.work1,
            isFlagged: true,
            message: 'Needs a refund approval',
            roleUpdatedBy: 'AGENT'
        });
        await flush();
        expect(text(row, '[data-id="flag"]')).toBe('You raised a flag: Needs a refund approval');
        $(row, '[data-id="lower-flag"]').click();
        await flush();
        expect(calls(toolkit, 'lowerAgentWorkFlag')).toEqual([{ method: 'lowerAgentWorkFlag', args: { workId: IDS.work1 } }]);
    });

    it('changes status and goes offline', async () => {
        const { panel, toolkit } = await mount();
        $(presence(panel), 'lightning-combobox').dispatchEvent(new CustomEvent('change', { detail: { value: IDS.busy } }));
        await flush();
        expect(calls(toolkit, 'setServicePresenceStatus')).toEqual([
            { method: 'setServicePresenceStatus', args: { statusId: toId18(IDS.busy) } }
        ]);
        $(presence(panel), '[data-id="logout"]').click();
        await flush();
        expect(calls(toolkit, 'logout')).toHaveLength(1);
    });

    it('shows a failed action inline and as a toast, and leaves the work as it was', async () => {
        const { panel, bridge, toolkit } = await mount();
        bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
        await flush();
        toolkit.reject('acceptAgentWork', new Error('This work item is no longer available'));
        const toasts: CustomEvent[] = [];
        panel.addEventListener('lightning__showtoast', (event) => toasts.push(event as CustomEvent));
        $(rowFor(panel, IDS.work2), '[data-id="accept"]').click();
        await flush();
        const message = 'Could not accept the work: acceptAgentWork failed: This work item is no longer available';
        expect(text(panel, '[data-id="action-error"]')).toBe(message);
        expect(toasts).toHaveLength(1);
        expect(toasts[0].detail).toMatchObject({ message, variant: 'error' });
        const accept = $(rowFor(panel, IDS.work2), '[data-id="accept"]');
        expect(accept.disabled).toBe(false);
        $(panel, '[data-id="dismiss-error"]').click();
        await flush();
        expect($(panel, '[data-id="action-error"]')).toBeNull();
    });

    it('disables a work row while its action runs, so a double click does not send twice', async () => {
        const { panel, bridge, toolkit } = await mount();
        bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
        await flush();
        const held = toolkit.hold('acceptAgentWork');
        const accept = $(rowFor(panel, IDS.work2), '[data-id="accept"]');
        accept.click();
        await flush();
        expect($(rowFor(panel, IDS.work2), '[data-id="accept"]').disabled).toBe(true);
        accept.click();
        held.release();
        await flush();
        expect(calls(toolkit, 'acceptAgentWork')).toHaveLength(1);
    });
});

describe('utility bar and alerts', () => {
    it('labels the utility with status and load, and highlights it while work waits', async () => {
        const { bridge } = await mount();
        expect(utilityUpdates().at(-1)).toEqual({ utilityId: 'utility-1', attributes: { label: 'Available 1/5', highlighted: false } });
        bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
        await flush();
        expect(utilityUpdates().at(-1)!.attributes).toEqual({ label: 'Available 1/5', highlighted: true });
        bridge.handleOmniEvent('omniChannelLogout', {});
        await flush();
        expect(utilityUpdates().at(-1)!.attributes.label).toBe('Offline');
    });

    it('does not touch the utility bar on a record page, and survives a utility bar that refuses', async () => {
        setEnclosingUtilityId(null);
        await mount();
        expect(utilityUpdates()).toHaveLength(0);
        resetUtilityBar();
        failUtilityUpdates(new Error('not in a console app'));
        const { panel } = await mount();
        expect(rows(panel).length).toBeGreaterThan(0);
    });

    it('plays a chime and shows a desktop notification on new work when the admin switched them on', async () => {
        const started = jest.fn();
        class FakeAudioContext {
            currentTime = 0;
            destination = {};
            createOscillator() {
                return { frequency: { value: 0 }, connect: jest.fn(), start: started, stop: jest.fn() };
            }
            createGain() {
                return { gain: { setValueAtTime: jest.fn(), exponentialRampToValueAtTime: jest.fn() }, connect: jest.fn() };
            }
        }
        const shown: Array<[string, { body: string }]> = [];
        class FakeNotification {
            static permission = 'granted';
            static requestPermission = jest.fn();
            constructor(title: string, options: { body: string }) {
                shown.push([title, options]);
            }
        }
        Object.assign(window, { AudioContext: FakeAudioContext, Notification: FakeNotification });
        try {
            const { bridge } = await mount({ props: { playSound: true, desktopNotifications: true } });
            bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
            await flush();
            expect(started).toHaveBeenCalledTimes(1);
            expect(shown).toHaveLength(1);
            expect(shown[0][0]).toBe('Omni-Channel');
            expect(shown[0][1].body).toMatch(/^New work: /);
        } finally {
            delete (window as unknown as Record<string, unknown>).AudioContext;
            delete (window as unknown as Record<string, unknown>).Notification;
        }
    });

    it('stays quiet on new work by default', async () => {
        const started = jest.fn();
        (window as unknown as Record<string, unknown>).AudioContext = jest.fn(() => ({ createOscillator: started }));
        try {
            const { bridge } = await mount();
            bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
            await flush();
            expect(started).not.toHaveBeenCalled();
        } finally {
            delete (window as unknown as Record<string, unknown>).AudioContext;
        }
    });
});

describe('design attributes', () => {
    it('hides the sections the admin switched off and applies compact mode', async () => {
        const { panel } = await mount({ props: { showPresence: false, showCapacity: false, compactMode: true } });
        expect(presence(panel)).toBeNull();
        expect($(panel, 'c-omni-capacity-gauge')).toBeNull();
        expect(rows(panel)).toHaveLength(1);
        expect($(panel, 'article').className).toContain('omni-panel_compact');
    });

    it('hides the works when switched off', async () => {
        const { panel } = await mount({ props: { showWorks: false } });
        expect(rows(panel)).toHaveLength(0);
        expect($(panel, '[data-id="works-heading"]')).toBeNull();
    });
});

describe('lifecycle', () => {
    it('releases its subscriptions and timer when removed', async () => {
        const { panel } = await mount();
        const clear = jest.spyOn(window, 'clearInterval');
        document.body.removeChild(panel);
        expect(clear).toHaveBeenCalled();
    });
});

describe('accessibility (axe rules through @sa11y/jest)', () => {
    beforeAll(() => setupAccessibility());

    it('is accessible with work waiting, a flag and the capacity gauge', async () => {
        const { panel, bridge } = await mount();
        bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
        bridge.handleOmniEvent('omniChannelWorkFlagUpdated', {
            workId: IDS.work1,
            isFlagged: true,
            message: 'Help',
            roleUpdatedBy: 'SUPERVISOR'
        });
        await flush();
        await expect(panel).toBeAccessible();
    });

    it('is accessible with the decline form and the flag form open', async () => {
        const { panel, bridge } = await mount();
        bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
        await flush();
        $(rowFor(panel, IDS.work2), '[data-id="decline"]').click();
        $(rowFor(panel, IDS.work1), '[data-id="raise-flag"]').click();
        await flush();
        await expect(panel).toBeAccessible();
    });

    it('is accessible in the error states', async () => {
        const { panel, bridge, toolkit } = await mount();
        bridge.handleOmniEvent('omniChannelConnectionError', { error: 'Network unreachable' });
        toolkit.reject('closeAgentWork', new Error('nope'));
        await flush();
        $(rowFor(panel, IDS.work1), '[data-id="close"]').click();
        await flush();
        await expect(panel).toBeAccessible();
    });
});
