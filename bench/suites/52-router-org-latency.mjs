/**
 * Suite: the external router at an org's latency (issue 12). The local REST server delays
 * every answer (queries, inserts) by 100 ms, a round trip to an org; events come over the
 * fake Pub/Sub API (CDC, PendingServiceRouting channel). Same run, same world:
 *
 * 1. Sequential (concurrency 1: each PSR re-read, then inserted, before the next) against
 *    pipelined (concurrency 64: re-reads batched into one IN query, inserts into sObject
 *    Collections calls, capacity reserved before each insert): a burst of PSRs with free
 *    agents; PSR/s, first assignment p50/p99 (PSR created -> AgentWork inserted), and REST
 *    calls spent per routed PSR (every call counts against the org's daily API limit).
 *    The sequential burst is smaller (at ~5 PSR/s a burst of 300 would take a minute).
 * 2. Pipelined, sustained: PSRs created at a steady 200/s for 10 s; the rate routed (it
 *    keeps up when it equals the creation rate) and the latency at that load.
 * 3. Faults, pipelined, same burst: a PSR without ServiceChannelId first in the burst; three
 *    503s on inserts and four 500s on the PSR re-read during the burst.
 *
 * Goals (issue 12): >= 100 PSR/s sustained pipelined, >= 20x sequential, first assignment
 * p99 < 2 s for a burst of 300 with free agents, <= 0.5 REST calls per routed PSR at peak.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from '../lib/bundle.mjs';
import { check, latencySummary } from '../lib/stats.mjs';

export const title = 'External router at org latency (REST answers +100 ms): sequential vs pipelined, faults';

const DELAY_MS = 100;
const CHANNEL = '0N9BN0000000001';
const STATUS = '0N5BN0000000001';
const id = (prefix, n) => `${prefix}BN${String(n).padStart(10, '0')}`;

async function world(router, ctx, name, concurrency) {
    const { OrgHttpServer, FakeApiError } = router.orgHttp;
    const { FakeOmniOrg } = router.fakeOrg;
    const { CdcPublisher } = router.publishers;
    const { FakePubSubServer } = router.pubsub;
    const ref = {};
    const isTokenValid = (t) => ref.http.isTokenValid(t);
    const pubsub = await FakePubSubServer.start({ isTokenValid, keepaliveMs: 60_000 });
    const org = new FakeOmniOrg(new CdcPublisher(pubsub));
    org.publishWorkAndPresence = false;
    const http = (ref.http = await OrgHttpServer.start({ backend: org, clientId: 'bench', clientSecret: 'bench-secret-value' }));
    org.addStatus(STATUS, [CHANNEL]);
    // 100 agents x 40 = 4,000 free slots: every PSR of the runs below finds room.
    for (let i = 0; i < 100; i++) org.login(id('005', i), STATUS, 40);
    const created = new Map();
    const latencies = [];
    let inserted = 0;
    const insert = org.insert.bind(org);
    org.insert = (object, fields) => {
        const result = insert(object, fields);
        const t0 = created.get(fields.PendingServiceRoutingId);
        if (t0 !== undefined) latencies.push(Number(process.hrtime.bigint() - t0));
        inserted++;
        return result;
    };
    const app = await router.app.createRouterApp(
        {
            auth: { flow: 'client_credentials', loginUrl: http.url, clientId: 'bench', clientSecret: 'bench-secret-value' },
            transport: { kind: 'pubsub', endpoint: pubsub.address, topicName: '/data/PendingServiceRoutingChangeEvent', tls: false },
            strategy: 'most-available',
            storePath: path.join(ctx.tmpDir, `router-latency-${name}.log`),
            logLevel: 'info',
            apiVersion: '64.0',
            firstStart: 'latest',
            backoff: { baseMs: 100, maxMs: 1000 },
            limitBackoff: { baseMs: 1000, maxMs: 5000 },
            restRetry: { attempts: 5, baseMs: 50, maxMs: 400 },
            concurrency
        },
        router.log.createLogger({ level: 'error', sink: () => undefined })
    );
    const running = app.run();
    const until = async (cond, limitMs = 600_000) => {
        const end = Date.now() + limitMs;
        while (!cond()) {
            if (Date.now() > end) throw new Error(`bench ${name}: timed out`);
            await new Promise((r) => setTimeout(r, 2));
        }
    };
    // Started: the seed's four queries (status channels, presences, open work, waiting PSRs) answered.
    await until(() => http.stats.queries >= 4);
    await new Promise((r) => setTimeout(r, 300));
    http.responseDelayMs = DELAY_MS;
    const calls = () => http.stats.queries + http.stats.insertCalls;

    /** `count` PSRs created at once (or `perSecond` apart); waits until `expected` are routed. */
    async function burst(count, { perSecond = 0, expected = count, before } = {}) {
        latencies.length = 0;
        const start = process.hrtime.bigint();
        const callsBefore = calls();
        const target = inserted + expected;
        before?.();
        // At a rate: a tick every 10 ms creates what the rate owes by then (timers are coarse).
        for (let i = 0; i < count;) {
            const owed =
                perSecond > 0 ? Math.min(count, Math.floor((Number(process.hrtime.bigint() - start) / 1e9) * perSecond) + 1) : count;
            for (; i < owed; i++) {
                const psrId = org.createPsr({ channelId: CHANNEL });
                created.set(psrId, process.hrtime.bigint());
            }
            if (i < count) await new Promise((r) => setTimeout(r, 10));
        }
        await until(() => inserted >= target);
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        // Let the last answers and checkpoints land before the next measurement.
        await new Promise((r) => setTimeout(r, 3 * DELAY_MS));
        return {
            count: expected,
            perSecond: expected / seconds,
            latency: latencySummary([...latencies]),
            callsPerPsr: (calls() - callsBefore) / expected
        };
    }
    return {
        burst,
        org,
        http,
        FakeApiError,
        app,
        async close() {
            await app.stop();
            await running;
            org.dispose();
            await pubsub.close();
            await http.close();
        }
    };
}

