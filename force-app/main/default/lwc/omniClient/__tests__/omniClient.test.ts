import { createElement } from 'lwc';
import OmniBridgeCore from 'c/omniBridgeCore';
import {
    createOmniClient,
    OmniArgumentError,
    OmniBridgeUnavailableError,
    OmniCommandTimeoutError,
    OmniPayloadError,
    OmniToolkitError,
    toId18,
    type OmniClient,
    type OmniEvent
} from 'c/omniClient';
import {
    configureMessageService,
    createMessageContext,
    publish,
    resetMessageService,
    subscriberCount
} from '@platform/lightning/messageService/messageService';
import { IDS, createFakeToolkit, flushPromises, type FakeToolkit } from '@platform/testing/omniFakes';
import { serveToolkitCalls } from '@platform/aura/serveToolkitCalls';
import rawEvents from '../../omniTypes/__tests__/data/rawEvents.json';

const CHANNEL = 'OmniConsoleKit__c';
const raw = rawEvents as Record<string, Record<string, unknown>>;

type BridgeElement = HTMLElement & { toolkit: unknown; handleOmniEvent(name: string, params: unknown): void };

const clients: OmniClient[] = [];

function addBridge(toolkit: FakeToolkit = createFakeToolkit()): BridgeElement {
    const element = createElement('c-omni-bridge-core', { is: OmniBridgeCore }) as unknown as BridgeElement;
    serveToolkitCalls(element, toolkit.invoke);
    document.body.appendChild(element);
    return element;
}

function client(timeoutMs = 200): OmniClient {
    const c = createOmniClient({ timeoutMs });
    clients.push(c);
    return c;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
    try {
        await promise;
    } catch (error) {
        return error as Error;
    }
    throw new Error('expected the promise to reject');
}

beforeEach(() => {
    resetMessageService();
    window.sessionStorage.clear();
});

afterEach(() => {
    clients.splice(0).forEach((c) => c.dispose());
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.useRealTimers();
});

