/**
 * The edge: raw toolkit event params and toolkit results in, typed values out. Every
 * quirk is absorbed here (JSON-string or array lists, numbers and booleans as strings,
 * 15- or 18-character ids, absent optional fields, unknown reason values), and anything
 * else becomes an OmniPayloadError naming the source and the field.
 */
import { toId18, type SalesforceId } from './ids';
import { OmniPayloadError, OmniToolkitError } from './errors';
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

/** Reads fields of one payload; every failure names the payload and the field. */
class Reader {
    constructor(
        readonly source: string,
        readonly fields: Fields
    ) {}

    fail(path: string, problem: string): never {
        throw new OmniPayloadError(this.source, path, problem);
    }

    id(key: string): SalesforceId {
        const id = toId18(this.fields[key]);
        return id ?? this.fail(key, `is not a Salesforce id: ${describe(this.fields[key])}`);
    }

    optionalText(key: string): string | null {
        const value = this.fields[key];
        if (value === undefined || value === null || value === '') return null;
        return typeof value === 'string' ? value : this.fail(key, `should be text, got ${describe(value)}`);
    }

    number(key: string): number {
        const value = this.optionalNumber(key);
        return value ?? this.fail(key, 'is missing');
    }

    optionalNumber(key: string): number | null {
        const value = this.fields[key];
        if (value === undefined || value === null || value === '') return null;
        // Workload numbers arrive as numbers or as strings depending on the org and release.
        const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
        return Number.isFinite(n) && n >= 0 ? n : this.fail(key, `should be a non-negative number, got ${describe(value)}`);
    }

    boolean(key: string): boolean {
        const value = this.fields[key];
        if (value === true || value === 'true') return true;
        if (value === false || value === 'false') return false;
        return this.fail(key, `should be true or false, got ${describe(value)}`);
    }

    /** The toolkit documents arrays but sends JSON strings; accept both. */
    list<T>(key: string, item: (reader: Reader) => T): T[] {
        let value = this.fields[key];
        if (typeof value === 'string') {
            try {
                value = JSON.parse(value);
            } catch {
                this.fail(key, `is not valid JSON: ${describe(value)}`);
            }
        }
        if (!Array.isArray(value)) return this.fail(key, `should be a list, got ${describe(value)}`);
        return value.map((entry, index) => {
            if (entry === null || typeof entry !== 'object') this.fail(`${key}[${index}]`, 'should be an object');
            return item(new Reader(`${this.source} ${key}[${index}]`, entry as Fields));
        });
    }
}

function describe(value: unknown): string {
    if (value === undefined) return 'nothing';
    if (typeof value === 'string') return JSON.stringify(value.length > 60 ? value.slice(0, 60) + '...' : value);
    if (typeof value === 'object') return value === null ? 'null' : Array.isArray(value) ? 'a list' : 'an object';
    return String(value);
}

function asFields(source: string, value: unknown): Fields {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new OmniPayloadError(source, '', `should be an object, got ${describe(value)}`);
    }
    return value as Fields;
}

function readChannel(r: Reader): OmniChannel {
    return { channelId: r.id('channelId'), developerName: r.optionalText('developerName') ?? '' };
}

function readWorkSummary(r: Reader): OmniWorkSummary {
    const engaged = r.fields.isEngaged;
    return {
        workId: r.id('workId'),
        workItemId: r.id('workItemId'),
        isEngaged: engaged === undefined || engaged === null ? false : r.boolean('isEngaged')
    };
}

function readStatus(r: Reader): OmniStatusInfo {
    return { statusId: r.id('statusId'), statusName: r.optionalText('statusName'), statusApiName: r.optionalText('statusApiName') };
}

function readWorkload(r: Reader): OmniWorkload {
    return {
        configuredCapacity: r.number('configuredCapacity'),
        currentWorkload: r.number('currentWorkload'),
        configuredInterruptibleCapacity: r.optionalNumber('configuredInterruptibleCapacity'),
        currentInterruptibleWorkload: r.optionalNumber('currentInterruptibleWorkload')
    };
}

function knownReason<T extends string>(known: ReadonlySet<string>, raw: string | null): T | null {
    return raw !== null && known.has(raw) ? (raw as T) : null;
}

function readEvent(type: OmniEvent['type'], r: Reader): OmniEvent {
    switch (type) {
        case 'connectionError': {
            const error = r.fields.error;
            const message =
                typeof error === 'string'
                    ? error
                    : error && typeof error === 'object'
                      ? String((error as Fields).message ?? 'connection error')
                      : 'connection error';
            return { type, message };
        }
        case 'loginSuccess':
            return { type, statusId: r.id('statusId') };
        case 'statusChanged': {
            const rawReason = r.optionalText('reason');
            return {
                type,
                ...readStatus(r),
                channels: r.fields.channels === undefined || r.fields.channels === null ? [] : r.list('channels', readChannel),
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
 * without the `lightning:` prefix (for example `omniChannelWorkAssigned`).
 */
export function parseOmniEvent(auraEventName: unknown, params: unknown): Parsed<OmniEvent> {
    const name = typeof auraEventName === 'string' ? withoutNamespace(auraEventName) : '';
    const type = Object.prototype.hasOwnProperty.call(AURA_EVENT_TYPES, name) ? AURA_EVENT_TYPES[name] : undefined;
    try {
        if (type === undefined)
            throw new OmniPayloadError('omni event', 'name', `is not an Omni-Channel event: ${describe(auraEventName)}`);
        return { ok: true, value: readEvent(type, new Reader(name, asFields(name, params))) };
    } catch (error) {
        return { ok: false, error: asPayloadError(name || 'omni event', error) };
    }
}

function asPayloadError(source: string, error: unknown): OmniPayloadError {
    return error instanceof OmniPayloadError ? error : new OmniPayloadError(source, '', String(error));
}

function expectTrue(method: OmniMethod, value: unknown): true {
    // Promise-style methods resolve true; a false (or old-style {success:false}) is a failure.
    if (value === true || (value && typeof value === 'object' && (value as Fields).success === true)) return true;
    throw new OmniToolkitError(method, 'the toolkit reported the call as unsuccessful');
}

/**
 * Turns what a toolkit method resolved to into its typed result. Throws OmniPayloadError
 * for a malformed result and OmniToolkitError for a result that reports failure.
 */
export function parseCommandResult<M extends OmniMethod>(method: M, raw: unknown): OmniResult<M> {
    const source = `${method} result`;
    switch (method) {
        case 'getAgentWorks':
            return new Reader(source, asFields(source, raw)).list('works', readWorkSummary) as OmniResult<M>;
        case 'getAgentWorkload':
            return readWorkload(new Reader(source, asFields(source, raw))) as OmniResult<M>;
        case 'getServicePresenceStatusChannels':
            return new Reader(source, asFields(source, raw)).list('channels', readChannel) as OmniResult<M>;
        case 'getServicePresenceStatusId':
            return readStatus(new Reader(source, asFields(source, raw))) as OmniResult<M>;
        case 'setServicePresenceStatus': {
            const r = new Reader(source, asFields(source, raw));
            const channels = r.fields.channels === undefined || r.fields.channels === null ? [] : r.list('channels', readChannel);
            return { ...readStatus(r), channels } as OmniResult<M>;
        }
        default:
            return expectTrue(method, raw) as OmniResult<M>;
    }
}
