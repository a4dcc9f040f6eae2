/**
 * Hands back the object a child already has when nothing in it changed.
 *
 * Why: LWC wraps every object passed down through an @api property in a read-only proxy
 * and remembers it in a WeakMap. The panel's getters build fresh row and gauge objects on
 * every render; over a rep's day (hundreds of thousands of events) that table kept
 * growing (measured: bench/suites/30-panel-render.mjs, JS heap after GC). Re-using the
 * unchanged objects also lets LWC skip re-rendering the rows that did not change.
 */
export class StableViews<T extends object> {
    private readonly last = new Map<string, { json: string; value: T }>();

    /** `value`, or the equal object handed out last time under `key`. */
    keep(key: string, value: T): T {
        const json = JSON.stringify(value);
        const previous = this.last.get(key);
        if (previous && previous.json === json) return previous.value;
        this.last.set(key, { json, value });
        return value;
    }

    /** Forgets every key not in `keys` (works that have gone). */
    retainOnly(keys: ReadonlySet<string>): void {
        for (const key of this.last.keys()) if (!keys.has(key)) this.last.delete(key);
    }

    get size(): number {
        return this.last.size;
    }
}
