/**
 * A small structured logger: one JSON line per entry, to a sink the caller chooses (stderr
 * by default, an array in tests). Secrets never reach the sink: every value registered
 * with `secrets.add` is replaced by "[redacted]" in the whole line, and fields whose name
 * looks like a credential are masked whatever they hold.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export type LogFields = Record<string, unknown>;

export interface Logger {
    debug(message: string, fields?: LogFields): void;
    info(message: string, fields?: LogFields): void;
    warn(message: string, fields?: LogFields): void;
    error(message: string, fields?: LogFields): void;
    /** A logger that adds `fields` to every entry. */
    child(fields: LogFields): Logger;
}

/** Values that must never be printed (tokens, keys, client secrets). Shared by every logger. */
export class SecretRegistry {
    private readonly values = new Set<string>();

    add(value: string | undefined | null): void {
        // Very short values would redact ordinary words; real secrets are long.
        if (value && value.length >= 8) this.values.add(value);
    }

    redact(text: string): string {
        let out = text;
        for (const value of this.values) if (out.includes(value)) out = out.split(value).join('[redacted]');
        return out;
    }
}

export const secrets = new SecretRegistry();

const SECRET_KEY = /(token|secret|password|private_?key|assertion|authorization)/i;

function safeFields(fields: LogFields): LogFields {
    const out: LogFields = {};
    for (const [key, value] of Object.entries(fields)) {
        if (SECRET_KEY.test(key)) out[key] = '[redacted]';
        else if (value instanceof Error)
            out[key] = { name: value.name, message: value.message, ...('code' in value ? { code: value.code } : {}) };
        else out[key] = value;
    }
    return out;
}

export interface LoggerOptions {
    level?: LogLevel;
    /** Receives each finished line (no trailing newline). Default: process.stderr. */
    sink?: (line: string) => void;
    registry?: SecretRegistry;
    clock?: () => number;
}

export function createLogger(options: LoggerOptions = {}, base: LogFields = {}): Logger {
    const min = LOG_LEVELS.indexOf(options.level ?? 'info');
    const sink = options.sink ?? ((line: string) => process.stderr.write(line + '\n'));
    const registry = options.registry ?? secrets;
    const clock = options.clock ?? Date.now;
    const write = (level: LogLevel, message: string, fields?: LogFields) => {
        if (LOG_LEVELS.indexOf(level) < min) return;
        const entry = { time: new Date(clock()).toISOString(), level, message, ...safeFields({ ...base, ...fields }) };
        let line: string;
        try {
            line = JSON.stringify(entry);
        } catch {
            line = JSON.stringify({ time: entry.time, level, message, note: 'fields not serialisable' });
        }
        sink(registry.redact(line));
    };
    return {
        debug: (m, f) => write('debug', m, f),
        info: (m, f) => write('info', m, f),
        warn: (m, f) => write('warn', m, f),
        error: (m, f) => write('error', m, f),
        child: (fields) => createLogger(options, { ...base, ...fields })
    };
}

/** A logger that drops everything (library defaults). */
export const silentLogger: Logger = createLogger({ sink: () => undefined, level: 'error' });
