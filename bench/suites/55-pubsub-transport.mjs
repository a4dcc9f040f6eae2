/**
 * Suite: the router's Pub/Sub API transport receiving Change Data Capture events over gRPC.
 *
 * A fake Pub/Sub API (router/src/local/pubsub/fakePubSubServer, real grpc-js on 127.0.0.1) runs in
 * a child process so that server work does not share the measured event loop. Events are a
 * mix of PendingServiceRouting / AgentWork / UserServicePresence changes (Avro, bitmaps).
 *
 * "Ours": createPubSubTransport -> onChange: GetSchema (cached), Avro decode, bitmap field
 * names, RoutingChange, strictly sequential delivery, pull-based flow control (batch 100).
 * "Raw" baseline, same run: a bare grpc-js Subscribe on the same proto and endpoint that only
 * counts ConsumerEvents and asks for more as they arrive (same 100 outstanding): the cost of
 * gRPC receipt alone, without Avro decode or delivery.
 *
 * Figures: events/s draining a 20,000-event backlog (median of 3 alternating rounds); and
 * per-event latency from the server's publish to onChange (or raw receipt) with events paced
 * 2 ms apart (both clocks are CLOCK_MONOTONIC, the processes share it). Compiles the router
 * first (npm run router:build) and loads the compiled files.
 */
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ROOT } from '../lib/bundle.mjs';
import { check, latencySummary, median } from '../lib/stats.mjs';

export const title = 'Pub/Sub transport: CDC events over gRPC on loopback';

const BACKLOG = 20_000;
const PACED = 2_000;
const PACE_MS = 2;
const ROUNDS = 3;
const GOAL_EVENTS_PER_SEC = 5_000;
const GOAL_P99_MS = 10;
const TOPIC = '/data/OmniRouting__chn';

const DIST = path.join(ROOT, 'router', 'dist');

/** The fake server's process: publishes on request, answers over IPC. */
const SERVER_SCRIPT = `
const { FakePubSubServer } = require(${JSON.stringify(path.join(DIST, 'src/local/pubsub/fakePubSubServer.js'))});
const psrId = (n) => '0JRFK' + String(n).padStart(10, '0') + 'AAA';
let n = 0;
function publishOne(server) {
    n++;
    switch (n % 4) {
        case 0: return server.publish('AgentWork', { changeType: 'UPDATE', recordIds: ['0BzFK' + String(n).padStart(10, '0') + 'AAA'], values: { Status: 'Opened', AcceptDateTime: 1750000000000 + n }, changed: ['Status', 'AcceptDateTime'] });
        case 1: return server.publish('UserServicePresence', { changeType: 'UPDATE', recordIds: ['0HnFK' + String(n).padStart(10, '0') + 'AAA'], values: { IsCurrentState: false, StatusEndDate: 1750000000000 + n }, changed: ['IsCurrentState', 'StatusEndDate', 'IsAway'], nulled: ['IsAway'] });
        case 2: return server.publish('PendingServiceRouting', { changeType: 'CREATE', recordIds: [psrId(n)], values: { WorkItemId: '500FK' + String(n).padStart(10, '0') + 'AAA', ServiceChannelId: '0N9FK0000000001AAA', GroupId: '00GFK0000000001AAA', RoutingModel: 'ExternalRouting', RoutingType: 'QueueBased', RoutingPriority: 1, CapacityWeight: 1, IsReadyForRouting: true, IsPushed: false, IsTransfer: false, Serial: 1, CreatedDate: 1750000000000 + n } });
        default: return server.publish('PendingServiceRouting', { changeType: 'UPDATE', recordIds: [psrId(n)], values: { IsPushed: false, LastDeclinedAgentSession: '0MwFK0000000001AAA', Serial: n }, changed: ['IsPushed', 'LastDeclinedAgentSession', 'Serial', 'PreferredUserId'], nulled: ['PreferredUserId'] });
    }
}
(async () => {
    const server = await FakePubSubServer.start({ keepaliveMs: 60000 });
    process.on('message', (m) => {
        if (m.cmd === 'fill') {
            const before = server.latestPosition;
            for (let i = 0; i < m.count; i++) publishOne(server);
            process.send({ before });
        } else if (m.cmd === 'paced') {
            const times = [];
            let i = 0;
            const timer = setInterval(() => {
                times.push(String(process.hrtime.bigint()));
                publishOne(server);
                if (++i === m.count) {
                    clearInterval(timer);
                    process.send({ times });
                }
            }, m.intervalMs);
        } else if (m.cmd === 'close') {
            server.close().then(() => process.exit(0));
        }
    });
    process.send({ address: server.address });
})();
`;

