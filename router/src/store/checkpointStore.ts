/**
 * The router's durable state on top of the journal: the replay position of the last
 * handled event, and AgentWork inserts keyed by PSR id and Serial, so an insert is never
 * repeated for the same PSR state:
 *
 * - an `intent` (psr, serial, user) is written and fsync'ed before the insert is sent;
 * - its `done` (psr, serial, work id, or null when no AgentWork was created) after it.
 *
 * An intent without a `done` means the process died around the insert: the router asks
 * Salesforce whether the AgentWork exists. A `done` with a work id says "this PSR, at this
 * Serial, already has our AgentWork": a replayed event or a re-read PSR that still says
 * IsPushed=false (Salesforce has not pushed it yet) must not get a second one. A PSR whose
 * Serial moved on (declined, timed out) is a new state and may be routed again.
 *
 * Records: `pos` {p}, `intent` {psr, serial, user}, `done` {psr, serial, work|null},
 * `reset` (after an org data-centre recovery: forget everything before it).
 */
import type { Logger } from '../log.js';
import { Journal, type JournalRecord } from './journal.js';

export interface InsertIntent {
    psrId: string;
    serial: number;
    userId: string;
}

/** An AgentWork the router inserted for a PSR at a Serial. */
export interface InsertDone {
    psrId: string;
    serial: number;
    workId: string;
}

export interface CheckpointStore {
    /** The position to resume after, or undefined on a first start / after a reset. */
    position(): string | undefined;
    savePosition(position: string): void;
    /**
     * Notes that an AgentWork insert for (psr, serial) is about to be sent; durable at once,
     * or with `sync` false at the next sync() (several intents, one fsync, before their inserts).
     */
    recordIntent(intent: InsertIntent, sync?: boolean): void;
    /** Makes every record written so far durable. */
    sync(): void;
    /** The insert for (psr, serial) finished (work id) or was found unnecessary (null). */
    recordDone(psrId: string, serial: number, workId: string | null): void;
    /** The intent for exactly this PSR state that has no outcome yet. */
    pendingIntent(psrId: string, serial: number): InsertIntent | undefined;
    /** Every intent of this PSR without an outcome (any Serial), oldest first. */
    pendingIntentsFor(psrId: string): InsertIntent[];
    pendingIntents(): InsertIntent[];
    /** The AgentWork inserted for exactly this PSR state, if a `done` says so. */
    insertedFor(psrId: string, serial: number): string | undefined;
    /** The last AgentWork inserted for this PSR, at whatever Serial. */
    lastInsert(psrId: string): InsertDone | undefined;
    /** The PSR is gone (accepted, cancelled): its insert records are not needed any more (memory only). */
    forget(psrId: string): void;
    /** Forgets the position and intents (data-centre recovery). */
    reset(): void;
    close(): void;
}

export interface FileCheckpointStoreOptions {
    file: string;
    logger: Logger;
    /** Rewrite the journal once it holds this many records (default 20,000). */
    compactAfter?: number;
    /** Most PSRs whose last insert is remembered (default 100,000; the least recently changed go first). */
    maxInserts?: number;
}

const key = (psrId: string, serial: number) => `${psrId}|${serial}`;

export class FileCheckpointStore implements CheckpointStore {
    private readonly journal: Journal;
    private pos: string | undefined;
    /** Open intents by `psr|serial`. */
    private readonly intents = new Map<string, InsertIntent>();
    /** The last insert per PSR (a newer Serial supersedes an older one). */
    private readonly inserts = new Map<string, InsertDone>();
    private readonly compactAfter: number;
    private readonly maxInserts: number;
    private readonly logger: Logger;

    constructor(options: FileCheckpointStoreOptions) {
        this.logger = options.logger;
        this.compactAfter = options.compactAfter ?? 20_000;
        this.maxInserts = options.maxInserts ?? 100_000;
        const { journal, report } = Journal.open(options.file);
        this.journal = journal;
        for (const record of report.records) this.apply(record);
        if (report.droppedBytes > 0) {
            this.logger.warn('journal: dropped a corrupt or truncated tail (a crash during a write); the records before it are kept', {
                file: options.file,
                droppedBytes: report.droppedBytes,
                reason: report.dropReason
            });
        }
        this.logger.info('journal opened', {
            file: options.file,
            created: report.created,
            records: report.records.length,
            position: this.pos ?? null,
            pendingIntents: this.intents.size,
            inserts: this.inserts.size
        });
    }

