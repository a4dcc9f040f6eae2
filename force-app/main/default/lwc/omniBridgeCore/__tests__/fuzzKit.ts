/**
 * Seeded fuzzing of the bridge's public entry points (issue 11), shared by the jest suite
 * (`fuzz.test.ts`, a few thousand cases) and the benchmark (`bench/suites/12-bridge-hardening.mjs`,
 * many more). Four families, as the outside campaign ran them:
 *
 * - events: mutated params of all ten lightning:omniChannel* events (and valid ones, ids in
 *   every form) into `handleRawEvent`;
 * - seed: hostile toolkit answers to the four seed calls;
 * - command: hostile toolkit results and rejections for all twelve methods;
 * - envelope: hostile values in channel messages, into the engine and a client.
 *
 * Invariants checked after every case: nothing thrown and no unhandled rejection; each bad
 * input reported exactly once (a warning and an error message for events and seed answers,
 * one failed result for a command, at most one onError per channel message) and a good one
 * not at all; the snapshot deep-frozen, without holes, NaN, -0 or non-canonical ids, with
 * each work once; per-work state no larger than the snapshot's works.
 *
 * Every case has its own seed, printed with a failure: `OMNI_FUZZ_SEED=<seed>` replays it.
 * No jest or platform test imports here, so the benchmark can bundle it.
 */
/* eslint-disable no-await-in-loop -- each step of a case is awaited before the next, as Omni would deliver them */
import { OmniBridgeEngine } from '../bridgeEngine';
import { storageWorkTimes, type WorkTimesStore } from '../workTimes';
import { createOmniClientOn, type OmniTransport } from 'c/omniClient';
import {
    OmniPayloadError,
    OmniToolkitError,
    OMNI_METHODS,
    parseCommandResult,
    toId18,
    type Envelope,
    type OmniAgentSnapshot,
    type OmniMethod,
    type SalesforceId
} from 'c/omniTypes';

export type Family = 'events' | 'seed' | 'command' | 'envelope';
export const FAMILIES: readonly Family[] = ['events', 'seed', 'command', 'envelope'];

/** How many inputs one case feeds (a case stops early at its first violation). */
export const INPUTS_PER_CASE: Record<Family, number> = { events: 20, seed: 1, command: 4, envelope: 10 };

export interface Timing {
    event: string;
    hostile: boolean;
    ms: number;
}

export interface CaseResult {
    violations: string[];
    /** events family: the event name, whether its input was mutated, and how long handleRawEvent took (ms). */
    timings?: Timing[];
}

// ---------------------------------------------------------------- randomness

