/**
 * Stops a faye client for good. faye's disconnect() only acts on a connected client, keeps
 * retrying a handshake in progress and leaves the timers of messages in flight (a long poll's
 * is ~110 s): a stopped transport must leave no retry timer or socket behind, or the process
 * never exits. faye 1.4 has no public API for that, so this reaches into its client (the
 * version is pinned in package.json; the tests exercise this path on every stop).
 */
import type * as Faye from 'faye';

interface ClientInternals {
    _advice?: Record<string, unknown>;
    _state?: number;
    DISCONNECTED?: number;
    _dispatcher?: {
        close(): void;
        _envelopes?: Map<string, { timer: NodeJS.Timeout | null }>;
        handleError?: (...args: unknown[]) => void;
        sendMessage?: (...args: unknown[]) => void;
        _sendEnvelope?: (...args: unknown[]) => void;
    };
}

export function shutdownFayeClient(client: Faye.Client): void {
    const internals = client as unknown as ClientInternals;
    if (internals._advice) internals._advice.reconnect = 'none';
    try {
        client.disconnect();
    } catch {
        // already gone
    }
    if (internals.DISCONNECTED !== undefined) internals._state = internals.DISCONNECTED;
    const dispatcher = internals._dispatcher;
    if (dispatcher?._envelopes) {
        for (const envelope of dispatcher._envelopes.values()) if (envelope.timer) clearTimeout(envelope.timer);
        dispatcher._envelopes.clear();
    }
    dispatcher?.close();
    if (dispatcher) {
        // A request still in flight fails after this point; without these its retry timer would
        // re-send it forever.
        const noop = () => undefined;
        dispatcher.handleError = noop;
        dispatcher.sendMessage = noop;
        dispatcher._sendEnvelope = noop;
    }
}