    private apply(record: JournalRecord): void {
        switch (record.t) {
            case 'pos':
                if (typeof record.p === 'string') this.pos = record.p;
                break;
            case 'intent':
                if (typeof record.psr === 'string' && typeof record.serial === 'number' && typeof record.user === 'string')
                    this.intents.set(key(record.psr, record.serial), { psrId: record.psr, serial: record.serial, userId: record.user });
                break;
            case 'done':
                if (typeof record.psr !== 'string' || typeof record.serial !== 'number') break;
                this.intents.delete(key(record.psr, record.serial));
                if (typeof record.work === 'string') this.rememberInsert({ psrId: record.psr, serial: record.serial, workId: record.work });
                break;
            case 'reset':
                this.pos = undefined;
                this.intents.clear();
                this.inserts.clear();
                break;
            default:
                // A record type from a newer version: skip it rather than refuse to start.
                this.logger.warn('journal: unknown record type skipped', { type: record.t });
        }
    }

    private write(record: JournalRecord, sync = true): void {
        this.journal.append([record], sync);
        this.apply(record);
        if (this.journal.size >= this.compactAfter) this.compact();
    }

    private rememberInsert(done: InsertDone): void {
        const previous = this.inserts.get(done.psrId);
        if (previous && previous.serial > done.serial) return;
        this.inserts.delete(done.psrId); // re-insert: the map's order is least recently changed first
        this.inserts.set(done.psrId, done);
        if (this.inserts.size > this.maxInserts) this.inserts.delete(this.inserts.keys().next().value as string);
    }

    /** Rewrites the journal as its live state: the position, the open intents and the last insert of each PSR. */
    compact(): void {
        const live: JournalRecord[] = [];
        if (this.pos !== undefined) live.push({ t: 'pos', p: this.pos });
        for (const d of this.inserts.values()) live.push({ t: 'done', psr: d.psrId, serial: d.serial, work: d.workId });
        for (const i of this.intents.values()) live.push({ t: 'intent', psr: i.psrId, serial: i.serial, user: i.userId });
        this.journal.rewrite(live);
        this.logger.debug('journal compacted', { records: live.length });
    }

    position(): string | undefined {
        return this.pos;
    }

    savePosition(position: string): void {
        if (position === this.pos) return;
        this.write({ t: 'pos', p: position });
    }

    recordIntent(intent: InsertIntent, sync = true): void {
        this.write({ t: 'intent', psr: intent.psrId, serial: intent.serial, user: intent.userId }, sync);
    }

    sync(): void {
        this.journal.sync();
    }

    /**
     * Not fsync'ed on its own: losing a `done` (power loss) only means the next start finds
     * the intent open and asks Salesforce whether the AgentWork exists. The next position
     * checkpoint's fsync flushes it anyway.
     */
    recordDone(psrId: string, serial: number, workId: string | null): void {
        this.write({ t: 'done', psr: psrId, serial, work: workId }, false);
    }

    pendingIntent(psrId: string, serial: number): InsertIntent | undefined {
        return this.intents.get(key(psrId, serial));
    }

    pendingIntentsFor(psrId: string): InsertIntent[] {
        return [...this.intents.values()].filter((i) => i.psrId === psrId).sort((a, b) => a.serial - b.serial);
    }

    pendingIntents(): InsertIntent[] {
        return [...this.intents.values()];
    }

    insertedFor(psrId: string, serial: number): string | undefined {
        const done = this.inserts.get(psrId);
        return done && done.serial === serial ? done.workId : undefined;
    }

    lastInsert(psrId: string): InsertDone | undefined {
        return this.inserts.get(psrId);
    }

    forget(psrId: string): void {
        this.inserts.delete(psrId);
    }

    reset(): void {
        this.write({ t: 'reset' });
        this.compact();
    }

    close(): void {
        this.journal.close();
    }
}
