/**
 * A set of subscriber callbacks. A subscriber that throws is logged and skipped: one
 * broken component must not stop the others from hearing about new work.
 */
export interface HandlerSet<A extends unknown[]> {
    add(handler: (...args: A) => void): () => void;
    emit(...args: A): void;
}

export function createHandlerSet<A extends unknown[]>(): HandlerSet<A> {
    const handlers = new Set<(...args: A) => void>();
    return {
        add(handler) {
            if (typeof handler !== 'function') throw new TypeError('handler must be a function');
            // Wrap so the same function subscribed twice gets two independent subscriptions.
            const entry = (...args: A) => handler(...args);
            handlers.add(entry);
            return () => {
                handlers.delete(entry);
            };
        },
        emit(...args) {
            for (const handler of handlers) {
                try {
                    handler(...args);
                } catch (error) {
                    console.error('[omniClient] a subscriber threw', error);
                }
            }
        }
    };
}