export type Rng = () => number;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function rngFor(seed: number): Rng {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** The seed of case `index` of a run started from `base` (so one case replays alone). */
export function caseSeed(base: number, index: number): number {
    return (Math.imul(base ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
}

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];

// ---------------------------------------------------------------- ids in every form

const WORKS = ['0BzRM0000000001', '0BzRM0000000002', '0BzRM000000Ab3c'];
const ITEMS = ['500RM000000A1nv', '500RM000000A2nv', '500RM000000Xy3z'];
const STATUSES = ['0N5RM0000000001', '0N5RM0000000002'];
const CHANNELS = ['0N9RM0000000001', '0N9RM00000Ch2aB'];
const USERS = ['005RM000000Sup1'];

/** One id in a random form: 15 characters, 18 canonical, 18 lower or upper case. */
function form(rng: Rng, id15: string): string {
    const id18 = toId18(id15)!;
    return pick(rng, [id15, id18, id18.toLowerCase(), id18.toUpperCase()]);
}

// ---------------------------------------------------------------- hostile values

function throwing(message: string): () => never {
    return () => {
        throw new Error(message);
    };
}

/** Values a payload from code we do not control may hold. Each call makes a fresh one. */
const HOSTILE: ReadonlyArray<() => unknown> = [
    () => undefined,
    () => null,
    () => '',
    () => ' ',
    () => '\n',
    () => '0x10',
    () => '0b11',
    () => '1e3',
    () => 'Infinity',
    () => 'NaN',
    () => -0,
    () => -1,
    () => Number.NaN,
    () => Number.POSITIVE_INFINITY,
    () => 10n,
    () => Symbol('s'),
    () => true,
    () => 'true',
    () => [],
    () => ({}),
    () => () => 1,
    () => '[,1]',
    () => '{"a":',
    () => '[null]',
    () => '0BzRM0000000001ZZZ',
    () => '0BzRM00000000',
    () => 'x'.repeat(50_000),
    () => {
        const cyclic: Record<string, unknown> = { a: 1 };
        cyclic.self = cyclic;
        return cyclic;
    },
    () => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return proxy;
    },
    () => new Proxy({}, { get: (_t, key) => (key === 'then' ? undefined : throwing('trap')()) }),
    () => Object.defineProperty({}, 'workId', { get: throwing('getter'), enumerable: true }),
    () => ({ toString: throwing('toString'), valueOf: throwing('valueOf') }),
    // eslint-disable-next-line no-sparse-arrays
    () => [, { channelId: CHANNELS[0], developerName: 'sfdc_case' }],
    // eslint-disable-next-line no-sparse-arrays
    () => [, { workId: WORKS[0], workItemId: ITEMS[0], isEngaged: true }],
    () => [{ workId: WORKS[0], workItemId: ITEMS[0], isEngaged: 'maybe' }],
    () => {
        const error = new Error('x');
        Object.defineProperty(error, 'message', { get: throwing('message') });
        return { message: error, toString: throwing('toString') };
    }
];

function hostile(rng: Rng): unknown {
    return pick(rng, HOSTILE)();
}

/** Replaces, deletes or adds one field of a plain payload (a copy), or returns a hostile value instead of it. */
function mutate(rng: Rng, payload: Record<string, unknown>, extraKeys: readonly string[] = []): unknown {
    const roll = rng();
    if (roll < 0.1) return hostile(rng);
    const copy: Record<string, unknown> = { ...payload };
    const mutations = 1 + Math.floor(rng() * 2);
    for (let i = 0; i < mutations; i++) {
        const keys = [...Object.keys(copy), ...extraKeys];
        const key = keys.length > 0 ? pick(rng, keys) : 'x';
        const how = rng();
        if (how < 0.15) delete copy[key];
        else if (how < 0.3) Object.defineProperty(copy, key, { get: throwing(`getter ${key}`), enumerable: true, configurable: true });
        else Object.defineProperty(copy, key, { value: hostile(rng), enumerable: true, configurable: true, writable: true });
    }
    return copy;
}

// ---------------------------------------------------------------- snapshot invariants

function canonical(value: unknown): boolean {
    return typeof value === 'string' && toId18(value) === value;
}

function goodNumber(value: unknown, nullable: boolean): boolean {
    if (value === null) return nullable;
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 && !Object.is(value, -0);
}

function frozenDeep(value: unknown, path: string, out: string[]): void {
    if (value === null || typeof value !== 'object') return;
    if (!Object.isFrozen(value)) out.push(`${path} is not frozen`);
    for (const [key, child] of Object.entries(value)) frozenDeep(child, `${path}.${key}`, out);
}

/** What is wrong with a snapshot the bridge holds (empty when nothing). */
export function snapshotViolations(s: OmniAgentSnapshot): string[] {
    const out: string[] = [];
    frozenDeep(s, 'snapshot', out);
    if (!Number.isInteger(s.revision) || s.revision < 0) out.push(`revision ${String(s.revision)}`);
    if (!Array.isArray(s.works)) return [...out, 'works is not a list'];
    const seen = new Set<string>();
    for (let i = 0; i < s.works.length; i++) {
        if (!(i in s.works)) {
            out.push(`works[${i}] is a hole`);
            continue;
        }
        const w = s.works[i];
        if (!canonical(w.workId) || !canonical(w.workItemId)) out.push(`works[${i}] has a non-canonical id ${String(w.workId)}`);
        if (seen.has(w.workId)) out.push(`works lists ${w.workId} twice`);
        seen.add(w.workId);
        if (w.state !== 'assigned' && w.state !== 'accepted') out.push(`works[${i}].state ${String(w.state)}`);
        if (!goodNumber(w.assignedAt, true) || !goodNumber(w.acceptedAt, true)) out.push(`works[${i}] has a bad time`);
        if (w.flag !== null && typeof w.flag.isFlagged !== 'boolean') out.push(`works[${i}].flag is not a flag`);
    }
    const p = s.presence;
    if (p !== null) {
        if (!canonical(p.statusId)) out.push(`presence.statusId ${String(p.statusId)}`);
        if (p.channels !== null) {
            for (let i = 0; i < p.channels.length; i++) {
                if (!(i in p.channels)) out.push(`presence.channels[${i}] is a hole`);
                else if (!canonical(p.channels[i].channelId)) out.push(`presence.channels[${i}] has a non-canonical id`);
            }
        }
    }
    const w = s.workload;
    if (w !== null) {
        for (const key of ['configuredCapacity', 'currentWorkload'] as const) if (!goodNumber(w[key], false)) out.push(`workload.${key}`);
        for (const key of ['configuredInterruptibleCapacity', 'currentInterruptibleWorkload'] as const)
            if (!goodNumber(w[key], true)) out.push(`workload.${key}`);
    }
    return out;
}

// ---------------------------------------------------------------- a bridge to fuzz

/** A fake lightning:omniToolkitAPI whose answers the case decides. */
type Answer = { resolve: unknown } | { reject: unknown };

interface Rig {
    engine: OmniBridgeEngine;
    sent: Envelope[];
    warnings: string[];
    times: WorkTimesStore;
    toolkitIds: Map<SalesforceId, string>;
    answers: Map<string, Answer>;
    storage: Map<string, string>;
}

function validAnswer(rng: Rng, method: OmniMethod, statusId?: string): unknown {
    switch (method) {
        case 'getServicePresenceStatusId':
            return { statusId: form(rng, STATUSES[0]), statusName: 'Available', statusApiName: 'Available' };
        case 'getServicePresenceStatusChannels': {
            const channels = [{ channelId: form(rng, CHANNELS[0]), developerName: 'sfdc_case' }];
            return { channels: rng() < 0.5 ? JSON.stringify(channels) : channels };
        }
        case 'getAgentWorks': {
            const works = WORKS.filter(() => rng() < 0.5).map((id, i) => ({
                workId: form(rng, id),
                workItemId: form(rng, ITEMS[i]),
                isEngaged: pick(rng, [true, false, 'true', 'false'])
            }));
            return { works: rng() < 0.5 ? JSON.stringify(works) : works };
        }
        case 'getAgentWorkload':
            return { configuredCapacity: pick(rng, ['5', 5]), currentWorkload: pick(rng, ['1', 1, '0']) };
        case 'setServicePresenceStatus':
            return { statusId: statusId ?? form(rng, STATUSES[1]), statusName: 'Busy', statusApiName: 'Busy', channels: '[]' };
        default:
            return true;
    }
}

const SEED_METHODS = ['getServicePresenceStatusId', 'getServicePresenceStatusChannels', 'getAgentWorks', 'getAgentWorkload'] as const;

async function flush(turns = 12): Promise<void> {
    for (let i = 0; i < turns; i++) await Promise.resolve();
}

// Timers never fire here: heartbeats and time-outs are the election's business, not this fuzz's.
const NO_TIMERS: Record<string, unknown> = { setTimer: () => 0, clearTimer: () => undefined };

async function newRig(rng: Rng, publishTo?: (message: Envelope) => void): Promise<Rig> {
    const sent: Envelope[] = [];
    const warnings: string[] = [];
    const answers = new Map<string, Answer>();
    const storage = new Map<string, string>();
    const times = storageWorkTimes({
        getItem: (k) => storage.get(k) ?? null,
        setItem: (k, v) => {
            storage.set(k, v);
        },
        removeItem: (k) => {
            storage.delete(k);
        },
        get length() {
            return storage.size;
        },
        key: (i) => [...storage.keys()][i] ?? null
    });
    const engine = new OmniBridgeEngine({
        publish: (message) => {
            sent.push(message);
            publishTo?.(message);
        },
        warn: (message) => warnings.push(message),
        bridgeId: 'fuzz-bridge',
        workTimes: times,
        ...NO_TIMERS
    });
    const toolkit = (method: OmniMethod) => {
        const answer = answers.get(method) ?? { resolve: validAnswer(rng, method) };
        return 'reject' in answer ? Promise.reject(answer.reject) : Promise.resolve(answer.resolve);
    };
    engine.start();
    engine.attachToolkit(toolkit as never);
    await flush();
    const toolkitIds = (engine as unknown as { toolkitIds: Map<SalesforceId, string> }).toolkitIds;
    return { engine, sent, warnings, times, toolkitIds, answers, storage };
}

function stateViolations(rig: Rig): string[] {
    const out = snapshotViolations(rig.engine.snapshot);
    const works = rig.engine.snapshot.works.length;
    if (rig.toolkitIds.size > works) out.push(`toolkitIds holds ${rig.toolkitIds.size} ids for ${works} works`);
    if ((rig.times.size ?? 0) > works) out.push(`work times hold ${rig.times.size} works for ${works}`);
    const stored = [...rig.storage.keys()].filter((k) => k.startsWith('omniConsoleKit.workTimes.')).length;
    if (stored > works) out.push(`sessionStorage holds ${stored} works for ${works}`);
    return out;
}

/** How a toolkit answer comes out once awaited: a rejection, or the parser's verdict. */
async function expectedOutcome(method: OmniMethod, answer: Answer): Promise<'ok' | 'BAD_PAYLOAD' | 'TOOLKIT_REJECTED'> {
    let value: unknown;
    try {
        value = await ('reject' in answer ? Promise.reject(answer.reject) : Promise.resolve(answer.resolve));
    } catch {
        return 'TOOLKIT_REJECTED';
    }
    try {
        parseCommandResult(method, value);
        return 'ok';
    } catch (error) {
        if (error instanceof OmniPayloadError) return 'BAD_PAYLOAD';
        if (error instanceof OmniToolkitError) return 'TOOLKIT_REJECTED';
        return 'ok'; // the parser threw something else: reported as a violation by the engine case
    }
}

function toolkitAnswer(rng: Rng, method: OmniMethod, valid: unknown): Answer {
    const roll = rng();
    if (roll < 0.3) return { resolve: valid };
    if (roll < 0.45) return { reject: hostile(rng) };
    if (roll < 0.55) return { resolve: hostile(rng) };
    if (valid !== null && typeof valid === 'object') {
        const extra = method === 'getAgentWorks' ? ['works'] : method === 'getServicePresenceStatusChannels' ? ['channels'] : [];
        // Half the time, mutate one entry of the list inside instead of the answer itself.
        const list = (valid as Record<string, unknown>).works ?? (valid as Record<string, unknown>).channels;
        if (Array.isArray(list) && list.length > 0 && rng() < 0.5) {
            const entries = list.map((e, i) => (i === 0 ? mutate(rng, e as Record<string, unknown>) : e));
            const key = 'works' in (valid as object) ? 'works' : 'channels';
            return { resolve: { ...(valid as object), [key]: rng() < 0.5 ? entries : safeJson(entries) } };
        }
        return { resolve: mutate(rng, valid as Record<string, unknown>, extra) };
    }
    return { resolve: hostile(rng) };
}

function safeJson(value: unknown): unknown {
    try {
        return JSON.stringify(value) ?? value;
    } catch {
        return value;
    }
}

// ---------------------------------------------------------------- the four families

const EVENT_NAMES = [
    'omniChannelConnectionError',
    'omniChannelLoginSuccess',
    'omniChannelStatusChanged',
    'omniChannelLogout',
    'omniChannelWorkAssigned',
    'omniChannelWorkAccepted',
    'omniChannelWorkDeclined',
    'omniChannelWorkClosed',
    'omniChannelWorkFlagUpdated',
    'omniChannelWorkloadChanged'
] as const;

function validParams(rng: Rng, name: (typeof EVENT_NAMES)[number]): Record<string, unknown> {
    const w = Math.floor(rng() * WORKS.length);
    const work = { workId: form(rng, WORKS[w]), workItemId: form(rng, ITEMS[w]) };
    switch (name) {
        case 'omniChannelConnectionError':
            return { error: pick(rng, ['lost', { message: 'socket closed' }]) };
        case 'omniChannelLoginSuccess':
            return { statusId: form(rng, pick(rng, STATUSES)) };
        case 'omniChannelStatusChanged': {
            const channels = CHANNELS.filter(() => rng() < 0.6).map((id) => ({ channelId: form(rng, id), developerName: 'c' }));
            return {
                statusId: form(rng, pick(rng, STATUSES)),
                statusName: 'Available',
                statusApiName: 'Available',
                channels: rng() < 0.5 ? JSON.stringify(channels) : channels,
                reason: pick(rng, ['OmniManualStatusChange', 'SomethingNew', undefined])
            };
        }
        case 'omniChannelLogout':
            return { reason: pick(rng, ['DuplicateLogin', 'MaintenanceLogout', undefined]) };
        case 'omniChannelWorkFlagUpdated':
            return {
                workId: work.workId,
                isFlagged: pick(rng, [true, false, 'true']),
                message: 'help',
                roleUpdatedBy: pick(rng, ['AGENT', 'supervisor']),
                updatedBy: form(rng, USERS[0])
            };
        case 'omniChannelWorkloadChanged':
            return { configuredCapacity: pick(rng, ['5', 5]), previousWorkload: '0', newWorkload: pick(rng, ['1', 2, '3.5']) };
        default:
            return work;
    }
}

/** events: 20 events, about half of them hostile, into one seeded bridge. */
async function eventCase(rng: Rng): Promise<CaseResult> {
    const rig = await newRig(rng);
    const violations: string[] = [];
    const timings: Timing[] = [];
    for (let step = 0; step < INPUTS_PER_CASE.events; step++) {
        const name = pick(rng, EVENT_NAMES);
        const valid = validParams(rng, name);
        const hostileCase = rng() < 0.5;
        const params = hostileCase ? mutate(rng, valid, ['workId', 'statusId', 'channels', 'configuredCapacity', 'isFlagged']) : valid;
        const eventName = hostileCase && rng() < 0.05 ? hostile(rng) : name;
        const before = { revision: rig.engine.snapshot.revision, warnings: rig.warnings.length, errors: errorCount(rig) };
        const t0 = performance.now();
        try {
            rig.engine.handleRawEvent(eventName, params);
        } catch (error) {
            violations.push(`handleRawEvent(${name}) threw ${describeThrown(error)}`);
            continue;
        }
        timings.push({ event: name, hostile: hostileCase, ms: performance.now() - t0 });
        const accepted = rig.engine.snapshot.revision === before.revision + 1;
        const reports = rig.warnings.length - before.warnings;
        const errors = errorCount(rig) - before.errors;
        if (accepted && (reports !== 0 || errors !== 0)) violations.push(`${name}: applied and reported`);
        if (!accepted && (reports !== 1 || errors !== 1))
            violations.push(`${name}: not applied, reported ${reports} times (${errors} error messages)`);
        if (!hostileCase && !accepted) violations.push(`${name}: a valid event was refused: ${rig.warnings[rig.warnings.length - 1]}`);
        await flush(); // a login or a recovery starts a seed
        violations.push(...stateViolations(rig).map((v) => `after ${name}: ${v}`));
        if (violations.length > 0) break;
    }
    return { violations, timings };
}

/** seed: each of the four seed calls answers validly, with a mutation, a hostile value or a rejection. */
async function seedCase(rng: Rng): Promise<CaseResult> {
    const rig = await newRig(rng);
    const violations: string[] = [];
    let expectedReports = 0;
    for (const method of SEED_METHODS) {
        const answer = toolkitAnswer(rng, method, validAnswer(rng, method));
        rig.answers.set(method, answer);
        if ((await expectedOutcome(method, answer)) === 'BAD_PAYLOAD') expectedReports++;
    }
    const before = rig.warnings.length;
    try {
        await rig.engine.seed();
        await flush();
    } catch (error) {
        violations.push(`seed() rejected with ${describeThrown(error)}`);
    }
    const reports = rig.warnings.length - before;
    if (reports !== expectedReports)
        violations.push(`seed reported ${reports} bad answers, expected ${expectedReports}: ${rig.warnings.slice(before).join(' | ')}`);
    violations.push(...stateViolations(rig));
    return { violations };
}

function commandArgs(rng: Rng, method: OmniMethod): Record<string, string> | undefined {
    const workId = form(rng, pick(rng, WORKS));
    switch (method) {
        case 'acceptAgentWork':
        case 'closeAgentWork':
        case 'lowerAgentWorkFlag':
            return { workId };
        case 'declineAgentWork':
            return { workId, declineReason: 'busy' };
        case 'raiseAgentWorkFlag':
            return { workId, message: 'help' };
        case 'login':
        case 'setServicePresenceStatus':
            return { statusId: form(rng, pick(rng, STATUSES)) };
        default:
            return undefined;
    }
}

let correlation = 0;

/** command: one command whose toolkit call resolves to a hostile result or rejects with a hostile reason. */
async function commandCase(rng: Rng): Promise<CaseResult> {
    const rig = await newRig(rng);
    const violations: string[] = [];
    for (let step = 0; step < INPUTS_PER_CASE.command; step++) {
        const method = pick(rng, OMNI_METHODS);
        const answer = toolkitAnswer(rng, method, validAnswer(rng, method));
        rig.answers.set(method, answer);
        const expected = await expectedOutcome(method, answer);
        const correlationId = `fuzz-${++correlation}`;
        try {
            rig.engine.handleMessage({ v: 1, kind: 'command', correlationId, method, args: commandArgs(rng, method) });
            await flush();
        } catch (error) {
            violations.push(`${method}: handleMessage threw ${describeThrown(error)}`);
            break;
        }
        const results = rig.sent.filter((m) => m.kind === 'result' && m.correlationId === correlationId);
        if (results.length !== 1) {
            violations.push(`${method}: ${results.length} results`);
            break;
        }
        const result = results[0] as Extract<Envelope, { kind: 'result' }>;
        const got = result.ok ? 'ok' : result.error?.code;
        if (got !== expected) violations.push(`${method}: result ${String(got)}, expected ${expected} (${result.error?.message ?? ''})`);
        if (!result.ok && typeof result.error?.message !== 'string') violations.push(`${method}: error without a message`);
        try {
            JSON.stringify(result);
        } catch (error) {
            violations.push(`${method}: result cannot cross the channel: ${describeThrown(error)}`);
        }
        violations.push(...stateViolations(rig).map((v) => `after ${method}: ${v}`));
        if (violations.length > 0) break;
    }
    return { violations };
}

const ENVELOPE_KEYS = ['v', 'kind', 'method', 'correlationId', 'bridgeId', 'bridgeRank', 'targetBridgeId', 'args', 'event', 'snapshot'];

/** envelope: channel messages (the bridge's own, commands, requests) with hostile values, into the engine and a client. */
async function envelopeCase(rng: Rng): Promise<CaseResult> {
    const listeners: Array<(message: unknown) => void> = [];
    const rig = await newRig(rng, (message) => listeners.forEach((listen) => listen(message)));
    const transport: OmniTransport = {
        publish: (message) => rig.engine.handleMessage(message),
        subscribe(listener) {
            listeners.push(listener);
            return () => listeners.splice(listeners.indexOf(listener), 1);
        }
    };
    const client = createOmniClientOn(transport, { timeoutMs: 60_000 });
    let clientErrors = 0;
    client.onError(() => clientErrors++);
    const violations: string[] = [];
    const templates: Array<Record<string, unknown>> = [
        ...rig.sent.slice(-6).map((m) => ({ ...(m as unknown as Record<string, unknown>) })),
        { v: 1, kind: 'command', correlationId: 'c', method: 'getAgentWorks' },
        { v: 1, kind: 'command', correlationId: 'c', method: 'acceptAgentWork', args: { workId: WORKS[0] } },
        { v: 1, kind: 'snapshotRequest', correlationId: 's' }
    ];
    for (let step = 0; step < INPUTS_PER_CASE.envelope; step++) {
        const template = pick(rng, templates);
        if (typeof template.correlationId === 'string') template.correlationId = `e-${++correlation}`; // each command runs
        const message = mutate(rng, template, ENVELOPE_KEYS);
        const errorsBefore = clientErrors;
        for (const [who, receive] of [
            ['engine', (m: unknown) => rig.engine.handleMessage(m)],
            ['client', (m: unknown) => listeners[0]?.(m)]
        ] as const) {
            try {
                receive(message);
            } catch (error) {
                violations.push(`${who} threw on a channel message: ${describeThrown(error)}`);
            }
        }
        await flush();
        // A message can be refused at most once (it may also be a good message, or be ignored).
        if (clientErrors - errorsBefore > 1) violations.push(`client reported one message ${clientErrors - errorsBefore} times`);
        violations.push(...stateViolations(rig));
        if (violations.length > 0) break;
    }
    client.dispose();
    rig.engine.stop();
    return { violations };
}

function errorCount(rig: Rig): number {
    let n = 0;
    for (const m of rig.sent) if (m.kind === 'error') n++;
    return n;
}

function describeThrown(error: unknown): string {
    try {
        return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
    } catch {
        return 'something unreadable';
    }
}

const RUNNERS: Record<Family, (rng: Rng) => Promise<CaseResult>> = {
    events: eventCase,
    seed: seedCase,
    command: commandCase,
    envelope: envelopeCase
};

/** Runs one case of a family from its seed; exceptions the runner itself hits count as violations. */
export async function runCase(family: Family, seed: number): Promise<CaseResult> {
    try {
        return await RUNNERS[family](rngFor(seed));
    } catch (error) {
        return { violations: [`the case itself failed: ${describeThrown(error)}`] };
    }
}

export interface FamilyRun {
    family: Family;
    cases: number;
    failures: Array<{ seed: number; violations: string[] }>;
    timings: Timing[];
    /** Inputs fed: events, seeds, commands or channel messages. */
    inputs: number;
}

/** `cases` cases of a family from `baseSeed`; the failing ones with their replay seeds. */
export async function runFamily(family: Family, cases: number, baseSeed: number): Promise<FamilyRun> {
    const failures: FamilyRun['failures'] = [];
    const timings: FamilyRun['timings'] = [];
    for (let i = 0; i < cases; i++) {
        const seed = caseSeed(baseSeed, i);
        const result = await runCase(family, seed);
        if (result.violations.length > 0) failures.push({ seed, violations: result.violations });
        if (result.timings) for (const timing of result.timings) timings.push(timing);
    }
    return { family, cases, failures, timings, inputs: cases * INPUTS_PER_CASE[family] };
}
