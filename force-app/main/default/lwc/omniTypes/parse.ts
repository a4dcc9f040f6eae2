/**
 * The edge: raw toolkit event params and toolkit results in, typed values out. Every
 * quirk is absorbed here (JSON-string or array lists, numbers and booleans as strings,
 * 15- or 18-character ids, absent optional fields, unknown reason values), and anything
 * else becomes an OmniPayloadError naming the source and the field.
 */
import { toId18, type SalesforceId } from './ids';
import { OmniPayloadError, OmniToolkitError, describeValue, isInstance, thrownText } from './errors';
import { AURA_EVENT_TYPES } from './model';
import type {
    OmniChannel,
    OmniEvent,
    OmniLogoutReason,
    OmniStatusChangeReason,
    OmniStatusInfo,
    OmniWorkload,
    OmniWorkSummary
} from './model';
import type { OmniMethod, OmniResult } from './commands';

type Fields = Record<string, unknown>;

const STATUS_REASONS: ReadonlySet<string> = new Set([
    'OmniToolkitStatusChange',
    'OmniPushTimeout',
    'OmniDeclineWork',
    'OmniManualStatusChange',
    'OmniSupervisorStatusChange',
    'OmniLoginStatusChange'
]);
const LOGOUT_REASONS: ReadonlySet<string> = new Set([
    'DuplicateLogin',
    'DuplicateLoginInSameBrowser',
    'MaintenanceLogout',
    'OmniSupervisorLogout'
]);

/**
 * Told the raw form of each id the parser normalised, when it differs from the canonical
 * one (a 15-character id, or an 18-character one in another case): the bridge hands the
 * toolkit back the exact form it sent without reading the payload a second time.
 */
export type RawIdSink = (key: string, id: SalesforceId, raw: string) => void;

// Plain decimal text only: Number() also reads ' ' and '' as 0, '0x10' as 16, '0b11' as 3
// and '1e3' as 1000, none of which a toolkit number is.
const DECIMAL = /^-?(?:\d+\.?\d*|\.\d+)$/;

/** Reads fields of one payload; every failure names the payload and the field. */
class Reader {
    constructor(
        readonly source: string,
        private readonly fields: Fields,
        private readonly rawIds?: RawIdSink
    ) {}

    fail(path: string, problem: string): never {
        throw new OmniPayloadError(this.source, path, problem);
    }

    /** One field, read once; a getter or proxy trap that throws is a bad payload, not a crash. */
    get(key: string): unknown {
        try {
            return this.fields[key];
        } catch (error) {
            return this.fail(key, `could not be read: ${thrownText(error)}`);
        }
    }

    id(key: string): SalesforceId {
        const raw = this.get(key);
        const id = toId18(raw);
        if (id === null) return this.fail(key, `is not a Salesforce id: ${describeValue(raw)}`);
        if (this.rawIds && raw !== id) this.rawIds(key, id, raw as string);
        return id;
    }

    optionalText(key: string): string | null {
        const value = this.get(key);
        if (value === undefined || value === null || value === '') return null;
        return typeof value === 'string' ? value : this.fail(key, `should be text, got ${describeValue(value)}`);
    }

    number(key: string): number {
        const value = this.optionalNumber(key);
        return value ?? this.fail(key, 'is missing');
    }

    optionalNumber(key: string): number | null {
        const value = this.get(key);
        if (value === undefined || value === null || value === '') return null;
        // Workload numbers arrive as numbers or as strings depending on the org and release.
        const n = typeof value === 'number' ? value : typeof value === 'string' && DECIMAL.test(value) ? Number(value) : NaN;
        if (!Number.isFinite(n) || n < 0) return this.fail(key, `should be a non-negative number, got ${describeValue(value)}`);
        return n === 0 ? 0 : n; // -0 becomes 0
    }

    boolean(key: string): boolean {
        const value = this.get(key);
        if (value === true || value === 'true') return true;
        if (value === false || value === 'false') return false;
        return this.fail(key, `should be true or false, got ${describeValue(value)}`);
    }

    /** The toolkit documents arrays but sends JSON strings; accept both. Holes are refused. */
    list<T>(key: string, item: (reader: Reader) => T): T[] {
        return this.listOf(key, this.get(key), item);
    }

    private listOf<T>(key: string, raw: unknown, item: (reader: Reader) => T): T[] {
        let value = raw;
        if (typeof value === 'string') {
            try {
                value = JSON.parse(value);
            } catch {
                this.fail(key, `is not valid JSON: ${describeValue(value)}`);
            }
        }
        if (!isList(value)) return this.fail(key, `should be a list, got ${describeValue(value)}`);
        const length = this.read(key, () => value.length);
        const out: T[] = [];
        for (let index = 0; index < length; index++) {
            const path = `${key}[${index}]`;
            const entry = this.read(path, () => value[index]);
            if (entry === null || typeof entry !== 'object') this.fail(path, `should be an object, got ${describeValue(entry)}`);
            out.push(item(new Reader(`${this.source} ${path}`, entry as Fields, this.rawIds)));
        }
        return Object.freeze(out) as T[];
    }

