/**
 * A set of subscriber callbacks. A subscriber that throws is logged and skipped: one
 * broken component must not stop the others from hearing about new work.
 */
export interface HandlerSet<A, B = void> {
    add(handler: (a: A, b: B) => void): () => void;
    emit(a: A, b: B): void;
}

export function createHandlerSet<A, B = void>(): HandlerSet<A, B> {
    // One entry object per subscription, so the same function subscribed twice is two
    // subscriptions. The list is replaced, never changed in place: an emit in progress
    // goes on over the list it started with when a handler (un)subscribes.
    let entries: ReadonlyArray<{ handler: (a: A, b: B) => void }> = [];
    return {
        add(handler) {
            if (typeof handler !== 'function') throw new TypeError('handler must be a function');
            const entry = { handler };
            entries = [...entries, entry];
            return () => {
                entries = entries.filter((e) => e !== entry);
            };
        },
        emit(a, b) {
            const list = entries;
            for (let i = 0; i < list.length; i++) {
                try {
                    list[i].handler(a, b);
                } catch (error) {
                    console.error('[omniClient] a subscriber threw', error);
                }
            }
        }
    };
}
