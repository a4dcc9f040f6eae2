/**
 * A set of subscriber callbacks. A subscriber that throws is logged and skipped: one
 * broken component must not stop the others from hearing about new work.
 */
export interface HandlerSet<A, B = void> {
    add(handler: (a: A, b: B) => void): () => void;
    emit(a: A, b: B): void;
}

export function createHandlerSet<A, B = void>(): HandlerSet<A, B> {
    // One entry object per subscription, so the same function subscribed twice is two subscriptions.
    const entries = new Set<{ handler: (a: A, b: B) => void }>();
    return {
        add(handler) {
            if (typeof handler !== 'function') throw new TypeError('handler must be a function');
            const entry = { handler };
            entries.add(entry);
            return () => {
                entries.delete(entry);
            };
        },
        emit(a, b) {
            for (const entry of entries) {
                try {
                    entry.handler(a, b);
                } catch (error) {
                    console.error('[omniClient] a subscriber threw', error);
                }
            }
        }
    };
}