describe('the twelve toolkit methods through the bridge', () => {
    const cases: Array<[string, unknown, unknown, unknown]> = [
        ['acceptAgentWork', { workId: IDS.work1 }, { workId: IDS.work1 }, true],
        [
            'declineAgentWork',
            { workId: IDS.work1, declineReason: 'Wrong language' },
            { workId: IDS.work1, declineReason: 'Wrong language' },
            true
        ],
        ['closeAgentWork', { workId: IDS.work1 }, { workId: IDS.work1 }, true],
        ['getAgentWorks', undefined, undefined, [{ workId: toId18(IDS.work1), workItemId: toId18(IDS.case1), isEngaged: true }]],
        [
            'getAgentWorkload',
            undefined,
            undefined,
            { configuredCapacity: 5, currentWorkload: 1, configuredInterruptibleCapacity: 2, currentInterruptibleWorkload: 0 }
        ],
        ['getServicePresenceStatusChannels', undefined, undefined, [{ channelId: toId18(IDS.caseChannel), developerName: 'sfdc_case' }]],
        [
            'getServicePresenceStatusId',
            undefined,
            undefined,
            { statusId: toId18(IDS.available), statusName: 'Available', statusApiName: 'Available' }
        ],
        ['login', { statusId: IDS.available }, { statusId: toId18(IDS.available) }, true],
        ['logout', undefined, undefined, true],
        ['raiseAgentWorkFlag', { workId: IDS.work1, message: 'Need help' }, { workId: IDS.work1, message: 'Need help' }, true],
        ['lowerAgentWorkFlag', { workId: IDS.work1 }, { workId: IDS.work1 }, true],
        [
            'setServicePresenceStatus',
            { statusId: IDS.busy },
            { statusId: toId18(IDS.busy) },
            { statusId: toId18(IDS.busy), statusName: 'Busy', statusApiName: 'Busy', channels: [] }
        ]
    ];

    it.each(cases)('%s sends the documented argument and resolves the typed result', async (method, args, toolkitArgs, expected) => {
        const toolkit = createFakeToolkit();
        addBridge(toolkit);
        await flushPromises();
        toolkit.calls.length = 0; // forget the bridge's own seeding calls
        const omni = client();
        const typed = omni as unknown as Record<string, (a?: unknown) => Promise<unknown>>;
        await expect(typed[method](args)).resolves.toEqual(expected);
        expect(toolkit.calls.filter((c) => c.method === method)).toEqual([{ method, args: toolkitArgs }]);
    });

    it('rejects with OmniToolkitError carrying the toolkit message', async () => {
        const toolkit = createFakeToolkit();
        toolkit.reject('acceptAgentWork', new Error('This work item is no longer available'));
        addBridge(toolkit);
        const error = await rejection(client().acceptAgentWork({ workId: IDS.work1 }));
        expect(error).toBeInstanceOf(OmniToolkitError);
        expect(error.message).toBe('acceptAgentWork failed: This work item is no longer available');
        expect((error as OmniToolkitError).method).toBe('acceptAgentWork');
    });

    it('rejects bad arguments with OmniArgumentError before anything is sent', async () => {
        const toolkit = createFakeToolkit();
        addBridge(toolkit);
        await flushPromises();
        const before = toolkit.calls.length;
        const omni = client();
        const error = await rejection(omni.declineAgentWork({ workId: IDS.work1, reason: 'Busy' } as never));
        expect(error).toBeInstanceOf(OmniArgumentError);
        expect(await rejection(omni.acceptAgentWork(IDS.work1 as never))).toBeInstanceOf(OmniArgumentError);
        expect(toolkit.calls).toHaveLength(before);
    });

    it('rejects with OmniBridgeUnavailableError within the timeout when no bridge is on the page', async () => {
        const started = Date.now();
        const error = await rejection(client(80).acceptAgentWork({ workId: IDS.work1 }));
        expect(error).toBeInstanceOf(OmniBridgeUnavailableError);
        expect(error.message).toMatch(
            /Add the "Omni Workload" utility \(Omni Console Kit\) to this Lightning console app, with Start automatically/
        );
        expect(Date.now() - started).toBeLessThan(1000);
        await expect(client(50).getSnapshot()).rejects.toBeInstanceOf(OmniBridgeUnavailableError);
    });

    it('rejects with OmniCommandTimeoutError when the bridge never answers', async () => {
        const toolkit = createFakeToolkit();
        addBridge(toolkit);
        await flushPromises();
        toolkit.hold('closeAgentWork');
        jest.useFakeTimers();
        const pending = client(5000).closeAgentWork({ workId: IDS.work1 });
        await flushPromises();
        jest.advanceTimersByTime(4999);
        await flushPromises();
        expect(toolkit.calls.filter((c) => c.method === 'closeAgentWork')).toHaveLength(1);
        jest.advanceTimersByTime(1);
        const error = await rejection(pending);
        expect(error).toBeInstanceOf(OmniCommandTimeoutError);
        expect(error.message).toBe('closeAgentWork got no answer within 5000 ms.');
    });

    it('refuses a timeout that is not a positive number', () => {
        expect(() => createOmniClient({ timeoutMs: 0 })).toThrow(RangeError);
        expect(() => createOmniClient({ timeoutMs: Number.NaN })).toThrow(RangeError);
    });
});

