/**
 * Everything the panel shows or says comes from a Custom Label or from the org's data.
 *
 * Every label is replaced by a marked copy (its literal parts wrapped in ⟦ ⟧, placeholders
 * kept), the panel is driven through its states, and every text a rep can read or hear is
 * collected: DOM text of the panel and its children, the spoken attributes and properties of
 * base components (labels, alternative texts, combobox options), toasts, the utility label
 * and desktop notifications. With the marked parts and the org's data (record names, status
 * names, messages, ids, numbers and times) taken out, nothing may be left: a leftover is text
 * written into the TypeScript or a template, which an admin could not translate.
 *
 * Lists of several channels are joined by Intl.ListFormat in the browser's language, so the
 * states below keep to one channel.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { XMLParser } from 'fast-xml-parser';
import { serveToolkitCalls } from '@platform/aura/serveToolkitCalls';
import { IDS, createFakeToolkit, flushPromises, type FakeToolkit } from '@platform/testing/omniFakes';
import { resetMessageService } from '@platform/lightning/messageService/messageService';
import { resetUtilityBar, utilityUpdates } from '@platform/lightning/platformUtilityBarApi/platformUtilityBarApi';

const labelsFile = join(__dirname, '../../../labels/CustomLabels.labels-meta.xml');
const parsed = new XMLParser({ isArray: (name) => name === 'labels' }).parse(readFileSync(labelsFile, 'utf8'));

/** "Could not {0}: {1}" -> "⟦Could not ⟧{0}⟦: ⟧{1}" (mock-prefixed: jest lets label mock factories call it). */
function mockMarked(value: string): string {
    return value
        .split(/(\{\d+\})/)
        .map((part) => (part === '' || /^\{\d+\}$/.test(part) ? part : `⟦${part}⟧`))
        .join('');
}

