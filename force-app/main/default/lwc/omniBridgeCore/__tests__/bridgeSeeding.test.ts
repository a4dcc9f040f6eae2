/**
 * Issue 11, defects 2, 3 and 9: a hung toolkit call, bounded client queues, seeding that
 * merges with events arriving meanwhile, and a client that asked before any bridge listened.
 */
import { MAX_WAITING_EVENTS, OmniBridgeUnavailableError, toId18, type OmniClient } from 'c/omniClient';
import { IDS, createFakeToolkit, flushPromises, type FakeToolkit } from '@platform/testing/omniFakes';
import { addTestBridge, addTestClient, createTestBus, type TestBridge, type TestBus } from './testBus';

const work1 = toId18(IDS.work1)!;
const work2 = toId18(IDS.work2)!;

let bus: TestBus;
const bridges: TestBridge[] = [];
const clients: OmniClient[] = [];

beforeEach(() => {
    jest.useFakeTimers({ now: 1_700_000_000_000 });
    bus = createTestBus();
});

afterEach(() => {
    clients.splice(0).forEach((c) => c.dispose());
    bridges.splice(0).forEach((b) => b.engine.stop());
    jest.useRealTimers();
});

function bridge(toolkit: FakeToolkit, toolkitTimeoutMs?: number): TestBridge {
    const b = addTestBridge(bus, toolkit.invoke as never, 'm-bridge', toolkitTimeoutMs);
    bridges.push(b);
    return b;
}

function client(timeoutMs = 10000): OmniClient {
    const c = addTestClient(bus, timeoutMs);
    clients.push(c);
    return c;
}

function outcome<T>(promise: Promise<T>): { value?: T; error?: Error; done: boolean } {
    const state: { value?: T; error?: Error; done: boolean } = { done: false };
    promise.then(
        (value) => Object.assign(state, { value, done: true }),
        (error: Error) => Object.assign(state, { error, done: true })
    );
    return state;
}

describe('defect 2: a toolkit call that never settles', () => {
    it('does not stop snapshot answers: a later client gets what the bridge has, unseeded, and a re-seed completes it', async () => {
        const toolkit = createFakeToolkit();
        const hung = toolkit.hold('getServicePresenceStatusChannels');
        const b = bridge(toolkit);
        await flushPromises();
        const late = outcome(client().getSnapshot());
        jest.advanceTimersByTime(5_000); // the bridge's own time-out for a toolkit call
        await flushPromises(10);
        expect(late.done).toBe(true);
        expect(late.error).toBeUndefined();
        // What answered is there; the channels are unknown and the snapshot says it is not seeded.
        expect(late.value).toMatchObject({ seeded: false, loginState: 'loggedIn', presence: { statusName: 'Available', channels: null } });
        expect(late.value!.works.map((w) => w.workId)).toEqual([work1]);
        hung.release();
        jest.advanceTimersByTime(5_000); // the re-seed
        await flushPromises(10);
        expect(b.engine.snapshot).toMatchObject({ seeded: true, presence: { channels: [{ developerName: 'sfdc_case' }] } });
    });

    it('a status call that times out leaves the login state unknown (not "logged out") until a re-seed answers', async () => {
        const toolkit = createFakeToolkit();
        const hung = toolkit.hold('getServicePresenceStatusId');
        const b = bridge(toolkit);
        await flushPromises(); // the other three answer at once
        jest.advanceTimersByTime(5_000);
        await flushPromises(10);
        expect(b.engine.snapshot).toMatchObject({ seeded: false, loginState: 'unknown', presence: null, workload: { currentWorkload: 1 } });
        hung.release();
        jest.advanceTimersByTime(5_000);
        await flushPromises(10);
        expect(b.engine.snapshot).toMatchObject({ seeded: true, loginState: 'loggedIn', presence: { statusName: 'Available' } });
    });

    it("a client's queue of events waiting for a snapshot is bounded: overflow drops it, reports once, and the snapshot brings the rest", async () => {
        const toolkit = createFakeToolkit({ getAgentWorks: { works: '[]' } });
        const works = toolkit.hold('getAgentWorks');
        const b = bridge(toolkit, 60_000);
        const omni = client();
        const errors: string[] = [];
        omni.onError((e) => errors.push(e.message));
        const heard = jest.fn();
        omni.onAny(heard);
        const first = outcome(omni.getSnapshot());
        const total = MAX_WAITING_EVENTS + 44;
        for (let i = 0; i < total; i++) {
            b.engine.handleRawEvent('omniChannelWorkloadChanged', {
                configuredCapacity: '5',
                previousWorkload: '0',
                newWorkload: String(i % 5)
            });
        }
        expect(heard).not.toHaveBeenCalled();
        expect(errors).toEqual([
            `message channel: event more than ${MAX_WAITING_EVENTS} events arrived while waiting for a snapshot; they were dropped and a fresh snapshot requested`
        ]);
        works.release();
        await flushPromises(10);
        expect(first.done).toBe(true);
        expect(heard).toHaveBeenCalledTimes(total - MAX_WAITING_EVENTS);
        expect(omni.snapshot).toEqual(b.engine.snapshot);
        expect(errors).toHaveLength(1);
    });
});