describe('typed event subscriptions', () => {
    const eventNames = Object.keys(raw);

    it.each(eventNames)('%s reaches its typed subscriber and onAny, with the snapshot', async (name) => {
        const bridge = addBridge();
        await flushPromises();
        const omni = client();
        const type = name.replace('omniChannel', '').replace(/^./, (c) => c.toLowerCase()) as OmniEvent['type'];
        const typed = jest.fn();
        const any = jest.fn();
        omni.on(type, typed);
        omni.onAny(any);
        bridge.handleOmniEvent(name, raw[name]);
        expect(typed).toHaveBeenCalledTimes(1);
        expect(typed.mock.calls[0][0].type).toBe(type);
        expect(typed.mock.calls[0][1].revision).toBeGreaterThan(0);
        expect(any).toHaveBeenCalledTimes(1);
    });

    it('does not call a subscriber of another type', async () => {
        const bridge = addBridge();
        const omni = client();
        const accepted = jest.fn();
        omni.on('workAccepted', accepted);
        bridge.handleOmniEvent('omniChannelWorkAssigned', raw.omniChannelWorkAssigned);
        expect(accepted).not.toHaveBeenCalled();
    });

    it('stops calling a subscriber after unsubscribe, and keeps calling the others', async () => {
        const bridge = addBridge();
        const omni = client();
        const first = jest.fn();
        const second = jest.fn();
        const off = omni.on('workAssigned', first);
        omni.on('workAssigned', second);
        off();
        off();
        bridge.handleOmniEvent('omniChannelWorkAssigned', raw.omniChannelWorkAssigned);
        await flushPromises();
        expect(first).not.toHaveBeenCalled();
        expect(second).toHaveBeenCalledTimes(1);
    });

    it('a subscriber that unsubscribes itself or adds another while handling does not disturb this delivery', async () => {
        const bridge = addBridge();
        const omni = client();
        const heard: string[] = [];
        const offSelf = omni.on('workAssigned', () => {
            heard.push('self');
            offSelf();
            omni.on('workAssigned', () => heard.push('added'));
        });
        omni.on('workAssigned', () => heard.push('other'));
        bridge.handleOmniEvent('omniChannelWorkAssigned', raw.omniChannelWorkAssigned);
        await flushPromises();
        expect(heard).toEqual(['self', 'other']);
        bridge.handleOmniEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        await flushPromises();
        expect(heard).toEqual(['self', 'other', 'other', 'added']);
    });

    it('a subscriber that throws does not stop the others', async () => {
        const bridge = addBridge();
        const omni = client();
        const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
        omni.onAny(() => {
            throw new Error('broken component');
        });
        const healthy = jest.fn();
        omni.onAny(healthy);
        bridge.handleOmniEvent('omniChannelWorkAssigned', raw.omniChannelWorkAssigned);
        await flushPromises();
        expect(healthy).toHaveBeenCalledTimes(1);
        expect(consoleError).toHaveBeenCalledTimes(1);
    });

    it('onSnapshot follows every change', async () => {
        const bridge = addBridge();
        await flushPromises();
        const omni = client();
        const snapshots = jest.fn();
        omni.onSnapshot(snapshots);
        bridge.handleOmniEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        bridge.handleOmniEvent('omniChannelWorkAccepted', { workId: IDS.work2, workItemId: IDS.case2 });
        expect(snapshots).toHaveBeenCalledTimes(2);
        expect(snapshots.mock.calls[1][0].works.find((w: { workId: string }) => w.workId === toId18(IDS.work2)).state).toBe('accepted');
        expect(omni.snapshot).toBe(snapshots.mock.calls[1][0]);
    });
});

describe('late subscribers', () => {
    it('get the full snapshot of work that arrived before they were created', async () => {
        const bridge = addBridge(createFakeToolkit({ getAgentWorks: { works: '[]' } }));
        await flushPromises();
        bridge.handleOmniEvent('omniChannelStatusChanged', raw.omniChannelStatusChanged);
        bridge.handleOmniEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        bridge.handleOmniEvent('omniChannelWorkloadChanged', raw.omniChannelWorkloadChanged);

        const late = client();
        expect(late.snapshot).toBeNull();
        const snapshot = await late.getSnapshot();
        expect(snapshot).toMatchObject({
            seeded: true,
            loginState: 'loggedIn',
            presence: { statusName: 'Available', channels: [{ developerName: 'sfdc_case' }, { developerName: 'sfdc_livechat' }] },
            works: [{ workId: toId18(IDS.work2), state: 'assigned' }],
            workload: { configuredCapacity: 5, currentWorkload: 2, configuredInterruptibleCapacity: 3 }
        });
        expect(late.snapshot).toBe(snapshot);
    });

    it('resync asks the bridge to read the toolkit again', async () => {
        const toolkit = createFakeToolkit();
        addBridge(toolkit);
        await flushPromises();
        toolkit.answer('getAgentWorkload', { configuredCapacity: '8', currentWorkload: '3' });
        const snapshot = await client().resync();
        expect(snapshot.workload).toMatchObject({ configuredCapacity: 8, currentWorkload: 3 });
    });
});

