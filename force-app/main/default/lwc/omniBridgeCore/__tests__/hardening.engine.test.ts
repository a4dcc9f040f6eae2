/**
 * Issue 11, defects 4, 5, 6, 7, 8 and 10 through the bridge engine's public entry points:
 * one work whatever the form of its id, per-work state released whenever a work leaves,
 * snapshots nobody can change, hostile values reported once and never thrown, and the
 * toolkit handed back the exact id form it sent.
 */
import { OmniBridgeEngine } from '../bridgeEngine';
import { storageWorkTimes, type WorkTimesStore } from '../workTimes';
import { toId18, type Envelope, type OmniAgentSnapshot, type SalesforceId } from 'c/omniTypes';
import { IDS, createFakeToolkit, flushPromises, type FakeToolkit } from '@platform/testing/omniFakes';

const W15 = IDS.work1;
const W18 = toId18(W15)!;
const W_LOWER = W18.toLowerCase();
const W2_18 = toId18(IDS.work2)!;
const CASE_LOWER = toId18(IDS.case1)!.toLowerCase();
const PREFIX = 'omniConsoleKit.workTimes.';

/** sessionStorage as the browser has it (key/length included), over a Map. */
class MapStorage {
    readonly map = new Map<string, string>();
    get length(): number {
        return this.map.size;
    }
    key(index: number): string | null {
        return [...this.map.keys()][index] ?? null;
    }
    getItem(key: string): string | null {
        return this.map.get(key) ?? null;
    }
    setItem(key: string, value: string): void {
        this.map.set(key, String(value));
    }
    removeItem(key: string): void {
        this.map.delete(key);
    }
    workKeys(): string[] {
        return [...this.map.keys()].filter((k) => k.startsWith(PREFIX)).map((k) => k.slice(PREFIX.length));
    }
}

interface Harness {
    engine: OmniBridgeEngine;
    sent: Envelope[];
    warnings: string[];
    toolkit: FakeToolkit;
    storage: MapStorage;
    times: WorkTimesStore;
    toolkitIds: Map<SalesforceId, string>;
}

// No heartbeats or time-outs in these tests: timers never fire (options of the engine's election).
const NO_TIMERS: Record<string, unknown> = { setTimer: () => 0, clearTimer: () => undefined };

async function seeded(answers: Record<string, unknown> = {}, storage = new MapStorage()): Promise<Harness> {
    const sent: Envelope[] = [];
    const warnings: string[] = [];
    const times = storageWorkTimes(storage);
    const engine = new OmniBridgeEngine({
        publish: (message) => sent.push(message),
        now: () => 1_000_000,
        warn: (message) => warnings.push(message),
        bridgeId: 'bridge-a',
        workTimes: times,
        ...NO_TIMERS
    });
    const toolkit = createFakeToolkit(answers);
    engine.start();
    engine.attachToolkit(toolkit.invoke as never);
    await flushPromises(10);
    const toolkitIds = (engine as unknown as { toolkitIds: Map<SalesforceId, string> }).toolkitIds;
    return { engine, sent, warnings, toolkit, storage, times, toolkitIds };
}

const noWorks = { getAgentWorks: { works: '[]' } };
const work = (workId: string, workItemId: string = IDS.case1) => ({ workId, workItemId });

function command(h: Harness, correlationId: string, method: string, args: unknown): void {
    h.engine.handleMessage({ v: 1, kind: 'command', correlationId, method, args });
}

