/**
 * Issue 11, defect 1: leadership, liveness and who may speak on the channel. Engines and
 * clients share one in-test channel (testBus) and jest's fake clock; a "forger" publishes
 * whatever it likes on the channel, once, as a foreign component could.
 */
import { HEARTBEAT_MS, LEASE_MS, OmniBridgeUnavailableError, PROBE_GRACE_MS, toId18, type Envelope, type OmniClient } from 'c/omniClient';
import { IDS, createFakeToolkit, flushPromises, type FakeToolkit } from '@platform/testing/omniFakes';
import { addTestBridge, addTestClient, createTestBus, type TestBridge, type TestBus } from './testBus';
import { OmniBridgeEngine } from '../bridgeEngine';

const work1 = toId18(IDS.work1)!;

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

function bridge(id: string, toolkit: FakeToolkit = createFakeToolkit()): TestBridge & { toolkit: FakeToolkit } {
    const b = addTestBridge(bus, toolkit.invoke as never, id);
    bridges.push(b);
    return { ...b, toolkit };
}

function client(timeoutMs = 10000): OmniClient {
    const c = addTestClient(bus, timeoutMs);
    clients.push(c);
    return c;
}

async function settled<T>(promise: Promise<T>): Promise<{ value?: T; error?: Error; done: boolean }> {
    const state: { value?: T; error?: Error; done: boolean } = { done: false };
    promise.then(
        (value) => Object.assign(state, { value, done: true }),
        (error: Error) => Object.assign(state, { error, done: true })
    );
    await flushPromises(10);
    return state;
}

/** Advances the fake clock in small steps, letting promise callbacks run between them. */
async function advance(ms: number, step = 50): Promise<void> {
    for (let t = 0; t < ms; t += step) {
        jest.advanceTimersByTime(Math.min(step, ms - t));
        // eslint-disable-next-line no-await-in-loop -- each step's promise callbacks must run before the clock moves on
        await flushPromises(10);
    }
}

const ranOf = (toolkit: FakeToolkit, method: string) => toolkit.calls.filter((c) => c.method === method).length;

describe('a newcomer must answer a probe before its claims count', () => {
    it.each([
        ['rank 0', 0, 'zzz'],
        ['rank NaN (and a lower id)', Number.NaN, '0-nan'],
        ['the same rank and a lower id', null, '0-forged'],
        ['a lower (plausible) rank', -1, 'zzz']
    ])('a one-shot hello with %s does not take the lead from the real bridge', async (_name, rank, forgedId) => {
        const real = bridge('m-real');
        await flushPromises();
        const omni = client();
        await expect(omni.getSnapshot()).resolves.toMatchObject({ seeded: true });
        const bridgeRank = rank === null ? real.engine.bridgeRank : rank === -1 ? real.engine.bridgeRank - 60_000 : rank;
        bus.publish({ v: 1, kind: 'hello', bridgeId: forgedId, bridgeRank });
        bus.publish({ v: 1, kind: 'heartbeat', bridgeId: forgedId, bridgeRank, leading: true, revision: 0, byeHash: 'x' });
        await advance(LEASE_MS + PROBE_GRACE_MS + HEARTBEAT_MS);
        expect(real.engine.isLeader).toBe(true);
        const events = jest.fn();
        omni.onAny(events);
        real.engine.handleRawEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        expect(events).toHaveBeenCalledTimes(1);
        await expect(omni.closeAgentWork({ workId: IDS.work1 })).resolves.toBe(true);
        expect(ranOf(real.toolkit, 'closeAgentWork')).toBe(1);
    });

    it('a second real bridge is verified within one round trip and the earlier one keeps leading', async () => {
        const first = bridge('m-first');
        jest.advanceTimersByTime(5);
        const second = bridge('m-second');
        await flushPromises();
        expect(first.engine.isLeader).toBe(true);
        expect(second.engine.isLeader).toBe(false);
        const omni = client();
        await omni.logout();
        expect(ranOf(first.toolkit, 'logout')).toBe(1);
        expect(ranOf(second.toolkit, 'logout')).toBe(0);
    });
});

