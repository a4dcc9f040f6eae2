/**
 * Bad input and failures, through the whole service (fake org, REST server, and a Bayeux or
 * a fake Pub/Sub server), once per transport.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withRouter, AVAILABLE, CHANNEL, caughtUp, named, startRouter, startWorld, waitFor, sleep, TRANSPORTS } from './support/harness.js';
import { FakeApiError } from '../src/local/orgHttpServer.js';

const A = '005FK000000000A';
const B = '005FK000000000B';

for (const transport of TRANSPORTS) {
    test(
        named(transport, 'out-of-order and duplicated Serials are ignored, at debug level (handled: nothing for an operator)'),
        async () => {
            await withRouter(
                transport,
                (world) => {
                    world.org.login(A, AVAILABLE, 5);
                },
                async (world, router) => {
                    const psr = world.org.createPsr({ channelId: CHANNEL });
                    await waitFor(() => world.org.worksFor(psr).length === 1, 'routed');
                    await waitFor(() => router.app.service.stats.events >= 3, 'events handled');
                    const queriesBefore = world.http.stats.queries;
                    // Replays of old states: Serial 1 (the create) and 2 (after our insert), twice each.
                    for (const serial of [1, 2, 1, 2]) world.publishPsrEvent('updated', { Id: psr, Serial: serial, IsPushed: false });
                    await waitFor(() => router.logs.filter((l) => l.includes('stale PSR event ignored')).length === 4, 'stale events');
                    const warnings = router.logs.filter((l) => l.includes('stale PSR event ignored') && !l.includes('"level":"debug"'));
                    assert.deepEqual(warnings, [], 'logged at debug only');
                    assert.equal(world.http.stats.queries, queriesBefore, 'stale events cost no query');
                    assert.equal(world.org.worksFor(psr).length, 1, 'and no insert');
                }
            );
        }
    );

    test(named(transport, 'malformed events and bad ids are skipped, the position advances, later events are routed'), async () => {
        await withRouter(
            transport,
            (world) => {
                world.org.login(A, AVAILABLE, 5);
            },
            async (world, router) => {
                world.publishBadEvents();
                const psr = world.org.createPsr({ channelId: CHANNEL });
                await waitFor(() => world.org.worksFor(psr).length === 1, 'later PSR routed');
                await caughtUp(world, router); // the saved position is past the bad events
                assert.equal(router.app.service.stats.malformed, 2, 'two undecodable events reported');
                assert.ok(router.logs.some((l) => l.includes('invalid record id')));
                assert.ok(
                    router.logs.some((l) => l.includes('unknown AgentWork Status') || l.includes('do not describe a usable record')),
                    'the unknown AgentWork Status is reported'
                );
            }
        );
    });

    test(
        named(
            transport,
            'a refused insert (agent unavailable) tries the next agent; a 503 is retried on its own, inserting once, no restart'
        ),
        async () => {
            await withRouter(
                transport,
                (world) => {
                    world.org.login(A, AVAILABLE, 5);
                    world.org.login(B, AVAILABLE, 4);
                },
                async (world, router) => {
                    world.http.insertFailures.push(new FakeApiError(400, 'FIELD_INTEGRITY_EXCEPTION', 'The agent is not online'));
                    const p1 = world.org.createPsr({ channelId: CHANNEL });
                    await waitFor(() => world.org.worksFor(p1).length === 1, 'routed to the next agent');
                    assert.equal(world.org.worksFor(p1)[0].UserId, B, 'A was refused, B took it');
                    assert.ok(router.logs.some((l) => l.includes('FIELD_INTEGRITY_EXCEPTION')));

                    world.http.insertFailures.push(new FakeApiError(503, 'SERVER_UNAVAILABLE', 'down for maintenance'));
                    const p2 = world.org.createPsr({ channelId: CHANNEL });
                    await waitFor(() => world.org.worksFor(p2).length === 1, 'routed after the retry');
                    assert.equal(router.app.service.stats.restarts, 0, 'only the insert was retried, not the subscription');
                    assert.ok(router.app.api.stats.retries >= 1, 'the insert was retried');
                    await sleep(200);
                    assert.equal(world.org.worksFor(p2).length, 1, 'exactly one AgentWork');
                }
            );
        }
    );

    test(
        named(
            transport,
            'an insert refused for the only candidate waits; the agent is left out until the ledger re-sync, then it is routed'
        ),
        async () => {
            const world = await startWorld({ transport });
            world.org.login(A, AVAILABLE, 5);
            const router = await startRouter(world, { resyncLedgerMs: 1200 });
            try {
                world.http.insertFailures.push(new FakeApiError(400, 'FIELD_INTEGRITY_EXCEPTION', 'The agent is not online'));
                const psr = world.org.createPsr({ channelId: CHANNEL });
                await waitFor(() => router.app.router.isWaiting(psr), 'waiting after the refusal');
                const insertsAfterRefusal = world.http.stats.inserts;
                await sleep(700); // two timed retries of waiting PSRs (300 ms): A is not tried again
                assert.equal(world.http.stats.inserts, insertsAfterRefusal, 'the refused agent is not chosen by the timed retries');
                assert.equal(world.org.worksFor(psr).length, 0);
                await waitFor(() => world.org.worksFor(psr).length === 1, 'routed after the re-sync says A is online');
                assert.equal(world.org.worksFor(psr)[0].UserId, A);
            } finally {
                await router.stop();
                await world.close();
            }
        }
    );

    test(
        named(transport, 'expired auth: REST 401 and the refused subscription both refresh the token and carry on without losing events'),
        async () => {
            await withRouter(
                transport,
                (world) => {
                    world.org.login(A, AVAILABLE, 50);
                },
                async (world, router) => {
                    const p1 = world.org.createPsr({ channelId: CHANNEL });
                    await waitFor(() => world.org.worksFor(p1).length === 1, 'first');
                    const tokensBefore = world.http.stats.tokenRequests;
                    world.expireSessions();
                    // Events published while the subscription is being refused must still arrive (replay from the position).
                    const p2 = world.org.createPsr({ channelId: CHANNEL });
                    const p3 = world.org.createPsr({ channelId: CHANNEL });
                    await waitFor(
                        () => world.org.worksFor(p2).length === 1 && world.org.worksFor(p3).length === 1,
                        'routed after re-auth',
                        10_000
                    );
                    assert.ok(world.http.stats.tokenRequests > tokensBefore, 're-authenticated');
                    assert.ok(world.http.stats.unauthorized >= 1 || router.app.service.stats.authRefreshes >= 1);
                }
            );
        }
    );

    test(named(transport, 'an invalid replay position (data-centre recovery) resets all state and re-seeds from queries'), async () => {
        const world = await startWorld({ transport });
        world.org.login(A, AVAILABLE, 50);
        const router = await startRouter(world);
        try {
            const p1 = world.org.createPsr({ channelId: CHANNEL });
            await waitFor(() => world.org.worksFor(p1).length === 1, 'first');
            await caughtUp(world, router);
            await router.stop();
            // While the router is down: the org moves, old replay ids are gone, and work arrives.
            const p2 = world.org.createPsr({ channelId: CHANNEL });
            world.moveDataCentre();
            const restarted = await startRouter(world, { storePath: router.config.storePath });
            try {
                await waitFor(() => world.org.worksFor(p2).length === 1, 'waiting PSR routed by the re-seed');
                assert.equal(restarted.app.service.stats.resets, 1);
                assert.ok(restarted.logs.some((l) => l.includes('resetting all state')));
                const p3 = world.org.createPsr({ channelId: CHANNEL });
                await waitFor(() => world.org.worksFor(p3).length === 1, 'new events after the reset');
            } finally {
                await restarted.stop();
            }
        } finally {
            await world.close();
        }
    });

    test(named(transport, 'the daily event limit backs off (clear log) and recovers when the limit lifts'), async () => {
        const world = await startWorld({ transport });
        world.org.login(A, AVAILABLE, 50);
        world.refuseForEventLimit(true);
        const router = await startRouter(world, {}, { waitListening: false });
        try {
            await waitFor(
                () => router.logs.filter((l) => l.includes('daily event limit exceeded: backing off')).length >= 2,
                'backing off'
            );
            const psr = world.org.createPsr({ channelId: CHANNEL });
            world.refuseForEventLimit(false);
            await waitFor(() => router.logs.some((l) => l.includes('"listening"')), 'listening again', 10_000);
            await waitFor(() => world.org.worksFor(psr).length === 1, 'the PSR that arrived meanwhile is routed (seeded or replayed)');
            assert.ok(router.app.service.stats.restarts >= 2);
        } finally {
            await router.stop();
            await world.close();
        }
    });
}
