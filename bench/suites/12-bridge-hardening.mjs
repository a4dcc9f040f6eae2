/**
 * Suite: the bridge against hostile input, and its memory over a long shift (issue 11).
 *
 * Fuzz: the four families of omniBridgeCore/__tests__/fuzzKit.ts (the same code jest runs,
 * with far more cases): mutated params of all ten events, hostile seed answers, hostile
 * command results and rejections, hostile channel messages into the engine and a client.
 * Reported: inputs, violations (goal 0; the first failing seed replays with
 * `OMNI_FUZZ_SEED=<seed> npx sfdx-lwc-jest -- fuzz`), and per event the p99 time of
 * handleRawEvent for mutated params against the same event's valid params in the same run
 * (the baseline): refusing a bad payload should cost no more than applying a good one.
 *
 * Heap: 100,000 realistic events on one bridge (leading, toolkit attached, work times in a
 * storage stand-in): works come and go by close, decline AND logout, flags arrive for works
 * the bridge never saw, ids come in 15- and 18-character forms in any case, and every 500
 * events a re-seed answers with a getAgentWorks list that drops some works. Used heap after
 * full collections, after a 20,000-event warm-up and every 10,000 events; goal: flat, under
 * 1 MB growth. Baseline in the same run: the same events through parseOmniEvent alone (what
 * the measurement itself moves). Also reported: what the bridge holds per work at the end
 * (toolkit id forms, work times in memory and in storage) and the id cache's size.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { bundleAndImport, lwcPath } from '../lib/bundle.mjs';
import { latencySummary, percentile } from '../lib/stats.mjs';

export const title = 'Bridge hardening: fuzz of every entry point, heap over a shift';

const GOAL_HEAP_MB = 1;
const FUZZ_BASE_SEED = 11_2026;

const ENTRY = `
export * from ${JSON.stringify(lwcPath('omniBridgeCore', '__tests__/fuzzKit.ts'))};
export { OmniBridgeEngine } from ${JSON.stringify(lwcPath('omniBridgeCore', 'bridgeEngine.ts'))};
export { storageWorkTimes } from ${JSON.stringify(lwcPath('omniBridgeCore', 'workTimes.ts'))};
export { parseOmniEvent, toId18 } from 'c/omniTypes';
import * as types from 'c/omniTypes';
export const idCacheStats = types.idCacheStats;
`;

/** A full collection, with or without --expose-gc. */
function collector() {
    if (typeof globalThis.gc === 'function') return globalThis.gc;
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc');
}

function usedHeapMb(gc) {
    for (let i = 0; i < 5; i++) gc();
    return process.memoryUsage().heapUsed / 1048576;
}

// ---------------------------------------------------------------- fuzz

async function fuzz(rt, ctx) {
    // Cases per family, so that each family feeds about 24,000 inputs (2,400 in --quick).
    const inputs = ctx.quick ? 2400 : 24000;
    const rows = [];
    const data = {};
    const section = 'fuzz (inputs per family as the outside campaign ran them)';
    for (const family of rt.FAMILIES) {
        const cases = Math.ceil(inputs / rt.INPUTS_PER_CASE[family]);
        const started = performance.now();
        const run = await rt.runFamily(family, cases, FUZZ_BASE_SEED);
        const seconds = (performance.now() - started) / 1000;
        const first = run.failures[0];
        ctx.log(`fuzz ${family}: ${run.inputs} inputs, ${run.failures.length} failing cases, ${seconds.toFixed(1)} s`);
        rows.push({ section, metric: `${family}: inputs`, value: run.inputs, note: `${cases} cases in ${seconds.toFixed(1)} s` });
        rows.push({
            section,
            metric: `${family}: cases with a violation`,
            value: run.failures.length,
            goal: '0',
            status: run.failures.length === 0 ? 'PASS' : 'MISS',
            note: first ? `OMNI_FUZZ_SEED=${first.seed}: ${first.violations[0]}` : ''
        });
        data[family] = { cases, inputs: run.inputs, seconds, failures: run.failures.slice(0, 20) };
        if (family === 'events') rows.push(...eventTimingRows(run.timings, data));
    }
    return { rows, data };
}

