/**
 * Test helpers for the Pub/Sub transport: a token source, handlers that record what the
 * transport delivers, a capturing logger, and polling.
 */
import type { Logger, LogFields } from '../../src/log.js';
import type { AccessTokenSource, RoutingChange, TransportError, TransportHandlers } from '../../src/transport/contract.js';
import { createPubSubTransport, type PubSubTransportOptions } from '../../src/transport/pubsub/index.js';
import type { EventTransport } from '../../src/transport/contract.js';
import { GOOD_TOKEN, TENANT_ID, type FakePubSubServer } from '../../src/local/pubsub/fakePubSubServer.js';

export class TestTokens implements AccessTokenSource {
    refreshes = 0;
    constructor(
        public token: string = GOOD_TOKEN,
        private readonly next: string = GOOD_TOKEN
    ) {}
    async current() {
        return { accessToken: this.token, instanceUrl: 'https://omni.example.my.salesforce.com', tenantId: TENANT_ID };
    }
    async refresh() {
        this.refreshes++;
        this.token = this.next;
        return this.current();
    }
}

/** A logger that keeps every entry as given, without any redaction, to prove nothing secret is passed in. */
export class CapturingLogger implements Logger {
    readonly lines: string[];
    constructor(
        lines: string[] = [],
        private readonly base: LogFields = {}
    ) {
        this.lines = lines;
    }
    private write(level: string, message: string, fields?: LogFields) {
        this.lines.push(
            JSON.stringify({ level, message, ...this.base, ...fields }, (_k, v: unknown) =>
                v instanceof Error ? { name: v.name, message: v.message } : v
            )
        );
    }
    debug(m: string, f?: LogFields) {
        this.write('debug', m, f);
    }
    info(m: string, f?: LogFields) {
        this.write('info', m, f);
    }
    warn(m: string, f?: LogFields) {
        this.write('warn', m, f);
    }
    error(m: string, f?: LogFields) {
        this.write('error', m, f);
    }
    child(fields: LogFields): Logger {
        return new CapturingLogger(this.lines, { ...this.base, ...fields });
    }
}

export interface Recorder extends TransportHandlers {
    changes: RoutingChange[];
    failures: TransportError[];
    /** Largest number of onChange calls running at once. */
    maxConcurrent: number;
}

/** Handlers that record changes; `delayMs` makes each onChange take that long. */
export function recorder(options: { delayMs?: number; onChange?: (change: RoutingChange) => Promise<void> | void } = {}): Recorder {
    let running = 0;
    const r: Recorder = {
        changes: [],
        failures: [],
        maxConcurrent: 0,
        async onChange(change) {
            running++;
            r.maxConcurrent = Math.max(r.maxConcurrent, running);
            try {
                if (options.delayMs) await sleep(options.delayMs);
                await options.onChange?.(change);
                r.changes.push(change);
            } finally {
                running--;
            }
        },
        onFailure(error) {
            r.failures.push(error);
        }
    };
    return r;
}

export function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function waitFor(what: string, condition: () => boolean, timeoutMs = 5000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
        await sleep(5);
    }
}

export function transportFor(
    server: FakePubSubServer,
    options: Partial<PubSubTransportOptions> & { tokens?: AccessTokenSource } = {}
): EventTransport {
    return createPubSubTransport({
        endpoint: server.address,
        tls: false,
        topicName: '/data/OmniRouting__chn',
        tokens: new TestTokens(),
        acceptWindowMs: 200,
        ...options
    });
}

export const PSR_ID = (n: number) => `0JR${'FK'}${String(n).padStart(10, '0')}AAA`;
export const WORK_ID = (n: number) => `0Bz${'FK'}${String(n).padStart(10, '0')}AAA`;
export const PRESENCE_ID = (n: number) => `0Hn${'FK'}${String(n).padStart(10, '0')}AAA`;