describe("each client's copy of the snapshot", () => {
    it('matches the bridge after a long mixed sequence of events', async () => {
        const bridge = addBridge(createFakeToolkit({ getAgentWorks: { works: '[]' } }));
        await flushPromises();
        const omni = client();
        await omni.getSnapshot();
        const works = ['0BzRM0000000011', '0BzRM0000000012', '0BzRM0000000013'];
        bridge.handleOmniEvent('omniChannelStatusChanged', raw.omniChannelStatusChanged);
        works.forEach((workId, i) => {
            const workItemId = `500RM000000B${i}aa`;
            bridge.handleOmniEvent('omniChannelWorkAssigned', { workId, workItemId });
            bridge.handleOmniEvent('omniChannelWorkloadChanged', {
                configuredCapacity: '5',
                previousWorkload: String(i),
                newWorkload: String(i + 1)
            });
            bridge.handleOmniEvent('omniChannelWorkAccepted', { workId, workItemId });
        });
        bridge.handleOmniEvent('omniChannelWorkFlagUpdated', {
            workId: works[1],
            isFlagged: true,
            message: 'Angry',
            roleUpdatedBy: 'SUPERVISOR',
            updatedBy: IDS.supervisor
        });
        bridge.handleOmniEvent('omniChannelWorkClosed', { workId: works[0], workItemId: '500RM000000B0aa' });
        bridge.handleOmniEvent('omniChannelConnectionError', raw.omniChannelConnectionError);
        await flushPromises();
        const fromBridge = await client().getSnapshot();
        expect(omni.snapshot).toEqual(fromBridge);
        expect(fromBridge.works).toHaveLength(2);
    });

    it('a client created before the bridge finished seeding hears every event once, in order', async () => {
        const toolkit = createFakeToolkit();
        const seeding = toolkit.hold('getAgentWorks');
        const bridge = addBridge(toolkit);
        const omni = client();
        const heard: string[] = [];
        omni.onAny((event, snapshot) => heard.push(`${event.type}@${snapshot.revision}`));
        bridge.handleOmniEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        bridge.handleOmniEvent('omniChannelWorkAccepted', { workId: IDS.work2, workItemId: IDS.case2 });
        expect(heard).toEqual([]);
        seeding.release();
        await flushPromises(10);
        expect(heard.map((h) => h.split('@')[0])).toEqual(['workAssigned', 'workAccepted']);
        expect(omni.snapshot!.works.map((w) => w.workId).sort()).toEqual([toId18(IDS.work1), toId18(IDS.work2)]);
    });

    it('fetches a fresh snapshot when a revision is missing, and ignores a repeated one', async () => {
        const bridge = addBridge();
        await flushPromises();
        const omni = client();
        const start = await omni.getSnapshot();
        const heard = jest.fn();
        omni.onAny(heard);
        const context = createMessageContext();
        const captured: Array<Record<string, unknown>> = [];
        const { subscribe } = jest.requireActual('@platform/lightning/messageService/messageService');
        subscribe(context, CHANNEL, (m: Record<string, unknown>) => captured.push(m));
        bridge.handleOmniEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        const event = captured.find((m) => m.kind === 'event')!;
        // A repeat of the same revision changes nothing.
        publish(context, CHANNEL, event);
        expect(heard).toHaveBeenCalledTimes(1);
        // A revision from the future means we missed something: the client asks for a snapshot.
        publish(context, CHANNEL, { ...event, revision: (event.revision as number) + 5 });
        await flushPromises();
        expect(captured.some((m) => m.kind === 'snapshotRequest')).toBe(true);
        expect(heard).toHaveBeenCalledTimes(2);
        expect(omni.snapshot!.revision).toBe(start.revision + 1);
    });
});

describe('malformed payloads', () => {
    it('a bad toolkit event reaches onError exactly once, never an event subscriber, and is warned once', async () => {
        const bridge = addBridge();
        await flushPromises();
        const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
        const omni = client();
        const before = await omni.getSnapshot();
        const errors = jest.fn();
        const events = jest.fn();
        omni.onError(errors);
        omni.onAny(events);
        bridge.handleOmniEvent('omniChannelWorkAssigned', { workId: '{not an id}', workItemId: IDS.case1 });
        expect(events).not.toHaveBeenCalled();
        expect(errors).toHaveBeenCalledTimes(1);
        expect(errors.mock.calls[0][0]).toBeInstanceOf(OmniPayloadError);
        expect(errors.mock.calls[0][0]).toMatchObject({ source: 'omniChannelWorkAssigned', path: 'workId' });
        expect(warn).toHaveBeenCalledTimes(1);
        expect(await omni.getSnapshot()).toBe(before);
    });

    it('messages from another envelope version or of an unknown shape are reported, not thrown', async () => {
        addBridge();
        const omni = client();
        const errors = jest.fn();
        omni.onError(errors);
        jest.spyOn(console, 'warn').mockImplementation(() => undefined);
        const context = createMessageContext();
        expect(() => {
            publish(context, CHANNEL, { v: 2, kind: 'event', bridgeId: 'x', bridgeRank: 1 });
            publish(context, CHANNEL, { v: 1, kind: 'teleport' });
            publish(context, CHANNEL, 'hello');
            publish(context, CHANNEL, { v: 1, kind: 'event', bridgeId: 'x', bridgeRank: 1 });
        }).not.toThrow();
        expect(errors).toHaveBeenCalledTimes(4);
        expect(errors.mock.calls.map((call) => call[0].message)).toEqual([
            'message channel: v unsupported envelope version 2 (this kit speaks 1)',
            'message channel: kind unknown kind "teleport"',
            'message channel: message is not an object',
            'message channel: event event without event, revision or time'
        ]);
    });
});

