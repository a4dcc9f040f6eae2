import { OmniBridgeEngine } from '../bridgeEngine';
import { storageWorkTimes } from '../workTimes';
import { toId18, type Envelope, type EventEnvelope, type ResultEnvelope } from 'c/omniTypes';
import { IDS, createFakeToolkit, flushPromises, type FakeToolkit } from '@platform/testing/omniFakes';

const work1 = toId18(IDS.work1)!;
const case1 = toId18(IDS.case1)!;

interface Harness {
    engine: OmniBridgeEngine;
    sent: Envelope[];
    warnings: string[];
    toolkit: FakeToolkit;
    clock: { now: number };
}

function setup(options: { toolkit?: FakeToolkit; bridgeId?: string; start?: boolean; storage?: Storage } = {}): Harness {
    const sent: Envelope[] = [];
    const warnings: string[] = [];
    const clock = { now: 1_000_000 };
    const engine = new OmniBridgeEngine({
        publish: (message) => sent.push(message),
        now: () => clock.now,
        warn: (message) => warnings.push(message),
        bridgeId: options.bridgeId ?? 'bridge-a',
        workTimes: storageWorkTimes(options.storage)
    });
    const toolkit = options.toolkit ?? createFakeToolkit();
    if (options.start !== false) engine.start();
    return { engine, sent, warnings, toolkit, clock };
}

async function seeded(options: Parameters<typeof setup>[0] = {}): Promise<Harness> {
    const h = setup(options);
    h.engine.attachToolkit(h.toolkit.invoke as never);
    await flushPromises();
    return h;
}

const SEED_CALLS = ['getAgentWorkload', 'getAgentWorks', 'getServicePresenceStatusChannels', 'getServicePresenceStatusId'];
const kinds = (sent: Envelope[]) => sent.map((m) => m.kind);
const events = (sent: Envelope[]) => sent.filter((m): m is EventEnvelope => m.kind === 'event');

describe('seeding the snapshot from the toolkit', () => {
    it('reads status with its channels, works and workload when the toolkit is attached, then publishes the snapshot', async () => {
        const h = await seeded();
        expect(h.toolkit.calls.map((c) => c.method).sort()).toEqual(SEED_CALLS);
        const s = h.engine.snapshot;
        expect(s).toMatchObject({
            seeded: true,
            loginState: 'loggedIn',
            presence: {
                statusId: toId18(IDS.available),
                statusName: 'Available',
                channels: [{ channelId: toId18(IDS.caseChannel), developerName: 'sfdc_case' }]
            },
            workload: { configuredCapacity: 5, currentWorkload: 1, configuredInterruptibleCapacity: 2, currentInterruptibleWorkload: 0 }
        });
        expect(s.works).toEqual([
            { workId: work1, workItemId: case1, state: 'accepted', isEngaged: true, assignedAt: null, acceptedAt: null, flag: null }
        ]);
        expect(kinds(h.sent)).toEqual(['hello', 'snapshot']);
    });

    it('keeps the status without channels when only getServicePresenceStatusChannels fails', async () => {
        const toolkit = createFakeToolkit();
        toolkit.reject('getServicePresenceStatusChannels', new Error('Unexpected error'));
        const h = await seeded({ toolkit });
        expect(h.engine.snapshot).toMatchObject({
            seeded: true,
            loginState: 'loggedIn',
            presence: { statusName: 'Available', channels: null }
        });
        expect(h.warnings).toEqual([]);
    });

    it('treats a rejected getServicePresenceStatusId as logged out', async () => {
        const toolkit = createFakeToolkit({ getAgentWorks: { works: '[]' } });
        toolkit.reject('getServicePresenceStatusId', new Error('Agent is not logged in'));
        const h = await seeded({ toolkit });
        expect(h.engine.snapshot).toMatchObject({ seeded: true, loginState: 'loggedOut', presence: null, works: [] });
    });

    it('lets events that arrive during seeding win over the older seed answers', async () => {
        const toolkit = createFakeToolkit();
        const works = toolkit.hold('getAgentWorks');
        const h = setup({ toolkit });
        h.engine.attachToolkit(toolkit.invoke as never);
        // While getAgentWorks is in flight, the agent closes work1 and gets work2.
        h.engine.handleRawEvent('omniChannelWorkClosed', { workId: IDS.work1, workItemId: IDS.case1 });
        h.engine.handleRawEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        h.engine.handleRawEvent('omniChannelStatusChanged', {
            statusId: IDS.busy,
            statusName: 'Busy',
            statusApiName: 'Busy',
            channels: '[]'
        });
        works.release();
        await flushPromises();
        expect(h.engine.snapshot.works.map((w) => w.workId)).toEqual([toId18(IDS.work2)]);
        expect(h.engine.snapshot.presence?.statusName).toBe('Busy');
    });

    it('reports a malformed seed answer once and keeps the rest', async () => {
        const toolkit = createFakeToolkit({ getAgentWorks: { works: 'not json' } });
        const h = await seeded({ toolkit });
        expect(h.warnings).toHaveLength(1);
        expect(h.warnings[0]).toMatch(/getAgentWorks result: works is not valid JSON/);
        expect(h.engine.snapshot).toMatchObject({ seeded: true, loginState: 'loggedIn', works: [] });
        expect(kinds(h.sent)).toEqual(['hello', 'error', 'snapshot']);
    });
});

