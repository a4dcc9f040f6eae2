/**
 * The External Routing guide's expected-behaviour scenarios, end to end, once per transport:
 * fake org + REST server, and either a real Bayeux server (PushTopic events, Streaming
 * transport) or a fake Pub/Sub API gRPC server (Change Data Capture events, Pub/Sub transport).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
    withRouter,
    AVAILABLE,
    BREAK,
    CHANNEL,
    caughtUp,
    named,
    startRouter,
    startWorld,
    waitFor,
    sleep,
    TRANSPORTS
} from './support/harness.js';

const A = '005FK000000000A';
const B = '005FK000000000B';
const C = '005FK000000000C';

for (const transport of TRANSPORTS) {
    test(named(transport, 'agent accepts: a new PSR is routed, accept deletes the PSR, nothing more is inserted'), async () => {
        await withRouter(
            transport,
            (world) => {
                world.org.login(A, AVAILABLE, 5);
            },
            async (world, router) => {
                const psr = world.org.createPsr({ channelId: CHANNEL });
                await waitFor(() => world.org.worksFor(psr).length === 1, 'AgentWork insert');
                const [work] = world.org.worksFor(psr);
                assert.equal(work.UserId, A);
                assert.equal(work.Status, 'Assigned');
                world.org.accept(work.Id as string);
                await waitFor(() => router.logs.some((l) => l.includes('PSR deleted')), 'delete handled');
                assert.equal(world.org.psrs.has(psr), false);
                assert.equal(world.org.worksFor(psr).length, 1);
                assert.equal(router.routed.length, 1);
            }
        );
    });

    test(named(transport, 'agent declines: rerouted to someone else, never back to the agent who declined'), async () => {
        await withRouter(
            transport,
            (world) => {
                world.org.login(A, AVAILABLE, 5);
                world.org.login(B, AVAILABLE, 2);
            },
            async (world, router) => {
                const psr = world.org.createPsr({ channelId: CHANNEL });
                await waitFor(() => world.org.worksFor(psr).length === 1, 'first insert');
                const first = world.org.worksFor(psr)[0];
                assert.equal(first.UserId, A, 'most available first');
                world.org.decline(first.Id as string);
                await waitFor(() => world.org.worksFor(psr).length === 2, 'reroute');
                const second = world.org.worksFor(psr)[1];
                assert.equal(second.UserId, B);
                await waitFor(() => router.routed.length === 2, 'routed callback');
                assert.equal(
                    router.routed[1].rerouted,
                    true,
                    JSON.stringify(router.routed) + router.logs.filter((l) => l.includes('routed')).join('\n')
                );
                // B declines too: nobody left who has not refused -> it waits, no third insert to A or B.
                world.org.decline(second.Id as string);
                await waitFor(() => router.app.router.isWaiting(psr), 'waiting');
                assert.equal(world.org.worksFor(psr).length, 2);
                // A new agent comes online: the waiting PSR goes to them.
                world.org.login(C, AVAILABLE, 3);
                await waitFor(() => world.org.worksFor(psr).length === 3, 'routed to the new agent');
                assert.equal(world.org.worksFor(psr)[2].UserId, C);
            }
        );
    });

    test(named(transport, 'push time-out: rerouted to another agent'), async () => {
        await withRouter(
            transport,
            (world) => {
                world.org.login(A, AVAILABLE, 5);
                world.org.login(B, AVAILABLE, 5);
            },
            async (world) => {
                const psr = world.org.createPsr({ channelId: CHANNEL });
                await waitFor(() => world.org.worksFor(psr).length === 1, 'insert');
                const first = world.org.worksFor(psr)[0];
                world.org.pushTimeout(first.Id as string);
                await waitFor(() => world.org.worksFor(psr).length === 2, 'reroute');
                assert.equal(world.org.works.get(first.Id as string)!.Status, 'DeclinedOnPushTimeout');
                assert.notEqual(world.org.worksFor(psr)[1].UserId, first.UserId);
            }
        );
    });

    test(named(transport, 'transfer to an external-routing queue: the new PSR (IsTransfer=true) is routed'), async () => {
        await withRouter(
            transport,
            (world) => {
                world.org.login(A, AVAILABLE, 1);
                world.org.login(B, AVAILABLE, 1);
            },
            async (world, router) => {
                const psr = world.org.createPsr({ channelId: CHANNEL });
                await waitFor(() => world.org.worksFor(psr).length === 1, 'insert');
                const first = world.org.worksFor(psr)[0];
                world.org.accept(first.Id as string);
                const transfer = world.org.transferToQueue(first.Id as string);
                await waitFor(() => world.org.worksFor(transfer).length === 1 && router.routed.length === 2, 'transfer routed');
                assert.equal(router.routed[1].isTransfer, true);
                // The first agent's capacity (1) was freed by the transfer, so both are candidates; the work item is the same.
                assert.equal(world.org.worksFor(transfer)[0].WorkItemId, first.WorkItemId);
            }
        );
    });

    test(
        named(transport, 'transfer to an agent: no PSR; the second AgentWork (Assigned) and the first (still Opened) both hold capacity'),
        async () => {
            await withRouter(
                transport,
                (world) => {
                    world.org.login(A, AVAILABLE, 1);
                    world.org.login(B, AVAILABLE, 1);
                },
                async (world, router) => {
                    const psr = world.org.createPsr({ channelId: CHANNEL });
                    await waitFor(() => world.org.worksFor(psr).length === 1, 'insert');
                    const first = world.org.worksFor(psr)[0];
                    const other = first.UserId === A ? B : A;
                    world.org.accept(first.Id as string);
                    // As the guide describes it: the PSR is gone, a second AgentWork goes to the other agent, the first stays Opened.
                    const second = world.org.transferToAgent(first.Id as string, other);
                    assert.equal(world.org.works.get(first.Id as string)!.Status, 'Opened');
                    assert.equal(world.org.works.get(second)!.PendingServiceRoutingId, null);
                    await caughtUp(world, router);
                    const next = world.org.createPsr({ channelId: CHANNEL });
                    await waitFor(() => router.app.router.isWaiting(next), 'both agents full: the next PSR waits');
                    // The first agent closes their tab: their capacity frees, the receiving agent is still full.
                    world.org.close(first.Id as string);
                    await waitFor(() => world.org.worksFor(next).length === 1, 'next insert');
                    assert.equal(world.org.worksFor(next)[0].UserId, first.UserId, 'the agent who received the transfer is full');
                    await caughtUp(world, router);
                    assert.equal(router.routed.length, 2, 'the transfer itself was not routed by us');
                }
            );
        }
    );

    test(named(transport, 'no agent with room: the PSR waits and is routed when capacity frees'), async () => {
        await withRouter(
            transport,
            (world) => {
                world.org.login(A, AVAILABLE, 1);
            },
            async (world, router) => {
                const p1 = world.org.createPsr({ channelId: CHANNEL });
                await waitFor(() => world.org.worksFor(p1).length === 1, 'first insert');
                const p2 = world.org.createPsr({ channelId: CHANNEL });
                await waitFor(() => router.app.router.isWaiting(p2), 'second waits');
                const w1 = world.org.worksFor(p1)[0].Id as string;
                world.org.accept(w1);
                await sleep(100);
                assert.equal(world.org.worksFor(p2).length, 0, 'accepted work still holds capacity');
                world.org.close(w1);
                await waitFor(() => world.org.worksFor(p2).length === 1, 'routed after close');
                assert.equal(world.org.worksFor(p2)[0].UserId, A);
            }
        );
    });

    test(named(transport, 'preferred user: routed to them; required and unavailable -> waits instead of routing elsewhere'), async () => {
        await withRouter(
            transport,
            (world) => {
                world.org.login(A, AVAILABLE, 5);
                world.org.login(B, AVAILABLE, 1);
            },
            async (world, router) => {
                const preferred = world.org.createPsr({ channelId: CHANNEL, preferredUserId: B });
                await waitFor(() => world.org.worksFor(preferred).length === 1, 'preferred routed');
                assert.equal(world.org.worksFor(preferred)[0].UserId, B);
                // B is now full: a required preference waits, an optional one goes to A.
                const required = world.org.createPsr({ channelId: CHANNEL, preferredUserId: B, isPreferredUserRequired: true });
                const optional = world.org.createPsr({ channelId: CHANNEL, preferredUserId: B });
                await waitFor(() => world.org.worksFor(optional).length === 1, 'optional routed elsewhere');
                assert.equal(world.org.worksFor(optional)[0].UserId, A);
                await waitFor(() => router.app.router.isWaiting(required), 'required waits');
                assert.equal(world.org.worksFor(required).length, 0);
                world.org.login(B, BREAK, 1);
                world.org.login(B, AVAILABLE, 2); // B back with more capacity
                await waitFor(() => world.org.worksFor(required).length === 1, 'required routed to B');
                assert.equal(world.org.worksFor(required)[0].UserId, B);
            }
        );
    });

    test(
        named(transport, 'with PSR changes alone (no AgentWork / presence events), closed work is seen by the periodic ledger re-sync'),
        async () => {
            const world = await startWorld({ transport });
            world.org.login(A, AVAILABLE, 1);
            const router = await startRouter(world, { transport: world.transportConfig({ psrOnly: true }), resyncLedgerMs: 300 });
            try {
                const p1 = world.org.createPsr({ channelId: CHANNEL });
                await waitFor(() => world.org.worksFor(p1).length === 1, 'first routed');
                const p2 = world.org.createPsr({ channelId: CHANNEL });
                await waitFor(() => router.app.router.isWaiting(p2), 'second waits: A is full');
                const w1 = world.org.worksFor(p1)[0].Id as string;
                world.org.accept(w1);
                world.org.close(w1); // no AgentWork topic: the router hears nothing about this
                await waitFor(() => world.org.worksFor(p2).length === 1, 'routed after the re-sync');
                assert.ok(router.logs.some((l) => l.includes('ledger re-synced')));
            } finally {
                await router.stop();
                await world.close();
            }
        }
    );
}