describe('state-bearing messages count only from the leader, and only with the body schema', () => {
    async function setup() {
        const real = bridge('m-real');
        await flushPromises();
        const omni = client();
        await omni.getSnapshot();
        const errors: string[] = [];
        omni.onError((e) => errors.push(e.message));
        const snapshots = jest.fn();
        omni.onSnapshot(snapshots);
        return { real, omni, errors, snapshots };
    }
    const stamp = (b: TestBridge) => ({ v: 1, bridgeId: b.engine.bridgeId, bridgeRank: b.engine.bridgeRank });

    it('a malformed snapshot or event body in the leader’s name is reported and never reaches a subscriber', async () => {
        const { real, omni, errors, snapshots } = await setup();
        const before = omni.snapshot;
        bus.publish({ ...stamp(real), kind: 'snapshot', correlationId: null, snapshot: { revision: 0, works: 'x' } });
        bus.publish({ ...stamp(real), kind: 'event', revision: before!.revision + 1, at: 1, event: { type: 'workClosed' } });
        bus.publish({ ...stamp(real), kind: 'event', revision: before!.revision + 1, at: 1, event: { type: 'teleported', workId: 'x' } });
        expect(snapshots).not.toHaveBeenCalled();
        expect(omni.snapshot).toBe(before);
        expect(errors).toEqual([
            'message channel: snapshot seeded is not a boolean',
            'message channel: event workClosed without workId or workItemId',
            'message channel: event unknown event type "teleported"'
        ]);
    });

    it('a well-formed snapshot in the leader’s name with a huge revision does not make the client drop later events', async () => {
        const { real, omni } = await setup();
        bus.publish({ ...stamp(real), kind: 'snapshot', correlationId: null, snapshot: { ...omni.snapshot!, revision: 1e9, works: [] } });
        const heard: string[] = [];
        omni.onAny((event) => heard.push(event.type));
        real.engine.handleRawEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        real.engine.handleRawEvent('omniChannelWorkAccepted', { workId: IDS.work2, workItemId: IDS.case2 });
        await flushPromises();
        expect(heard).toEqual(['workAssigned', 'workAccepted']);
        expect(omni.snapshot).toEqual(real.engine.snapshot);
    });

    it('a well-formed snapshot in the leader’s name with the current revision but other content changes nothing', async () => {
        const { real, omni, snapshots } = await setup();
        const before = omni.snapshot!;
        bus.publish({ ...stamp(real), kind: 'snapshot', correlationId: null, snapshot: { ...before, works: [] } });
        expect(omni.snapshot).toBe(before);
        expect(snapshots).not.toHaveBeenCalled();
        real.engine.handleRawEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        expect(omni.snapshot).toEqual(real.engine.snapshot);
    });

    it('the heartbeat’s revision exposes a forged snapshot even when no event follows', async () => {
        const { real, omni } = await setup();
        bus.publish({ ...stamp(real), kind: 'snapshot', correlationId: null, snapshot: { ...omni.snapshot!, revision: 1e9, works: [] } });
        expect(omni.snapshot!.works).toEqual([]);
        await advance(HEARTBEAT_MS + 100);
        expect(omni.snapshot).toEqual(real.engine.snapshot);
        expect(omni.snapshot!.works.map((w) => w.workId)).toEqual([work1]);
    });

    it('a foreign result carrying a pending correlation id does not settle the command; the real one does', async () => {
        const { real, omni, errors } = await setup();
        const held = real.toolkit.hold('acceptAgentWork');
        const pending = omni.acceptAgentWork({ workId: IDS.work1 });
        await flushPromises();
        const command = bus.log.filter((m) => m.kind === 'command').at(-1) as Envelope & { correlationId: string };
        bus.publish({
            v: 1,
            kind: 'result',
            bridgeId: 'forger',
            bridgeRank: 1,
            correlationId: command.correlationId,
            ok: true,
            value: 'garbage'
        });
        bus.publish({ ...stamp(real), kind: 'result', correlationId: command.correlationId, ok: true, value: { garbage: true } });
        const state = await settled(pending);
        expect(state.done).toBe(false);
        held.release();
        await flushPromises(10);
        await expect(pending).resolves.toBe(true);
        expect(errors).toEqual(['message channel: value result ignored: acceptAgentWork resolves true, got a object']);
    });

    it('a spoofed bye does not fail pending commands nor move the lead', async () => {
        const { real, omni, errors } = await setup();
        const held = real.toolkit.hold('closeAgentWork');
        const pending = omni.closeAgentWork({ workId: IDS.work1 });
        await flushPromises();
        bus.publish({ ...stamp(real), kind: 'bye' });
        bus.publish({ ...stamp(real), kind: 'bye', byeToken: 'guessed' });
        expect((await settled(pending)).done).toBe(false);
        held.release();
        await expect(pending).resolves.toBe(true);
        expect(errors).toHaveLength(2);
        await expect(omni.logout()).resolves.toBe(true);
    });

    it('a spoofed bye for the leader does not make the other bridge take over; the real bye does', async () => {
        const first = bridge('m-first');
        jest.advanceTimersByTime(5);
        const second = bridge('m-second');
        await flushPromises();
        bus.publish({ v: 1, kind: 'bye', bridgeId: first.engine.bridgeId, bridgeRank: first.engine.bridgeRank, byeToken: 'guessed' });
        expect(second.engine.isLeader).toBe(false);
        first.engine.stop();
        expect(second.engine.isLeader).toBe(true);
        expect(bus.log.filter((m) => m.kind === 'heartbeat' && m.bridgeId === 'm-second' && m.leading).at(-1)).toMatchObject({
            replaces: 'm-first'
        });
    });

    it('a replayed command message runs once', async () => {
        const { real, omni } = await setup();
        await omni.lowerAgentWorkFlag({ workId: IDS.work1 });
        const command = bus.log.filter((m) => m.kind === 'command').at(-1)!;
        bus.publish(command);
        await flushPromises();
        expect(ranOf(real.toolkit, 'lowerAgentWorkFlag')).toBe(1);
    });
});