describe('keeping the agent snapshot from events', () => {
    it('tracks a work from assignment to close with its times', async () => {
        const h = await seeded({ toolkit: createFakeToolkit({ getAgentWorks: { works: '[]' } }) });
        h.engine.handleRawEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        const assignedAt = h.clock.now;
        h.clock.now += 7_000;
        h.engine.handleRawEvent('omniChannelWorkAccepted', { workId: IDS.work2, workItemId: IDS.case2 });
        expect(h.engine.snapshot.works).toEqual([
            {
                workId: toId18(IDS.work2),
                workItemId: toId18(IDS.case2),
                state: 'accepted',
                isEngaged: true,
                assignedAt,
                acceptedAt: assignedAt + 7_000,
                flag: null
            }
        ]);
        h.engine.handleRawEvent('omniChannelWorkClosed', { workId: IDS.work2, workItemId: IDS.case2 });
        expect(h.engine.snapshot.works).toEqual([]);
        expect(events(h.sent).map((e) => e.event.type)).toEqual(['workAssigned', 'workAccepted', 'workClosed']);
    });

    it('removes a declined work', async () => {
        const h = await seeded();
        h.engine.handleRawEvent('omniChannelWorkDeclined', { workId: IDS.work1, workItemId: IDS.case1 });
        expect(h.engine.snapshot.works).toEqual([]);
    });

    it('records a flag raised by a supervisor, with message and who, then lowered by the agent', async () => {
        const h = await seeded();
        h.engine.handleRawEvent('omniChannelWorkFlagUpdated', {
            workId: IDS.work1,
            isFlagged: true,
            message: 'Escalate',
            roleUpdatedBy: 'SUPERVISOR',
            updatedBy: IDS.supervisor
        });
        expect(h.engine.snapshot.works[0].flag).toEqual({
            isFlagged: true,
            message: 'Escalate',
            roleUpdatedBy: 'SUPERVISOR',
            updatedBy: toId18(IDS.supervisor),
            updatedAt: h.clock.now
        });
        h.engine.handleRawEvent('omniChannelWorkFlagUpdated', { workId: IDS.work1, isFlagged: false, roleUpdatedBy: 'AGENT' });
        expect(h.engine.snapshot.works[0].flag).toMatchObject({ isFlagged: false, roleUpdatedBy: 'AGENT' });
    });

    it('keeps workload including interruptible capacity', async () => {
        const h = await seeded();
        h.engine.handleRawEvent('omniChannelWorkloadChanged', {
            configuredCapacity: '5',
            previousWorkload: '1',
            newWorkload: '5',
            configuredInterruptibleCapacity: '2',
            previousInterruptibleWorkload: '0',
            newInterruptibleWorkload: '2'
        });
        expect(h.engine.snapshot.workload).toEqual({
            configuredCapacity: 5,
            currentWorkload: 5,
            configuredInterruptibleCapacity: 2,
            currentInterruptibleWorkload: 2
        });
    });

    it('keeps the status start time across repeated events of the same status and resets it on a new status', async () => {
        const h = await seeded();
        const status = {
            statusId: IDS.available,
            statusName: 'Available',
            statusApiName: 'Available',
            channels: '[{"channelId":"0N9RM0000000001","developerName":"sfdc_case"}]'
        };
        h.engine.handleRawEvent('omniChannelStatusChanged', status);
        const since = h.engine.snapshot.presence!.since;
        h.clock.now += 60_000;
        h.engine.handleRawEvent('omniChannelStatusChanged', status);
        expect(h.engine.snapshot.presence!.since).toBe(since);
        expect(h.engine.snapshot.presence!.channels).toHaveLength(1);
        h.engine.handleRawEvent('omniChannelStatusChanged', {
            ...status,
            statusId: IDS.busy,
            statusName: 'Busy',
            channels: '[]',
            reason: 'OmniPushTimeout'
        });
        expect(h.engine.snapshot.presence).toMatchObject({ statusName: 'Busy', channels: [], since: h.clock.now });
    });

    it('on logout drops work not yet accepted, keeps accepted work open, records the reason', async () => {
        const h = await seeded();
        h.engine.handleRawEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        h.engine.handleRawEvent('omniChannelLogout', { reason: 'MaintenanceLogout' });
        expect(h.engine.snapshot).toMatchObject({ loginState: 'loggedOut', presence: null, lastLogoutReason: 'MaintenanceLogout' });
        expect(h.engine.snapshot.works.map((w) => w.workId)).toEqual([work1]);
    });

    it('re-seeds after login success', async () => {
        const h = await seeded();
        h.toolkit.calls.length = 0;
        h.engine.handleRawEvent('omniChannelLoginSuccess', { statusId: IDS.available });
        await flushPromises();
        expect(h.toolkit.calls.map((c) => c.method)).toContain('getAgentWorks');
    });

    it('marks a connection error, and re-seeds when the connection works again', async () => {
        const h = await seeded();
        h.engine.handleRawEvent('omniChannelConnectionError', { error: 'Lost connection' });
        expect(h.engine.snapshot.connection).toEqual({ state: 'error', message: 'Lost connection', since: h.clock.now });
        h.toolkit.calls.length = 0;
        h.clock.now += 5_000;
        h.engine.handleRawEvent('omniChannelStatusChanged', {
            statusId: IDS.available,
            statusName: 'Available',
            statusApiName: 'Available',
            channels: '[]'
        });
        expect(h.engine.snapshot.connection).toEqual({ state: 'connected', message: null, since: h.clock.now });
        await flushPromises();
        expect(h.toolkit.calls.map((c) => c.method).sort()).toEqual(SEED_CALLS);
    });

    it('never mutates a snapshot it already handed out', async () => {
        const h = await seeded();
        const before = h.engine.snapshot;
        const copy = JSON.parse(JSON.stringify(before));
        h.engine.handleRawEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        h.engine.handleRawEvent('omniChannelWorkFlagUpdated', { workId: IDS.work1, isFlagged: true, roleUpdatedBy: 'AGENT' });
        expect(before).toEqual(copy);
        expect(h.engine.snapshot.revision).toBe(before.revision + 2);
    });
});

