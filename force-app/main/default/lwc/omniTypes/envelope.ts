/**
 * Messages on the OmniConsoleKit__c Lightning Message Channel. Every message carries
 * the protocol version; bridges stamp theirs with their id and rank (used to elect the
 * one bridge that publishes and answers when two bridges share a page).
 *
 * Anything on the page can publish on the channel, so a receiver trusts a bridge only
 * after it answered a probe carrying a nonce the receiver chose (a one-shot forged
 * message cannot), keeps trusting it only while it hears the bridge's heartbeat, and
 * checks every body it acts on against the schema below.
 */
import { OmniPayloadError, type OmniWireError } from './errors';
import { isOmniMethod, type OmniMethod } from './commands';
import type { OmniAgentSnapshot, OmniEvent } from './model';

export const ENVELOPE_VERSION = 1;

/** A bridge publishes a heartbeat this often (ms). */
export const HEARTBEAT_MS = 1000;
/** A bridge not heard from for this long (two missed heartbeats) is suspected gone (ms). */
export const LEASE_MS = 2000;
/** A suspected bridge is probed; without an answer within this time it is gone (ms). */
export const PROBE_GRACE_MS = 300;

export interface BridgeStamp {
    bridgeId: string;
    /** Bridges compare (rank, bridgeId); the lowest leads. Rank is the bridge's start time. */
    bridgeRank: number;
}

/**
 * A toolkit event. Receivers apply it to the bridge's snapshot of `revision - 1` with
 * reduceEvent(snapshot, event, at), which gives the bridge's snapshot of `revision`:
 * the message stays small however many works the agent has.
 */
export interface EventEnvelope extends BridgeStamp {
    v: 1;
    kind: 'event';
    event: OmniEvent;
    revision: number;
    at: number;
}
export interface CommandEnvelope {
    v: 1;
    kind: 'command';
    correlationId: string;
    /** The bridge that must run it; absent = the leading bridge. Exactly one bridge runs a command. */
    targetBridgeId?: string;
    method: OmniMethod;
    args?: unknown;
}
export interface ResultEnvelope extends BridgeStamp {
    v: 1;
    kind: 'result';
    correlationId: string;
    ok: boolean;
    value?: unknown;
    error?: OmniWireError;
}
export interface SnapshotRequestEnvelope {
    v: 1;
    kind: 'snapshotRequest';
    correlationId: string;
    /** Ask the bridge to re-read status, works and workload from the toolkit first. */
    reseed?: boolean;
}
export interface SnapshotEnvelope extends BridgeStamp {
    v: 1;
    kind: 'snapshot';
    /** Null when the bridge publishes a snapshot nobody asked for (it became leader, it re-seeded). */
    correlationId: string | null;
    snapshot: OmniAgentSnapshot;
}
export interface ErrorEnvelope extends BridgeStamp {
    v: 1;
    kind: 'error';
    error: OmniWireError;
}
/** A bridge that starts; `nonce` asks every bridge on the page to answer with a heartbeat. */
export interface HelloEnvelope extends BridgeStamp {
    v: 1;
    kind: 'hello';
    nonce?: string;
}
/**
 * Proof of life, every HEARTBEAT_MS, and the answer to a probe (`nonce` echoed).
 * `byeHash` commits to the token the bridge's `bye` will reveal; `revision` is the
 * bridge's snapshot revision (a client whose copy is ahead of it holds a forged one);
 * `replaces` names the leader this bridge took over from.
 */
export interface HeartbeatEnvelope extends BridgeStamp {
    v: 1;
    kind: 'heartbeat';
    leading: boolean;
    revision: number;
    byeHash: string;
    nonce?: string;
    replaces?: string;
}
/** Asks one bridge (or, without targetBridgeId, every bridge) to answer with a heartbeat echoing `nonce`. */
export interface ProbeEnvelope {
    v: 1;
    kind: 'probe';
    nonce: string;
    targetBridgeId?: string;
}
/** A bridge leaves; `byeToken` must hash to the `byeHash` its heartbeats committed to. */
export interface ByeEnvelope extends BridgeStamp {
    v: 1;
    kind: 'bye';
    byeToken?: string;
}

export type BridgeEnvelope =
    EventEnvelope | ResultEnvelope | SnapshotEnvelope | ErrorEnvelope | HelloEnvelope | HeartbeatEnvelope | ByeEnvelope;