    /** An optional list: absent or null is empty. */
    optionalList<T>(key: string, item: (reader: Reader) => T): T[] {
        const value = this.get(key);
        return value === undefined || value === null ? (Object.freeze([]) as unknown as T[]) : this.listOf(key, value, item);
    }

    private read<T>(path: string, read: () => T): T {
        try {
            return read();
        } catch (error) {
            return this.fail(path, `could not be read: ${thrownText(error)}`);
        }
    }
}

function isList(value: unknown): value is unknown[] {
    try {
        return Array.isArray(value);
    } catch {
        return false; // a revoked proxy
    }
}

function asFields(source: string, value: unknown): Fields {
    if (value === null || typeof value !== 'object' || isList(value)) {
        throw new OmniPayloadError(source, '', `should be an object, got ${describeValue(value)}`);
    }
    return value as Fields;
}

function readChannel(r: Reader): OmniChannel {
    return Object.freeze({ channelId: r.id('channelId'), developerName: r.optionalText('developerName') ?? '' });
}

function readWorkSummary(r: Reader): OmniWorkSummary {
    const engaged = r.get('isEngaged');
    return {
        workId: r.id('workId'),
        workItemId: r.id('workItemId'),
        isEngaged: engaged === undefined || engaged === null ? false : r.boolean('isEngaged')
    };
}

/**
 * One entry per work: the toolkit may list a work twice, in its 15- and 18-character
 * forms or in another letter case, which are the same work once normalised. The same work
 * for two different items is a contradiction, reported rather than guessed.
 */
function uniqueWorks(r: Reader, works: OmniWorkSummary[]): OmniWorkSummary[] {
    const byId = new Map<SalesforceId, OmniWorkSummary>();
    works.forEach((work, index) => {
        const seen = byId.get(work.workId);
        if (seen === undefined) byId.set(work.workId, work);
        else if (seen.workItemId !== work.workItemId)
            r.fail(
                `works[${index}].workItemId`,
                `lists work ${work.workId} again for another item (${work.workItemId}, first ${seen.workItemId})`
            );
        else if (work.isEngaged) seen.isEngaged = true;
    });
    return Array.from(byId.values(), (work) => Object.freeze(work));
}

function readStatus(r: Reader): OmniStatusInfo {
    return { statusId: r.id('statusId'), statusName: r.optionalText('statusName'), statusApiName: r.optionalText('statusApiName') };
}

function readWorkload(r: Reader): OmniWorkload {
    return Object.freeze({
        configuredCapacity: r.number('configuredCapacity'),
        currentWorkload: r.number('currentWorkload'),
        configuredInterruptibleCapacity: r.optionalNumber('configuredInterruptibleCapacity'),
        currentInterruptibleWorkload: r.optionalNumber('currentInterruptibleWorkload')
    });
}

function knownReason<T extends string>(known: ReadonlySet<string>, raw: string | null): T | null {
    return raw !== null && known.has(raw) ? (raw as T) : null;
}

/** A connection error is worth showing whatever its text looks like: its text never makes it a bad payload. */
function connectionMessage(r: Reader): string {
    const error = r.get('error');
    if (typeof error === 'string') return error;
    if (error === null || typeof error !== 'object') return 'connection error';
    try {
        const message: unknown = (error as Fields).message;
        return typeof message === 'string' ? message : typeof message === 'number' ? String(message) : 'connection error';
    } catch {
        return 'connection error';
    }
}

