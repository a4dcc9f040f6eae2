/**
 * Salesforce record ids arrive from the toolkit as 15-character (case-sensitive) or
 * 18-character (case-insensitive) strings. Everything past the edge uses the canonical
 * 18-character form so that ids from events, toolkit results and record pages compare
 * equal no matter which form or letter case they came in.
 */

/** An 18-character Salesforce id in canonical case. */
export type SalesforceId = string & { readonly __salesforceId: true };

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-5]{3})?$/;
const CACHE_LIMIT = 4096;
// Events repeat the same few ids; caching keeps the hot path to one Map lookup.
const cache = new Map<string, SalesforceId | null>();

function isUpper(code: number): boolean {
    return code >= 65 && code <= 90;
}

function isLetter(code: number): boolean {
    return isUpper(code) || (code >= 97 && code <= 122);
}

function suffixFor(id15: string): string {
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) {
            if (isUpper(id15.charCodeAt(chunk * 5 + i))) bits |= 1 << i;
        }
        suffix += SUFFIX_ALPHABET[bits];
    }
    return suffix;
}

/**
 * An 18-character id is case-insensitive: its suffix records which of the first 15
 * characters are upper case. Rebuilding the case from the suffix makes an id that was
 * lower- or upper-cased on its way (URLs, formulas, spreadsheets) canonical again.
 */
function restoreCase(raw: string): string | null {
    const suffix = raw.slice(15).toUpperCase();
    let out = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        const bits = SUFFIX_ALPHABET.indexOf(suffix[chunk]);
        for (let i = 0; i < 5; i++) {
            const ch = raw[chunk * 5 + i];
            const upper = (bits & (1 << i)) !== 0;
            if (!isLetter(ch.charCodeAt(0))) {
                if (upper) return null;
                out += ch;
            } else {
                out += upper ? ch.toUpperCase() : ch.toLowerCase();
            }
        }
    }
    return out + suffix;
}

function compute(raw: string): SalesforceId | null {
    if (!ID_SHAPE.test(raw)) return null;
    const id = raw.length === 15 ? raw + suffixFor(raw) : restoreCase(raw);
    return id as SalesforceId | null;
}

/** The canonical 18-character form of a 15- or 18-character id, or null if it is not an id. */
export function toId18(raw: unknown): SalesforceId | null {
    // Only strings of an id's length are ever cached: a payload can carry any string, and
    // keeping those (a 1 MB one per event) grew the heap without bound and slowed every event.
    if (typeof raw !== 'string' || (raw.length !== 15 && raw.length !== 18)) return null;
    let id = cache.get(raw);
    if (id === undefined) {
        id = compute(raw);
        if (cache.size >= CACHE_LIMIT) cache.clear();
        cache.set(raw, id);
    }
    return id;
}

/** The id cache's size, limit and longest key (for the tests and the heap benchmark). */
export function idCacheStats(): { size: number; limit: number; maxKeyLength: number } {
    let maxKeyLength = 0;
    for (const key of cache.keys()) if (key.length > maxKeyLength) maxKeyLength = key.length;
    return { size: cache.size, limit: CACHE_LIMIT, maxKeyLength };
}

/** The 15-character, case-sensitive form (what many URLs and older code use). */
export function toId15(raw: unknown): string | null {
    const id = toId18(raw);
    return id === null ? null : id.slice(0, 15);
}

/** True when both values are ids of the same record, whatever their length or case. */
export function idsEqual(a: unknown, b: unknown): boolean {
    const left = toId18(a);
    return left !== null && left === toId18(b);
}

/** Key prefixes of the objects the toolkit's arguments refer to. */
export const KEY_PREFIX = {
    agentWork: '0Bz',
    servicePresenceStatus: '0N5',
    user: '005'
} as const;