export type Envelope = BridgeEnvelope | CommandEnvelope | SnapshotRequestEnvelope | ProbeEnvelope;

const KINDS: ReadonlySet<string> = new Set([
    'event',
    'command',
    'result',
    'snapshotRequest',
    'snapshot',
    'error',
    'hello',
    'heartbeat',
    'probe',
    'bye'
]);
const BRIDGE_KINDS: ReadonlySet<string> = new Set(['event', 'result', 'snapshot', 'error', 'hello', 'heartbeat', 'bye']);

/** Orders bridges: negative when a should lead rather than b. */
export function compareBridges(a: BridgeStamp, b: BridgeStamp): number {
    return a.bridgeRank - b.bridgeRank || (a.bridgeId < b.bridgeId ? -1 : a.bridgeId > b.bridgeId ? 1 : 0);
}

/**
 * The hash a bridge publishes for its bye token (53 bits, cyrb53). It only has to stop a
 * component that did not see the token from forging a `bye`; it is not a security
 * boundary (code on the page that wants to break the kit can).
 */
export function hashByeToken(token: string): string {
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < token.length; i++) {
        const c = token.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 2654435761);
        h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** A random token or nonce (not secret from code on the page; unguessable for a one-shot forger). */
export function randomToken(): string {
    const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } }).crypto;
    if (c && typeof c.getRandomValues === 'function') {
        const words = c.getRandomValues(new Uint32Array(3));
        return Array.from(words, (w) => w.toString(36)).join('');
    }
    return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
}

function has(message: Record<string, unknown>, key: string, type: string): boolean {
    return typeof message[key] === type;
}

/** A value named in an error message; never throws (BigInt, cycles, hostile toString). */
function show(value: unknown): string {
    try {
        if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
        if (value === null || typeof value === 'number' || typeof value === 'boolean' || value === undefined) return String(value);
        return `a ${typeof value}`;
    } catch {
        return 'an unreadable value';
    }
}

type ParsedEnvelope = { ok: true; value: Envelope } | { ok: false; error: OmniPayloadError };

