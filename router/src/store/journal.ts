/**
 * An append-only journal file: the router's only durable state, with no database server
 * and no native addon.
 *
 * Format (text, one record a line, UTF-8):
 *
 *     <crc32 of the JSON, 8 lowercase hex digits> <JSON record>\n
 *
 * The first record is a header `{"t":"header","format":"omni-router-journal","version":1}`.
 * Each append is written with one write() and fsync'ed before the call returns, so a
 * record the caller was told about survives a crash or power loss. A crash in the middle
 * of a write leaves a truncated or garbled last line: on open, reading stops at the first
 * line that does not parse or whose checksum does not match, the tail from there is cut
 * off (and reported), and everything before it is kept.
 *
 * Compaction rewrites the live state as a new file (temp file in the same folder, fsync,
 * rename over the journal, fsync the folder), so at every instant the path holds either the
 * old complete journal or the new complete one.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, truncateSync, writeSync, existsSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from './crc32.js';

export const JOURNAL_FORMAT = 'omni-router-journal';
export const JOURNAL_VERSION = 1;

export type JournalRecord = { t: string } & Record<string, unknown>;

export interface JournalOpenReport {
    records: JournalRecord[];
    /** Bytes cut from a corrupt or truncated tail (0 when the file was clean). */
    droppedBytes: number;
    /** Why the tail was dropped, for the log. */
    dropReason?: string;
    /** True when the file did not exist and was created. */
    created: boolean;
}

export class JournalFormatError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'JournalFormatError';
    }
}

function encode(record: JournalRecord): string {
    const json = JSON.stringify(record);
    return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

/** Parses the file's text; stops at the first bad line. */
function decode(text: string): { records: JournalRecord[]; goodBytes: number; reason?: string } {
    const records: JournalRecord[] = [];
    let offset = 0;
    while (offset < text.length) {
        const end = text.indexOf('\n', offset);
        if (end < 0)
            return { records, goodBytes: Buffer.byteLength(text.slice(0, offset)), reason: 'last record has no newline (truncated write)' };
        const line = text.slice(offset, end);
        const match = /^([0-9a-f]{8}) (.*)$/.exec(line);
        let record: unknown;
        if (match && parseInt(match[1], 16) === crc32(match[2])) {
            try {
                record = JSON.parse(match[2]);
            } catch {
                record = undefined;
            }
        }
        if (!record || typeof record !== 'object' || typeof (record as JournalRecord).t !== 'string') {
            return {
                records,
                goodBytes: Buffer.byteLength(text.slice(0, offset)),
                reason: `bad checksum or JSON at record ${records.length + 1}`
            };
        }
        records.push(record as JournalRecord);
        offset = end + 1;
    }
    return { records, goodBytes: Buffer.byteLength(text) };
}

export class Journal {
    private fd: number | null = null;
    private appended = 0;

    private constructor(readonly file: string) {}

    /** Opens (or creates) the journal and returns what it holds. */
    static open(file: string): { journal: Journal; report: JournalOpenReport } {
        mkdirSync(path.dirname(file), { recursive: true });
        const journal = new Journal(file);
        const created = !existsSync(file);
        if (created) {
            journal.rewrite([]);
            return { journal, report: { records: [], droppedBytes: 0, created } };
        }
        const buffer = readFileSync(file);
        const { records, goodBytes, reason } = decode(buffer.toString('utf8'));
        const header = records[0];
        if (records.length === 0 && goodBytes === 0 && buffer.length > 0 && !reason?.startsWith('last')) {
            // Not even the header parses: refuse rather than silently throw away a foreign file.
            throw new JournalFormatError(`${file} is not a router journal (${reason})`);
        }
        if (header && (header.t !== 'header' || header.format !== JOURNAL_FORMAT))
            throw new JournalFormatError(`${file} is not a router journal`);
        if (header && header.version !== JOURNAL_VERSION)
            throw new JournalFormatError(`${file}: journal version ${String(header.version)} is not supported`);
        const droppedBytes = buffer.length - goodBytes;
        if (droppedBytes > 0) truncateSync(file, goodBytes);
        if (!header) {
            journal.rewrite([]);
        } else {
            journal.fd = openSync(file, 'a');
            journal.appended = records.length;
        }
        return { journal, report: { records: records.slice(1), droppedBytes, dropReason: droppedBytes > 0 ? reason : undefined, created } };
    }

    /** Records appended since the last compaction (to decide when to compact). */
    get size(): number {
        return this.appended;
    }

    /**
     * Appends records in one write. With `sync` (the default) it fsyncs: durable when this
     * returns, even across a power loss. Without, the record survives a process crash (it is
     * in the OS's page cache) and reaches the disk with the next synced append.
     */
    append(records: JournalRecord[], sync = true): void {
        if (this.fd === null) throw new Error('journal is closed');
        writeSync(this.fd, records.map(encode).join(''));
        if (sync) fsyncSync(this.fd);
        this.appended += records.length;
    }

    /** Makes every record appended so far durable (one fsync for several unsynced appends). */
    sync(): void {
        if (this.fd === null) throw new Error('journal is closed');
        fsyncSync(this.fd);
    }

    /** Atomically replaces the journal with a header and `records` (the live state). */
    rewrite(records: JournalRecord[]): void {
        const temp = `${this.file}.tmp-${process.pid}`;
        const header: JournalRecord = { t: 'header', format: JOURNAL_FORMAT, version: JOURNAL_VERSION };
        const fd = openSync(temp, 'w');
        try {
            writeSync(fd, [header, ...records].map(encode).join(''));
            fsyncSync(fd);
        } finally {
            closeSync(fd);
        }
        if (this.fd !== null) closeSync(this.fd);
        renameSync(temp, this.file);
        // The rename itself must reach the disk: fsync the folder.
        const dir = openSync(path.dirname(this.file), 'r');
        try {
            fsyncSync(dir);
        } finally {
            closeSync(dir);
        }
        this.fd = openSync(this.file, 'a');
        this.appended = records.length + 1;
    }

    close(): void {
        if (this.fd !== null) closeSync(this.fd);
        this.fd = null;
    }
}
