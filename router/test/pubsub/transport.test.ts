/**
 * The Pub/Sub transport against the fake Pub/Sub API over real gRPC on loopback: start
 * points, pull-based flow control, strictly sequential delivery, and stop().
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectionLostError, type EventTransport } from '../../src/transport/contract.js';
import { FakePubSubServer, type FakePubSubOptions } from '../../src/local/pubsub/fakePubSubServer.js';
import { PSR_ID, WORK_ID, PRESENCE_ID, recorder, sleep, TestTokens, transportFor, waitFor } from './support.js';

async function world(t: { after(fn: () => Promise<void> | void): void }, options: FakePubSubOptions = {}) {
    const server = await FakePubSubServer.start(options);
    const transports: EventTransport[] = [];
    t.after(async () => {
        for (const transport of transports) await transport.stop();
        await server.close();
    });
    return { server, track: (transport: EventTransport) => (transports.push(transport), transport) };
}

function publishPsrs(server: FakePubSubServer, from: number, count: number): string[] {
    const positions: string[] = [];
    for (let i = from; i < from + count; i++) {
        positions.push(
            server.publish('PendingServiceRouting', {
                changeType: 'UPDATE',
                recordIds: [PSR_ID(i)],
                values: { Serial: i },
                changed: ['Serial']
            })
        );
    }
    return positions;
}

const serials = (changes: { fields: Record<string, unknown> }[]) => changes.map((c) => c.fields.Serial);
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

test('latest: only events published after the subscription, in order, with their positions', async (t) => {
    const { server, track } = await world(t);
    publishPsrs(server, 1, 3); // before: not delivered
    const transport = track(transportFor(server));
    const r = recorder();
    await transport.start({ kind: 'latest' }, r);
    const positions = publishPsrs(server, 4, 3);
    await waitFor('3 changes', () => r.changes.length === 3);
    assert.deepEqual(serials(r.changes), [4, 5, 6]);
    assert.deepEqual(
        r.changes.map((c) => c.position),
        positions
    );
    assert.equal(r.changes[0].entity, 'PendingServiceRouting');
    assert.deepEqual(r.changes[0].recordIds, [PSR_ID(4)]);
    assert.deepEqual(r.failures, []);
    assert.equal(server.records[0].preset, 'LATEST');
});

test('earliest: every retained event of all three entities, once each', async (t) => {
    const { server, track } = await world(t);
    server.publish('PendingServiceRouting', { changeType: 'CREATE', recordIds: [PSR_ID(1)], values: { Serial: 1, IsPushed: false } });
    server.publish('AgentWork', {
        changeType: 'CREATE',
        recordIds: [WORK_ID(1)],
        values: { Status: 'Assigned', UserId: '005FK0000000001AAA' }
    });
    server.publish('UserServicePresence', {
        changeType: 'UPDATE',
        recordIds: [PRESENCE_ID(1)],
        values: { IsCurrentState: false },
        changed: ['IsCurrentState']
    });
    const transport = track(transportFor(server));
    const r = recorder();
    await transport.start({ kind: 'earliest' }, r);
    await waitFor('3 changes', () => r.changes.length === 3);
    await sleep(100);
    assert.deepEqual(
        r.changes.map((c) => [c.entity, c.changeType]),
        [
            ['PendingServiceRouting', 'CREATE'],
            ['AgentWork', 'CREATE'],
            ['UserServicePresence', 'UPDATE']
        ]
    );
    assert.deepEqual(r.changes[1].fields, { Status: 'Assigned', UserId: '005FK0000000001AAA' });
    assert.equal(r.changes.length, 3, 'nothing repeated');
    assert.equal(server.calls.getSchema, 3, 'one GetSchema per schema id');
});

test('after a position: resumes right after it, none repeated and none skipped, across a restart', async (t) => {
    const { server, track } = await world(t);
    publishPsrs(server, 1, 10);
    const transport = track(transportFor(server, { batchSize: 4 }));
    const first = recorder();
    await transport.start({ kind: 'earliest' }, first);
    await waitFor('6 changes', () => first.changes.length >= 6);
    await transport.stop();
    const handled = first.changes.length;
    const last = first.changes.at(-1)!.position;

    publishPsrs(server, 11, 5);
    const second = recorder();
    await transport.start({ kind: 'after', position: last }, second);
    await waitFor('the rest', () => handled + second.changes.length === 15);
    await sleep(100);
    assert.deepEqual([...serials(first.changes), ...serials(second.changes)], range(1, 15));
    assert.equal(server.records.at(-1)!.preset, 'CUSTOM');
    assert.equal(server.calls.getSchema, 1, 'the schema cache survives a restart');
});

test('flow control: never more than batchSize owed by the server; a slow handler stops the server, not a buffer', async (t) => {
    const { server, track } = await world(t);
    publishPsrs(server, 1, 60);
    const transport = track(transportFor(server, { batchSize: 10 }));
    const seenAtDelivery: number[] = [];
    const r = recorder({
        delayMs: 5,
        onChange: () => {
            // sent - handled (incl. this one) = what is buffered in the client right now.
            seenAtDelivery.push(server.records[0].sent - r.changes.length);
        }
    });
    await transport.start({ kind: 'earliest' }, r);
    await waitFor('60 changes', () => r.changes.length === 60, 10_000);
    const record = server.records[0];
    assert.ok(record.maxOwed <= 10, `server owed at most 10 events, owed ${record.maxOwed}`);
    assert.ok(
        seenAtDelivery.every((n) => n <= 10),
        `client never held more than batchSize events: ${Math.max(...seenAtDelivery)}`
    );
    assert.equal(record.requests[0], 10);
    assert.ok(
        record.requests.slice(1).every((n) => n >= 5 && n <= 10),
        `credit returned in chunks of half a batch or more: ${record.requests.join(',')}`
    );
    assert.deepEqual(serials(r.changes), range(1, 60));

    // A handler that never finishes: the server stops after batchSize events.
    const stuck = recorder({ onChange: () => new Promise(() => undefined) });
    const blocked = track(transportFor(server, { batchSize: 10, stopWaitMs: 50 }));
    await blocked.start({ kind: 'earliest' }, stuck);
    await sleep(300);
    const blockedRecord = server.records[1];
    assert.equal(blockedRecord.sent, 10, 'only the first batch was sent');
    assert.equal(blockedRecord.owed, 0);
    assert.deepEqual(blockedRecord.requests, [10], 'no more credit while the handler is busy');
});

test('ordering: strictly one onChange at a time, in stream order, even when handlers take varying time', async (t) => {
    const { server, track } = await world(t);
    const transport = track(transportFor(server, { batchSize: 7 }));
    let n = 0;
    const r = recorder({ onChange: () => sleep(n++ % 3 === 0 ? 8 : 0) });
    await transport.start({ kind: 'latest' }, r);
    publishPsrs(server, 1, 40);
    await waitFor('40 changes', () => r.changes.length === 40, 10_000);
    assert.equal(r.maxConcurrent, 1);
    assert.deepEqual(serials(r.changes), range(1, 40));
});

test('batchSize above the Pub/Sub limit of 100 is refused; 100 events per response at most', async (t) => {
    const { server, track } = await world(t);
    assert.throws(() => transportFor(server, { batchSize: 101 }), /batchSize/);
    assert.throws(() => transportFor(server, { batchSize: 0 }), /batchSize/);
    publishPsrs(server, 1, 250);
    const transport = track(transportFor(server));
    const r = recorder();
    await transport.start({ kind: 'earliest' }, r);
    await waitFor('250 changes', () => r.changes.length === 250, 10_000);
    assert.equal(server.records[0].requests[0], 100);
    assert.ok(server.records[0].maxOwed <= 100);
});

test('events of entities not configured are skipped but still consume flow-control credit', async (t) => {
    const { server, track } = await world(t);
    const transport = track(transportFor(server, { entities: ['PendingServiceRouting'], batchSize: 2 }));
    const r = recorder();
    await transport.start({ kind: 'latest' }, r);
    for (let i = 1; i <= 5; i++)
        server.publish('AgentWork', { changeType: 'UPDATE', recordIds: [WORK_ID(i)], values: { Status: 'Opened' }, changed: ['Status'] });
    publishPsrs(server, 1, 1);
    await waitFor('the PSR change', () => r.changes.length === 1);
    assert.equal(r.changes[0].entity, 'PendingServiceRouting');
    assert.deepEqual(r.failures, []);
});

test('stop() is idempotent, waits for the handler in progress, and allows a new start', async (t) => {
    const { server, track } = await world(t);
    const transport = track(transportFor(server));
    await transport.stop(); // before any start
    let release!: () => void;
    let finished = false;
    const r = recorder({
        onChange: () =>
            new Promise<void>((resolve) => {
                release = () => {
                    finished = true;
                    resolve();
                };
            })
    });
    await transport.start({ kind: 'latest' }, r);
    await assert.rejects(transport.start({ kind: 'latest' }, recorder()), /already started/);
    publishPsrs(server, 1, 3);
    await waitFor('a handler running', () => release !== undefined);
    const stopped = transport.stop();
    let stopDone = false;
    void stopped.then(() => (stopDone = true));
    await sleep(50);
    assert.equal(stopDone, false, 'stop waits for the handler');
    release();
    await stopped;
    assert.ok(finished && stopDone);
    await transport.stop();
    await transport.stop();
    await waitFor('server saw the call end', () => server.activeSubscribers === 0);
    assert.equal(r.changes.length, 1, 'nothing delivered after stop');
    assert.deepEqual(r.failures, [], 'stop reports no failure');

    const again = recorder();
    await transport.start({ kind: 'after', position: r.changes[0].position }, again);
    await waitFor('the other two', () => again.changes.length === 2);
    assert.deepEqual(serials(again.changes), [2, 3]);
});

test('stop() while start() is still fetching the token: start gives up, nothing stays subscribed', async (t) => {
    const { server, track } = await world(t);
    let release!: () => void;
    const slowTokens = new TestTokens();
    const current = slowTokens.current.bind(slowTokens);
    slowTokens.current = () => new Promise((resolve) => (release = () => resolve(current())));
    const transport = track(transportFor(server, { tokens: slowTokens }));
    const starting = transport.start({ kind: 'latest' }, recorder());
    await assert.rejects(transport.start({ kind: 'latest' }, recorder()), /already started/);
    await waitFor('token asked for', () => release !== undefined);
    await transport.stop();
    release();
    await assert.rejects(starting, ConnectionLostError);
    await sleep(50);
    assert.equal(server.calls.getTopic + server.calls.subscribe, 0, 'never reached the server');
});