describe('one work whatever the form of its id (defect 4)', () => {
    it('keeps one entry for W listed in 15 characters and again in 18 lower-case, and any form closes it', async () => {
        const listed = [
            { workId: W15, workItemId: IDS.case1, isEngaged: true },
            { workId: W_LOWER, workItemId: CASE_LOWER, isEngaged: true }
        ];
        const h = await seeded({ getAgentWorks: { works: JSON.stringify(listed) } });
        expect(h.engine.snapshot.works.map((w) => w.workId)).toEqual([W18]);
        h.engine.handleRawEvent('omniChannelWorkClosed', work(W_LOWER, CASE_LOWER));
        expect(h.engine.snapshot.works).toEqual([]);
        expect(h.warnings).toEqual([]);
    });

    it('applies flags, accept and decline to the same work whatever form each event uses', async () => {
        const h = await seeded(noWorks);
        h.engine.handleRawEvent('omniChannelWorkAssigned', work(W15));
        h.engine.handleRawEvent('omniChannelWorkAccepted', work(W18.toUpperCase(), CASE_LOWER));
        h.engine.handleRawEvent('omniChannelWorkFlagUpdated', { workId: W_LOWER, isFlagged: 'true', roleUpdatedBy: 'AGENT' });
        expect(h.engine.snapshot.works).toHaveLength(1);
        expect(h.engine.snapshot.works[0]).toMatchObject({ workId: W18, state: 'accepted', flag: { isFlagged: true } });
        h.engine.handleRawEvent('omniChannelWorkDeclined', work(W_LOWER));
        expect(h.engine.snapshot.works).toEqual([]);
    });
});

describe('the toolkit gets back the exact id form it sent (defect 10)', () => {
    it('returns an 18-character id in lower case as it came, not in canonical case', async () => {
        const h = await seeded(noWorks);
        h.engine.handleRawEvent('omniChannelWorkAssigned', work(W_LOWER, CASE_LOWER));
        command(h, 'c1', 'acceptAgentWork', { workId: W18 });
        await flushPromises();
        expect(h.toolkit.calls.filter((c) => c.method === 'acceptAgentWork').map((c) => c.args)).toEqual([{ workId: W_LOWER }]);
    });

    it('follows the form the toolkit used last, and a 15-character id from getAgentWorks', async () => {
        const h = await seeded();
        command(h, 'c1', 'closeAgentWork', { workId: W_LOWER });
        h.engine.handleRawEvent('omniChannelWorkFlagUpdated', { workId: W18, isFlagged: 'true', roleUpdatedBy: 'AGENT' });
        command(h, 'c2', 'closeAgentWork', { workId: W15 });
        await flushPromises();
        expect(h.toolkit.calls.filter((c) => c.method === 'closeAgentWork').map((c) => c.args)).toEqual([{ workId: W15 }, { workId: W18 }]);
    });
});