for (const mockLabel of parsed.CustomLabels.labels as Array<{ fullName: string; value: string }>) {
    jest.mock(`@salesforce/label/c.${mockLabel.fullName}`, () => ({ __esModule: true, default: mockMarked(String(mockLabel.value)) }), {
        virtual: true
    });
}
jest.mock('@salesforce/apex/OmniPanelController.getAvailableStatuses', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/OmniPanelController.getDeclineSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/OmniPanelController.getWorkItemSummaries', () => ({ default: jest.fn() }), { virtual: true });

// Required after the label mocks above (imports would be hoisted before them).
const { createElement } = require('lwc');
const OmniWorkloadPanel = require('c/omniWorkloadPanel').default;
const OmniBridgeCore = require('c/omniBridgeCore').default;
const { toId18 } = require('c/omniTypes');
const statusesMock = require('@salesforce/apex/OmniPanelController.getAvailableStatuses').default as jest.Mock;
const declineMock = require('@salesforce/apex/OmniPanelController.getDeclineSettings').default as jest.Mock;
const summariesMock = require('@salesforce/apex/OmniPanelController.getWorkItemSummaries').default as jest.Mock;

type Bridge = HTMLElement & { handleOmniEvent(name: string, params: unknown): void };
type Panel = HTMLElement & Record<string, unknown>;

/** The org's data in these states: what may appear without a label around it. */
const DATA = {
    statuses: [
        {
            statusId: toId18(IDS.available),
            label: 'Ready for Cases',
            developerName: 'Ready',
            isOnline: true,
            channels: [{ channelId: toId18(IDS.caseChannel), developerName: 'sfdc_case', label: 'Support Queue Channel' }]
        },
        { statusId: toId18(IDS.busy), label: 'Lunch Break', developerName: 'Lunch', isOnline: false, channels: [] }
    ],
    decline: {
        declineAllowed: true,
        reasonsEnabled: true,
        reasons: [{ reasonId: '0KRRM00000000014AA', label: 'Outside my skills', developerName: 'Skills' }],
        capacity: 5,
        configName: 'Agents'
    },
    summaries: [
        {
            workItemId: toId18(IDS.case1),
            objectApiName: 'Case',
            objectLabel: 'Support Ticket',
            title: 'T-1026',
            subtitle: 'Printer on fire',
            iconName: 'standard:case'
        }
    ],
    words: [
        'Available',
        'Busy',
        'Customer asks for a manager',
        'Network unreachable',
        'This work item is no longer available',
        'Insufficient privileges on OmniPanelController',
        'sfdc_case',
        'Omni-Channel'
    ]
};

function allowed(): string[] {
    return [
        ...DATA.words,
        ...DATA.statuses.flatMap((s) => [s.label, ...s.channels.map((c) => c.label)]),
        ...DATA.decline.reasons.map((r) => r.label),
        ...DATA.summaries.flatMap((s) => [s.objectLabel, s.title, s.subtitle]),
        toId18(IDS.case1),
        toId18(IDS.case2)
    ].sort((a, b) => b.length - a.length);
}

/** What is left of a text once the marked label parts and the org's data are taken out. */
function leftover(text: string): string {
    let rest = text.replace(/⟦[^⟧]*⟧/g, ' ');
    for (const word of allowed()) rest = rest.split(word).join(' ');
    // Numbers, times and loads ("0:05", "1/5") are data too.
    return rest.replace(/[\d:/\s]+/g, ' ').trim();
}

const SPOKEN_ATTRIBUTES = ['title', 'aria-label', 'aria-valuetext', 'alt', 'placeholder'];
const SPOKEN_PROPERTIES = ['label', 'alternativeText', 'placeholder', 'title', 'fieldLevelHelp'];

/** Every text a rep can read or hear inside `root`, through child components' shadow roots. */
function readable(root: Node, out: string[] = []): string[] {
    for (const node of Array.from(root.childNodes)) {
        if (node.nodeType === Node.TEXT_NODE) {
            if (node.textContent?.trim()) out.push(node.textContent);
            continue;
        }
        if (!(node instanceof HTMLElement)) continue;
        for (const attribute of SPOKEN_ATTRIBUTES) {
            const value = node.getAttribute(attribute);
            if (value) out.push(value);
        }
        if (node.tagName.startsWith('LIGHTNING-')) {
            const props = node as unknown as Record<string, unknown>;
            for (const property of SPOKEN_PROPERTIES)
                if (typeof props[property] === 'string' && props[property]) out.push(props[property] as string);
            const options = props.options as Array<{ label: string }> | undefined;
            if (Array.isArray(options)) out.push(...options.map((o) => o.label));
        }
        if (node.shadowRoot) readable(node.shadowRoot, out);
        readable(node, out);
    }
    return out;
}

const heard: string[] = [];
let panel: Panel;
let bridge: Bridge;
let toolkit: FakeToolkit;

function expectOnlyLabelsAndData(state: string): void {
    const texts = [...readable(panel.shadowRoot!), ...heard, ...utilityUpdates().map((u) => u.attributes.label ?? '')];
    expect(texts.length).toBeGreaterThan(0);
    const leaks = texts.map((t) => ({ text: t, leftover: leftover(t) })).filter((t) => t.leftover !== '');
    expect({ state, leaks }).toEqual({ state, leaks: [] });
}

async function flush(): Promise<void> {
    await flushPromises(12);
}

async function mountPanel(props: Record<string, unknown> = {}): Promise<void> {
    toolkit = createFakeToolkit();
    bridge = createElement('c-omni-bridge-core', { is: OmniBridgeCore }) as Bridge;
    serveToolkitCalls(bridge, toolkit.invoke);
    document.body.appendChild(bridge);
    await flush();
    panel = createElement('c-omni-workload-panel', { is: OmniWorkloadPanel }) as Panel;
    Object.assign(panel, props);
    panel.addEventListener('lightning__showtoast', (event) => {
        const detail = (event as CustomEvent<{ title: string; message: string }>).detail;
        heard.push(detail.title, detail.message);
    });
    document.body.appendChild(panel);
    await flush();
}

const $ = (root: Element, selector: string) => root.shadowRoot!.querySelector(selector) as HTMLElement & Record<string, unknown>;
const row = (workId: string) => $(panel, `c-omni-work-row[data-work-id="${toId18(workId)}"]`);

beforeEach(() => {
    resetMessageService();
    resetUtilityBar();
    window.sessionStorage.clear();
    heard.length = 0;
    statusesMock.mockReset();
    statusesMock.mockResolvedValue(DATA.statuses);
    declineMock.mockReset();
    declineMock.mockResolvedValue(DATA.decline);
    summariesMock.mockReset();
    summariesMock.mockImplementation(({ workItemIds }: { workItemIds: string[] }) =>
        Promise.resolve(DATA.summaries.filter((s) => workItemIds.includes(s.workItemId)))
    );
    class Notification {
        static permission = 'granted';
        static requestPermission = () => Promise.resolve('granted');
        constructor(title: string, options: { body: string }) {
            heard.push(title, options.body);
        }
    }
    Object.assign(window, { Notification });
});

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    delete (window as unknown as Record<string, unknown>).Notification;
    jest.useRealTimers();
});