export async function run(ctx) {
    ctx.log('router: npm run router:build');
    const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'router:build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`router:build failed:\n${build.stdout}\n${build.stderr}`);
    const require = createRequire(import.meta.url);
    const load = (p) => require(path.join(ROOT, 'router/dist/src', p));
    const router = {
        orgHttp: load('local/orgHttpServer.js'),
        fakeOrg: load('local/fakeOmniOrg.js'),
        publishers: load('local/publishers.js'),
        pubsub: load('local/pubsub/fakePubSubServer.js'),
        app: load('app.js'),
        log: load('log.js')
    };
    const BURST = ctx.quick ? 100 : 300;
    const SEQ_BURST = ctx.quick ? 10 : 40;

    ctx.log(`router at +${DELAY_MS} ms: sequential burst of ${SEQ_BURST}`);
    const seqWorld = await world(router, ctx, 'sequential', 1);
    const sequential = await seqWorld.burst(SEQ_BURST);
    await seqWorld.close();

    ctx.log(`router at +${DELAY_MS} ms: pipelined burst of ${BURST}, sustained, faults`);
    const w = await world(router, ctx, 'pipelined', 64);
    await w.burst(20); // warm-up
    const pipelined = await w.burst(BURST);
    const SUSTAIN = ctx.quick ? 400 : 2000;
    const RATE = 200;
    const sustained = await w.burst(SUSTAIN, { perSecond: RATE });
    const poisoned = await w.burst(BURST, {
        expected: BURST,
        before: () => w.org.createPsr({ channelId: CHANNEL, raw: { ServiceChannelId: null } })
    });
    const faulty = await w.burst(BURST, {
        before: () => {
            for (let i = 0; i < 3; i++) w.http.insertFailures.push(new w.FakeApiError(503, 'SERVER_UNAVAILABLE', 'try later'));
            for (let i = 0; i < 4; i++)
                w.http.queryFailures.push({
                    error: new w.FakeApiError(500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred'),
                    match: /FROM PendingServiceRouting WHERE Id/
                });
        }
    });
    const restarts = w.app.service.stats.restarts;
    const unroutable = w.app.unroutable.size;
    await w.close();

    const ratio = pipelined.perSecond / sequential.perSecond;
    const rows = (section, f, note) => [
        { section, metric: 'PSR -> AgentWork throughput', value: f.perSecond, unit: 'PSR/s', note },
        { section, metric: 'first assignment p50', value: f.latency.p50 / 1e6, unit: 'ms' },
        { section, metric: 'first assignment p99', value: f.latency.p99 / 1e6, unit: 'ms' },
        { section, metric: 'REST calls per routed PSR', value: f.callsPerPsr, unit: 'calls' }
    ];
    return {
        rows: [
            ...rows(`sequential (concurrency 1), burst of ${SEQ_BURST}`, sequential, 'each PSR: re-read, then insert, in series'),
            ...rows(`pipelined (concurrency 64), burst of ${BURST}`, pipelined, 're-reads and inserts batched'),
            ...rows(`pipelined, sustained: ${SUSTAIN} PSRs created at ${RATE}/s`, sustained),
            ...rows(`pipelined, burst of ${BURST} behind a PSR without ServiceChannelId`, poisoned, `set aside: ${unroutable}`),
            ...rows(
                `pipelined, burst of ${BURST} with 3 insert 503s and 4 re-read 500s`,
                faulty,
                `subscription restarts in the whole run: ${restarts}`
            ),
            {
                section: 'goals',
                metric: 'pipelined sustained',
                value: sustained.perSecond,
                unit: 'PSR/s',
                goal: '>= 100',
                status: check(sustained.perSecond, '>=', 100)
            },
            {
                section: 'goals',
                metric: 'pipelined / sequential (burst PSR/s)',
                value: ratio,
                unit: 'x',
                goal: '>= 20',
                status: check(ratio, '>=', 20)
            },
            {
                section: 'goals',
                metric: `first assignment p99, burst of ${BURST}`,
                value: pipelined.latency.p99 / 1e6,
                unit: 'ms',
                goal: '< 2000',
                status: check(pipelined.latency.p99 / 1e6, '<=', 2000)
            },
            {
                section: 'goals',
                metric: 'REST calls per routed PSR (burst)',
                value: pipelined.callsPerPsr,
                unit: 'calls',
                goal: '<= 0.5',
                status: check(pipelined.callsPerPsr, '<=', 0.5)
            }
        ],
        data: { sequential, pipelined, sustained, poisoned, faulty, restarts, unroutable }
    };
}