function eventTimingRows(timings, data) {
    const section = 'fuzz: handleRawEvent p99 per event, mutated params vs valid ones (baseline, same run)';
    const byEvent = new Map();
    for (const t of timings) {
        const entry = byEvent.get(t.event) ?? { hostile: [], valid: [] };
        entry[t.hostile ? 'hostile' : 'valid'].push(t.ms * 1e6);
        byEvent.set(t.event, entry);
    }
    const rows = [];
    data.timings = {};
    for (const [event, { hostile, valid }] of [...byEvent].sort()) {
        const h = latencySummary(hostile);
        const v = latencySummary(valid);
        data.timings[event] = { hostile: h, valid: v };
        rows.push({
            section,
            metric: event.replace('omniChannel', ''),
            value: h.p99 / 1000,
            unit: 'us',
            note: `valid ${(v.p99 / 1000).toFixed(1)} us (ratio ${(h.p99 / v.p99).toFixed(2)}x); samples ${h.samples}/${v.samples}`
        });
    }
    const all = timings.map((t) => t.ms * 1e6).sort((a, b) => a - b);
    rows.push({
        section,
        metric: 'all events, max',
        value: all[all.length - 1] / 1000,
        unit: 'us',
        note: `p99 ${(percentile(all, 99) / 1000).toFixed(1)} us`
    });
    return rows;
}

// ---------------------------------------------------------------- a shift of realistic events

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function id15(prefix, n) {
    let body = '';
    let v = n * 7919 + 104729;
    for (let i = 0; i < 10; i++) {
        body = B62[v % 62] + body;
        v = Math.floor(v / 62);
    }
    return `${prefix}RM${body}`;
}

/**
 * Deterministic event source: up to five open works; each new work is assigned, then with
 * equal odds declined, or accepted and later closed, or left open until a logout (which
 * takes back the assigned ones; the accepted ones close later). Ids alternate between the
 * 15-character form and the 18-character one in lower case. A flag for a work never
 * assigned comes every 97 events; a login follows each logout.
 */
function shift(rt) {
    let n = 0;
    let step = 0;
    const open = [];
    const form = (id) => (n % 2 === 0 ? id : rt.toId18(id).toLowerCase());
    const work = (w) => ({ workId: form(w.workId), workItemId: form(w.workItemId) });
    return {
        open,
        next() {
            step++;
            if (step % 97 === 0)
                return [
                    'omniChannelWorkFlagUpdated',
                    { workId: id15('0Bz', 9_000_000 + step), isFlagged: 'true', roleUpdatedBy: 'SUPERVISOR' }
                ];
            if (step % 211 === 0) {
                for (let i = open.length - 1; i >= 0; i--) if (open[i].state === 'assigned') open.splice(i, 1);
                return ['omniChannelLogout', { reason: 'MaintenanceLogout' }];
            }
            if (step % 211 === 1) return ['omniChannelLoginSuccess', { statusId: '0N5RM0000000001' }];
            if (step % 13 === 0)
                return ['omniChannelWorkloadChanged', { configuredCapacity: '5', previousWorkload: '1', newWorkload: String(open.length) }];
            const w = open.length > 0 ? open[step % open.length] : null;
            if (w === null || (open.length < 5 && step % 3 === 0)) {
                const fresh = { workId: id15('0Bz', n), workItemId: id15('500', n), state: 'assigned', fate: n % 3 };
                n++;
                open.push(fresh);
                return ['omniChannelWorkAssigned', work(fresh)];
            }
            if (w.state === 'assigned') {
                if (w.fate === 0) {
                    open.splice(open.indexOf(w), 1);
                    return ['omniChannelWorkDeclined', work(w)];
                }
                w.state = 'accepted';
                return ['omniChannelWorkAccepted', work(w)];
            }
            if (w.fate === 1) {
                open.splice(open.indexOf(w), 1);
                return ['omniChannelWorkClosed', work(w)];
            }
            return [
                'omniChannelWorkFlagUpdated',
                { workId: form(w.workId), isFlagged: step % 2 === 0 ? 'true' : 'false', roleUpdatedBy: 'AGENT' }
            ];
        }
    };
}

function memoryStorage() {
    const map = new Map();
    return {
        map,
        getItem: (key) => map.get(key) ?? null,
        setItem: (key, value) => void map.set(key, String(value)),
        removeItem: (key) => void map.delete(key),
        get length() {
            return map.size;
        },
        key: (i) => [...map.keys()][i] ?? null
    };
}