describe('two bridges on one page (the utility item added twice)', () => {
    it('runs a command exactly once and delivers each event once', async () => {
        const first = createFakeToolkit();
        const second = createFakeToolkit();
        const a = addBridge(first);
        const b = addBridge(second);
        await flushPromises();
        const omni = client();
        const events = jest.fn();
        omni.onAny(events);
        await omni.acceptAgentWork({ workId: IDS.work1 });
        const accepts = [...first.calls, ...second.calls].filter((c) => c.method === 'acceptAgentWork');
        expect(accepts).toHaveLength(1);
        // Aura delivers the application event to both bridges.
        a.handleOmniEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        b.handleOmniEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        expect(events).toHaveBeenCalledTimes(1);
    });

    it('still runs each command once when message delivery is asynchronous', async () => {
        configureMessageService({ delivery: 'microtask' });
        const first = createFakeToolkit();
        const second = createFakeToolkit();
        addBridge(first);
        addBridge(second);
        const omni = client();
        await Promise.all([omni.logout(), omni.closeAgentWork({ workId: IDS.work1 }), omni.lowerAgentWorkFlag({ workId: IDS.work1 })]);
        const commands = [...first.calls, ...second.calls].filter((c) => !c.method.startsWith('get'));
        expect(commands.map((c) => c.method).sort()).toEqual(['closeAgentWork', 'logout', 'lowerAgentWorkFlag']);
    });

    it('hands over to the other bridge when the leading one is removed', async () => {
        const first = createFakeToolkit();
        const second = createFakeToolkit();
        const a = addBridge(first);
        const b = addBridge(second);
        await flushPromises();
        const omni = client();
        await omni.logout();
        const leaderToolkit = first.calls.some((c) => c.method === 'logout') ? first : second;
        const leader = leaderToolkit === first ? a : b;
        const follower = leader === a ? b : a;
        const followerToolkit = leaderToolkit === first ? second : first;
        document.body.removeChild(leader);
        await omni.acceptAgentWork({ workId: IDS.work1 });
        expect(followerToolkit.calls.some((c) => c.method === 'acceptAgentWork')).toBe(true);
        const events = jest.fn();
        omni.onAny(events);
        follower.handleOmniEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        expect(events).toHaveBeenCalledTimes(1);
    });
});

describe('lifecycle', () => {
    it('dispose rejects waiting calls, stops events and releases the channel subscription', async () => {
        const toolkit = createFakeToolkit();
        const bridge = addBridge(toolkit);
        await flushPromises();
        const omni = createOmniClient({ timeoutMs: 1000 });
        const subscribers = subscriberCount(CHANNEL);
        toolkit.hold('logout');
        const pending = omni.logout();
        await flushPromises();
        const events = jest.fn();
        omni.onAny(events);
        omni.dispose();
        expect(await rejection(pending)).toBeInstanceOf(OmniBridgeUnavailableError);
        bridge.handleOmniEvent('omniChannelWorkAssigned', raw.omniChannelWorkAssigned);
        expect(events).not.toHaveBeenCalled();
        expect(subscriberCount(CHANNEL)).toBe(subscribers - 1);
        await expect(omni.logout()).rejects.toBeInstanceOf(OmniBridgeUnavailableError);
    });

    it('dispose also rejects a call still looking for a bridge', async () => {
        const omni = createOmniClient({ timeoutMs: 60_000 });
        const pending = omni.acceptAgentWork({ workId: IDS.work1 });
        await flushPromises();
        omni.dispose();
        const error = await rejection(pending);
        expect(error).toBeInstanceOf(OmniBridgeUnavailableError);
        expect(error.message).toMatch(/disposed/);
    });

    it('a bridge removed from the page unsubscribes from the channel', async () => {
        const bridge = addBridge();
        expect(subscriberCount(CHANNEL)).toBe(1);
        document.body.removeChild(bridge);
        expect(subscriberCount(CHANNEL)).toBe(0);
    });
});
