/**
 * The kit's structured log: every event, command, result and payload problem as one entry,
 * kept in a ring of bounded size (a console open all day cannot grow memory) and handed to
 * the caller's logger. A logger that throws is counted and skipped: logging never breaks the
 * delivery of an event or the result of a command.
 */
import { thrownText } from 'c/omniClient';

export type OmniLogLevel = 'debug' | 'info' | 'warn' | 'error';

export type OmniLogKind =
    'event' | 'command' | 'result' | 'failure' | 'payloadError' | 'snapshot' | 'capabilities' | 'pushTimeouts' | 'offer' | 'handlerFailed';

export interface OmniLogEntry {
    /** Increases by one per entry (a gap in a download means entries were dropped from the ring). */
    seq: number;
    /** Epoch ms. */
    at: number;
    level: OmniLogLevel;
    kind: OmniLogKind;
    /** The event type, method or source the entry is about. */
    name: string;
    /** The event, arguments, result or error text (plain data). */
    data: unknown;
}

export type OmniLogger = (entry: OmniLogEntry) => void;

export interface OmniLog {
    add(level: OmniLogLevel, kind: OmniLogKind, name: string, data: unknown): void;
    entries(): OmniLogEntry[];
    text(): string;
}

const RANK: Readonly<Record<OmniLogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

export function createLog(logger: OmniLogger | undefined, level: OmniLogLevel, size: number, now: () => number): OmniLog {
    const ring: OmniLogEntry[] = [];
    let seq = 0;
    let loggerFailures = 0;
    return {
        add(entryLevel, kind, name, data) {
            if (RANK[entryLevel] < RANK[level]) return;
            seq += 1;
            const entry: OmniLogEntry = Object.freeze({ seq, at: now(), level: entryLevel, kind, name, data });
            if (size > 0) {
                ring.push(entry);
                if (ring.length > size) ring.shift();
            }
            if (!logger) return;
            try {
                logger(entry);
            } catch (error) {
                loggerFailures += 1;
                // Said once, on the console: the logger is the one place we cannot report to.
                if (loggerFailures === 1) console.error('[omniKit] the logger threw; its failures are ignored', thrownText(error));
            }
        },
        entries: () => ring.slice(),
        text: () => ring.map((entry) => safeJson(entry)).join('\n')
    };
}

function safeJson(entry: OmniLogEntry): string {
    try {
        return JSON.stringify(entry);
    } catch (error) {
        return JSON.stringify({ ...entry, data: `unserialisable: ${thrownText(error)}` });
    }
}