describe('defect 3: seeding merges with events that arrive while its calls are in flight', () => {
    it('a logout during getAgentWorks leaves the agent logged out without the work the answer listed as assigned', async () => {
        const toolkit = createFakeToolkit({
            getAgentWorks: { works: JSON.stringify([{ workId: IDS.work2, workItemId: IDS.case2, isEngaged: false }]) }
        });
        const works = toolkit.hold('getAgentWorks');
        const b = bridge(toolkit);
        b.engine.handleRawEvent('omniChannelLogout', { reason: 'MaintenanceLogout' });
        works.release();
        await flushPromises(10);
        expect(b.engine.snapshot).toMatchObject({ seeded: true, loginState: 'loggedOut', presence: null, works: [] });
    });

    it('a flag raised during the seed on an accepted work the bridge had not seen lands on that work', async () => {
        const toolkit = createFakeToolkit();
        const works = toolkit.hold('getAgentWorks');
        const b = bridge(toolkit);
        b.engine.handleRawEvent('omniChannelWorkFlagUpdated', {
            workId: IDS.work1,
            isFlagged: true,
            message: 'Escalate',
            roleUpdatedBy: 'SUPERVISOR',
            updatedBy: IDS.supervisor
        });
        works.release();
        await flushPromises(10);
        expect(b.engine.snapshot.works).toEqual([
            expect.objectContaining({
                workId: work1,
                state: 'accepted',
                flag: expect.objectContaining({ isFlagged: true, message: 'Escalate' })
            })
        ]);
    });

    it('a work accepted and closed during the seed is not brought back by the older answer', async () => {
        const toolkit = createFakeToolkit({
            getAgentWorks: { works: JSON.stringify([{ workId: IDS.work2, workItemId: IDS.case2, isEngaged: false }]) }
        });
        const works = toolkit.hold('getAgentWorks');
        const b = bridge(toolkit);
        b.engine.handleRawEvent('omniChannelWorkAccepted', { workId: IDS.work2, workItemId: IDS.case2 });
        b.engine.handleRawEvent('omniChannelWorkClosed', { workId: IDS.work2, workItemId: IDS.case2 });
        works.release();
        await flushPromises(10);
        expect(b.engine.snapshot.works.map((w) => w.workId)).not.toContain(work2);
    });
});

describe('defect 9: a client that asks before any bridge listens', () => {
    it('gets its snapshot as soon as a bridge starts, not a "bridge missing" time-out', async () => {
        const omni = client(10_000);
        const early = outcome(omni.getSnapshot());
        const command = outcome(omni.logout());
        jest.advanceTimersByTime(3_000); // the panel loaded a while before the utility bar's bridge
        await flushPromises();
        expect(early.done).toBe(false);
        const toolkit = createFakeToolkit();
        bridge(toolkit);
        await flushPromises(10);
        expect(early.done).toBe(true);
        expect(early.error).toBeUndefined();
        expect(early.value).toMatchObject({ seeded: true, works: [{ workId: work1 }] });
        expect(command).toMatchObject({ done: true, value: true });
    });

    it('still says "bridge missing" when no bridge comes within the time-out', async () => {
        const omni = client(2_000);
        const early = outcome(omni.getSnapshot());
        jest.advanceTimersByTime(2_000);
        await flushPromises();
        expect(early.error).toBeInstanceOf(OmniBridgeUnavailableError);
    });
});
