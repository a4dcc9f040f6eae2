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
import { serveToolkitCalls } from '@platform/aura/serveToolkitCalls';
import { IDS, createFakeToolkit, flushPromises, type FakeToolkit } from '@platform/testing/omniFakes';
import apex from './data/apex.json';
import { setup as setupAccessibility } from '@sa11y/jest';

jest.mock('@salesforce/apex/OmniPanelController.getAvailableStatuses', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/OmniPanelController.getDeclineSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/OmniPanelController.getWorkItemSummaries', () => ({ default: jest.fn() }), { virtual: true });

type Bridge = HTMLElement & { handleOmniEvent(name: string, params: unknown): void };
type Panel = HTMLElement & Record<string, unknown>;
const statusesMock = getAvailableStatuses as unknown as jest.Mock;
const declineMock = getDeclineSettings as unknown as jest.Mock;
const summariesMock = getWorkItemSummaries as unknown as jest.Mock;

const work2 = { workId: IDS.work2, workItemId: IDS.case2 };
/** The client's default time-out for a command (createOmniClient() without options). */
const CLIENT_TIMEOUT_MS = 10_000;
const apexDenied = { body: { message: 'You do not have access to the Apex class named: OmniPanelController' }, status: 403 };

function addBridge(toolkit: FakeToolkit): Bridge {
    const bridge = createElement('c-omni-bridge-core', { is: OmniBridgeCore }) as unknown as Bridge;
    serveToolkitCalls(bridge, toolkit.invoke);
    document.body.appendChild(bridge);
    return bridge;
}

async function flush(): Promise<void> {
    await flushPromises(12);
}

async function mount(options: { toolkit?: FakeToolkit; props?: Record<string, unknown>; decline?: unknown; bridge?: boolean } = {}) {
    const toolkit = options.toolkit ?? createFakeToolkit();
    const bridge = options.bridge === false ? null : addBridge(toolkit);
    if (options.decline !== undefined) declineMock.mockResolvedValue(options.decline);
    await flush();
    const panel = createElement('c-omni-workload-panel', { is: OmniWorkloadPanel }) as unknown as Panel;
    Object.assign(panel, options.props ?? {});
    document.body.appendChild(panel);
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
const announced = (panel: Element) => text(panel, '[data-id="announcer"]');

function calls(toolkit: FakeToolkit, method: string) {
    return toolkit.calls.filter((c) => c.method === method);
}

async function assignWork2(bridge: Bridge): Promise<void> {
    bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
    await flush();
}

async function openDeclineForm(panel: Element, reason?: string): Promise<HTMLElement & Record<string, unknown>> {
    const row = rowFor(panel, IDS.work2);
    $(row, '[data-id="decline"]').click();
    await flush();
    if (reason) {
        $(row, '[data-id="reason"]').dispatchEvent(new CustomEvent('change', { detail: { value: reason } }));
        await flush();
    }
    return row;
}

async function openFlagForm(panel: Element, message?: string): Promise<HTMLElement & Record<string, unknown>> {
    const row = rowFor(panel, IDS.work1);
    $(row, '[data-id="raise-flag"]').click();
    await flush();
    if (message !== undefined) {
        $(row, '[data-id="flag-message"]').dispatchEvent(new CustomEvent('change', { detail: { value: message } }));
        await flush();
    }
    return row;
}

function collectToasts(panel: Element): CustomEvent[] {
    const toasts: CustomEvent[] = [];
    panel.addEventListener('lightning__showtoast', (event) => toasts.push(event as CustomEvent));
    return toasts;
}

beforeEach(() => {
    resetMessageService();
    resetUtilityBar();
    window.sessionStorage.clear();
    statusesMock.mockReset();
    statusesMock.mockResolvedValue(apex.statuses);
    declineMock.mockReset();
    declineMock.mockResolvedValue(apex.declineWithReasons);
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
    it('shows the status with its channels, the capacity and each work with its record name and engaged state', async () => {
        const { panel } = await mount();
        expect($(presence(panel), 'lightning-combobox').value).toBe(toId18(IDS.available));
        expect(text(presence(panel), '[data-id="detail"]')).toMatch(/^for 0:0\d$/);
        // The toolkit names the channel sfdc_case; Apex gives its label.
        expect(text(presence(panel), '[data-id="channels"]')).toBe('Receives work from: Omni Kit Cases');
        const gauge = $(panel, 'c-omni-capacity-gauge');
        expect(text(gauge, '[data-id="used"]')).toBe('1 of 5 used');
        expect(text(gauge, '[data-id="interruptible"]')).toBe('Interruptible: 0 of 2');
        expect(rows(panel)).toHaveLength(1);
        const row = rows(panel)[0];
        expect(text(row, '[data-id="title"]')).toBe('00001026');
        expect(text(row, '[data-id="subtitle"]')).toBe('Printer on fire');
        expect(text(row, '[data-id="state"]')).toBe('Case · In progress · Engaged');
        expect(text(row, '[data-id="times"]')).toBe('Assigned before this console session · Accepted before this console session');
        expect(summariesMock).toHaveBeenCalledWith({ workItemIds: [toId18(IDS.case1)] });
    });

    it('asks the toolkit for the channels of a status it was seeded with, and names them by developer name when Apex does not', async () => {
        statusesMock.mockResolvedValue(apex.statuses.map(({ channels: _channels, ...status }) => status));
        const { panel, toolkit } = await mount();
        expect(calls(toolkit, 'getServicePresenceStatusChannels')).toHaveLength(1);
        expect(text(presence(panel), '[data-id="channels"]')).toBe('Receives work from: sfdc_case');
    });

    it('lists the channels Omni reports with a status change', async () => {
        const { panel, bridge } = await mount();
        bridge.handleOmniEvent('omniChannelStatusChanged', {
            statusId: IDS.available,
            statusName: 'Available',
            statusApiName: 'Available',
            channels: JSON.stringify([
                { channelId: IDS.caseChannel, developerName: 'sfdc_case' },
                { channelId: '0N9RM0000000002', developerName: 'sfdc_livechat' }
            ])
        });
        await flush();
        expect(text(presence(panel), '[data-id="channels"]')).toBe('Receives work from: Omni Kit Cases and sfdc_livechat');
    });

    it('says so when the status routes no work, and lists no channels', async () => {
        const { panel } = await mount();
        $(presence(panel), 'lightning-combobox').dispatchEvent(new CustomEvent('change', { detail: { value: IDS.busy } }));
        await flush();
        expect(text(presence(panel), '[data-id="detail"]')).toMatch(/^for 0:0\d · No work is routed in this status$/);
        expect($(presence(panel), '[data-id="channels"]')).toBeNull();
    });

    it('adds new work at the top with an Accept button and a running timer', async () => {
        const { panel, bridge } = await mount();
        await assignWork2(bridge);
        expect(rows(panel)).toHaveLength(2);
        const row = rows(panel)[0];
        expect(text(row, '[data-id="title"]')).toBe('00001027');
        expect(text(row, '[data-id="state"]')).toBe('Case · Waiting to be accepted');
        expect(text(row, '[data-id="times"]')).toMatch(/^Assigned 0:0\d ago$/);
        expect($(row, '[data-id="accept"]')).not.toBeNull();
        expect(text(panel, '[data-id="works-heading"]')).toBe('Work (2)');
    });

    it('forgets the record name of a work that has gone, and asks Apex again if it comes back', async () => {
        const { panel, bridge } = await mount();
        await assignWork2(bridge);
        expect(summariesMock).toHaveBeenCalledWith({ workItemIds: [toId18(IDS.case2)] });
        bridge.handleOmniEvent('omniChannelWorkDeclined', work2);
        await flush();
        expect(rows(panel)).toHaveLength(1);
        summariesMock.mockClear();
        await assignWork2(bridge);
        // Asked again (it was dropped), and the row has its name again.
        expect(summariesMock).toHaveBeenCalledWith({ workItemIds: [toId18(IDS.case2)] });
        expect(text(rowFor(panel, IDS.work2), '[data-id="title"]')).toBe('00001027');
    });

    it('does not keep a record name Apex returns after the work has gone', async () => {
        let answer: (value: unknown) => void = () => undefined;
        const { panel, bridge } = await mount();
        summariesMock.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
        await assignWork2(bridge);
        bridge.handleOmniEvent('omniChannelWorkDeclined', work2);
        await flush();
        answer(apex.summaries.filter((s) => s.workItemId === toId18(IDS.case2)));
        await flush();
        summariesMock.mockClear();
        summariesMock.mockImplementation(() => Promise.resolve([]));
        await assignWork2(bridge);
        // The late answer was not kept: the returning work is looked up anew.
        expect(summariesMock).toHaveBeenCalledWith({ workItemIds: [toId18(IDS.case2)] });
        expect(rows(panel)).toHaveLength(2);
    });

    it('shows an empty state when there is no work', async () => {
        const { panel } = await mount({ toolkit: createFakeToolkit({ getAgentWorks: { works: '[]' } }) });
        expect(text(panel, '[data-id="no-work"]')).toBe('No work assigned right now.');
        expect(text(panel, '[data-id="works-heading"]')).toBe('Work (0)');
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

    it('falls back to the record id and the channel when Apex cannot describe the record', async () => {
        summariesMock.mockImplementation(() => Promise.reject({ body: { message: 'Insufficient access' } }));
        const { panel } = await mount();
        const row = rows(panel)[0];
        expect(text(row, '[data-id="title"]')).toBe(toId18(IDS.case1));
        expect(text(row, '[data-id="state"]')).toBe('Case · In progress · Engaged');
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
        jest.advanceTimersByTime(CLIENT_TIMEOUT_MS);
        await flushPromises(10);
        expect(text(panel, '[data-id="bridge-missing"]')).toMatch(/add the Omni Workload utility \(Omni Console Kit\)/);
    });

    it('offers to go online when logged out, and logs in with the chosen status', async () => {
        const toolkit = createFakeToolkit({ getAgentWorks: { works: '[]' } });
        toolkit.reject('getServicePresenceStatusId', new Error('not logged in'));
        const { panel } = await mount({ toolkit });
        expect(text(presence(panel), '[data-id="detail"]')).toBe('You are offline in Omni-Channel.');
        expect($(presence(panel), '[data-id="channels"]')).toBeNull();
        expect($(panel, 'c-omni-capacity-gauge')).toBeNull();
        const combobox = $(presence(panel), 'lightning-combobox');
        expect((combobox.options as Array<{ label: string }>).map((o) => o.label)).toEqual(['Available', 'On Break']);
        combobox.dispatchEvent(new CustomEvent('change', { detail: { value: toId18(IDS.available) } }));
        await flush();
        expect(calls(toolkit, 'login')).toEqual([{ method: 'login', args: { statusId: toId18(IDS.available) } }]);
    });

    it.each([
        ['OmniSupervisorLogout', 'Your supervisor logged you out of Omni-Channel.'],
        ['DuplicateLogin', 'You were logged out of Omni-Channel because you logged in somewhere else.'],
        ['DuplicateLoginInSameBrowser', 'You were logged out of Omni-Channel because you logged in again in another tab of this browser.'],
        ['MaintenanceLogout', 'Omni-Channel logged you out for maintenance. Go online again in a few minutes.']
    ])('says in words why Omni logged the rep out (%s)', async (reason, sentence) => {
        const { panel, bridge } = await mount();
        bridge.handleOmniEvent('omniChannelLogout', { reason });
        await flush();
        expect(text(panel, '[data-id="logout-reason"]')).toBe(sentence);
    });

    it('shows no logout reason when Omni gave none', async () => {
        const { panel, bridge } = await mount();
        bridge.handleOmniEvent('omniChannelLogout', {});
        await flush();
        expect(text(presence(panel), '[data-id="detail"]')).toBe('You are offline in Omni-Channel.');
        expect($(panel, '[data-id="logout-reason"]')).toBeNull();
    });

    it('shows a connection error with what to do, and Retry re-reads Omni', async () => {
        const { panel, bridge, toolkit } = await mount();
        bridge.handleOmniEvent('omniChannelConnectionError', { error: 'Network unreachable' });
        await flush();
        expect(text(panel, '[data-id="connection-error"] .slds-assistive-text')).toBe('Warning');
        expect(text(panel, '[data-id="connection-error"] p')).toMatch(
            /^Omni-Channel lost its connection: Network unreachable\. Check your network/
        );
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

describe('when Apex cannot answer', () => {
    it('says the statuses could not be loaded, and Retry fills the picker so a logged-out rep can go online', async () => {
        statusesMock.mockRejectedValue(apexDenied);
        const toolkit = createFakeToolkit({ getAgentWorks: { works: '[]' } });
        toolkit.reject('getServicePresenceStatusId', new Error('not logged in'));
        const { panel } = await mount({ toolkit });
        expect(text(panel, '[data-id="setup-error"] p')).toBe(
            'Your statuses could not be loaded: ask your admin for access (the Omni Console Kit User permission set). ' +
                'Details: You do not have access to the Apex class named: OmniPanelController'
        );
        expect($(panel, '[data-id="setup-error"]').getAttribute('role')).toBe('alert');
        expect($(presence(panel), 'lightning-combobox').options).toEqual([]);

        // A Retry that fails again keeps the message.
        $(panel, '[data-id="setup-retry"]').click();
        await flush();
        expect(statusesMock).toHaveBeenCalledTimes(2);
        expect($(panel, '[data-id="setup-error"]')).not.toBeNull();

        statusesMock.mockResolvedValue(apex.statuses);
        $(panel, '[data-id="setup-retry"]').click();
        await flush();
        expect($(panel, '[data-id="setup-error"]')).toBeNull();
        const combobox = $(presence(panel), 'lightning-combobox');
        expect((combobox.options as Array<{ label: string }>).map((o) => o.label)).toEqual(['Available', 'On Break']);
        combobox.dispatchEvent(new CustomEvent('change', { detail: { value: toId18(IDS.available) } }));
        await flush();
        expect(calls(toolkit, 'login')).toHaveLength(1);
        // Retry asked only for what had failed.
        expect(declineMock).toHaveBeenCalledTimes(1);
    });

    it('says the decline reasons could not be loaded, and Decline still works without one', async () => {
        declineMock.mockRejectedValue({ body: { message: 'Unable to read PresenceUserConfig' } });
        const { panel, bridge, toolkit } = await mount();
        expect(text(panel, '[data-id="setup-error"] p')).toBe(
            'Your decline reasons could not be loaded, so Decline offers none. Details: Unable to read PresenceUserConfig'
        );
        await assignWork2(bridge);
        $(rowFor(panel, IDS.work2), '[data-id="decline"]').click();
        await flush();
        expect(calls(toolkit, 'declineAgentWork')).toEqual([{ method: 'declineAgentWork', args: { workId: IDS.work2 } }]);
    });

    it('tells a logged-out rep with no status to pick where to go instead of an empty picker', async () => {
        statusesMock.mockResolvedValue([]);
        const toolkit = createFakeToolkit({ getAgentWorks: { works: '[]' } });
        toolkit.reject('getServicePresenceStatusId', new Error('not logged in'));
        const { panel } = await mount({ toolkit });
        expect(text(panel, '[data-id="no-statuses"]')).toMatch(
            /^No presence statuses were found for you, so you cannot go online from this panel\./
        );
    });
});

describe('actions', () => {
    it('accepts new work, announces it, then moves focus to its Close button when Omni reports it accepted', async () => {
        const { panel, bridge, toolkit } = await mount();
        await assignWork2(bridge);
        $(rowFor(panel, IDS.work2), '[data-id="accept"]').click();
        await flush();
        expect(calls(toolkit, 'acceptAgentWork')).toEqual([{ method: 'acceptAgentWork', args: { workId: IDS.work2 } }]);
        expect(announced(panel)).toBe('Accepted: 00001027');
        const focus = jest.spyOn(HTMLElement.prototype, 'focus');
        bridge.handleOmniEvent('omniChannelWorkAccepted', work2);
        await flush();
        const close = $(rowFor(panel, IDS.work2), '[data-id="close"]');
        expect(close).not.toBeNull();
        expect(focus.mock.contexts).toContain(close);
    });

    it('declines with one of the org decline reasons', async () => {
        const { panel, bridge, toolkit } = await mount();
        await assignWork2(bridge);
        const row = await openDeclineForm(panel);
        const reason = $(row, '[data-id="reason"]');
        expect((reason.options as Array<{ label: string }>).map((o) => o.label)).toEqual(['No reason', 'Wrong skill', 'Too busy']);
        reason.dispatchEvent(new CustomEvent('change', { detail: { value: 'Too busy' } }));
        await flush();
        $(row, '[data-id="confirm-decline"]').click();
        await flush();
        expect(calls(toolkit, 'declineAgentWork')).toEqual([
            { method: 'declineAgentWork', args: { workId: IDS.work2, declineReason: 'Too busy' } }
        ]);
        expect(announced(panel)).toBe('Declined: 00001027');
        bridge.handleOmniEvent('omniChannelWorkDeclined', work2);
        await flush();
        expect(rowFor(panel, IDS.work2)).toBeNull();
    });

    it('declines at once when the presence configuration has no decline reasons', async () => {
        const { panel, bridge, toolkit } = await mount({ decline: apex.declineWithoutReasons });
        await assignWork2(bridge);
        $(rowFor(panel, IDS.work2), '[data-id="decline"]').click();
        await flush();
        expect(calls(toolkit, 'declineAgentWork')).toEqual([{ method: 'declineAgentWork', args: { workId: IDS.work2 } }]);
    });

    it('hides Decline when the presence configuration does not allow declining', async () => {
        const { panel, bridge } = await mount({ decline: apex.declineNotAllowed });
        await assignWork2(bridge);
        expect($(rowFor(panel, IDS.work2), '[data-id="decline"]')).toBeNull();
    });

    it('closes accepted work, announces it and moves focus to the work heading', async () => {
        const { panel, bridge, toolkit } = await mount();
        const focus = jest.spyOn(HTMLElement.prototype, 'focus');
        $(rowFor(panel, IDS.work1), '[data-id="close"]').click();
        await flush();
        expect(calls(toolkit, 'closeAgentWork')).toEqual([{ method: 'closeAgentWork', args: { workId: IDS.work1 } }]);
        expect(focus.mock.contexts).toContain($(panel, '[data-id="works-heading"]'));
        expect(announced(panel)).toBe('Closed: 00001026');
        bridge.handleOmniEvent('omniChannelWorkClosed', { workId: IDS.work1, workItemId: IDS.case1 });
        await flush();
        expect(rows(panel)).toHaveLength(0);
    });

    it('raises a flag with a message and lowers it', async () => {
        const { panel, bridge, toolkit } = await mount();
        const row = await openFlagForm(panel, '  Needs a refund approval  ');
        $(row, '[data-id="send-flag"]').click();
        await flush();
        expect(calls(toolkit, 'raiseAgentWorkFlag')).toEqual([
            { method: 'raiseAgentWorkFlag', args: { workId: IDS.work1, message: 'Needs a refund approval' } }
        ]);
        expect($(row, '[data-id="flag-form"]')).toBeNull();
        expect(announced(panel)).toBe('Flag raised: 00001026');
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
        expect(announced(panel)).toBe('Flag lowered: 00001026');
    });

    it('changes status and goes offline, announcing each', async () => {
        const { panel, toolkit } = await mount();
        $(presence(panel), 'lightning-combobox').dispatchEvent(new CustomEvent('change', { detail: { value: IDS.busy } }));
        await flush();
        expect(calls(toolkit, 'setServicePresenceStatus')).toEqual([
            { method: 'setServicePresenceStatus', args: { statusId: toId18(IDS.busy) } }
        ]);
        expect(announced(panel)).toBe('Your status is now Busy.');
        $(presence(panel), '[data-id="logout"]').click();
        await flush();
        expect(calls(toolkit, 'logout')).toHaveLength(1);
        expect(announced(panel)).toBe('You are offline in Omni-Channel.');
    });

    it('disables a work row while its action runs, so a double click does not send twice', async () => {
        const { panel, bridge, toolkit } = await mount();
        await assignWork2(bridge);
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

describe('forms keep what the rep chose or typed', () => {
    it('keeps the decline form open, busy, while the decline runs: Confirm and Cancel disabled, Escape ignored', async () => {
        const { panel, bridge, toolkit } = await mount();
        await assignWork2(bridge);
        const row = await openDeclineForm(panel, 'Too busy');
        const held = toolkit.hold('declineAgentWork');
        $(row, '[data-id="confirm-decline"]').click();
        await flush();
        expect($(row, '[data-id="decline-form"]').getAttribute('aria-busy')).toBe('true');
        expect($(row, '[data-id="confirm-decline"]').disabled).toBe(true);
        expect($(row, '[data-id="cancel"]').disabled).toBe(true);
        expect($(row, '[data-id="reason"]').value).toBe('Too busy');
        $(row, '[data-id="decline-form"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
        await flush();
        expect($(row, '[data-id="decline-form"]')).not.toBeNull();
        held.release();
        await flush();
        expect($(row, '[data-id="decline-form"]')).toBeNull();
    });

    it('a failed decline leaves the form open with the chosen reason, and Confirm sends it again', async () => {
        const { panel, bridge, toolkit } = await mount();
        await assignWork2(bridge);
        toolkit.reject('declineAgentWork', new Error('This work is no longer assigned to you'));
        const toasts = collectToasts(panel);
        const row = await openDeclineForm(panel, 'Too busy');
        const focus = jest.spyOn(HTMLElement.prototype, 'focus');
        $(row, '[data-id="confirm-decline"]').click();
        await flush();
        const message = 'Could not decline the work. Omni-Channel said: This work is no longer assigned to you';
        expect(text(panel, '[data-id="action-error"]')).toBe(message);
        expect(toasts.map((t) => t.detail)).toEqual([{ title: 'Omni-Channel', message, variant: 'error' }]);
        expect($(row, '[data-id="decline-form"]').getAttribute('aria-busy')).toBe('false');
        expect($(row, '[data-id="reason"]').value).toBe('Too busy');
        expect($(row, '[data-id="confirm-decline"]').disabled).toBe(false);
        // Focus is back on Confirm decline (it was disabled while the command ran).
        expect(focus.mock.contexts).toContain($(row, '[data-id="confirm-decline"]'));

        toolkit.answer('declineAgentWork', true);
        $(row, '[data-id="confirm-decline"]').click();
        await flush();
        expect(calls(toolkit, 'declineAgentWork').map((c) => c.args)).toEqual([
            { workId: IDS.work2, declineReason: 'Too busy' },
            { workId: IDS.work2, declineReason: 'Too busy' }
        ]);
        expect($(panel, '[data-id="action-error"]')).toBeNull();
        expect($(row, '[data-id="decline-form"]')).toBeNull();
    });

    it('a failed flag keeps the typed message, and Send sends it again', async () => {
        const { panel, toolkit } = await mount();
        toolkit.reject('raiseAgentWorkFlag', new Error('Flags are not available'));
        const row = await openFlagForm(panel, 'Customer wants a refund over my limit');
        $(row, '[data-id="send-flag"]').click();
        await flush();
        expect(text(panel, '[data-id="action-error"]')).toBe('Could not raise the flag. Omni-Channel said: Flags are not available');
        expect($(row, '[data-id="flag-form"]')).not.toBeNull();
        expect($(row, '[data-id="flag-message"]').value).toBe('Customer wants a refund over my limit');

        toolkit.answer('raiseAgentWorkFlag', true);
        $(row, '[data-id="send-flag"]').click();
        await flush();
        expect(calls(toolkit, 'raiseAgentWorkFlag').map((c) => c.args)).toEqual([
            { workId: IDS.work1, message: 'Customer wants a refund over my limit' },
            { workId: IDS.work1, message: 'Customer wants a refund over my limit' }
        ]);
        expect($(row, '[data-id="flag-form"]')).toBeNull();
    });
});

describe('failures, worded by error code', () => {
    it('a rejected accept is shown inline and as a toast, and leaves the work as it was', async () => {
        const { panel, bridge, toolkit } = await mount();
        await assignWork2(bridge);
        toolkit.reject('acceptAgentWork', new Error('This work item is no longer available'));
        const toasts = collectToasts(panel);
        $(rowFor(panel, IDS.work2), '[data-id="accept"]').click();
        await flush();
        const message = 'Could not accept the work. Omni-Channel said: This work item is no longer available';
        expect(text(panel, '[data-id="action-error"]')).toBe(message);
        expect(toasts).toHaveLength(1);
        expect(toasts[0].detail).toMatchObject({ message, variant: 'error' });
        expect($(rowFor(panel, IDS.work2), '[data-id="accept"]').disabled).toBe(false);
        $(panel, '[data-id="dismiss-error"]').click();
        await flush();
        expect($(panel, '[data-id="action-error"]')).toBeNull();
    });

    it('a failed close keeps the work with its Close button, focused', async () => {
        const { panel, toolkit } = await mount();
        toolkit.reject('closeAgentWork', { message: 'Close the tab of this work first' });
        const focus = jest.spyOn(HTMLElement.prototype, 'focus');
        $(rowFor(panel, IDS.work1), '[data-id="close"]').click();
        await flush();
        expect(text(panel, '[data-id="action-error"]')).toBe(
            'Could not close the work. Omni-Channel said: Close the tab of this work first'
        );
        const close = $(rowFor(panel, IDS.work1), '[data-id="close"]');
        expect(close.disabled).toBe(false);
        expect(focus.mock.contexts).toContain(close);
        expect(focus.mock.contexts).not.toContain($(panel, '[data-id="works-heading"]'));
    });

    it('a failed status change keeps the current status and focuses the picker again', async () => {
        const { panel, toolkit } = await mount();
        toolkit.reject('setServicePresenceStatus', new Error('Status not available for your presence configuration'));
        const focus = jest.spyOn(HTMLElement.prototype, 'focus');
        const combobox = $(presence(panel), 'lightning-combobox');
        combobox.dispatchEvent(new CustomEvent('change', { detail: { value: IDS.busy } }));
        await flush();
        expect(text(panel, '[data-id="action-error"]')).toBe(
            'Could not change your status. Omni-Channel said: Status not available for your presence configuration'
        );
        expect(combobox.value).toBe(toId18(IDS.available));
        expect(combobox.disabled).toBe(false);
        expect(focus.mock.contexts).toContain(combobox);
    });

    it('a failed logout leaves the rep online with Go offline focused', async () => {
        const { panel, toolkit } = await mount();
        toolkit.reject('logout', new Error('Omni-Channel is busy'));
        const focus = jest.spyOn(HTMLElement.prototype, 'focus');
        $(presence(panel), '[data-id="logout"]').click();
        await flush();
        expect(text(panel, '[data-id="action-error"]')).toBe('Could not go offline. Omni-Channel said: Omni-Channel is busy');
        const logout = $(presence(panel), '[data-id="logout"]');
        expect(logout).not.toBeNull();
        expect(focus.mock.contexts).toContain(logout);
        expect(text(presence(panel), '[data-id="detail"]')).toMatch(/^for /);
    });

    it('an action Omni never answers times out with a message that says it may still happen', async () => {
        const { panel, toolkit } = await mount();
        jest.useFakeTimers();
        toolkit.hold('closeAgentWork');
        $(rowFor(panel, IDS.work1), '[data-id="close"]').click();
        await flushPromises(12);
        expect($(rowFor(panel, IDS.work1), '[data-id="close"]').disabled).toBe(true);
        jest.advanceTimersByTime(CLIENT_TIMEOUT_MS - 1);
        await flushPromises(12);
        expect($(panel, '[data-id="action-error"]')).toBeNull();
        jest.advanceTimersByTime(1);
        await flushPromises(12);
        expect(text(panel, '[data-id="action-error"]')).toBe(
            'Could not close the work: Omni-Channel did not answer in time. It may still have happened: check your work and status, then try again if needed.'
        );
        expect($(rowFor(panel, IDS.work1), '[data-id="close"]').disabled).toBe(false);
    });

    it('a status id the toolkit would misread is refused before anything is sent', async () => {
        const { panel, toolkit } = await mount();
        $(presence(panel), 'lightning-combobox').dispatchEvent(new CustomEvent('change', { detail: { value: 'Available' } }));
        await flush();
        expect(text(panel, '[data-id="action-error"]')).toMatch(
            /^Could not change your status: the panel sent a request Omni-Channel cannot use \(.+\)\. Reload the console/
        );
        expect(calls(toolkit, 'setServicePresenceStatus')).toHaveLength(0);
    });

    it('the bridge leaving while a command runs switches the panel to the bridge-missing state', async () => {
        const { panel, bridge, toolkit } = await mount();
        toolkit.hold('closeAgentWork');
        $(rowFor(panel, IDS.work1), '[data-id="close"]').click();
        await flush();
        document.body.removeChild(bridge);
        await flush();
        expect(text(panel, '[data-id="bridge-missing"]')).toMatch(/add the Omni Workload utility \(Omni Console Kit\)/);
        expect(text(panel, '[data-id="bridge-missing-cause"]')).toBe(
            'Could not close the work: the Omni bridge stopped answering. Reload the console; if this keeps happening, ask your admin to check that the Omni Workload utility starts automatically.'
        );
    });

    it('an action after the bridge has left ends in the bridge-missing state, and the panel comes back when a bridge starts', async () => {
        const { panel, bridge } = await mount();
        document.body.removeChild(bridge);
        await flush();
        jest.useFakeTimers();
        $(rowFor(panel, IDS.work1), '[data-id="close"]').click();
        await flushPromises(12);
        jest.advanceTimersByTime(CLIENT_TIMEOUT_MS);
        await flushPromises(12);
        expect($(panel, '[data-id="bridge-missing"]')).not.toBeNull();
        jest.useRealTimers();

        // A new bridge (the rep reloaded the utility) publishes its snapshot: no Retry needed.
        addBridge(createFakeToolkit());
        await flush();
        expect($(panel, '[data-id="bridge-missing"]')).toBeNull();
        expect(rows(panel)).toHaveLength(1);
    });
});

describe('keyboard and focus', () => {
    it('Escape closes the decline form without declining and returns focus to Decline', async () => {
        const { panel, bridge, toolkit } = await mount();
        await assignWork2(bridge);
        const row = await openDeclineForm(panel);
        const focus = jest.spyOn(HTMLElement.prototype, 'focus');
        $(row, '[data-id="decline-form"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
        await flush();
        expect($(row, '[data-id="decline-form"]')).toBeNull();
        expect(focus.mock.contexts).toContain($(row, '[data-id="decline"]'));
        expect(calls(toolkit, 'declineAgentWork')).toHaveLength(0);
    });

    it('opening a form moves focus into it', async () => {
        const { panel, bridge } = await mount();
        await assignWork2(bridge);
        const focus = jest.spyOn(HTMLElement.prototype, 'focus');
        const row = await openDeclineForm(panel);
        expect(focus.mock.contexts).toContain($(row, '[data-id="reason"]'));
        const flagRow = await openFlagForm(panel);
        expect(focus.mock.contexts).toContain($(flagRow, '[data-id="flag-message"]'));
    });

    it('Escape on the flag form returns focus to Raise flag, and a reopened form starts empty', async () => {
        const { panel, toolkit } = await mount();
        const row = await openFlagForm(panel, 'half a thought');
        const focus = jest.spyOn(HTMLElement.prototype, 'focus');
        $(row, '[data-id="flag-form"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
        await flush();
        expect($(row, '[data-id="flag-form"]')).toBeNull();
        expect(focus.mock.contexts).toContain($(row, '[data-id="raise-flag"]'));
        expect(calls(toolkit, 'raiseAgentWorkFlag')).toHaveLength(0);
        await openFlagForm(panel);
        expect($(row, '[data-id="flag-message"]').value).toBe('');
    });

    it('Cancel on the flag form returns focus to Raise flag', async () => {
        const { panel } = await mount();
        const row = await openFlagForm(panel, 'never mind');
        const focus = jest.spyOn(HTMLElement.prototype, 'focus');
        $(row, '[data-id="cancel"]').click();
        await flush();
        expect($(row, '[data-id="flag-form"]')).toBeNull();
        expect(focus.mock.contexts).toContain($(row, '[data-id="raise-flag"]'));
    });

    it('Cancel on the decline form returns focus to Decline', async () => {
        const { panel, bridge } = await mount();
        await assignWork2(bridge);
        const row = await openDeclineForm(panel, 'Too busy');
        const focus = jest.spyOn(HTMLElement.prototype, 'focus');
        $(row, '[data-id="cancel"]').click();
        await flush();
        expect(focus.mock.contexts).toContain($(row, '[data-id="decline"]'));
    });
});

describe('screen reader announcements', () => {
    it('announce new work by its record name in a status region, not through the ticking list', async () => {
        const { panel, bridge } = await mount();
        const region = $(panel, '[data-id="announcer"]');
        expect(region.getAttribute('role')).toBe('status');
        expect(region.getAttribute('aria-live')).toBe('polite');
        expect(region.className).toContain('slds-assistive-text');
        expect($$(panel, '[aria-live]')).toEqual([region]);
        await assignWork2(bridge);
        expect(announced(panel)).toBe('New work: 00001027 · Cannot log in');
    });

    it('stay unchanged while the timers tick', async () => {
        const { panel, bridge } = await mount();
        await assignWork2(bridge);
        jest.useFakeTimers();
        jest.advanceTimersByTime(5000);
        await flushPromises(12);
        expect(announced(panel)).toBe('New work: 00001027 · Cannot log in');
    });
});

describe('utility bar and alerts', () => {
    it('labels the utility with status and load, and highlights it while work waits', async () => {
        const { bridge } = await mount();
        expect(utilityUpdates().at(-1)).toEqual({ utilityId: 'utility-1', attributes: { label: 'Available 1/5', highlighted: false } });
        await assignWork2(bridge);
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

    describe('with the alerts switched on', () => {
        let contexts: FakeAudioContext[] = [];
        let shown: Array<[string, { body: string; tag: string }]> = [];

        class FakeAudioContext {
            currentTime = 0;
            destination = {};
            state = 'suspended';
            started = 0;
            resume = jest.fn(() => {
                this.state = 'running';
                return Promise.resolve();
            });
            close = jest.fn(() => Promise.resolve());
            constructor() {
                contexts.push(this);
            }
            createOscillator() {
                return { frequency: { value: 0 }, connect: jest.fn(), start: () => (this.started += 1), stop: jest.fn() };
            }
            createGain() {
                return { gain: { setValueAtTime: jest.fn(), exponentialRampToValueAtTime: jest.fn() }, connect: jest.fn() };
            }
        }
        class FakeNotification {
            static permission = 'granted';
            static requestPermission = jest.fn();
            constructor(title: string, options: { body: string; tag: string }) {
                shown.push([title, options]);
            }
        }

        beforeEach(() => {
            contexts = [];
            shown = [];
            FakeNotification.permission = 'granted';
            FakeNotification.requestPermission = jest.fn();
            Object.assign(window, { AudioContext: FakeAudioContext, Notification: FakeNotification });
        });
        afterEach(() => {
            delete (window as unknown as Record<string, unknown>).AudioContext;
            delete (window as unknown as Record<string, unknown>).Notification;
        });

        it('chime on each new work through one AudioContext, resumed when the browser suspended it', async () => {
            const { panel, bridge } = await mount({ props: { playSound: true } });
            await assignWork2(bridge);
            bridge.handleOmniEvent('omniChannelWorkAssigned', { workId: '0BzRM0000000003', workItemId: '500RM000000A3nv' });
            await flush();
            expect(contexts).toHaveLength(1);
            expect(contexts[0].started).toBe(2);
            expect(contexts[0].resume).toHaveBeenCalledTimes(1);
            document.body.removeChild(panel);
            expect(contexts[0].close).toHaveBeenCalledTimes(1);
        });

        it('notify with the record name and subject once Apex has named the record', async () => {
            const { bridge } = await mount({ props: { desktopNotifications: true } });
            await assignWork2(bridge);
            expect(shown).toEqual([
                ['Omni-Channel', { body: 'New work: 00001027 · Cannot log in', tag: `omni-console-kit-${toId18(IDS.case2)}` }]
            ]);
        });

        it('notify with the channel when Apex has not answered within the wait', async () => {
            const { bridge } = await mount({ props: { desktopNotifications: true } });
            summariesMock.mockImplementation(() => new Promise(() => undefined));
            jest.useFakeTimers();
            bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
            await flushPromises(12);
            jest.advanceTimersByTime(1499);
            expect(shown).toHaveLength(0);
            jest.advanceTimersByTime(1);
            expect(shown.map(([, options]) => options.body)).toEqual(['New work: Case']);
        });

        it('do not notify about work that went before it could be announced', async () => {
            const { bridge } = await mount({ props: { desktopNotifications: true } });
            summariesMock.mockImplementation(() => new Promise(() => undefined));
            jest.useFakeTimers();
            bridge.handleOmniEvent('omniChannelWorkAssigned', work2);
            bridge.handleOmniEvent('omniChannelWorkDeclined', work2);
            await flushPromises(12);
            jest.advanceTimersByTime(5000);
            expect(shown).toHaveLength(0);
        });

        it('ask for notification permission only from the rep’s click on the panel’s button', async () => {
            FakeNotification.permission = 'default';
            FakeNotification.requestPermission = jest.fn(() => {
                FakeNotification.permission = 'granted';
                return Promise.resolve('granted');
            });
            const { panel, bridge } = await mount({ props: { desktopNotifications: true } });
            await assignWork2(bridge);
            expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
            expect(shown).toHaveLength(0);
            const button = $(panel, '[data-id="enable-notifications"]');
            expect(button.label).toBe('Turn on desktop notifications');
            button.click();
            await flush();
            expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
            expect($(panel, '[data-id="enable-notifications"]')).toBeNull();
            bridge.handleOmniEvent('omniChannelWorkAssigned', { workId: '0BzRM0000000003', workItemId: '500RM000000A3nv' });
            await flush();
            expect(shown).toHaveLength(1);
        });

        it('say so when the browser blocks notifications', async () => {
            FakeNotification.permission = 'denied';
            const { panel } = await mount({ props: { desktopNotifications: true } });
            expect(text(panel, '[data-id="notifications-blocked"]')).toBe(
                'Desktop notifications are blocked for this site in your browser settings.'
            );
            expect($(panel, '[data-id="enable-notifications"]')).toBeNull();
        });
    });

    it('stays quiet on new work by default', async () => {
        const created = jest.fn();
        const shown = jest.fn();
        Object.assign(window, { AudioContext: created, Notification: Object.assign(shown, { permission: 'granted' }) });
        try {
            const { panel, bridge } = await mount();
            await assignWork2(bridge);
            expect(created).not.toHaveBeenCalled();
            expect(shown).not.toHaveBeenCalled();
            expect($(panel, '[data-id="enable-notifications"]')).toBeNull();
        } finally {
            delete (window as unknown as Record<string, unknown>).AudioContext;
            delete (window as unknown as Record<string, unknown>).Notification;
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

    it('a command still running when the panel is removed ends quietly', async () => {
        const { panel, toolkit } = await mount();
        toolkit.hold('closeAgentWork');
        const toasts = collectToasts(panel);
        const errors = jest.spyOn(console, 'error');
        $(rowFor(panel, IDS.work1), '[data-id="close"]').click();
        await flush();
        document.body.removeChild(panel);
        await flush();
        expect(toasts).toHaveLength(0);
        expect(errors).not.toHaveBeenCalled();
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
        await assignWork2(bridge);
        $(rowFor(panel, IDS.work2), '[data-id="decline"]').click();
        $(rowFor(panel, IDS.work1), '[data-id="raise-flag"]').click();
        await flush();
        await expect(panel).toBeAccessible();
    });

    it('is accessible in the error states', async () => {
        statusesMock.mockRejectedValue(apexDenied);
        const { panel, bridge, toolkit } = await mount();
        bridge.handleOmniEvent('omniChannelConnectionError', { error: 'Network unreachable' });
        toolkit.reject('closeAgentWork', new Error('nope'));
        await flush();
        $(rowFor(panel, IDS.work1), '[data-id="close"]').click();
        await flush();
        await expect(panel).toBeAccessible();
    });

    it('is accessible in the bridge-missing state', async () => {
        const { panel, bridge, toolkit } = await mount();
        toolkit.hold('closeAgentWork');
        $(rowFor(panel, IDS.work1), '[data-id="close"]').click();
        await flush();
        document.body.removeChild(bridge);
        await flush();
        expect($(panel, '[data-id="bridge-missing"]')).not.toBeNull();
        await expect(panel).toBeAccessible();
    });
});