describe('per-work state is released whenever a work leaves (defect 5)', () => {
    function expectNothingHeldFor(h: Harness, ids: string[]): void {
        for (const id of ids) {
            expect(h.toolkitIds.has(id as SalesforceId)).toBe(false);
            expect(h.storage.workKeys()).not.toContain(id);
        }
    }

    it('on logout, for the assigned works Omni takes back', async () => {
        const h = await seeded(noWorks);
        h.engine.handleRawEvent('omniChannelWorkAssigned', work(IDS.work2, IDS.case2));
        expect(h.storage.workKeys()).toEqual([W2_18]);
        expect(h.toolkitIds.size).toBe(1);
        h.engine.handleRawEvent('omniChannelLogout', {});
        expect(h.engine.snapshot.works).toEqual([]);
        expectNothingHeldFor(h, [W2_18]);
        expect(h.times.size).toBe(0);
    });

    it('on a re-seed that no longer lists a work', async () => {
        const h = await seeded();
        h.engine.handleRawEvent('omniChannelWorkAccepted', work(W15));
        expect(h.storage.workKeys()).toEqual([W18]);
        h.toolkit.answer('getAgentWorks', { works: '[]' });
        await h.engine.seed();
        await flushPromises();
        expect(h.engine.snapshot.works).toEqual([]);
        expectNothingHeldFor(h, [W18]);
        expect(h.toolkitIds.size).toBe(0);
        expect(h.times.size).toBe(0);
    });

    it('for a flag on a work the bridge never saw (nothing is kept for it)', async () => {
        const h = await seeded(noWorks);
        h.engine.handleRawEvent('omniChannelWorkFlagUpdated', { workId: IDS.work2, isFlagged: 'true', roleUpdatedBy: 'SUPERVISOR' });
        expectNothingHeldFor(h, [W2_18]);
        expect(h.toolkitIds.size).toBe(0);
    });

    it('for times an earlier page stored for works that ended while it was closed', async () => {
        const storage = new MapStorage();
        storage.setItem(PREFIX + W2_18, '1,2');
        storage.setItem(PREFIX + W18, '5,6');
        storage.setItem('someoneElse', 'kept');
        const h = await seeded({}, storage);
        expect(h.engine.snapshot.works[0]).toMatchObject({ workId: W18, assignedAt: 5, acceptedAt: 6 });
        expect(storage.workKeys()).toEqual([W18]);
        expect(storage.getItem('someoneElse')).toBe('kept');
    });

    it('stays bounded over thousands of works coming and going by close, decline, logout and re-seed', async () => {
        const h = await seeded(noWorks);
        let peak = 0;
        for (let i = 0; i < 2000; i++) {
            const id = `0BzRM${String(i).padStart(10, '0')}`;
            h.engine.handleRawEvent('omniChannelWorkAssigned', work(id));
            if (i % 4 === 0) h.engine.handleRawEvent('omniChannelWorkDeclined', work(id));
            else if (i % 4 === 1) {
                h.engine.handleRawEvent('omniChannelWorkAccepted', work(id));
                h.engine.handleRawEvent('omniChannelWorkClosed', work(id));
            } else if (i % 4 === 2) h.engine.handleRawEvent('omniChannelLogout', {});
            // eslint-disable-next-line no-await-in-loop -- each re-seed must land before the next work arrives
            else await h.engine.seed();
            peak = Math.max(peak, h.toolkitIds.size, h.times.size ?? 0, h.storage.workKeys().length);
        }
        await flushPromises();
        expect(peak).toBeLessThanOrEqual(1);
        expect([h.toolkitIds.size, h.times.size, h.storage.workKeys().length]).toEqual([0, 0, 0]);
        expect(h.warnings).toEqual([]);
    });
});

describe('a subscriber cannot change the snapshot others hold (defect 6)', () => {
    it('refuses writes to the snapshot the bridge publishes by reference, and the bridge keeps its own', async () => {
        const h = await seeded();
        const published = h.sent.filter((m) => m.kind === 'snapshot').pop() as { snapshot: OmniAgentSnapshot };
        const shared = published.snapshot;
        expect(shared).toBe(h.engine.snapshot); // delivery by reference hands out this very object
        const attempts: Array<() => void> = [
            () => (shared.works as unknown as unknown[]).push({}),
            () => ((shared.works[0] as { state: string }).state = 'assigned'),
            () => ((shared.presence as { statusName: string }).statusName = 'Hacked'),
            () => ((shared as { loginState: string }).loginState = 'loggedOut'),
            () => ((shared.workload as { currentWorkload: number }).currentWorkload = 99)
        ];
        for (const attempt of attempts) expect(attempt).toThrow(TypeError);
        expect(h.engine.snapshot).toMatchObject({
            loginState: 'loggedIn',
            presence: { statusName: 'Available' },
            workload: { currentWorkload: 1 },
            works: [{ workId: W18, state: 'accepted' }]
        });
    });
});

