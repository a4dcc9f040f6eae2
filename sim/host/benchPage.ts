/**
 * The page bench/suites/30-panel-render.mjs drives: the real omniBridgeCore and
 * omniWorkloadPanel (production build, synthetic shadow, SLDS) at utility-panel size, set
 * up with ?works=<n> works through the bridge with raw toolkit events, and two baselines
 * beside them. Measuring happens in the page (performance.now()); the suite only asks.
 *
 * One measurement: t0, apply one change, then check the DOM after every microtask turn
 * (LWC re-renders in a microtask) and, should that not be enough, after every task; the
 * time is taken when the check first sees the change. Between measurements the page gets
 * a frame and a task, so each change starts from a settled page.
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import { createOmniClient } from 'c/omniClient';
import { resetUtilityBar } from '../../platform/lightning/platformUtilityBarApi/platformUtilityBarApi';
import { recordApexCalls, setApexLatency } from '../fakes/apexMethod';
import { SUPERVISOR_ID, demoCase, demoWorkId } from '../fakes/demoData';
import BenchProbe from '../lwc/benchProbe/benchProbe';
import { mountPreview } from './preview';

type Kind = 'workload' | 'flag' | 'assign';
interface Sample {
    /** handleOmniEvent (or the baseline's change) until the DOM shows it, ms. */
    total: number;
    /** handleOmniEvent until an omniClient's onSnapshot got the new snapshot, ms (events only). */
    delivered: number | null;
    /** Microtask turns the check needed (-1: it needed tasks). */
    turns: number;
}

const params = new URLSearchParams(location.search);
const WORKS = Number(params.get('works') ?? 20);
const CAPACITY = WORKS + 10;

setApexLatency(0);
recordApexCalls(false);
const byId = (id: string) => document.getElementById(id)!;
const { bridge, panel } = mountPreview({
    bridgeHost: byId('bridge-host'),
    panelHost: byId('bench-panel'),
    initialWorks: 0,
    capacity: CAPACITY,
    recordEvents: false
});
const raw = (eventName: string, rawParams: Record<string, unknown>) => bridge.handleOmniEvent(eventName, rawParams);

// A second client, as any other LWC on the page: it stamps when the snapshot reached clients.
let deliveredAt = 0;
createOmniClient().onSnapshot(() => {
    deliveredAt = performance.now();
});

// Baselines: the smallest LWC re-render (one @api value, one text node) and a hand-written
// DOM update of one text node (the floor of this way of measuring).
const probe = createElement('sim-bench-probe', { is: BenchProbe }) as HTMLElement & { value: string };
byId('bench-baseline-lwc').appendChild(probe);
const textNode = document.createTextNode('');
byId('bench-baseline-dom').appendChild(document.createElement('p')).appendChild(textNode);

const root = (el: Element | null | undefined) => (el as HTMLElement | null)?.shadowRoot ?? null;
const panelRoot = () => root(panel)!;
const rows = () => panelRoot().querySelectorAll('c-omni-work-row');
const rowOf = (workId: string) => panelRoot().querySelector(`c-omni-work-row[data-work-id="${workId}"]`);
const usedText = () => root(panelRoot().querySelector('c-omni-capacity-gauge'))?.querySelector('[data-id="used"]')?.textContent ?? '';
const flagText = (workId: string) => root(rowOf(workId))?.querySelector('[data-id="flag"]')?.textContent?.trim() ?? '';
const settled = () => [...rows()].every((r) => root(r)?.querySelector('[data-id="title"]')?.textContent !== 'Loading details...');

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function until(check: () => boolean, what: string, timeoutMs = 10000): Promise<void> {
    const end = performance.now() + timeoutMs;
    while (!check()) {
        if (performance.now() > end) throw new Error(`bench page: timed out waiting for ${what}`);
        await nextFrame();
    }
}

/** Times one change: apply(), then check after each microtask turn, then after each task. */
async function timeUntil(apply: () => void, done: () => boolean): Promise<Sample> {
    deliveredAt = 0;
    const t0 = performance.now();
    apply();
    let turns = 0;
    for (; turns < 200 && !done(); turns++) await Promise.resolve();
    if (!done()) {
        turns = -1;
        while (!done()) {
            if (performance.now() - t0 > 10000) throw new Error('bench page: the change never showed');
            await nextTask();
        }
    }
    const t1 = performance.now();
    return { total: t1 - t0, delivered: deliveredAt ? deliveredAt - t0 : null, turns };
}

// ----- works, set up through the bridge with raw events (as the Aura bridge forwards them)

let workload = 0;
let nextCase = 1;
const open: string[] = [];

function workloadTo(value: number): void {
    raw('omniChannelWorkloadChanged', {
        configuredCapacity: String(CAPACITY),
        previousWorkload: String(workload),
        newWorkload: String(value),
        configuredInterruptibleCapacity: '2',
        previousInterruptibleWorkload: '0',
        newInterruptibleWorkload: '0'
    });
    workload = value;
}

