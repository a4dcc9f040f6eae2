/** Deterministic 15-character Salesforce-style ids, by object key prefix. */
export const PREFIX = {
    agentWork: '0Bz',
    pendingServiceRouting: '0JR',
    user: '005',
    presenceStatus: '0N5',
    serviceChannel: '0N9',
    queue: '00G',
    routingConfig: '0K9',
    presenceConfig: '0Nd',
    agentSession: '0Hn',
    case: '500',
    chat: '570',
    messaging: '0Mw',
    voice: '0LQ'
} as const;

export function createIdFactory(): (prefix: string) => string {
    const counters = new Map<string, number>();
    return (prefix) => {
        const next = (counters.get(prefix) ?? 0) + 1;
        counters.set(prefix, next);
        return `${prefix}SM${String(next).padStart(10, '0')}`;
    };
}