describe('bad event payloads', () => {
    it('are reported once (warning + error message) and leave the snapshot untouched', async () => {
        const h = await seeded();
        const before = h.engine.snapshot;
        h.sent.length = 0;
        h.engine.handleRawEvent('omniChannelWorkAssigned', { workId: 'garbage', workItemId: IDS.case1 });
        h.engine.handleRawEvent('omniChannelStatusChanged', { statusId: IDS.available, channels: '[{' });
        h.engine.handleRawEvent('omniChannelBogus', {});
        h.engine.handleRawEvent('omniChannelWorkloadChanged', 'configuredCapacity=5');
        expect(h.engine.snapshot).toBe(before);
        expect(h.warnings).toHaveLength(4);
        expect(kinds(h.sent)).toEqual(['error', 'error', 'error', 'error']);
        expect(h.sent[0]).toMatchObject({ error: { code: 'BAD_PAYLOAD', source: 'omniChannelWorkAssigned', path: 'workId' } });
    });
});

describe('running toolkit commands from the channel', () => {
    const command = (method: string, args?: unknown, targetBridgeId?: string) =>
        ({ v: 1, kind: 'command', correlationId: `cid-${method}`, method, args, targetBridgeId }) as const;
    const results = (sent: Envelope[]) => sent.filter((m): m is ResultEnvelope => m.kind === 'result');

    it('runs a command, passes the id back in the form the toolkit sent it, publishes the typed result', async () => {
        const h = await seeded();
        h.engine.handleRawEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        h.engine.handleMessage(command('acceptAgentWork', { workId: toId18(IDS.work2) }));
        await flushPromises();
        expect(h.toolkit.calls.at(-1)).toEqual({ method: 'acceptAgentWork', args: { workId: IDS.work2 } });
        expect(results(h.sent)).toEqual([
            expect.objectContaining({ correlationId: 'cid-acceptAgentWork', ok: true, value: true, bridgeId: 'bridge-a' })
        ]);
    });

    it('turns a toolkit rejection into a TOOLKIT_REJECTED result with its message', async () => {
        const h = await seeded();
        h.toolkit.reject('declineAgentWork', { message: 'Work was already accepted' });
        h.engine.handleMessage(command('declineAgentWork', { workId: IDS.work1 }));
        await flushPromises();
        expect(results(h.sent)[0]).toMatchObject({
            ok: false,
            error: { code: 'TOOLKIT_REJECTED', method: 'declineAgentWork', message: 'declineAgentWork failed: Work was already accepted' }
        });
    });

    it('refuses bad arguments without calling the toolkit', async () => {
        const h = await seeded();
        const before = h.toolkit.calls.length;
        h.engine.handleMessage(command('closeAgentWork', 'not-an-object'));
        await flushPromises();
        expect(h.toolkit.calls).toHaveLength(before);
        expect(results(h.sent)[0]).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
    });

    it('answers BRIDGE_UNAVAILABLE while no toolkit is attached', async () => {
        const h = setup();
        h.engine.handleMessage(command('logout'));
        await flushPromises();
        expect(results(h.sent)[0]).toMatchObject({ ok: false, error: { code: 'BRIDGE_UNAVAILABLE' } });
    });

    it('reports a malformed toolkit result as BAD_PAYLOAD', async () => {
        const h = await seeded();
        h.toolkit.answer('getAgentWorkload', { configuredCapacity: 'lots' });
        h.engine.handleMessage(command('getAgentWorkload'));
        await flushPromises();
        expect(results(h.sent)[0]).toMatchObject({ ok: false, error: { code: 'BAD_PAYLOAD', path: 'configuredCapacity' } });
    });

    it('updates the snapshot from setServicePresenceStatus before the status event arrives', async () => {
        const h = await seeded();
        h.engine.handleMessage(command('setServicePresenceStatus', { statusId: IDS.busy }));
        await flushPromises();
        expect(h.engine.snapshot.presence).toMatchObject({ statusId: toId18(IDS.busy), statusName: 'Busy', channels: [] });
        expect(kinds(h.sent).slice(-2)).toEqual(['result', 'snapshot']);
    });

    it('ignores a command addressed to another bridge', async () => {
        const h = await seeded();
        const before = h.toolkit.calls.length;
        h.engine.handleMessage(command('logout', undefined, 'bridge-z'));
        await flushPromises();
        expect(h.toolkit.calls).toHaveLength(before);
    });

    it('answers a snapshot request, re-reading the toolkit when asked to', async () => {
        const h = await seeded();
        h.toolkit.calls.length = 0;
        h.sent.length = 0;
        h.engine.handleMessage({ v: 1, kind: 'snapshotRequest', correlationId: 'r1' });
        h.engine.handleMessage({ v: 1, kind: 'snapshotRequest', correlationId: 'r2', reseed: true });
        await flushPromises(10);
        expect(h.sent.filter((m) => m.kind === 'snapshot').map((m) => (m as { correlationId: string | null }).correlationId)).toEqual([
            'r1',
            null,
            'r2'
        ]);
        expect(h.toolkit.calls.map((c) => c.method).sort()).toEqual(SEED_CALLS);
    });

    it('warns about (and ignores) messages from another envelope version', async () => {
        const h = await seeded();
        h.engine.handleMessage({ v: 2, kind: 'command', method: 'logout', correlationId: 'x' });
        await flushPromises();
        expect(h.warnings[0]).toMatch(/unsupported envelope version 2/);
        expect(h.toolkit.calls.map((c) => c.method)).not.toContain('logout');
    });
});