function assign(): { workId: string; workItemId: string } {
    const n = nextCase++;
    const work = { workId: demoWorkId(n), workItemId: demoCase(n).caseId };
    raw('omniChannelWorkAssigned', work);
    return work;
}

async function setup(): Promise<void> {
    await until(() => panelRoot()?.querySelector('[data-id="works-heading"]') !== null, 'the panel');
    for (let i = 0; i < WORKS; i++) {
        const work = assign();
        open.push(work.workId);
        // All but the last two accepted: a busy rep with two offers waiting.
        if (i < WORKS - 2) raw('omniChannelWorkAccepted', work);
    }
    workloadTo(WORKS);
    await until(() => rows().length === WORKS && settled(), `${WORKS} rows with their titles`);
}

// ----- the changes measured

const id18 = (workId15: string) =>
    rows()[0] && [...rows()].map((r) => r.getAttribute('data-work-id')!).find((id) => id.startsWith(workId15));
let flagged = false;

function change(kind: Kind): { apply(): void; done(): boolean; after?(): Promise<void> } {
    if (kind === 'workload') {
        const target = workload === WORKS ? WORKS - 1 : WORKS;
        const expected = `${target} of ${CAPACITY} used`;
        return { apply: () => workloadTo(target), done: () => usedText() === expected };
    }
    if (kind === 'flag') {
        const workId15 = open[Math.floor(open.length / 2)];
        const workId = id18(workId15)!;
        flagged = !flagged;
        const before = flagText(workId);
        const isFlagged = flagged;
        return {
            apply: () =>
                raw('omniChannelWorkFlagUpdated', {
                    workId: workId15,
                    isFlagged,
                    message: isFlagged ? 'Customer asked for a manager' : '',
                    roleUpdatedBy: 'SUPERVISOR',
                    updatedBy: SUPERVISOR_ID
                }),
            done: () => flagText(workId) !== before
        };
    }
    // A new offer: from the event until its row is in the panel. Then it is declined
    // (not timed) and the page settles (the row's Apex summary, the decline), so the
    // panel is back to WORKS works.
    let work: { workId: string; workItemId: string } | null = null;
    const count = rows().length;
    return {
        apply: () => (work = assign()),
        done: () => rows().length === count + 1,
        after: async () => {
            await until(settled, 'the new row title');
            raw('omniChannelWorkDeclined', work!);
            await until(() => rows().length === count, 'the declined row to go');
        }
    };
}

async function measure(kind: Kind | 'baseline-lwc' | 'baseline-dom', count: number, warmup = 10): Promise<Sample[]> {
    const samples: Sample[] = [];
    for (let i = 0; i < warmup + count; i++) {
        let sample: Sample;
        let after: (() => Promise<void>) | undefined;
        if (kind === 'baseline-lwc') {
            const value = `v${i}`;
            const el = () => root(probe)?.querySelector('[data-id="value"]');
            sample = await timeUntil(
                () => (probe.value = value),
                () => el()?.textContent === value
            );
        } else if (kind === 'baseline-dom') {
            const value = `v${i}`;
            sample = await timeUntil(
                () => (textNode.data = value),
                () => textNode.data === value
            );
            sample.delivered = null;
        } else {
            const c = change(kind);
            sample = await timeUntil(c.apply, c.done);
            after = c.after;
        }
        if (kind.startsWith('baseline')) sample.delivered = null;
        if (i >= warmup) samples.push(sample);
        await after?.();
        await nextFrame();
    }
    return samples;
}

/**
 * `count` events through the panel, as a day of Omni would send them: per cycle of five, a
 * new offer, the workload going up, a supervisor flag toggled on an open work, the offer
 * declined, the workload going down. Each event is rendered (microtask turns) before the
 * next; every 20 events the page gets a task (timers, the Apex answers).
 */
async function churn(count: number): Promise<{ events: number; rows: number }> {
    let pending: { workId: string; workItemId: string } | null = null;
    for (let i = 0; i < count; i++) {
        switch (i % 5) {
            case 0:
                pending = assign();
                break;
            case 1:
                workloadTo(WORKS + 1);
                break;
            case 2:
                change('flag').apply();
                break;
            case 3:
                raw('omniChannelWorkDeclined', pending!);
                break;
            default:
                workloadTo(WORKS);
        }
        for (let t = 0; t < 3; t++) await Promise.resolve();
        if (i % 20 === 19) await nextTask();
    }
    await until(() => rows().length === WORKS && settled(), 'the panel to settle after the churn');
    // Drop what the local utility bar stand-in records about every update (no such list in
    // an org), so the heap figure is the kit's and the page's, not the recorder's.
    resetUtilityBar();
    return { events: count, rows: rows().length };
}

const ready = setup();
Object.assign(window, {
    omniBench: {
        works: WORKS,
        ready: ready.then(() => true),
        measure,
        churn,
        resetUtilityBar,
        rowCount: () => rows().length
    }
});