async function heap(rt, ctx) {
    const gc = collector();
    const warmup = ctx.quick ? 2000 : 20000;
    const measured = ctx.quick ? 10000 : 100000;
    const every = measured / 10;
    const storage = memoryStorage();
    const times = rt.storageWorkTimes(storage);
    const source = shift(rt);
    // The toolkit answers what Omni has: the works still open, minus one now and then (a re-seed drops it).
    let dropOne = false;
    const toolkit = (method) => {
        if (method === 'getAgentWorks') {
            const listed = source.open.filter((_, i) => !(dropOne && i === 0));
            if (dropOne && source.open.length > 0) source.open.shift();
            return Promise.resolve({
                works: JSON.stringify(
                    listed.map((w) => ({ workId: w.workId, workItemId: w.workItemId, isEngaged: w.state === 'accepted' }))
                )
            });
        }
        if (method === 'getServicePresenceStatusId')
            return Promise.resolve({ statusId: '0N5RM0000000001', statusName: 'Available', statusApiName: 'Available' });
        if (method === 'getServicePresenceStatusChannels') return Promise.resolve({ channels: '[]' });
        if (method === 'getAgentWorkload') return Promise.resolve({ configuredCapacity: '5', currentWorkload: '1' });
        return Promise.resolve(true);
    };
    const warnings = [];
    const engine = new rt.OmniBridgeEngine({
        publish: () => {},
        warn: (message) => warnings.push(message),
        workTimes: times,
        bridgeId: 'benchBridge',
        setTimer: () => 0,
        clearTimer: () => {}
    });
    engine.start();
    engine.attachToolkit(toolkit);
    await new Promise((resolve) => setImmediate(resolve));

    const events = [];
    const feedOurs = async (count) => {
        for (let i = 0; i < count; i++) {
            const [name, params] = source.next();
            engine.handleRawEvent(name, params);
            if (i % 500 === 499) {
                dropOne = true;
                await engine.seed();
                dropOne = false;
            }
        }
        await new Promise((resolve) => setImmediate(resolve));
    };
    // Baseline: the same kind of events through the parser alone (nothing is kept).
    const baselineSource = shift(rt);
    const feedBaseline = (count) => {
        for (let i = 0; i < count; i++) {
            const [name, params] = baselineSource.next();
            events.length = 0;
            events.push(rt.parseOmniEvent(name, params));
        }
    };

    await feedOurs(warmup);
    feedBaseline(warmup);
    const samples = { ours: [usedHeapMb(gc)], baseline: [] };
    for (let done = 0; done < measured; done += every) {
        await feedOurs(every);
        samples.ours.push(usedHeapMb(gc));
    }
    samples.baseline.push(usedHeapMb(gc));
    for (let done = 0; done < measured; done += every) {
        feedBaseline(every);
        samples.baseline.push(usedHeapMb(gc));
    }
    const growth = (list) => list[list.length - 1] - list[0];
    const max = (list) => Math.max(...list) - list[0];
    const ours = growth(samples.ours);
    const baseline = growth(samples.baseline);
    const held = {
        works: engine.snapshot.works.length,
        toolkitIds: engine.toolkitIds?.size ?? NaN,
        workTimesInMemory: times.size ?? NaN,
        workTimesInStorage: [...storage.map.keys()].filter((k) => k.startsWith('omniConsoleKit.workTimes.')).length,
        idCache: rt.idCacheStats?.().size ?? NaN
    };
    if (warnings.length > 0) throw new Error(`the shift's events were reported as bad: ${warnings[0]}`);
    const section = `heap after GC over ${measured.toLocaleString('en-US')} realistic events (after ${warmup.toLocaleString('en-US')} to warm up)`;
    const rows = [
        {
            section,
            metric: 'ours: used heap growth',
            value: ours,
            unit: 'MB',
            goal: `< ${GOAL_HEAP_MB} MB`,
            status: Math.abs(ours) < GOAL_HEAP_MB ? 'PASS' : 'MISS',
            note: `largest rise ${max(samples.ours).toFixed(2)} MB; readings ${samples.ours.map((v) => v.toFixed(2)).join(' ')}`
        },
        {
            section,
            metric: 'baseline (parser only, nothing kept): used heap growth',
            value: baseline,
            unit: 'MB',
            note: 'what the measurement itself moves'
        },
        {
            section,
            metric: 'held at the end: works / toolkit id forms / work times in memory / in storage',
            value: `${held.works} / ${held.toolkitIds} / ${held.workTimesInMemory} / ${held.workTimesInStorage}`,
            goal: 'none above works',
            // NaN (an older bridge without the counter) is not a pass.
            status: [held.toolkitIds, held.workTimesInMemory, held.workTimesInStorage].every((n) => n <= held.works) ? 'PASS' : 'MISS',
            note: `id cache ${held.idCache} entries`
        }
    ];
    return { rows, data: { samples, held, warmup, measured } };
}

/**
 * OMNI_HARDENING_PARTS=heap (or fuzz) runs one part alone: the heap part also runs against
 * an older checkout, whose bridge the fuzz would crash, to measure what this issue changed.
 */
export async function run(ctx) {
    const parts = (process.env.OMNI_HARDENING_PARTS ?? 'heap,fuzz').split(',');
    const rt = await bundleAndImport(ctx, { name: 'bridge-hardening', contents: ENTRY });
    const heapResult = parts.includes('heap') ? await heap(rt, ctx) : { rows: [], data: null };
    const fuzzResult = parts.includes('fuzz') ? await fuzz(rt, ctx) : { rows: [], data: null };
    return { rows: [...heapResult.rows, ...fuzzResult.rows], data: { heap: heapResult.data, fuzz: fuzzResult.data } };
}