function fail(path: string, problem: string): ParsedEnvelope {
    return { ok: false, error: new OmniPayloadError('message channel', path, problem) };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isTime = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
const isTextOrNull = (v: unknown): boolean => v === null || typeof v === 'string';
const isNumberOrNull = (v: unknown): boolean => v === null || (typeof v === 'number' && Number.isFinite(v));

const WORK_EVENTS: ReadonlySet<string> = new Set(['workAssigned', 'workAccepted', 'workDeclined', 'workClosed']);

/** What is wrong with an event body a bridge published, or null. */
export function eventProblem(e: unknown): string | null {
    if (!isObject(e)) return 'is not an object';
    const type = e.type;
    if (WORK_EVENTS.has(type as string))
        return isText(e.workId) && isText(e.workItemId) ? null : `${type as string} without workId or workItemId`;
    switch (type) {
        case 'connectionError':
            return typeof e.message === 'string' ? null : 'connectionError without message';
        case 'loginSuccess':
            return isText(e.statusId) ? null : 'loginSuccess without statusId';
        case 'statusChanged':
            return isText(e.statusId) && Array.isArray(e.channels) && channelsProblem(e.channels) === null
                ? null
                : 'statusChanged without statusId or channels';
        case 'logout':
            return isTextOrNull(e.reason) ? null : 'logout with a bad reason';
        case 'workFlagUpdated':
            return isText(e.workId) && typeof e.isFlagged === 'boolean' ? null : 'workFlagUpdated without workId or isFlagged';
        case 'workloadChanged':
            return [e.configuredCapacity, e.newWorkload].every((n) => typeof n === 'number' && Number.isFinite(n)) &&
                isNumberOrNull(e.configuredInterruptibleCapacity) &&
                isNumberOrNull(e.newInterruptibleWorkload)
                ? null
                : 'workloadChanged without numbers';
        default:
            return `unknown event type ${show(type)}`;
    }
}

function channelsProblem(channels: unknown[]): string | null {
    for (let i = 0; i < channels.length; i++) {
        const c = channels[i];
        if (!isObject(c) || !isText(c.channelId) || typeof c.developerName !== 'string') return `channels[${i}] is not a channel`;
    }
    return null;
}

/** What is wrong with a snapshot body a bridge published, or null (every field a subscriber reads). */
export function snapshotProblem(s: unknown): string | null {
    if (!isObject(s)) return 'is not an object';
    if (!isCount(s.revision)) return 'revision is not a count';
    if (typeof s.seeded !== 'boolean') return 'seeded is not a boolean';
    if (s.loginState !== 'unknown' && s.loginState !== 'loggedIn' && s.loginState !== 'loggedOut') return 'loginState is not known';
    if (!isTextOrNull(s.lastLogoutReason)) return 'lastLogoutReason is not text';
    if (!isTime(s.updatedAt)) return 'updatedAt is not a time';
    const p = s.presence;
    if (p !== null) {
        if (!isObject(p) || !isText(p.statusId) || !isTime(p.since)) return 'presence is not a status';
        if (p.channels !== null && (!Array.isArray(p.channels) || channelsProblem(p.channels) !== null))
            return 'presence.channels is not a list of channels';
    }
    const w = s.workload;
    if (w !== null && (!isObject(w) || !isTime(w.configuredCapacity) || !isTime(w.currentWorkload))) return 'workload is not a workload';
    const c = s.connection;
    if (!isObject(c) || (c.state !== 'connected' && c.state !== 'error') || !isTime(c.since)) return 'connection is not a connection';
    if (!Array.isArray(s.works)) return 'works is not a list';
    for (let i = 0; i < s.works.length; i++) {
        const work = s.works[i] as unknown;
        if (!isObject(work) || !isText(work.workId) || !isText(work.workItemId)) return `works[${i}] has no workId or workItemId`;
        if (work.state !== 'assigned' && work.state !== 'accepted') return `works[${i}].state is not assigned or accepted`;
        if (typeof work.isEngaged !== 'boolean' || !isNumberOrNull(work.assignedAt) || !isNumberOrNull(work.acceptedAt)) {
            return `works[${i}] has bad times or isEngaged`;
        }
        if (work.flag !== null && (!isObject(work.flag) || typeof work.flag.isFlagged !== 'boolean'))
            return `works[${i}].flag is not a flag`;
    }
    return null;
}

const ACTION_METHODS: ReadonlySet<string> = new Set([
    'acceptAgentWork',
    'declineAgentWork',
    'closeAgentWork',
    'login',
    'logout',
    'raiseAgentWorkFlag',
    'lowerAgentWorkFlag'
]);

/** What is wrong with a successful result's value for `method` (as the bridge parses it), or null. */
export function resultValueProblem(method: string, value: unknown): string | null {
    if (ACTION_METHODS.has(method)) return value === true ? null : `${method} resolves true, got ${show(value)}`;
    switch (method) {
        case 'getAgentWorks':
            return Array.isArray(value) &&
                value.every((w) => isObject(w) && isText(w.workId) && isText(w.workItemId) && typeof w.isEngaged === 'boolean')
                ? null
                : 'getAgentWorks resolves a list of works';
        case 'getServicePresenceStatusChannels':
            return Array.isArray(value) && channelsProblem(value) === null
                ? null
                : 'getServicePresenceStatusChannels resolves a list of channels';
        case 'getAgentWorkload':
            return isObject(value) && isTime(value.configuredCapacity) && isTime(value.currentWorkload)
                ? null
                : 'getAgentWorkload resolves a workload';
        case 'getServicePresenceStatusId':
            return isObject(value) && isText(value.statusId) ? null : `${method} resolves a status`;
        case 'setServicePresenceStatus':
            return isObject(value) && isText(value.statusId) && Array.isArray(value.channels) && channelsProblem(value.channels) === null
                ? null
                : `${method} resolves a status with channels`;
        default:
            return `unknown method ${show(method)}`;
    }
}

/** What is wrong with the message, or null when every field a receiver relies on is there. */
function envelopeProblem(m: Record<string, unknown>): ParsedEnvelope | null {
    if (m.v !== ENVELOPE_VERSION) return fail('v', `unsupported envelope version ${show(m.v)} (this kit speaks ${ENVELOPE_VERSION})`);
    if (typeof m.kind !== 'string' || !KINDS.has(m.kind)) return fail('kind', `unknown kind ${show(m.kind)}`);
    if (BRIDGE_KINDS.has(m.kind)) {
        if (!isText(m.bridgeId) || typeof m.bridgeRank !== 'number')
            return fail('bridgeId', 'a bridge message must carry bridgeId and bridgeRank');
        // A rank is a start time: a bridge claiming 0, a negative, NaN or infinite one is not a bridge.
        if (!(Number.isFinite(m.bridgeRank) && (m.bridgeRank as number) > 0))
            return fail('bridgeRank', `is not a start time: ${show(m.bridgeRank)}`);
    }
    switch (m.kind) {
        case 'command':
            if (!has(m, 'correlationId', 'string')) return fail('correlationId', 'is missing');
            if (!isOmniMethod(m.method)) return fail('method', `is not a toolkit method: ${show(m.method)}`);
            if (m.targetBridgeId !== undefined && typeof m.targetBridgeId !== 'string') return fail('targetBridgeId', 'is not a bridge id');
            break;
        case 'result':
            if (!has(m, 'correlationId', 'string') || !has(m, 'ok', 'boolean'))
                return fail('correlationId', 'result without correlationId or ok');
            if (m.ok === false && (!isObject(m.error) || typeof m.error.code !== 'string' || typeof m.error.message !== 'string'))
                return fail('error', 'failed result without error');
            break;
        case 'snapshotRequest':
            if (!has(m, 'correlationId', 'string')) return fail('correlationId', 'is missing');
            break;
        case 'event': {
            if (m.event === null || typeof m.event !== 'object' || typeof m.revision !== 'number' || typeof m.at !== 'number') {
                return fail('event', 'event without event, revision or time');
            }
            if (!isCount(m.revision) || !isTime(m.at)) return fail('revision', 'is not a count, or at is not a time');
            const problem = eventProblem(m.event);
            if (problem !== null) return fail('event', problem);
            break;
        }
        case 'snapshot': {
            if (m.snapshot === null || typeof m.snapshot !== 'object') return fail('snapshot', 'is missing');
            if (m.correlationId !== null && typeof m.correlationId !== 'string') return fail('correlationId', 'is not text or null');
            const problem = snapshotProblem(m.snapshot);
            if (problem !== null) return fail('snapshot', problem);
            break;
        }
        case 'error':
            if (!isObject(m.error) || typeof m.error.code !== 'string' || typeof m.error.message !== 'string')
                return fail('error', 'is missing');
            break;
        case 'heartbeat':
            if (typeof m.leading !== 'boolean' || !isCount(m.revision) || !isText(m.byeHash))
                return fail('heartbeat', 'without leading, revision or byeHash');
            if ((m.nonce !== undefined && !isText(m.nonce)) || (m.replaces !== undefined && !isText(m.replaces)))
                return fail('nonce', 'is not text');
            break;
        case 'hello':
            if (m.nonce !== undefined && !isText(m.nonce)) return fail('nonce', 'is not text');
            break;
        case 'probe':
            if (!isText(m.nonce) || (m.targetBridgeId !== undefined && !isText(m.targetBridgeId)))
                return fail('nonce', 'probe without nonce');
            break;
        case 'bye':
            if (m.byeToken !== undefined && typeof m.byeToken !== 'string') return fail('byeToken', 'is not text');
            break;
        default:
            break;
    }
    return null;
}

/**
 * The message service hands the same message object to every subscriber on the page (the
 * bridge and each client), one after the other: remembering the last one checked saves
 * all but the first check of each message.
 */
let lastChecked: { message: object; result: ParsedEnvelope } | null = null;

/**
 * Checks the shape every receiver relies on, bodies included (a bridge's snapshot and
 * event are checked field by field: a foreign publisher may send anything). Never throws.
 */
export function parseEnvelope(message: unknown): ParsedEnvelope {
    if (message === null || typeof message !== 'object') return fail('', 'message is not an object');
    if (lastChecked !== null && lastChecked.message === message) return lastChecked.result;
    let result: ParsedEnvelope;
    try {
        result = envelopeProblem(message as Record<string, unknown>) ?? { ok: true, value: message as Envelope };
    } catch {
        // A getter that throws (a proxy, a hostile object): not a message any bridge sent.
        result = fail('', 'message could not be read');
    }
    lastChecked = { message, result };
    return result;
}