function startServer() {
    const child = spawn(process.execPath, ['-e', SERVER_SCRIPT], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const replies = [];
    const waiters = [];
    child.on('message', (m) => (waiters.length ? waiters.shift()(m) : replies.push(m)));
    const next = () => new Promise((resolve) => (replies.length ? resolve(replies.shift()) : waiters.push(resolve)));
    return {
        child,
        next,
        async ask(message) {
            child.send(message);
            return next();
        }
    };
}

/** A bare Subscribe that counts events and keeps 100 requested: receipt without decode. */
function rawSubscribe(rt, address, start, onEvent) {
    const { grpc, Client, metadata } = rt;
    const client = new Client(address, grpc.credentials.createInsecure());
    const call = client.Subscribe(metadata());
    call.on('data', (response) => {
        for (const event of response.events) onEvent(event);
        if (response.events.length) call.write({ num_requested: response.events.length });
    });
    call.on('error', () => undefined);
    call.write({ topic_name: TOPIC, ...start, num_requested: 100 });
    return () => {
        call.cancel();
        client.close();
    };
}

function startOf(position) {
    return position ? { replay_preset: 'CUSTOM', replay_id: Buffer.from(position, 'base64') } : { replay_preset: 'EARLIEST' };
}

async function drainOurs(rt, address, before, count) {
    const transport = rt.createPubSubTransport({
        endpoint: address,
        tls: false,
        topicName: TOPIC,
        tokens: new rt.TestTokens(),
        acceptWindowMs: 50
    });
    let received = 0;
    let failures = 0;
    let done;
    const finished = new Promise((resolve) => (done = resolve));
    const t0 = process.hrtime.bigint();
    await transport.start(before ? { kind: 'after', position: before } : { kind: 'earliest' }, {
        onChange: async () => {
            if (++received === count) done(process.hrtime.bigint());
        },
        onFailure: () => failures++
    });
    const t1 = await finished;
    await transport.stop();
    return { seconds: Number(t1 - t0) / 1e9, failures };
}

async function drainRaw(rt, address, before, count) {
    let received = 0;
    let done;
    const finished = new Promise((resolve) => (done = resolve));
    const t0 = process.hrtime.bigint();
    const close = rawSubscribe(rt, address, startOf(before), () => {
        if (++received === count) done(process.hrtime.bigint());
    });
    const t1 = await finished;
    close();
    return { seconds: Number(t1 - t0) / 1e9, failures: 0 };
}

/** Decode alone, in this process: decodeChangeEvent per event, vs avsc's fromBuffer alone. */
function decodeOnly(require, count) {
    const { compileSchema } = require(path.join(DIST, 'src/transport/pubsub/avro.js'));
    const { decodeChangeEvent } = require(path.join(DIST, 'src/transport/pubsub/changeEvent.js'));
    const { OMNI_SCHEMAS } = require(path.join(DIST, 'src/local/pubsub/cdcSchemas.js'));
    const { encodeChangeEvent } = require(path.join(DIST, 'src/local/pubsub/cdcEncode.js'));
    const psr = compileSchema('psr', JSON.stringify(OMNI_SCHEMAS.PendingServiceRouting));
    const payload = encodeChangeEvent(psr.type, 'PendingServiceRouting', {
        changeType: 'UPDATE',
        recordIds: ['0JRFK0000000001AAA'],
        values: { IsPushed: false, LastDeclinedAgentSession: '0MwFK0000000001AAA', Serial: 7 },
        changed: ['IsPushed', 'LastDeclinedAgentSession', 'Serial', 'PreferredUserId'],
        nulled: ['PreferredUserId']
    });
    const time = (fn) => {
        for (let i = 0; i < count / 10; i++) fn();
        const t0 = process.hrtime.bigint();
        for (let i = 0; i < count; i++) fn();
        return Number(process.hrtime.bigint() - t0) / count;
    };
    const ours = [];
    const avsc = [];
    for (let round = 0; round < ROUNDS; round++) {
        ours.push(time(() => decodeChangeEvent(psr, payload, 'pos')));
        avsc.push(time(() => psr.type.fromBuffer(payload)));
    }
    return { oursNs: median(ours), avscNs: median(avsc) };
}

async function pacedLatency(rt, server, kind, count) {
    const receipts = [];
    let stop;
    if (kind === 'ours') {
        const transport = rt.createPubSubTransport({
            endpoint: server.address,
            tls: false,
            topicName: TOPIC,
            tokens: new rt.TestTokens(),
            acceptWindowMs: 50
        });
        await transport.start(
            { kind: 'latest' },
            { onChange: async () => void receipts.push(process.hrtime.bigint()), onFailure: () => undefined }
        );
        stop = () => transport.stop();
    } else {
        const close = rawSubscribe(rt, server.address, { replay_preset: 'LATEST' }, () => receipts.push(process.hrtime.bigint()));
        await new Promise((resolve) => setTimeout(resolve, 100));
        stop = async () => close();
    }
    const { times } = await server.proc.ask({ cmd: 'paced', count, intervalMs: PACE_MS });
    const until = Date.now() + 10_000;
    while (receipts.length < count && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
    await stop();
    const samples = receipts.map((t, i) => Number(t - BigInt(times[i])));
    return { ...latencySummary(samples), lost: count - receipts.length };
}

export async function run(ctx) {
    ctx.log('pubsub transport: npm run router:build');
    execFileSync('npm', ['run', 'router:build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    const require = createRequire(path.join(DIST, 'index.js'));
    const { createPubSubTransport } = require(path.join(DIST, 'src/transport/pubsub/index.js'));
    const { loadPubSubService } = require(path.join(DIST, 'src/transport/pubsub/proto.js'));
    const { TestTokens } = require(path.join(DIST, 'test/pubsub/support.js'));
    const { GOOD_TOKEN, TENANT_ID } = require(path.join(DIST, 'src/local/pubsub/fakePubSubServer.js'));
    const grpc = require('@grpc/grpc-js');
    const rt = {
        createPubSubTransport,
        TestTokens,
        grpc,
        Client: loadPubSubService().Client,
        metadata: () => {
            const m = new grpc.Metadata();
            m.set('accesstoken', GOOD_TOKEN);
            m.set('instanceurl', 'https://omni.example.my.salesforce.com');
            m.set('tenantid', TENANT_ID);
            return m;
        }
    };

    const backlog = ctx.quick ? BACKLOG / 10 : BACKLOG;
    const paced = ctx.quick ? PACED / 10 : PACED;
    const proc = startServer();
    const { address } = await proc.next();
    const server = { proc, address };
    try {
        const ours = [];
        const raw = [];
        // Warm-up (JIT, connection, schema cache of a fresh transport is part of every round).
        const warm = await proc.ask({ cmd: 'fill', count: 2000 });
        await drainOurs(rt, address, warm.before, 2000);
        await drainRaw(rt, address, warm.before, 2000);
        for (let round = 0; round < ROUNDS; round++) {
            const { before } = await proc.ask({ cmd: 'fill', count: backlog });
            // Alternate which goes first so drift hits both alike.
            if (round % 2 === 0) {
                ours.push(await drainOurs(rt, address, before, backlog));
                raw.push(await drainRaw(rt, address, before, backlog));
            } else {
                raw.push(await drainRaw(rt, address, before, backlog));
                ours.push(await drainOurs(rt, address, before, backlog));
            }
            ctx.log(
                `  round ${round + 1}: ours ${ours.at(-1).seconds.toFixed(3)} s, raw ${raw.at(-1).seconds.toFixed(3)} s for ${backlog} events`
            );
        }
        const oursRate = median(ours.map((r) => backlog / r.seconds));
        const rawRate = median(raw.map((r) => backlog / r.seconds));
        const failures = ours.reduce((n, r) => n + r.failures, 0);

        ctx.log(`  paced latency: ${paced} events ${PACE_MS} ms apart, each way`);
        const latOurs = await pacedLatency(rt, server, 'ours', paced);
        const latRaw = await pacedLatency(rt, server, 'raw', paced);
        const decode = decodeOnly(require, ctx.quick ? 20_000 : 200_000);
        const ms = (ns) => ns / 1e6;
        const section = `${backlog} mixed CDC events (PSR create/update, AgentWork, presence), batch 100`;
        return {
            rows: [
                {
                    section,
                    metric: 'ours: events/s (decode + deliver)',
                    value: oursRate,
                    unit: 'ev/s',
                    note: `median of ${ROUNDS}; ${failures} failures`
                },
                { section, metric: 'ours: per event (wall / events)', value: 1e6 / oursRate, unit: 'µs' },
                {
                    section: 'baseline: bare gRPC receipt, no Avro decode',
                    metric: 'raw: events/s',
                    value: rawRate,
                    unit: 'ev/s',
                    note: `median of ${ROUNDS}`
                },
                {
                    section: 'baseline: bare gRPC receipt, no Avro decode',
                    metric: 'RATIO raw/ours (events/s)',
                    value: rawRate / oursRate,
                    unit: 'x',
                    note: 'the price of decoding and sequential delivery'
                },
                {
                    section: `latency, publish -> handler (${paced} events, ${PACE_MS} ms apart)`,
                    metric: 'ours p50',
                    value: ms(latOurs.p50),
                    unit: 'ms'
                },
                {
                    section: `latency, publish -> handler (${paced} events, ${PACE_MS} ms apart)`,
                    metric: 'ours p99',
                    value: ms(latOurs.p99),
                    unit: 'ms',
                    note: `max ${ms(latOurs.max).toFixed(2)} ms; lost ${latOurs.lost}`
                },
                {
                    section: `latency, publish -> handler (${paced} events, ${PACE_MS} ms apart)`,
                    metric: 'raw p50',
                    value: ms(latRaw.p50),
                    unit: 'ms'
                },
                {
                    section: `latency, publish -> handler (${paced} events, ${PACE_MS} ms apart)`,
                    metric: 'raw p99',
                    value: ms(latRaw.p99),
                    unit: 'ms',
                    note: `max ${ms(latRaw.max).toFixed(2)} ms; lost ${latRaw.lost}`
                },
                {
                    section: 'decode alone (PSR update, 4 bitmap fields), in process',
                    metric: 'decodeChangeEvent per event',
                    value: decode.oursNs / 1000,
                    unit: 'µs',
                    note: 'Avro + unions + bitmaps + RoutingChange'
                },
                {
                    section: 'decode alone (PSR update, 4 bitmap fields), in process',
                    metric: 'avsc fromBuffer alone per event',
                    value: decode.avscNs / 1000,
                    unit: 'µs'
                },
                {
                    section: 'goals',
                    metric: 'ours events/s',
                    value: oursRate,
                    unit: 'ev/s',
                    goal: `>= ${GOAL_EVENTS_PER_SEC}`,
                    status: check(oursRate, '>=', GOAL_EVENTS_PER_SEC),
                    note: 'CDC allows at most 50,000 events a day'
                },
                {
                    section: 'goals',
                    metric: 'ours p99 latency',
                    value: ms(latOurs.p99),
                    unit: 'ms',
                    goal: `<= ${GOAL_P99_MS} ms`,
                    status: check(ms(latOurs.p99), '<=', GOAL_P99_MS)
                },
                {
                    section: 'goals',
                    metric: 'nothing lost or failed',
                    value: failures + latOurs.lost,
                    unit: '',
                    goal: '<= 0',
                    status: check(failures + latOurs.lost, '<=', 0)
                }
            ],
            data: { ours, raw, latOurs, latRaw, decode }
        };
    } finally {
        proc.child.send({ cmd: 'close' });
    }
}