describe('work times survive a console reload', () => {
    it('stores assigned/accepted times in session storage and restores them when seeding', async () => {
        const storage = window.sessionStorage;
        storage.clear();
        const first = await seeded({ storage, toolkit: createFakeToolkit({ getAgentWorks: { works: '[]' } }) });
        first.engine.handleRawEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        const assignedAt = first.clock.now;
        first.clock.now += 3_000;
        first.engine.handleRawEvent('omniChannelWorkAccepted', { workId: IDS.work2, workItemId: IDS.case2 });

        // The console reloads: a new bridge finds the work through getAgentWorks.
        const reloaded = await seeded({
            storage,
            toolkit: createFakeToolkit({
                getAgentWorks: { works: JSON.stringify([{ workId: IDS.work2, workItemId: IDS.case2, isEngaged: true }]) }
            })
        });
        expect(reloaded.engine.snapshot.works[0]).toMatchObject({ assignedAt, acceptedAt: assignedAt + 3_000 });

        reloaded.engine.handleRawEvent('omniChannelWorkClosed', { workId: IDS.work2, workItemId: IDS.case2 });
        expect(storage.length).toBe(0);
    });

    it('reads times stored by an earlier version (JSON) and ignores unreadable entries', () => {
        const storage = window.sessionStorage;
        storage.clear();
        storage.setItem(`omniConsoleKit.workTimes.${work1}`, JSON.stringify({ assignedAt: 10, acceptedAt: null }));
        storage.setItem('omniConsoleKit.workTimes.0BzRM000000BROKEN', '{not json');
        storage.setItem('omniConsoleKit.workTimes.0BzRM000000HALF', ',xyz');
        const times = storageWorkTimes(storage);
        expect(times.load(work1)).toEqual({ assignedAt: 10, acceptedAt: null });
        expect(times.load('0BzRM000000BROKEN')).toBeNull();
        expect(times.load('0BzRM000000HALF')).toEqual({ assignedAt: null, acceptedAt: null });
        times.save(work1, { assignedAt: 10, acceptedAt: 20 });
        expect(storageWorkTimes(storage).load(work1)).toEqual({ assignedAt: 10, acceptedAt: 20 });
        storage.clear();
    });

    it('keeps working when storage throws (blocked or full)', async () => {
        const broken = {
            getItem: () => {
                throw new Error('blocked');
            },
            setItem: () => {
                throw new Error('quota');
            },
            removeItem: () => {
                throw new Error('blocked');
            }
        } as unknown as Storage;
        const h = await seeded({ storage: broken });
        h.engine.handleRawEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        expect(h.engine.snapshot.works).toHaveLength(2);
    });
});
