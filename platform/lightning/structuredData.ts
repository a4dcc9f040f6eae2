/**
 * One strict structured clone, the same in jest (jsdom has no structuredClone) and in the
 * browser (the simulator), so a message that the platform would refuse is refused in both.
 *
 * Lightning Message Service: "A message is a serializable JSON object ... A message can't
 * contain functions and symbols." (Aura Components Developer Guide, *Communicating Across the
 * DOM with Lightning Message Service*,
 * https://developer.salesforce.com/docs/platform/aura-platform/guide/message-channel-intro.html).
 * The browser's structured clone algorithm (HTML Standard, *Safe passing of structured data*,
 * https://html.spec.whatwg.org/multipage/structured-data.html#structuredclone) throws a
 * DataCloneError on functions, symbols and DOM nodes, copies Date, Map, Set, arrays and plain
 * objects, and keeps cycles; this implementation follows it for the types a component can
 * reasonably send, and refuses (rather than silently changing) anything else: a class
 * instance, a Promise, a WeakMap.
 *
 * The same check guards the Aura/LWC boundary in platform/aura: only data crosses it.
 */

/** What a browser throws: a DOMException named DataCloneError (an Error where DOMException is missing). */
export class DataCloneError extends Error {
    readonly path: string;
    constructor(path: string, what: string) {
        super(`${what} at ${path || '(the value itself)'} cannot be cloned: only data (no functions, symbols or DOM nodes) may be sent`);
        this.name = 'DataCloneError';
        this.path = path;
    }
}

function isNode(value: object): boolean {
    return typeof Node !== 'undefined' && value instanceof Node;
}

function describe(value: unknown): string {
    if (typeof value === 'function') return `a function (${(value as { name?: string }).name || 'anonymous'})`;
    if (typeof value === 'symbol') return `a symbol (${String(value)})`;
    if (typeof value === 'bigint') return 'a bigint';
    if (value && typeof value === 'object') {
        if (isNode(value)) return `a DOM node (${(value as Node).nodeName})`;
        const name = Object.getPrototypeOf(value)?.constructor?.name;
        return `an instance of ${name || 'an unknown class'}`;
    }
    return typeof value;
}

function isPlainObject(value: object): boolean {
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
}

function cloneAt(value: unknown, path: string, seen: Map<object, unknown>): unknown {
    if (value === null || value === undefined) return value;
    const type = typeof value;
    if (type === 'string' || type === 'number' || type === 'boolean') return value;
    if (type === 'bigint') return value;
    if (type === 'function' || type === 'symbol') throw new DataCloneError(path, describe(value));
    const object = value as object;
    const known = seen.get(object);
    if (known !== undefined) return known;
    if (isNode(object)) throw new DataCloneError(path, describe(object));
    if (Array.isArray(object)) {
        const out: unknown[] = [];
        seen.set(object, out);
        object.forEach((item, index) => {
            out[index] = cloneAt(item, `${path}[${index}]`, seen);
        });
        return out;
    }
    if (object instanceof Date) {
        const out = new Date(object.getTime());
        seen.set(object, out);
        return out;
    }
    if (object instanceof RegExp) {
        const out = new RegExp(object.source, object.flags);
        seen.set(object, out);
        return out;
    }
    if (object instanceof Map) {
        const out = new Map<unknown, unknown>();
        seen.set(object, out);
        let index = 0;
        for (const [key, item] of object) {
            out.set(cloneAt(key, `${path}<key ${index}>`, seen), cloneAt(item, `${path}<value ${index}>`, seen));
            index += 1;
        }
        return out;
    }
    if (object instanceof Set) {
        const out = new Set<unknown>();
        seen.set(object, out);
        let index = 0;
        for (const item of object) {
            out.add(cloneAt(item, `${path}<item ${index}>`, seen));
            index += 1;
        }
        return out;
    }
    if (object instanceof Error) {
        // structuredClone keeps an Error's name and message (HTML Standard, serializable Error objects).
        const out = new Error(object.message);
        out.name = object.name;
        seen.set(object, out);
        return out;
    }
    if (!isPlainObject(object)) throw new DataCloneError(path, describe(object));
    const out: Record<string, unknown> = {};
    seen.set(object, out);
    for (const key of Reflect.ownKeys(object)) {
        // Symbol-keyed properties are not data: refused, not silently dropped.
        if (typeof key === 'symbol') throw new DataCloneError(`${path}[${String(key)}]`, 'a symbol-keyed property');
        const descriptor = Object.getOwnPropertyDescriptor(object, key)!;
        if (!descriptor.enumerable) continue;
        if (descriptor.get || descriptor.set) throw new DataCloneError(path ? `${path}.${key}` : key, 'an accessor property');
        out[key] = cloneAt(descriptor.value, path ? `${path}.${key}` : key, seen);
    }
    return out;
}

/** A deep copy of `value` as the structured clone algorithm makes it; throws DataCloneError on anything that is not data. */
export function strictStructuredClone<T>(value: T): T {
    return cloneAt(value, '', new Map()) as T;
}

/** Throws DataCloneError when `value` is not data (the copy is discarded). */
export function assertStructuredData(value: unknown, where: string): void {
    try {
        strictStructuredClone(value);
    } catch (error) {
        if (error instanceof DataCloneError) {
            const inner = new DataCloneError(error.path, `${where}:`);
            inner.message = `${where}: ${error.message}`;
            throw inner;
        }
        throw error;
    }
}
