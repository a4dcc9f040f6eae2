/**
 * AgentWork inserts are idempotent per PSR id and Serial, on both transports. Salesforce
 * pushes inserted work to the agent a little later, so a PSR re-read (or an event replayed
 * after a crash) may still say IsPushed=false while our AgentWork exists; these tests hold the
 * push back (pushDelayMs 'manual') and let the fake org accept a second insert, so a
 * duplicate would show.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileCheckpointStore } from '../src/store/checkpointStore.js';
import { silentLogger } from '../src/log.js';
import {
    AVAILABLE,
    CHANNEL,
    caughtUp,
    named,
    sleep,
    startRouter,
    startWorld,
    tempStore,
    TRANSPORTS,
    waitFor,
    type World
} from './support/harness.js';

const A = '005FK000000000A';
const B = '005FK000000000B';

async function heldPushWorld(transport: (typeof TRANSPORTS)[number]): Promise<World> {
    const world = await startWorld({ transport });
    world.org.pushDelayMs = 'manual';
    world.org.allowInsertWhenPushed = true;
    world.org.login(A, AVAILABLE, 5);
    world.org.login(B, AVAILABLE, 4);
    return world;
}

/** A journal as a previous run left it. */
function journal(write: (store: FileCheckpointStore) => void): string {
    const file = tempStore();
    const store = new FileCheckpointStore({ file, logger: silentLogger });
    write(store);
    store.close();
    return file;
}

/** The AgentWork a previous run inserted (as the router would: through the org's REST insert). */
function insertedBefore(world: World, psrId: string, userId: string): string {
    const psr = world.org.psrs.get(psrId)!;
    return world.org.insert('AgentWork', {
        ServiceChannelId: psr.ServiceChannelId,
        WorkItemId: psr.WorkItemId,
        UserId: userId,
        PendingServiceRoutingId: psrId
    });
}

for (const transport of TRANSPORTS) {
    test(
        named(transport, 'a crash between the insert and its done record: the restarted router finds the AgentWork and inserts nothing'),
        async () => {
            const world = await heldPushWorld(transport);
            let crashed = false;
            // Run 1 "dies" right after its insert (the hook throws, nothing after it is written) and
            // does not get to retry: its back-off is longer than the test.
            const first = await startRouter(
                world,
                { backoff: { baseMs: 60_000, maxMs: 60_000 } },
                {
                    afterInsert: () => {
                        crashed = true;
                        throw new Error('simulated crash after the insert');
                    }
                }
            );
            try {
                const psr = world.org.createPsr({ channelId: CHANNEL });
                await waitFor(() => crashed, 'the insert and the crash');
                await first.stop();
                assert.equal(world.org.worksFor(psr).length, 1);
                const left = new FileCheckpointStore({ file: first.config.storePath, logger: silentLogger });
                assert.deepEqual(left.pendingIntents(), [{ psrId: psr, serial: 1, userId: A }], 'the journal holds the open intent');
                left.close();
                const second = await startRouter(world, { storePath: first.config.storePath });
                try {
                    assert.equal(world.org.psrs.get(psr)!.IsPushed, false, 'Salesforce has not pushed it yet');
                    await caughtUp(world, second); // the create event replayed, or (no position saved yet) the PSR found by the seed
                    await sleep(50);
                    assert.equal(world.org.worksFor(psr).length, 1, 'no second AgentWork');
                    assert.deepEqual(world.org.doubleAssignments, []);
                    assert.ok(second.logs.some((l) => l.includes('insert found done after a restart: not inserting again')));
                    world.org.completePush(psr);
                    await caughtUp(world, second);
                    assert.equal(world.org.worksFor(psr).length, 1);
                    assert.deepEqual(second.app.store.pendingIntents(), []);
                } finally {
                    await second.stop();
                }
            } finally {
                await world.close();
            }
        }
    );

    test(named(transport, 'a done record for this PSR and Serial: a replayed event and the seed insert nothing'), async () => {
        const world = await heldPushWorld(transport);
        try {
            const psr = world.org.createPsr({ channelId: CHANNEL });
            const work = insertedBefore(world, psr, A);
            // The previous run wrote `done` and died before the event's position: it starts from the beginning.
            const storePath = journal((s) => {
                s.recordIntent({ psrId: psr, serial: 1, userId: A });
                s.recordDone(psr, 1, work);
            });
            const router = await startRouter(world, { storePath, firstStart: 'earliest' });
            try {
                await caughtUp(world, router);
                assert.equal(world.org.worksFor(psr).length, 1, 'no second AgentWork');
                assert.ok(router.logs.some((l) => l.includes('AgentWork already inserted for this PSR and Serial')));
                assert.equal(router.routed.length, 0);
            } finally {
                await router.stop();
            }
        } finally {
            await world.close();
        }
    });

    test(named(transport, 'the same PSR at a newer Serial (declined) is routed again, to someone else'), async () => {
        const world = await heldPushWorld(transport);
        try {
            const psr = world.org.createPsr({ channelId: CHANNEL });
            const work = insertedBefore(world, psr, A);
            world.org.completePush(psr);
            world.org.decline(work); // Serial 3, IsPushed=false
            const storePath = journal((s) => s.recordDone(psr, 1, work));
            const router = await startRouter(world, { storePath });
            try {
                await waitFor(() => world.org.worksFor(psr).length === 2, 'rerouted by the seed');
                assert.equal(world.org.worksFor(psr)[1].UserId, B, 'not back to A, who declined');
                assert.equal(router.routed[0].serial, 3);
                assert.deepEqual(world.org.doubleAssignments, []);
            } finally {
                await router.stop();
            }
        } finally {
            await world.close();
        }
    });

    test(
        named(
            transport,
            'our AgentWork still Assigned while the PSR changed for another reason (new Serial, not pushed): no second insert'
        ),
        async () => {
            const world = await heldPushWorld(transport);
            const router = await startRouter(world);
            try {
                const psr = world.org.createPsr({ channelId: CHANNEL });
                await waitFor(() => world.org.worksFor(psr).length === 1, 'routed');
                world.org.changePsr(psr, { RoutingPriority: 5 }); // Serial 2; the push is still pending
                await caughtUp(world, router);
                await sleep(50);
                assert.equal(world.org.worksFor(psr).length, 1, 'no second AgentWork');
                assert.deepEqual(world.org.doubleAssignments, []);
                assert.ok(router.logs.some((l) => l.includes('still Assigned or Opened: not inserting another')));
            } finally {
                await router.stop();
                await world.close();
            }
        }
    );
}
