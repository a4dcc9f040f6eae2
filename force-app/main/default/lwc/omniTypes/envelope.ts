/**
 * Messages on the OmniConsoleKit__c Lightning Message Channel. Every message carries
 * the protocol version; bridges stamp theirs with their id and rank (used to elect the
 * one bridge that publishes and answers when an admin added the utility item twice).
 */
import { OmniPayloadError, describeValue, thrownText, type OmniWireError } from './errors';
import { isOmniMethod, type OmniMethod } from './commands';
import type { OmniAgentSnapshot, OmniEvent } from './model';

export const ENVELOPE_VERSION = 1;

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
export interface HelloEnvelope extends BridgeStamp {
    v: 1;
    kind: 'hello';
}
export interface ByeEnvelope extends BridgeStamp {
    v: 1;
    kind: 'bye';
}

export type BridgeEnvelope = EventEnvelope | ResultEnvelope | SnapshotEnvelope | ErrorEnvelope | HelloEnvelope | ByeEnvelope;
export type Envelope = BridgeEnvelope | CommandEnvelope | SnapshotRequestEnvelope;

const KINDS: ReadonlySet<string> = new Set(['event', 'command', 'result', 'snapshotRequest', 'snapshot', 'error', 'hello', 'bye']);
const BRIDGE_KINDS: ReadonlySet<string> = new Set(['event', 'result', 'snapshot', 'error', 'hello', 'bye']);

/** Orders bridges: negative when a should lead rather than b. */
export function compareBridges(a: BridgeStamp, b: BridgeStamp): number {
    return a.bridgeRank - b.bridgeRank || (a.bridgeId < b.bridgeId ? -1 : a.bridgeId > b.bridgeId ? 1 : 0);
}

function has(message: Record<string, unknown>, key: string, type: string): boolean {
    return typeof message[key] === type;
}

type ParsedEnvelope = { ok: true; value: Envelope } | { ok: false; error: OmniPayloadError };

function fail(path: string, problem: string): ParsedEnvelope {
    return { ok: false, error: new OmniPayloadError('message channel', path, problem) };
}

/** What is wrong with the message, or null when every field a receiver relies on is there. */
function envelopeProblem(m: Record<string, unknown>): ParsedEnvelope | null {
    if (m.v !== ENVELOPE_VERSION)
        return fail('v', `unsupported envelope version ${describeValue(m.v)} (this kit speaks ${ENVELOPE_VERSION})`);
    if (typeof m.kind !== 'string' || !KINDS.has(m.kind)) return fail('kind', `unknown kind ${describeValue(m.kind)}`);
    if (BRIDGE_KINDS.has(m.kind) && (typeof m.bridgeId !== 'string' || typeof m.bridgeRank !== 'number')) {
        return fail('bridgeId', 'a bridge message must carry bridgeId and bridgeRank');
    }
    switch (m.kind) {
        case 'command':
            if (!has(m, 'correlationId', 'string')) return fail('correlationId', 'is missing');
            if (!isOmniMethod(m.method)) return fail('method', `is not a toolkit method: ${describeValue(m.method)}`);
            break;
        case 'result':
            if (!has(m, 'correlationId', 'string') || !has(m, 'ok', 'boolean'))
                return fail('correlationId', 'result without correlationId or ok');
            if (m.ok === false && (m.error === null || typeof m.error !== 'object')) return fail('error', 'failed result without error');
            break;
        case 'snapshotRequest':
            if (!has(m, 'correlationId', 'string')) return fail('correlationId', 'is missing');
            break;
        case 'event':
            if (m.event === null || typeof m.event !== 'object' || typeof m.revision !== 'number' || typeof m.at !== 'number') {
                return fail('event', 'event without event, revision or time');
            }
            break;
        case 'snapshot':
            if (m.snapshot === null || typeof m.snapshot !== 'object') return fail('snapshot', 'is missing');
            break;
        case 'error':
            if (m.error === null || typeof m.error !== 'object') return fail('error', 'is missing');
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
 * Checks the shape every receiver relies on. Bodies produced by a bridge of the same
 * version were parsed at the edge already, so only the envelope fields are checked here.
 */
export function parseEnvelope(message: unknown): ParsedEnvelope {
    if (message === null || typeof message !== 'object') return fail('', 'message is not an object');
    if (lastChecked !== null && lastChecked.message === message) return lastChecked.result;
    let result: ParsedEnvelope;
    try {
        result = envelopeProblem(message as Record<string, unknown>) ?? { ok: true, value: message as Envelope };
    } catch (error) {
        // A getter or proxy trap on a foreign message: reported like any other bad message.
        result = fail('', `could not be read: ${thrownText(error)}`);
    }
    lastChecked = { message, result };
    return result;
}
