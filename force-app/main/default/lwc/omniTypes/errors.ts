/**
 * Every failure the kit reports is one of these classes, so callers can branch on
 * `instanceof` or on `code` (which survives the trip across the message channel).
 */

export type OmniErrorCode = 'BRIDGE_UNAVAILABLE' | 'COMMAND_TIMEOUT' | 'TOOLKIT_REJECTED' | 'BAD_PAYLOAD' | 'BAD_ARGUMENT';

/** What an error looks like on the message channel (plain data, serializable). */
export interface OmniWireError {
    code: OmniErrorCode;
    message: string;
    method?: string;
    source?: string;
    path?: string;
}

export class OmniError extends Error {
    readonly code: OmniErrorCode;
    constructor(code: OmniErrorCode, message: string) {
        super(message);
        this.code = code;
        this.name = 'OmniError';
    }
    toWire(): OmniWireError {
        return { code: this.code, message: this.message };
    }
}

/** No omniBridge answered: the utility item is missing from the console app or not loaded. */
export class OmniBridgeUnavailableError extends OmniError {
    constructor(
        message = 'No Omni bridge answered. Add the "Omni Workload" utility (Omni Console Kit) to this Lightning console app, with Start automatically.'
    ) {
        super('BRIDGE_UNAVAILABLE', message);
        this.name = 'OmniBridgeUnavailableError';
    }
}

/** A bridge took the command but no result came back in time. */
export class OmniCommandTimeoutError extends OmniError {
    readonly method: string;
    constructor(method: string, timeoutMs: number) {
        super('COMMAND_TIMEOUT', `${method} got no answer within ${timeoutMs} ms.`);
        this.name = 'OmniCommandTimeoutError';
        this.method = method;
    }
    toWire(): OmniWireError {
        return { ...super.toWire(), method: this.method };
    }
}

/** lightning:omniToolkitAPI rejected the call (or resolved it as failed). */
export class OmniToolkitError extends OmniError {
    readonly method: string;
    constructor(method: string, message: string) {
        super('TOOLKIT_REJECTED', `${method} failed: ${message}`);
        this.name = 'OmniToolkitError';
        this.method = method;
    }
    toWire(): OmniWireError {
        return { ...super.toWire(), method: this.method };
    }
}

/** A payload (toolkit event, toolkit result or channel message) did not have the documented shape. */
export class OmniPayloadError extends OmniError {
    readonly source: string;
    readonly path: string;
    constructor(source: string, path: string, problem: string) {
        super('BAD_PAYLOAD', `${source}: ${path ? path + ' ' : ''}${problem}`);
        this.name = 'OmniPayloadError';
        this.source = source;
        this.path = path;
    }
    toWire(): OmniWireError {
        return { ...super.toWire(), source: this.source, path: this.path };
    }
}

/** A command was called with arguments the toolkit would misread (caught before it runs). */
export class OmniArgumentError extends OmniError {
    readonly method: string;
    constructor(method: string, problem: string) {
        super('BAD_ARGUMENT', `${method}: ${problem}`);
        this.name = 'OmniArgumentError';
        this.method = method;
    }
    toWire(): OmniWireError {
        return { ...super.toWire(), method: this.method };
    }
}

function stripPrefix(message: string, method: string | undefined): string {
    const prefix = `${method}: `;
    return method && message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/** Rebuilds the typed error on the receiving side of the channel. */
export function fromWireError(wire: OmniWireError): OmniError {
    const method = wire.method ?? 'unknown';
    switch (wire.code) {
        case 'BRIDGE_UNAVAILABLE':
            return new OmniBridgeUnavailableError(wire.message);
        case 'COMMAND_TIMEOUT': {
            const error = new OmniCommandTimeoutError(method, 0);
            error.message = wire.message;
            return error;
        }
        case 'TOOLKIT_REJECTED': {
            const error = new OmniToolkitError(method, '');
            error.message = wire.message;
            return error;
        }
        case 'BAD_ARGUMENT':
            return new OmniArgumentError(method, stripPrefix(wire.message, wire.method));
        default: {
            const error = new OmniPayloadError(wire.source ?? 'unknown', wire.path ?? '', '');
            error.message = wire.message;
            return error;
        }
    }
}

/**
 * `value instanceof type` for a value thrown by code we do not control: `instanceof` on a
 * revoked proxy (or one whose getPrototypeOf trap throws) throws itself.
 */
export function isInstance<T>(value: unknown, type: abstract new (...args: never[]) => T): value is T {
    try {
        return value instanceof type;
    } catch {
        return false;
    }
}

const MAX_DESCRIBED = 60;

/**
 * A short, safe description of any value for an error message. Payloads come from code we
 * do not control, so nothing here may throw: no JSON.stringify (BigInt and cycles throw),
 * no String() on objects (a throwing toString), no property reads (getters, proxies).
 */
export function describeValue(value: unknown): string {
    try {
        switch (typeof value) {
            case 'undefined':
                return 'nothing';
            case 'string':
                return JSON.stringify(value.length > MAX_DESCRIBED ? value.slice(0, MAX_DESCRIBED) + '...' : value);
            case 'number':
            case 'boolean':
                return String(value);
            case 'bigint':
                return `a BigInt (${String(value).slice(0, MAX_DESCRIBED)}n)`;
            case 'symbol':
                return 'a symbol';
            case 'function':
                return 'a function';
            default:
                return value === null ? 'null' : Array.isArray(value) ? 'a list' : 'an object';
        }
    } catch {
        // Array.isArray throws on a revoked proxy.
        return 'an unreadable value';
    }
}

/** The message of something thrown, without trusting it (a getter or toString may throw too). */
export function thrownText(thrown: unknown): string {
    try {
        if (typeof thrown === 'string') return thrown;
        if (thrown !== null && typeof thrown === 'object') {
            const message: unknown = (thrown as { message?: unknown }).message;
            if (typeof message === 'string') return message;
        }
    } catch {
        // fall through
    }
    return thrown !== null && typeof thrown === 'object' ? 'an unreadable error' : describeValue(thrown);
}

/** Best-effort text of whatever the toolkit rejected with (Error, string, {message}, array...). */
export function describeRejection(reason: unknown): string {
    try {
        if (reason instanceof Error) return thrownText(reason);
        if (typeof reason === 'string') return reason;
        if (reason && typeof reason === 'object') {
            const message = (reason as { message?: unknown }).message;
            if (typeof message === 'string') return message;
            return JSON.stringify(reason).slice(0, 200);
        }
        return String(reason);
    } catch {
        // a getter, a proxy trap, a BigInt or a cycle inside the rejection, a throwing toString
        return 'unreadable error';
    }
}