function readEvent(type: OmniEvent['type'], r: Reader): OmniEvent {
    switch (type) {
        case 'connectionError':
            return { type, message: connectionMessage(r) };
        case 'loginSuccess':
            return { type, statusId: r.id('statusId') };
        case 'statusChanged': {
            const rawReason = r.optionalText('reason');
            return {
                type,
                ...readStatus(r),
                channels: r.optionalList('channels', readChannel),
                reason: knownReason<OmniStatusChangeReason>(STATUS_REASONS, rawReason),
                rawReason
            };
        }
        case 'logout': {
            const rawReason = r.optionalText('reason');
            return { type, reason: knownReason<OmniLogoutReason>(LOGOUT_REASONS, rawReason), rawReason };
        }
        case 'workFlagUpdated': {
            const role = r.optionalText('roleUpdatedBy');
            const upperRole = role === null ? null : role.toUpperCase();
            const updatedBy = r.optionalText('updatedBy');
            return {
                type,
                workId: r.id('workId'),
                isFlagged: r.boolean('isFlagged'),
                message: r.optionalText('message'),
                roleUpdatedBy: upperRole === 'AGENT' || upperRole === 'SUPERVISOR' ? upperRole : null,
                updatedBy: updatedBy === null ? null : (toId18(updatedBy) ?? updatedBy)
            };
        }
        case 'workloadChanged':
            return {
                type,
                configuredCapacity: r.number('configuredCapacity'),
                previousWorkload: r.optionalNumber('previousWorkload') ?? 0,
                newWorkload: r.number('newWorkload'),
                configuredInterruptibleCapacity: r.optionalNumber('configuredInterruptibleCapacity'),
                previousInterruptibleWorkload: r.optionalNumber('previousInterruptibleWorkload'),
                newInterruptibleWorkload: r.optionalNumber('newInterruptibleWorkload')
            };
        default:
            return { type, workId: r.id('workId'), workItemId: r.id('workItemId') };
    }
}

function withoutNamespace(auraEventName: string): string {
    return auraEventName.startsWith('lightning:') ? auraEventName.slice(10) : auraEventName;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: OmniPayloadError };

/**
 * Parses the params of one Aura event. `auraEventName` is the event's name with or
 * without the `lightning:` prefix (for example `omniChannelWorkAssigned`). Never throws:
 * whatever the params hold (getters, proxies, BigInt, cycles), a bad payload comes back
 * as an OmniPayloadError. The event is frozen: every subscriber hears the same one.
 */
export function parseOmniEvent(auraEventName: unknown, params: unknown, rawIds?: RawIdSink): Parsed<OmniEvent> {
    const name = typeof auraEventName === 'string' ? withoutNamespace(auraEventName) : '';
    const type = Object.prototype.hasOwnProperty.call(AURA_EVENT_TYPES, name) ? AURA_EVENT_TYPES[name] : undefined;
    try {
        if (type === undefined)
            throw new OmniPayloadError('omni event', 'name', `is not an Omni-Channel event: ${describeValue(auraEventName)}`);
        return { ok: true, value: Object.freeze(readEvent(type, new Reader(name, asFields(name, params), rawIds))) };
    } catch (error) {
        return { ok: false, error: asPayloadError(name || 'omni event', error) };
    }
}

/** Anything else thrown while reading a payload (a proxy trap, a hostile toString) is a bad payload too. */
function asPayloadError(source: string, error: unknown): OmniPayloadError {
    return isInstance(error, OmniPayloadError) ? error : new OmniPayloadError(source, '', `could not be read: ${thrownText(error)}`);
}

function expectTrue(method: OmniMethod, value: unknown): true {
    // Promise-style methods resolve true; a false (or old-style {success:false}) is a failure.
    if (value === true || (value !== null && typeof value === 'object' && (value as Fields).success === true)) return true;
    throw new OmniToolkitError(method, 'the toolkit reported the call as unsuccessful');
}

function readCommandResult<M extends OmniMethod>(method: M, source: string, raw: unknown, rawIds?: RawIdSink): OmniResult<M> {
    switch (method) {
        case 'getAgentWorks': {
            const r = new Reader(source, asFields(source, raw), rawIds);
            return Object.freeze(uniqueWorks(r, r.list('works', readWorkSummary))) as OmniResult<M>;
        }
        case 'getAgentWorkload':
            return readWorkload(new Reader(source, asFields(source, raw))) as OmniResult<M>;
        case 'getServicePresenceStatusChannels':
            return Object.freeze(new Reader(source, asFields(source, raw), rawIds).list('channels', readChannel)) as OmniResult<M>;
        case 'getServicePresenceStatusId':
            return Object.freeze(readStatus(new Reader(source, asFields(source, raw), rawIds))) as OmniResult<M>;
        case 'setServicePresenceStatus': {
            const r = new Reader(source, asFields(source, raw), rawIds);
            return Object.freeze({ ...readStatus(r), channels: r.optionalList('channels', readChannel) }) as OmniResult<M>;
        }
        default:
            return expectTrue(method, raw) as OmniResult<M>;
    }
}

/**
 * Turns what a toolkit method resolved to into its typed (frozen) result. Throws
 * OmniPayloadError for a malformed result, whatever it holds, and OmniToolkitError for a
 * result that reports failure; nothing else.
 */
export function parseCommandResult<M extends OmniMethod>(method: M, raw: unknown, rawIds?: RawIdSink): OmniResult<M> {
    const source = `${method} result`;
    try {
        return readCommandResult(method, source, raw, rawIds);
    } catch (error) {
        if (isInstance(error, OmniToolkitError)) throw error;
        throw asPayloadError(source, error);
    }
}
