/** The Streaming transport against a real local Bayeux server with the replay extension. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalBayeuxServer } from '../src/local/bayeuxServer.js';
import { StreamingTransport, type StreamingTopic } from '../src/transport/streaming/streamingTransport.js';
import {
    AuthExpiredError,
    ConnectionLostError,
    EventLimitExceededError,
    MalformedEventError,
    ReplayPositionInvalidError,
    type RoutingChange,
    type StartPoint,
    type TransportError
} from '../src/transport/contract.js';
import { silentLogger } from '../src/log.js';
import { waitFor, sleep } from './support/harness.js';

const PSR_TOPIC = 'PSRPushTopic';

async function setup(topics: StreamingTopic[] = [{ entity: 'PendingServiceRouting', name: PSR_TOPIC }], token = 'valid-token-123456') {
    const bayeux = await LocalBayeuxServer.start({ timeoutSeconds: 2, isTokenValid: (t) => t === 'valid-token-123456' });
    const tokens = {
        current: async () => ({ accessToken: token, instanceUrl: bayeux.url }),
        refresh: async () => ({ accessToken: token, instanceUrl: bayeux.url })
    };
    const transport = new StreamingTransport({ tokens, topics, logger: silentLogger, reconnectWindowMs: 600, subscribeTimeoutMs: 3000 });
    const changes: RoutingChange[] = [];
    const failures: TransportError[] = [];
    const start = (from: StartPoint, onChange?: (c: RoutingChange) => Promise<void>) =>
        transport.start(from, {
            onChange: async (c) => {
                if (onChange) await onChange(c);
                changes.push(c);
            },
            onFailure: (e) => failures.push(e)
        });
    const close = async () => {
        await transport.stop();
        await bayeux.close();
    };
    return { bayeux, transport, changes, failures, start, close };
}

const psr = (id: number, extra: Record<string, unknown> = {}) => ({
    Id: `0JRFK${String(id).padStart(10, '0')}`,
    Serial: 1,
    IsPushed: false,
    ...extra
});

test('replay: -1 new only, -2 all retained, after N resumes after N; positions are the replayIds', async () => {
    const s = await setup();
    try {
        s.bayeux.publish(PSR_TOPIC, 'created', psr(1));
        s.bayeux.publish(PSR_TOPIC, 'created', psr(2));
        await s.start({ kind: 'latest' });
        assert.deepEqual(s.bayeux.subscribeLog.at(-1), { channel: '/topic/PSRPushTopic', replayId: -1 });
        s.bayeux.publish(PSR_TOPIC, 'updated', psr(2, { Serial: 2 }));
        await waitFor(() => s.changes.length === 1, 'new event');
        assert.equal(s.changes[0].changeType, 'UPDATE');
        assert.equal(s.changes[0].position, '3');
        assert.deepEqual(s.changes[0].recordIds, ['0JRFK0000000002']);
        await s.transport.stop();

        s.changes.length = 0;
        await s.start({ kind: 'earliest' });
        await waitFor(() => s.changes.length === 3, 'all retained');
        assert.deepEqual(
            s.changes.map((c) => c.position),
            ['1', '2', '3']
        );
        await s.transport.stop();

        s.changes.length = 0;
        await s.start({ kind: 'after', position: '1' });
        await waitFor(() => s.changes.length === 2, 'after 1');
        assert.deepEqual(s.bayeux.subscribeLog.at(-1), { channel: '/topic/PSRPushTopic', replayId: 1 });
        assert.deepEqual(
            s.changes.map((c) => c.position),
            ['2', '3']
        );
    } finally {
        await s.close();
    }
});

test('events are handed over one at a time, in order, even when the handler is slow', async () => {
    const s = await setup();
    try {
        let inFlight = 0;
        let maxInFlight = 0;
        await s.start({ kind: 'latest' }, async () => {
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            await sleep(5);
            inFlight--;
        });
        for (let i = 1; i <= 20; i++) s.bayeux.publish(PSR_TOPIC, 'created', psr(i));
        await waitFor(() => s.changes.length === 20, '20 events');
        assert.equal(maxInFlight, 1);
        assert.deepEqual(
            s.changes.map((c) => Number(c.position)),
            Array.from({ length: 20 }, (_, i) => i + 1)
        );
    } finally {
        await s.close();
    }
});

test('several topics: per-channel positions in one JSON position; AgentWork Status codes become names', async () => {
    const s = await setup([
        { entity: 'PendingServiceRouting', name: PSR_TOPIC },
        { entity: 'AgentWork', name: 'AgentWorkTopic' }
    ]);
    try {
        await s.start({ kind: 'latest' });
        s.bayeux.publish(PSR_TOPIC, 'created', psr(1));
        s.bayeux.publish('AgentWorkTopic', 'updated', { Id: '0BzFK0000000001', UserId: '005FK0000000001', Status: 5 });
        await waitFor(() => s.changes.length === 2, 'two events');
        const work = s.changes.find((c) => c.entity === 'AgentWork')!;
        assert.equal(work.fields.Status, 'DeclinedOnPushTimeout');
        assert.deepEqual(JSON.parse(s.changes[1].position), { '/topic/PSRPushTopic': 1, '/topic/AgentWorkTopic': 1 });
        await s.transport.stop();
        s.changes.length = 0;
        s.bayeux.publish('AgentWorkTopic', 'updated', { Id: '0BzFK0000000001', UserId: '005FK0000000001', Status: 4 });
        await s.start({ kind: 'after', position: JSON.stringify({ '/topic/PSRPushTopic': 1, '/topic/AgentWorkTopic': 1 }) });
        await waitFor(() => s.changes.length === 1, 'replayed');
        assert.equal(s.changes[0].fields.Status, 'Closed');
    } finally {
        await s.close();
    }
});

test('malformed events are reported with their position and the stream goes on', async () => {
    const s = await setup();
    try {
        await s.start({ kind: 'latest' });
        s.bayeux.publishRaw(PSR_TOPIC, (replayId) => ({ event: { type: 'exploded', replayId }, sobject: { Id: 'x' } }));
        s.bayeux.publishRaw(PSR_TOPIC, (replayId) => ({ event: { type: 'created', replayId }, sobject: 'not an object' }));
        s.bayeux.publishRaw(PSR_TOPIC, () => ({ hello: 'world' }));
        s.bayeux.publish(PSR_TOPIC, 'created', { ...psr(4), SomeFieldFromTheFuture__c: 'kept' });
        await waitFor(() => s.changes.length === 1 && s.failures.length === 3, 'events');
        assert.ok(s.failures.every((f) => f instanceof MalformedEventError));
        assert.deepEqual(
            s.failures.map((f) => (f as MalformedEventError).position),
            ['1', '2', undefined]
        );
        assert.equal(s.changes[0].fields.SomeFieldFromTheFuture__c, 'kept', 'unknown fields pass through');
        assert.equal(s.changes[0].position, '4');
    } finally {
        await s.close();
    }
});

test('a replayId older than retention is ReplayPositionInvalidError (Salesforce 400 message)', async () => {
    const s = await setup();
    try {
        for (let i = 1; i <= 5; i++) s.bayeux.publish(PSR_TOPIC, 'created', psr(i));
        s.bayeux.forgetBefore(PSR_TOPIC, 3);
        await assert.rejects(
            s.start({ kind: 'after', position: '1' }),
            (e: unknown) => e instanceof ReplayPositionInvalidError && /replayId \{1\}/.test(e.message)
        );
        await assert.rejects(s.start({ kind: 'after', position: 'garbage{' }), ReplayPositionInvalidError);
    } finally {
        await s.close();
    }
});

test('401::Authentication invalid is AuthExpiredError; the daily limit 403 is EventLimitExceededError', async () => {
    const bad = await setup(undefined, 'expired-token-000000');
    try {
        await assert.rejects(bad.start({ kind: 'latest' }), AuthExpiredError);
    } finally {
        await bad.close();
    }
    const s = await setup();
    try {
        s.bayeux.refuse('/meta/subscribe', '403::Organization total events daily limit exceeded');
        await assert.rejects(s.start({ kind: 'latest' }), EventLimitExceededError);
        s.bayeux.refuse('/meta/subscribe', undefined);
        await s.start({ kind: 'latest' });
        // Mid-stream: the limit hits the long poll.
        s.bayeux.refuse('/meta/connect', '403::Organization total events daily limit exceeded');
        await waitFor(() => s.failures.length === 1, 'failure reported', 6000);
        assert.ok(s.failures[0] instanceof EventLimitExceededError);
    } finally {
        await s.close();
    }
});

test('a server that stays unreachable longer than the reconnect window is ConnectionLostError', async () => {
    const s = await setup();
    try {
        await s.start({ kind: 'latest' });
        await s.bayeux.close();
        await waitFor(() => s.failures.length === 1, 'connection lost', 6000);
        assert.ok(s.failures[0] instanceof ConnectionLostError);
        assert.ok(s.failures[0].retryable);
    } finally {
        await s.close();
    }
});
