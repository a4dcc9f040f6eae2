/**
 * Suite: where the bridge pipeline's time per event goes (informational, no goals).
 *
 * Runs the same stream through growing slices of the pipeline, so each difference is the
 * cost of one part, without needing a profiler:
 *   parse only            parseOmniEvent (the edge)
 *   reduce only           reduceEvent on pre-parsed events (snapshot update)
 *   engine, no channel    handleRawEvent with publish a no-op (parse + reduce + work times + envelope)
 *   + message service     the engine publishing on a channel only it hears
 *   + 10 clients          the full pipeline of suite 10 (clone:false)
 * and, for the clone:true figure, structuredClone of one event envelope vs. of raw params.
 *
 * The stages are set up side by side and measured in interleaved rounds (A B C D E, A B C
 * D E, ...), so GC and machine drift spread over all of them; medians are reported. The
 * workload allocates a lot, so single stages still move ~10-20% between runs: read the
 * derived parts as approximate, and confirm a suspected hot spot with `node --cpu-prof`.
 */
import { loadOmniRuntime, createBridge, fakeToolkit, settle } from '../lib/omniRuntime.mjs';
import { omniEventStream } from '../lib/omniStream.mjs';
import { median } from '../lib/stats.mjs';

export const title = 'Bridge pipeline breakdown (clone:false, sync; informational)';

const SUBSCRIBERS = 10;

async function startedBridge(rt, options) {
    const bridge = createBridge(rt, options);
    bridge.engine.start();
    bridge.engine.attachToolkit(fakeToolkit);
    await settle();
    return bridge.engine;
}

const feed = (engine) => (list) => {
    for (let i = 0; i < list.length; i++) engine.handleRawEvent(list[i].name, list[i].params);
};

export async function run(ctx) {
    const rt = await loadOmniRuntime(ctx);
    const rounds = ctx.quick ? 2 : 5;
    const warmupItems = ctx.quick ? 1 : 600000; // see suite 10 for why this many
    const { events } = omniEventStream({ events: ctx.quick ? 20000 : 200000 });
    ctx.log('pipeline breakdown');
    rt.lms.resetMessageService();
    rt.lms.configureMessageService({ delivery: 'sync', clone: false });

    const parsed = events.map((e) => rt.parseOmniEvent(e.name, e.params).value);
    const engineNoop = await startedBridge(rt, { publish: () => {} });
    const engineSelf = await startedBridge(rt, { channel: 'bench.selfOnly' });
    for (let i = 0; i < SUBSCRIBERS; i++) rt.createOmniClientOn(rt.messageServiceTransport()).onAny(() => {});
    const engineFull = await startedBridge(rt, {});

    const stages = [
        {
            key: 'parse',
            label: 'parse only (parseOmniEvent)',
            items: events,
            loop(list) {
                for (let i = 0; i < list.length; i++) rt.parseOmniEvent(list[i].name, list[i].params);
            }
        },
        {
            key: 'reduce',
            label: 'reduce only (reduceEvent)',
            items: parsed,
            loop(list) {
                let s = rt.initialSnapshot(0);
                for (let i = 0; i < list.length; i++) s = rt.reduceEvent(s, list[i], i);
            }
        },
        { key: 'engineOnly', label: 'engine, publish no-op', items: events, loop: feed(engineNoop) },
        { key: 'withChannel', label: 'engine + message service (bridge hears itself)', items: events, loop: feed(engineSelf) },
        { key: 'full', label: `engine + message service + ${SUBSCRIBERS} clients (full)`, items: events, loop: feed(engineFull) }
    ];
    for (const stage of stages) {
        const started = performance.now();
        for (let done = 0; done < warmupItems && performance.now() - started < 3000; done += stage.items.length) stage.loop(stage.items);
        stage.samples = [];
    }
    for (let r = 0; r < rounds; r++) {
        for (const stage of stages) {
            const t0 = process.hrtime.bigint();
            stage.loop(stage.items);
            stage.samples.push(Number(process.hrtime.bigint() - t0) / stage.items.length);
        }
    }
    const ns = Object.fromEntries(stages.map((s) => [s.key, median(s.samples)]));

    // What one structured clone costs: the event envelope (event + whole snapshot) vs. raw params.
    const sample = events.slice(0, Math.min(events.length, 50000));
    const envelopes = [];
    const recorder = await startedBridge(rt, { publish: (m) => envelopes.push(m) });
    envelopes.length = 0;
    for (const e of sample) recorder.handleRawEvent(e.name, e.params);
    const cloneNs = (list) => {
        const results = [];
        for (let r = 0; r < Math.max(3, rounds); r++) {
            const t0 = process.hrtime.bigint();
            for (let i = 0; i < list.length; i++) structuredClone(list[i]);
            results.push(Number(process.hrtime.bigint() - t0) / list.length);
        }
        return median(results);
    };
    const cloneEnvelope = cloneNs(envelopes);
    const cloneParams = cloneNs(sample.map((e) => e.params));
    rt.lms.resetMessageService();

    const share = (v) => `~${((100 * v) / ns.full).toFixed(0)}% of full`;
    const row = (section, metric, value, note) => ({ section, metric, value, unit: 'ns/event', note });
    const S = `stages (median of ${rounds} interleaved rounds)`;
    const D = 'derived cost per part (differences of stages; approximate)';
    const C = 'structured clone (what clone:true adds per publish)';
    const engineRest = ns.engineOnly - ns.parse - ns.reduce;
    const selfDelivery = ns.withChannel - ns.engineOnly;
    const clients = ns.full - ns.withChannel;
    return {
        rows: [
            ...stages.map((s) =>
                row(S, s.label, ns[s.key], `rounds ${Math.round(Math.min(...s.samples))}..${Math.round(Math.max(...s.samples))}`)
            ),
            row(D, 'parse + reduce', ns.parse + ns.reduce, share(ns.parse + ns.reduce)),
            row(D, 'engine rest: work times, id map, envelope, leader check', engineRest, share(engineRest)),
            row(D, 'publish + bridge handleMessage of its own event', selfDelivery, share(selfDelivery)),
            row(
                D,
                `${SUBSCRIBERS} clients receiving (parseEnvelope + dispatch)`,
                clients,
                `${share(clients)}; ${(clients / SUBSCRIBERS).toFixed(0)} ns per client`
            ),
            row(C, 'structuredClone(event envelope)', cloneEnvelope),
            row(C, 'structuredClone(raw params)', cloneParams)
        ],
        data: { rounds, stages: stages.map((s) => ({ key: s.key, label: s.label, samples: s.samples })), ns, cloneEnvelope, cloneParams }
    };
}
