/**
 * Pipelined routing (issue 12, part 2):
 *
 * - the service handles up to `concurrency` events at once and saves a position only past
 *   events that finished together with every event before them (a slow first event holds the
 *   checkpoint; a failed one is never passed, and the restart replays from it);
 * - the router keeps one PSR's handlings in order while others run;
 * - against an org's latency, concurrent decisions reserve capacity before each insert (no
 *   agent over capacity, no refused insert), and re-reads and inserts are batched; on both
 *   transports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RouterService } from '../src/runner/service.js';
import type { ExternalRouter } from '../src/routing/router.js';
import { ExternalRouter as Router } from '../src/routing/router.js';
import type { CheckpointStore } from '../src/store/checkpointStore.js';
import { FileCheckpointStore } from '../src/store/checkpointStore.js';
import type { EventTransport, RoutingChange, StartPoint, TransportHandlers } from '../src/transport/contract.js';
import { silentLogger } from '../src/log.js';
import { AgentLedger } from '../src/ledger/ledger.js';
import { mostAvailable } from '../src/ledger/strategy.js';
import { UnroutableRegistry } from '../src/routing/unroutable.js';
import type { OmniApi } from '../src/salesforce/omniApi.js';
import type { PsrRecord } from '../src/salesforce/records.js';
import { AVAILABLE, CHANNEL, named, sleep, startRouter, startWorld, tempStore, TRANSPORTS, waitFor } from './support/harness.js';

/** A transport that hands over the given changes one at a time, as the real ones do. */
class ScriptedTransport implements EventTransport {
    readonly name = 'scripted';
    starts: StartPoint[] = [];
    private handlers: TransportHandlers | null = null;
    async start(from: StartPoint, handlers: TransportHandlers): Promise<void> {
        this.starts.push(from);
        this.handlers = handlers;
    }
    async deliver(changes: RoutingChange[]): Promise<void> {
        for (const change of changes) await this.handlers!.onChange(change);
    }
    async stop(): Promise<void> {
        this.handlers = null;
    }
}

const change = (n: number, psr = `0JRFK00000000${String(n).padStart(2, '0')}`): RoutingChange => ({
    entity: 'PendingServiceRouting',
    changeType: 'UPDATE',
    recordIds: [psr],
    fields: {},
    changedFields: [],
    position: `p${n}`
});

function memoryStore(): CheckpointStore & { saved: string[] } {
    let pos: string | undefined;
    const saved: string[] = [];
    return {
        saved,
        position: () => pos,
        savePosition: (p: string) => {
            pos = p;
            saved.push(p);
        },
        reset: () => (pos = undefined)
    } as unknown as CheckpointStore & { saved: string[] };
}

/** A router whose handling of each event waits for the test to release it. */
function gatedRouter() {
    const gates = new Map<string, { release: () => void; fail: (e: Error) => void }>();
    const started: string[] = [];
    const router = {
        waitingCount: 0,
        seed: async () => undefined,
        retryWaiting: async () => undefined,
        resyncLedger: async () => undefined,
        clear: () => undefined,
        handle: (c: RoutingChange) =>
            new Promise<void>((resolve, reject) => {
                started.push(c.position);
                gates.set(c.position, { release: resolve, fail: reject });
            })
    } as unknown as ExternalRouter;
    return { router, gates, started };
}

test('pipeline: up to `concurrency` events at once; the position only passes events finished with all before them', async () => {
    const transport = new ScriptedTransport();
    const store = memoryStore();
    const { router, gates, started } = gatedRouter();
    const service = new RouterService({
        transport,
        router,
        store,
        tokens: {
            current: async () => ({ accessToken: 'x', instanceUrl: 'x' }),
            refresh: async () => ({ accessToken: 'x', instanceUrl: 'x' })
        },
        logger: silentLogger,
        retryWaitingMs: 0,
        resyncLedgerMs: 0,
        concurrency: 3,
        backoff: { baseMs: 10, maxMs: 10 }
    });
    const running = service.run();
    await waitFor(() => transport.starts.length === 1, 'subscribed');
    const delivering = transport.deliver([1, 2, 3, 4, 5].map((n) => change(n)));
    await waitFor(() => started.length === 3, 'three in flight');
    await sleep(50);
    assert.deepEqual(started, ['p1', 'p2', 'p3'], 'the bound: the fourth waits for a free slot');
    gates.get('p2')!.release();
    gates.get('p3')!.release();
    await waitFor(() => started.length === 5, 'two more admitted');
    await sleep(20);
    assert.equal(store.position(), undefined, 'p2 and p3 finished but p1 did not: nothing saved');
    gates.get('p1')!.release();
    await waitFor(() => store.position() === 'p3', 'p1..p3 finished: position p3');
    gates.get('p5')!.release();
    await sleep(20);
    assert.equal(store.position(), 'p3', 'p5 finished, p4 not: still p3');
    // p4 fails: the stream restarts from p3 (p4 and p5 are replayed; the router's idempotency covers p5).
    gates.get('p4')!.fail(new Error('org down'));
    await delivering;
    await waitFor(() => transport.starts.length === 2, 'restarted');
    assert.deepEqual(transport.starts[1], { kind: 'after', position: 'p3' });
    assert.equal(service.stats.restarts, 1);
    assert.ok(!store.saved.includes('p4') && !store.saved.includes('p5'), `never past the failed event (${store.saved.join(',')})`);
    await service.stop();
    await running;
});