describe('a leader that vanishes without bye', () => {
    it('is replaced within LEASE_MS + PROBE_GRACE_MS; commands succeed again, none runs twice', async () => {
        const first = bridge('m-first');
        jest.advanceTimersByTime(5);
        const second = bridge('m-second');
        await flushPromises();
        const omni = client();
        await advance(2_500); // a few heartbeats in
        await omni.getSnapshot();
        expect(first.engine.isLeader).toBe(true);
        // Something in flight at the moment it vanishes: it may or may not have run, so it is not re-sent.
        first.toolkit.hold('closeAgentWork');
        const inFlight = settled(omni.closeAgentWork({ workId: IDS.work1 }));
        await flushPromises();
        const vanishedAt = Date.now();
        first.vanish();
        let recoveredAt: number | null = null;
        const failures: unknown[] = [];
        while (recoveredAt === null && Date.now() - vanishedAt < 10_000) {
            // One attempt at a time, as a rep clicking again: each must settle before the next.
            // eslint-disable-next-line no-await-in-loop
            const attempt = await settled(omni.acceptAgentWork({ workId: IDS.work1 }));
            // eslint-disable-next-line no-await-in-loop
            while (!attempt.done && Date.now() - vanishedAt < 10_000) await advance(50);
            if (attempt.value === true) recoveredAt = Date.now();
            else failures.push(attempt.error);
        }
        const attempts = failures.length + 1;
        expect(failures.every((e) => e instanceof OmniBridgeUnavailableError)).toBe(true);
        expect(recoveredAt).not.toBeNull();
        const failoverMs = recoveredAt! - vanishedAt;
        expect(failoverMs).toBeLessThanOrEqual(LEASE_MS + PROBE_GRACE_MS + 200);
        expect(second.engine.isLeader).toBe(true);
        // The command in flight ended as "may or may not have run", well before its 10 s time-out.
        const inFlightState = await inFlight;
        expect(inFlightState.error).toBeInstanceOf(OmniBridgeUnavailableError);
        expect(ranOf(first.toolkit, 'closeAgentWork') + ranOf(second.toolkit, 'closeAgentWork')).toBe(1);
        // The attempts sent to the vanished bridge ran nowhere; the one that succeeded ran once.
        expect(attempts).toBeGreaterThan(1);
        expect(ranOf(first.toolkit, 'acceptAgentWork')).toBe(0);
        expect(ranOf(second.toolkit, 'acceptAgentWork')).toBe(1);
        // Events flow from the new leader.
        const events = jest.fn();
        omni.onAny(events);
        second.engine.handleRawEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        expect(events).toHaveBeenCalledTimes(1);
        expect(omni.snapshot).toEqual(second.engine.snapshot);
    });

    it('a bridge that was only slow (its heartbeat timer throttled) answers the probe and keeps the lead', async () => {
        const first = bridge('m-first');
        jest.advanceTimersByTime(5);
        const second = bridge('m-second');
        await flushPromises();
        // Simulate a throttled tab: the first bridge's timers stop firing, but it still hears the channel.
        const stopTimers = jest
            .spyOn(first.engine as unknown as { scheduleHeartbeat(): void }, 'scheduleHeartbeat')
            .mockImplementation(() => undefined);
        await advance(LEASE_MS + HEARTBEAT_MS * 2);
        expect(first.engine.isLeader).toBe(true);
        expect(second.engine.isLeader).toBe(false);
        stopTimers.mockRestore();
    });
});