describe('the panel shows only labels and data', () => {
    it('the check itself finds text that is not a label', () => {
        expect(leftover('⟦Assigned ⟧0:05⟦ ago⟧')).toBe('');
        expect(leftover('T-1026 · Printer on fire')).toBe('·');
        expect(leftover('warning')).toBe('warning');
    });

    it('with work in progress, new work (named and not yet named), a supervisor flag and the notices', async () => {
        await mountPanel({ desktopNotifications: true });
        // One work Apex describes, one it never answers for (channel fallback after the wait).
        summariesMock.mockImplementation(() => new Promise(() => undefined));
        jest.useFakeTimers();
        bridge.handleOmniEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        await flushPromises(12);
        jest.advanceTimersByTime(5000);
        await flushPromises(12);
        jest.useRealTimers();
        bridge.handleOmniEvent('omniChannelWorkFlagUpdated', {
            workId: IDS.work1,
            isFlagged: true,
            message: 'Customer asks for a manager',
            roleUpdatedBy: 'SUPERVISOR'
        });
        bridge.handleOmniEvent('omniChannelWorkloadChanged', { configuredCapacity: '5', previousWorkload: '4', newWorkload: '5' });
        await flush();
        expect(heard.length).toBeGreaterThan(0);
        expectOnlyLabelsAndData('work and flag');
    });

    it('with the decline and flag forms open', async () => {
        await mountPanel();
        bridge.handleOmniEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        await flush();
        $(row(IDS.work2), '[data-id="decline"]').click();
        $(row(IDS.work1), '[data-id="raise-flag"]').click();
        await flush();
        expect($(row(IDS.work2), '[data-id="decline-form"]')).not.toBeNull();
        expect($(row(IDS.work1), '[data-id="flag-form"]')).not.toBeNull();
        expectOnlyLabelsAndData('forms');
    });

    it('after actions that succeed and fail', async () => {
        await mountPanel();
        bridge.handleOmniEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        await flush();
        $(row(IDS.work2), '[data-id="accept"]').click();
        await flush();
        $($(panel, 'c-omni-presence-control') as unknown as Element, 'lightning-combobox').dispatchEvent(
            new CustomEvent('change', { detail: { value: toId18(IDS.busy) } })
        );
        await flush();
        toolkit.reject('closeAgentWork', new Error('This work item is no longer available'));
        $(row(IDS.work1), '[data-id="close"]').click();
        await flush();
        expect(heard.length).toBeGreaterThan(0);
        expect($(panel, '[data-id="action-error"]')).not.toBeNull();
        expect($(panel, '[data-id="announcer"]').textContent).not.toBe('');
        expectOnlyLabelsAndData('action results');
    });

    it('with a connection error and Apex errors', async () => {
        statusesMock.mockRejectedValue({ body: { message: 'Insufficient privileges on OmniPanelController' } });
        declineMock.mockRejectedValue({ body: { message: 'Insufficient privileges on OmniPanelController' } });
        await mountPanel({ desktopNotifications: true });
        bridge.handleOmniEvent('omniChannelConnectionError', { error: 'Network unreachable' });
        await flush();
        expect($(panel, '[data-id="connection-error"]')).not.toBeNull();
        expect($(panel, '[data-id="setup-error"]')).not.toBeNull();
        expectOnlyLabelsAndData('errors');
    });

    it('logged out by a supervisor, with no statuses to pick, asking for notification permission', async () => {
        statusesMock.mockResolvedValue([]);
        (window as unknown as { Notification: { permission: string } }).Notification.permission = 'default';
        await mountPanel({ desktopNotifications: true });
        bridge.handleOmniEvent('omniChannelLogout', { reason: 'OmniSupervisorLogout' });
        await flush();
        expect($(panel, '[data-id="no-statuses"]')).not.toBeNull();
        expectOnlyLabelsAndData('logged out');
    });

    it('when the bridge leaves', async () => {
        await mountPanel();
        toolkit.hold('acceptAgentWork');
        bridge.handleOmniEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        await flush();
        $(row(IDS.work2), '[data-id="accept"]').click();
        await flush();
        document.body.removeChild(bridge);
        await flush();
        expect($(panel, '[data-id="bridge-missing"]')).not.toBeNull();
        expectOnlyLabelsAndData('bridge missing');
    });
});