test('pipeline: one PSR’s handlings run in order, one at a time, while other PSRs go on', async () => {
    const X = '0JRFK0000000001';
    const Y = '0JRFK0000000002';
    const log: string[] = [];
    const psr = (id: string, serial: number): PsrRecord => ({
        id,
        workItemId: '570FK0000000001',
        serviceChannelId: CHANNEL,
        groupId: null,
        routingModel: 'ExternalRouting',
        capacityWeight: 1,
        capacityPercentage: null,
        isPushed: true, // nothing to insert: the test is about the order of the re-reads
        isReadyForRouting: true,
        isTransfer: false,
        preferredUserId: null,
        isPreferredUserRequired: false,
        routingPriority: 1,
        serial,
        createdDate: 0
    });
    let reads = 0;
    const api = {
        getPsr: async (id: string) => {
            const n = ++reads;
            log.push(`start ${id.slice(-1)}#${n}`);
            await sleep(n === 1 ? 80 : 5); // the first read of X is slow
            log.push(`end ${id.slice(-1)}#${n}`);
            return psr(id, n);
        }
    } as unknown as OmniApi;
    const file = tempStore();
    const store = new FileCheckpointStore({ file, logger: silentLogger });
    const router = new Router({
        api,
        ledger: new AgentLedger(),
        strategy: mostAvailable,
        store,
        logger: silentLogger,
        unroutable: new UnroutableRegistry(silentLogger),
        concurrency: 4
    });
    const ev = (id: string, serial: number): RoutingChange => ({
        entity: 'PendingServiceRouting',
        changeType: 'UPDATE',
        recordIds: [id],
        fields: { Serial: serial },
        changedFields: ['Serial'],
        position: `${id}-${serial}`
    });
    await Promise.all([router.handle(ev(X, 1)), router.handle(ev(X, 2)), router.handle(ev(Y, 1))]);
    store.close();
    assert.deepEqual(log, ['start 1#1', 'start 2#2', 'end 2#2', 'end 1#1', 'start 1#3', 'end 1#3'], log.join(' | '));
});

for (const transport of TRANSPORTS) {
    test(
        named(transport, 'pipelined at org latency: capacity reserved before each insert (none refused, none over), calls batched'),
        async () => {
            const world = await startWorld({ transport });
            const agents = ['005FK000000000A', '005FK000000000B', '005FK000000000C'];
            for (const a of agents) world.org.login(a, AVAILABLE, 2);
            const router = await startRouter(world, { concurrency: 16 });
            try {
                world.http.responseDelayMs = 60;
                const psrs = Array.from({ length: 20 }, () => world.org.createPsr({ channelId: CHANNEL }));
                await waitFor(
                    () => psrs.filter((p) => world.org.worksFor(p).length === 1).length === 6,
                    'six routed (3 agents x 2)',
                    15_000
                );
                await sleep(400);
                assert.equal(psrs.filter((p) => world.org.worksFor(p).length > 0).length, 6, 'no more than the capacity');
                for (const a of agents)
                    assert.equal(
                        [...world.org.works.values()].filter((w) => w.UserId === a && w.Status === 'Assigned').length,
                        2,
                        `${a} at capacity, not over`
                    );
                assert.equal(router.logs.filter((l) => l.includes('insert refused')).length, 0, 'no decision overfilled an agent');
                const { batching } = router.app;
                assert.ok(batching.stats.insertCalls < batching.stats.inserts, `inserts batched (${JSON.stringify(batching.stats)})`);
                assert.ok(batching.stats.psrQueries < batching.stats.psrsRead, `re-reads batched (${JSON.stringify(batching.stats)})`);
                assert.equal(world.http.stats.inserts, 6);
            } finally {
                await router.stop();
                await world.close();
            }
        }
    );
}
