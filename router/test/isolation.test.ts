/**
 * Issue 12: the router keeps routing whatever one record or one call does. Once per
 * transport, through the whole service (fake org, REST server, Bayeux or fake Pub/Sub):
 *
 * - a PSR without ServiceChannelId, at start and mid-stream: set aside as unroutable with its
 *   reason (WARN once, counted, listed by `--unroutable`), the others routed, no restart;
 * - transient 5xx on an insert and on the PSR re-read: only that call is retried;
 * - an agent going offline between the decision and the insert (no presence event yet): not
 *   chosen again until presence says so;
 * - PSRs that cannot be routed as things stand: reported with the reason;
 * - normal traffic (routing, accepting: the PSR delete events) logs no WARN.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
    AVAILABLE,
    CHANNEL,
    CLIENT_SECRET,
    named,
    sleep,
    startRouter,
    startWorld,
    TRANSPORTS,
    waitFor,
    withRouter
} from './support/harness.js';
import { FakeApiError } from '../src/local/orgHttpServer.js';
import { readUnroutableReport, unroutableFileFor } from '../src/routing/unroutable.js';

const A = '005FK000000000A';
const B = '005FK000000000B';
const NO_STATUS_CHANNEL = '0N9FK0000000009';
const CLI = path.resolve(__dirname, '../src/cli.js');

const warnings = (logs: string[]) => logs.filter((l) => l.includes('"level":"warn"') || l.includes('"level":"error"'));

for (const transport of TRANSPORTS) {
    test(
        named(transport, 'a PSR without ServiceChannelId is set aside (at start and mid-stream); the others are routed, no restart'),
        async () => {
            const world = await startWorld({ transport });
            world.org.login(A, AVAILABLE, 20);
            const badAtStart = world.org.createPsr({ channelId: CHANNEL, raw: { ServiceChannelId: null } });
            const goodAtStart = world.org.createPsr({ channelId: CHANNEL });
            const router = await startRouter(world);
            try {
                await waitFor(() => world.org.worksFor(goodAtStart).length === 1, 'the good waiting PSR routed by the seed');
                const good1 = world.org.createPsr({ channelId: CHANNEL });
                const badMid = world.org.createPsr({ channelId: CHANNEL, raw: { ServiceChannelId: null } });
                const good2 = world.org.createPsr({ channelId: CHANNEL });
                await waitFor(() => world.org.worksFor(good1).length === 1 && world.org.worksFor(good2).length === 1, 'good PSRs routed');
                await waitFor(() => router.app.unroutable.size === 2, 'both bad PSRs set aside');
                assert.equal(router.app.service.stats.restarts, 0, 'the subscription was never restarted');
                assert.equal(world.org.worksFor(badAtStart).length + world.org.worksFor(badMid).length, 0);
                const list = router.app.unroutable.list();
                assert.deepEqual(list.map((e) => e.psrId).sort(), [badAtStart, badMid].sort());
                assert.ok(
                    list.every((e) => e.reason === 'unreadable-record' && e.detail.includes('ServiceChannelId')),
                    JSON.stringify(list)
                );
                assert.equal(router.app.unroutable.total['unreadable-record'], 2, 'counted');
                const warned = warnings(router.logs).filter((l) => l.includes('set aside as unroutable'));
                assert.equal(warned.length, 2, 'one WARN per bad PSR');
                // The timed retry of waiting PSRs and later events do not report them again.
                await sleep(700);
                assert.equal(warnings(router.logs).filter((l) => l.includes('set aside as unroutable')).length, 2, 'reported once');
                // The operator's view: the CLI lists them from the report next to the store.
                const configFile = path.join(path.dirname(router.config.storePath), 'router.json');
                writeFileSync(
                    configFile,
                    JSON.stringify({
                        auth: { flow: 'client_credentials', loginUrl: world.http.url, clientId: 'router-app' },
                        transport: world.transportConfig(),
                        storePath: router.config.storePath
                    })
                );
                const cli = spawnSync(process.execPath, [CLI, '--config', configFile, '--unroutable'], {
                    env: { ...process.env, SF_CLIENT_SECRET: CLIENT_SECRET },
                    encoding: 'utf8'
                });
                assert.equal(cli.status, 0, cli.stderr);
                const printed = JSON.parse(cli.stdout) as ReturnType<typeof readUnroutableReport>;
                assert.deepEqual(printed.current.map((e) => e.psrId).sort(), [badAtStart, badMid].sort());
                assert.equal(printed.total['unreadable-record'], 2);
                // Fixed by an admin: the next change routes it and it leaves the list.
                world.org.changePsr(badMid, { ServiceChannelId: CHANNEL });
                await waitFor(() => world.org.worksFor(badMid).length === 1, 'the fixed PSR routed');
                await waitFor(() => router.app.unroutable.size === 1, 'and no longer listed');
                assert.deepEqual(
                    readUnroutableReport(unroutableFileFor(router.config.storePath)).current.map((e) => e.psrId),
                    [badAtStart]
                );
            } finally {
                await router.stop();
                await world.close();
            }
        }
    );

    test(
        named(transport, 'transient 5xx: three 503s on inserts and four 500s on the PSR re-read are retried call by call, no restart'),
        async () => {
            await withRouter(
                transport,
                (world) => {
                    world.org.login(A, AVAILABLE, 20);
                },
                async (world, router) => {
                    for (let i = 0; i < 3; i++) world.http.insertFailures.push(new FakeApiError(503, 'SERVER_UNAVAILABLE', 'try later'));
                    const p1 = world.org.createPsr({ channelId: CHANNEL });
                    await waitFor(() => world.org.worksFor(p1).length === 1, 'routed after the insert retries');
                    for (let i = 0; i < 4; i++)
                        world.http.queryFailures.push({
                            error: new FakeApiError(500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred'),
                            match: /FROM PendingServiceRouting WHERE Id =/
                        });
                    const p2 = world.org.createPsr({ channelId: CHANNEL });
                    await waitFor(() => world.org.worksFor(p2).length === 1, 'routed after the query retries');
                    await sleep(200);
                    assert.equal(world.org.worksFor(p1).length, 1, 'one AgentWork for p1');
                    assert.equal(world.org.worksFor(p2).length, 1, 'one AgentWork for p2');
                    assert.equal(router.app.service.stats.restarts, 0, 'the subscription was never restarted');
                    assert.equal(router.app.api.stats.retries, 7, 'exactly the failed calls were retried');
                    assert.equal(world.http.queryFailures.length, 0);
                    assert.deepEqual(warnings(router.logs), [], 'transient failures retried: nothing for an operator');
                }
            );
        }
    );

    test(named(transport, 'an agent who went offline between decision and insert is not chosen again until presence says so'), async () => {
        await withRouter(
            transport,
            (world) => {
                world.org.login(A, AVAILABLE, 5);
                world.org.login(B, AVAILABLE, 4);
            },
            async (world, router) => {
                // A logs out, and the event saying so is late (not published).
                world.org.publishWorkAndPresence = false;
                world.org.logout(A);
                const p1 = world.org.createPsr({ channelId: CHANNEL });
                await waitFor(() => world.org.worksFor(p1).length === 1, 'p1 routed');
                assert.equal(world.org.worksFor(p1)[0].UserId, B, 'A was refused, B took it');
                const insertsAfterP1 = world.http.stats.inserts;
                const p2 = world.org.createPsr({ channelId: CHANNEL });
                const p3 = world.org.createPsr({ channelId: CHANNEL });
                await waitFor(() => world.org.worksFor(p2).length === 1 && world.org.worksFor(p3).length === 1, 'p2, p3 routed');
                assert.equal(world.http.stats.inserts - insertsAfterP1, 2, 'no insert for A again: one insert each');
                assert.equal(router.logs.filter((l) => l.includes('AgentWork insert refused')).length, 1, 'A was refused once');
                // A is back, and presence says so: A is chosen again (most free capacity).
                world.org.publishWorkAndPresence = true;
                world.org.login(A, AVAILABLE, 5);
                const p4 = world.org.createPsr({ channelId: CHANNEL });
                await waitFor(() => world.org.worksFor(p4).length === 1, 'p4 routed');
                assert.equal(world.org.worksFor(p4)[0].UserId, A);
            }
        );
    });

    test(
        named(transport, 'PSRs that cannot be routed as things stand are reported with the reason, and routed once they can'),
        async () => {
            await withRouter(
                transport,
                (world) => {
                    world.org.login(A, AVAILABLE, 5);
                    world.org.login(B, AVAILABLE, 4);
                },
                async (world, router) => {
                    const heavy = world.org.createPsr({ channelId: CHANNEL, capacityWeight: 10 });
                    const noStatus = world.org.createPsr({ channelId: NO_STATUS_CHANNEL });
                    const noModel = world.org.createPsr({ channelId: CHANNEL, raw: { RoutingModel: null } });
                    const fine = world.org.createPsr({ channelId: CHANNEL });
                    await waitFor(() => world.org.worksFor(fine).length === 1, 'the routable PSR routed');
                    await waitFor(() => router.app.unroutable.size === 3, 'three reported');
                    const reasons = Object.fromEntries(router.app.unroutable.list().map((e) => [e.psrId, e.reason]));
                    assert.deepEqual(reasons, {
                        [heavy]: 'heavier-than-every-agent',
                        [noStatus]: 'channel-in-no-status',
                        [noModel]: 'not-external-routing'
                    });
                    await sleep(700); // timed retries of waiting PSRs: reported once each
                    assert.equal(warnings(router.logs).filter((l) => l.includes('set aside as unroutable')).length, 3);
                    assert.equal(world.org.worksFor(noModel).length, 0, 'a PSR nobody routes gets no AgentWork');
                    // An agent with room for the heavy one logs in: it is routed and leaves the list.
                    world.org.login('005FK000000000C', AVAILABLE, 12);
                    await waitFor(() => world.org.worksFor(heavy).length === 1, 'heavy PSR routed');
                    await waitFor(() => router.app.unroutable.reasonOf(heavy) === undefined, 'no longer listed');
                    assert.equal(router.app.unroutable.total['heavier-than-every-agent'], 1);
                }
            );
        }
    );

    test(named(transport, 'normal traffic logs no warning: routed PSRs accepted (their delete events) and closed'), async () => {
        await withRouter(
            transport,
            (world) => {
                world.org.login(A, AVAILABLE, 20);
            },
            async (world, router) => {
                const psrs = Array.from({ length: 5 }, () => world.org.createPsr({ channelId: CHANNEL }));
                await waitFor(() => psrs.every((p) => world.org.worksFor(p).length === 1), 'routed');
                for (const p of psrs) world.org.accept(String(world.org.worksFor(p)[0].Id));
                for (const p of psrs) world.org.close(String(world.org.worksFor(p)[0].Id));
                await waitFor(() => router.logs.filter((l) => l.includes('PSR deleted')).length === 5, 'deletes handled');
                await sleep(100);
                assert.deepEqual(warnings(router.logs), []);
            }
        );
    });
}
