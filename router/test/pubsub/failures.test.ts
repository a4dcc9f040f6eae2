/**
 * Every way a Pub/Sub subscription fails, reported as the contract's typed error: refused
 * tokens, replay positions no longer retained, a killed server, a stream the server ends,
 * silence past the keepalive time-out, the event limit, corrupt payloads (the stream goes on),
 * a rejecting handler. Also: tokens never reach the logger, and stop() leaves no open handles.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { status } from '@grpc/grpc-js';
import {
    AuthExpiredError,
    ConnectionLostError,
    EventLimitExceededError,
    MalformedEventError,
    ReplayPositionInvalidError,
    type EventTransport
} from '../../src/transport/contract.js';
import { HandlerFailedError, SubscriptionRejectedError } from '../../src/transport/pubsub/index.js';
import { AUTH_ERROR, FakePubSubServer, GOOD_TOKEN, type FakePubSubOptions } from '../../src/local/pubsub/fakePubSubServer.js';
import { CapturingLogger, PSR_ID, recorder, sleep, TestTokens, transportFor, waitFor } from './support.js';

async function world(t: { after(fn: () => Promise<void> | void): void }, options: FakePubSubOptions = {}) {
    const server = await FakePubSubServer.start(options);
    const transports: EventTransport[] = [];
    t.after(async () => {
        for (const transport of transports) await transport.stop();
        await server.close();
    });
    return { server, track: <T extends EventTransport>(transport: T) => (transports.push(transport), transport) };
}

const psr = (server: FakePubSubServer, serial: number) =>
    server.publish('PendingServiceRouting', {
        changeType: 'UPDATE',
        recordIds: [PSR_ID(serial)],
        values: { Serial: serial },
        changed: ['Serial']
    });

test('a refused token: start rejects with AuthExpiredError; after refresh the next start sends the new token', async (t) => {
    const fresh = '00DFK0000000001!AQ4AQ.refreshed-token-9876543210';
    const { server, track } = await world(t, { tokens: [fresh] });
    const tokens = new TestTokens(GOOD_TOKEN, fresh);
    const transport = track(transportFor(server, { tokens }));
    const r = recorder();
    await assert.rejects(transport.start({ kind: 'latest' }, r), (error: unknown) => {
        assert.ok(error instanceof AuthExpiredError, String(error));
        assert.equal(error.retryable, true);
        assert.match(error.message, /UNAUTHENTICATED/);
        assert.match(error.message, new RegExp(AUTH_ERROR.replace(/\./g, '\\.')));
        return true;
    });
    assert.deepEqual(r.failures, [], 'a start that rejects reports nothing else');
    await transport.stop();
    await tokens.refresh();
    await transport.start({ kind: 'latest' }, r);
    assert.equal(server.tokensSeen.at(-1), fresh);
    psr(server, 1);
    await waitFor('a change', () => r.changes.length === 1);
});

test('a token revoked while subscribed: the stream fails with AuthExpiredError through onFailure', async (t) => {
    const { server, track } = await world(t);
    const transport = track(transportFor(server));
    const r = recorder();
    await transport.start({ kind: 'latest' }, r);
    server.setTokens([]);
    server.failStreams(status.UNAUTHENTICATED, 'Session expired or invalid', AUTH_ERROR);
    await waitFor('a failure', () => r.failures.length === 1);
    assert.ok(r.failures[0] instanceof AuthExpiredError);
});

test('a replay position no longer retained: ReplayPositionInvalidError (the Salesforce replayid error)', async (t) => {
    const { server, track } = await world(t);
    const old = psr(server, 1);
    psr(server, 2);
    server.expireOldest(1);
    const transport = track(transportFor(server));
    await assert.rejects(transport.start({ kind: 'after', position: old }, recorder()), (error: unknown) => {
        assert.ok(error instanceof ReplayPositionInvalidError, String(error));
        assert.equal(error.retryable, false);
        assert.match(error.message, /replayid\.corrupted/);
        return true;
    });
    await transport.stop();
    // Not a Pub/Sub position at all (e.g. a Streaming API replayId kept from before a switch).
    await assert.rejects(transport.start({ kind: 'after', position: '12345' }, recorder()), ReplayPositionInvalidError);
    assert.equal(server.calls.subscribe, 1, 'an unusable position is refused before calling the server');
});

test('the server is killed: ConnectionLostError, and a handler in progress settles before it is reported', async (t) => {
    const { server, track } = await world(t);
    const transport = track(transportFor(server));
    let handling = false;
    let reportedWhileHandling = false;
    const r = recorder({
        onChange: async () => {
            handling = true;
            await sleep(100);
            handling = false;
        }
    });
    const onFailure = r.onFailure;
    r.onFailure = (error) => {
        if (handling) reportedWhileHandling = true;
        onFailure(error);
    };
    await transport.start({ kind: 'latest' }, r);
    psr(server, 1);
    await waitFor('handler running', () => handling);
    server.kill();
    await waitFor('a failure', () => r.failures.length === 1);
    assert.ok(r.failures[0] instanceof ConnectionLostError, String(r.failures[0]));
    assert.equal(r.failures[0].retryable, true);
    assert.equal(reportedWhileHandling, false);
    assert.equal(r.changes.length, 1);
});

test('the server ends the stream normally: ConnectionLostError', async (t) => {
    const { server, track } = await world(t);
    const transport = track(transportFor(server));
    const r = recorder();
    await transport.start({ kind: 'latest' }, r);
    server.endStreams();
    await waitFor('a failure', () => r.failures.length === 1);
    assert.ok(r.failures[0] instanceof ConnectionLostError);
    assert.match(r.failures[0].message, /ended/);
});

test('keepalive: silence past keepaliveTimeoutMs is ConnectionLostError; empty FetchResponses keep it alive', async (t) => {
    const { server, track } = await world(t, { keepaliveMs: 50 });
    const alive = track(transportFor(server, { keepaliveTimeoutMs: 250 }));
    const r1 = recorder();
    await alive.start({ kind: 'latest' }, r1);
    await sleep(700);
    assert.deepEqual(r1.failures, [], 'keepalives every 50 ms');
    assert.ok(server.records[0].keepalives >= 5);
    await alive.stop();

    server.setKeepalive(0);
    const silent = track(transportFor(server, { keepaliveTimeoutMs: 250 }));
    const r2 = recorder();
    const started = Date.now();
    await silent.start({ kind: 'latest' }, r2);
    await waitFor('a failure', () => r2.failures.length === 1);
    assert.ok(r2.failures[0] instanceof ConnectionLostError);
    assert.match(r2.failures[0].message, /keepalive/);
    assert.ok(Date.now() - started >= 250);
});

test('the event limit: EventLimitExceededError', async (t) => {
    const { server, track } = await world(t);
    const transport = track(transportFor(server));
    const r = recorder();
    await transport.start({ kind: 'latest' }, r);
    server.failStreams(
        status.RESOURCE_EXHAUSTED,
        'Event delivery limit exceeded',
        'sfdc.platform.eventbus.grpc.subscription.limit.exceeded'
    );
    await waitFor('a failure', () => r.failures.length === 1);
    assert.ok(r.failures[0] instanceof EventLimitExceededError);
});

test('a corrupt payload or unknown schema: MalformedEventError with its position, and the stream goes on', async (t) => {
    const { server, track } = await world(t);
    const transport = track(transportFor(server, { batchSize: 2 }));
    const r = recorder();
    await transport.start({ kind: 'latest' }, r);
    psr(server, 1);
    const corrupt = server.publishCorrupt('PendingServiceRouting');
    const unknown = server.publishPayload('PendingServiceRouting', 'NoSuchSchemaId00000000', Buffer.from([0]));
    psr(server, 2);
    await waitFor('two changes', () => r.changes.length === 2);
    assert.deepEqual(
        r.changes.map((c) => c.fields.Serial),
        [1, 2]
    );
    assert.equal(r.failures.length, 2);
    assert.ok(r.failures.every((f) => f instanceof MalformedEventError));
    assert.deepEqual(
        r.failures.map((f) => (f as MalformedEventError).position),
        [corrupt, unknown]
    );
    assert.equal(server.activeSubscribers, 1, 'still subscribed');
});

test('a rejecting handler stops the subscription: HandlerFailedError, nothing delivered after it', async (t) => {
    const { server, track } = await world(t);
    const transport = track(transportFor(server));
    const r = recorder({
        onChange: (change) => {
            if (change.fields.Serial === 2) throw new Error('database down');
        }
    });
    await transport.start({ kind: 'latest' }, r);
    for (let i = 1; i <= 4; i++) psr(server, i);
    await waitFor('a failure', () => r.failures.length === 1);
    await sleep(100);
    assert.ok(r.failures[0] instanceof HandlerFailedError);
    assert.equal(r.failures[0].retryable, true);
    assert.match(r.failures[0].message, /database down/);
    assert.deepEqual(
        r.changes.map((c) => c.fields.Serial),
        [1]
    );
});

test('a topic that does not exist: SubscriptionRejectedError (not retryable)', async (t) => {
    const { server, track } = await world(t);
    const transport = track(transportFor(server, { topicName: '/data/NoSuch__chn' }));
    await assert.rejects(
        transport.start({ kind: 'latest' }, recorder()),
        (error: unknown) => error instanceof SubscriptionRejectedError && !error.retryable
    );
});

test('tokens never reach the logger, whatever happens', async (t) => {
    const { server, track } = await world(t);
    const logger = new CapturingLogger();
    const tokens = new TestTokens('00DFK0000000001!AQ4AQ.refused-token-5555555555');
    const transport = track(transportFor(server, { tokens, logger: logger.child({ component: 'pubsub' }) }));
    const r = recorder();
    await assert.rejects(transport.start({ kind: 'latest' }, r), AuthExpiredError);
    await transport.stop();
    tokens.token = GOOD_TOKEN;
    await transport.start({ kind: 'earliest' }, r);
    psr(server, 1);
    server.publishCorrupt('PendingServiceRouting');
    await waitFor('events handled', () => r.changes.length === 1 && r.failures.length === 1);
    server.failStreams(status.UNAUTHENTICATED, 'Session expired', AUTH_ERROR);
    await waitFor('a failure', () => r.failures.length === 2);
    await transport.stop();
    assert.ok(logger.lines.length >= 4, 'the transport did log');
    assert.ok(
        logger.lines.some((l) => l.includes('"level":"debug"')),
        'debug lines included'
    );
    for (const line of logger.lines) {
        assert.ok(!line.includes('refused-token'), line);
        assert.ok(!line.includes(GOOD_TOKEN), line);
    }
    for (const failure of r.failures) assert.ok(!failure.message.includes(GOOD_TOKEN));
});

/** Runs the transport in a child process against `server`; resolves with how the child ended. */
function runChild(server: FakePubSubServer, stop: boolean): Promise<{ exited: boolean; stdout: string; stderr: string; ms: number }> {
    const dist = path.resolve(__dirname, '..', '..');
    const script = `
        const { createPubSubTransport } = require(${JSON.stringify(path.join(dist, 'src/transport/pubsub/index.js'))});
        const { TestTokens } = require(${JSON.stringify(path.join(dist, 'test/pubsub/support.js'))});
        (async () => {
            const transport = createPubSubTransport({ endpoint: ${JSON.stringify(server.address)}, tls: false, topicName: '/data/OmniRouting__chn', tokens: new TestTokens(), acceptWindowMs: 100 });
            let n = 0;
            await transport.start({ kind: 'earliest' }, { onChange: async () => { n++; }, onFailure: (e) => console.error(e.name) });
            while (n < 5) await new Promise((r) => setTimeout(r, 5));
            if (${stop}) { await transport.stop(); await transport.stop(); }
            process.stdout.write('handled ' + n);
        })().catch((e) => { console.error(e); process.exit(2); });
    `;
    const started = Date.now();
    return new Promise((resolve) => {
        const child = execFile(process.execPath, ['-e', script], { timeout: 3_000 }, (error, stdout, stderr) =>
            resolve({ exited: !error, stdout, stderr, ms: Date.now() - started })
        );
        child.on('error', () => undefined);
    });
}

test('after stop() nothing is left open: the process exits by itself while the server is still up', async (t) => {
    // The server lives in this process and keeps sending keepalives, so a call or channel
    // left open by the child would keep the child alive until the 3 s time-out kills it.
    const { server } = await world(t, { keepaliveMs: 20 });
    for (let i = 1; i <= 5; i++) psr(server, i);
    const stopped = await runChild(server, true);
    assert.equal(stopped.stderr, '');
    assert.equal(stopped.stdout, 'handled 5');
    assert.ok(stopped.exited, `the child exited on its own (${stopped.ms} ms)`);
    // The control: without stop() the same child is still running when the time-out hits.
    const leaked = await runChild(server, false);
    assert.equal(leaked.stdout, 'handled 5');
    assert.equal(leaked.exited, false, 'without stop() the open subscription keeps the process alive');
});