describe('timers and convergence', () => {
    it('the engine schedules only through the timers it is given, and clears them when stopped', () => {
        const scheduled: Array<{ ms: number; run: () => void; cleared: boolean }> = [];
        const sent: Envelope[] = [];
        const engine = new OmniBridgeEngine({
            publish: (m) => sent.push(m),
            now: () => 1_700_000_000_000,
            bridgeId: 'm-timers',
            setTimer: (run, ms) => {
                const timer = { ms, run, cleared: false };
                scheduled.push(timer);
                return timer;
            },
            clearTimer: (handle) => {
                (handle as { cleared: boolean }).cleared = true;
            }
        });
        engine.start();
        expect(scheduled.map((t) => t.ms)).toEqual([HEARTBEAT_MS]);
        scheduled[0].run();
        expect(sent.map((m) => m.kind)).toEqual(['hello', 'heartbeat']);
        expect(scheduled.map((t) => t.ms)).toEqual([HEARTBEAT_MS, HEARTBEAT_MS]);
        engine.stop();
        expect(scheduled[1].cleared).toBe(true);
        expect(sent.map((m) => m.kind)).toEqual(['hello', 'heartbeat', 'bye']);
    });

    it('after a bridge was cut off long enough to be replaced, it comes back, is verified again, and the earliest leads again', async () => {
        const first = bridge('m-first');
        jest.advanceTimersByTime(5);
        const second = bridge('m-second');
        await flushPromises();
        const omni = client();
        await omni.getSnapshot();
        // The first bridge stops hearing and speaking (a frozen frame), long enough to be replaced.
        const deaf = jest.spyOn(first.engine, 'handleMessage').mockImplementation(() => undefined);
        const mute = jest
            .spyOn(first.engine as unknown as { scheduleHeartbeat(): void }, 'scheduleHeartbeat')
            .mockImplementation(() => undefined);
        await advance(LEASE_MS + PROBE_GRACE_MS + HEARTBEAT_MS);
        expect(second.engine.isLeader).toBe(true);
        await expect(omni.logout()).resolves.toBe(true);
        expect(ranOf(second.toolkit, 'logout')).toBe(1);
        // It thaws: its next heartbeat gets it probed and verified again, by the bridge and the client.
        deaf.mockRestore();
        mute.mockRestore();
        (first.engine as unknown as { scheduleHeartbeat(): void }).scheduleHeartbeat();
        await advance(HEARTBEAT_MS + 100);
        expect(first.engine.isLeader).toBe(true);
        expect(second.engine.isLeader).toBe(false);
        await expect(omni.lowerAgentWorkFlag({ workId: IDS.work1 })).resolves.toBe(true);
        expect(ranOf(first.toolkit, 'lowerAgentWorkFlag')).toBe(1);
        expect(ranOf(second.toolkit, 'lowerAgentWorkFlag')).toBe(0);
        const heard = jest.fn();
        omni.onAny(heard);
        first.engine.handleRawEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        second.engine.handleRawEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        expect(heard).toHaveBeenCalledTimes(1);
        expect(omni.snapshot).toEqual(first.engine.snapshot);
    });
});