describe('hostile values never escape the entry points (defect 7)', () => {
    it('reads params once: a getter that answers once and throws afterwards does not escape', async () => {
        const h = await seeded(noWorks);
        let reads = 0;
        const params = { workItemId: IDS.case2 };
        Object.defineProperty(params, 'workId', {
            get() {
                reads += 1;
                if (reads > 1) throw new Error('read twice');
                return IDS.work2;
            }
        });
        expect(() => h.engine.handleRawEvent('omniChannelWorkAssigned', params)).not.toThrow();
        expect(reads).toBe(1);
        expect(h.engine.snapshot.works.map((w) => w.workId)).toEqual([W2_18]);
        expect(h.warnings).toEqual([]);
    });

    it('reports once a thrown value whose toString and message throw, and a revoked proxy', async () => {
        const h = await seeded(noWorks);
        const evil = {
            toString(): string {
                throw new Error('no');
            }
        };
        const params = {};
        Object.defineProperty(params, 'workId', {
            get() {
                throw evil;
            }
        });
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        expect(() => h.engine.handleRawEvent('omniChannelWorkAssigned', params)).not.toThrow();
        expect(() => h.engine.handleRawEvent('omniChannelWorkClosed', proxy)).not.toThrow();
        expect(h.warnings).toHaveLength(2);
        expect(h.sent.filter((m) => m.kind === 'error')).toHaveLength(2);
    });

    it('reports a channel message with a BigInt or a cycle in v, kind or method instead of throwing', async () => {
        const h = await seeded(noWorks);
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        const messages = [
            { v: 10n, kind: 'event' },
            { v: 1, kind: cyclic },
            { v: 1, kind: 'command', correlationId: 'x', method: 5n },
            { v: 1, kind: 'command', correlationId: 'y', method: cyclic }
        ];
        for (const message of messages) expect(() => h.engine.handleMessage(message)).not.toThrow();
        expect(h.warnings).toHaveLength(messages.length);
    });
});

describe('holes and lenient values (defect 8)', () => {
    it('reports a getAgentWorks answer with a hole once, without an unhandled rejection, and re-seeds fine', async () => {
        // eslint-disable-next-line no-sparse-arrays
        const h = await seeded({ getAgentWorks: { works: [, { workId: W15, workItemId: IDS.case1, isEngaged: true }] } });
        expect(h.warnings).toHaveLength(1);
        expect(h.warnings[0]).toMatch(/getAgentWorks result: works\[0\] should be an object/);
        expect(h.engine.snapshot.works.every((w) => w && typeof w.workId === 'string')).toBe(true);
        h.toolkit.answer('getAgentWorks', { works: JSON.stringify([{ workId: W15, workItemId: IDS.case1, isEngaged: true }]) });
        await h.engine.seed();
        expect(h.engine.snapshot.works.map((w) => w.workId)).toEqual([W18]);
    });

    it('reports a status change whose channels have a hole and keeps the presence it had', async () => {
        const h = await seeded(noWorks);
        const before = h.engine.snapshot;
        // eslint-disable-next-line no-sparse-arrays
        const channels = [, { channelId: IDS.caseChannel, developerName: 'sfdc_case' }];
        h.engine.handleRawEvent('omniChannelStatusChanged', { statusId: IDS.busy, statusName: 'Busy', channels });
        expect(h.warnings).toHaveLength(1);
        expect(h.engine.snapshot).toBe(before);
    });

    it('reports a seed answer whose property reads throw instead of dropping it silently', async () => {
        // `then` answers (a promise resolving to it reads `then` first); every field throws.
        const refusing = new Proxy(
            {},
            {
                get(_target, key) {
                    if (key === 'then') return undefined;
                    throw new Error('read refused');
                }
            }
        );
        const h = await seeded({ getServicePresenceStatusId: refusing });
        expect(h.warnings).toHaveLength(1);
        expect(h.warnings[0]).toMatch(/getServicePresenceStatusId result: statusId could not be read: read refused/);
    });

    it.each([' ', '\n', '0x10', '0b11', '1e3'])('reports workload %j and keeps the workload it had', async (value) => {
        const h = await seeded(noWorks);
        const before = h.engine.snapshot.workload;
        h.engine.handleRawEvent('omniChannelWorkloadChanged', { configuredCapacity: '5', previousWorkload: '0', newWorkload: value });
        expect(h.warnings).toHaveLength(1);
        expect(h.engine.snapshot.workload).toBe(before);
    });
});
