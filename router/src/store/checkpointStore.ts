/**
 * The router's durable state on top of the journal: the replay position of the last
 * handled event, and AgentWork insert intents (so an insert is never repeated after a
 * crash between the insert and the checkpoint).
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

export interface CheckpointStore {
    /** The position to resume after, or undefined on a first start / after a reset. */
    position(): string | undefined;
    savePosition(position: string): void;
    /** Durably notes that an AgentWork insert for (psr, serial) is about to be sent. */
    recordIntent(intent: InsertIntent): void;
    /** The insert finished (work id) or was found unnecessary (null). */
    recordDone(psrId: string, serial: number, workId: string | null): void;
    /** An intent with no `done`: the process died around the insert. */
    pendingIntent(psrId: string): InsertIntent | undefined;
    pendingIntents(): InsertIntent[];
    /** Forgets the position and intents (data-centre recovery). */
    reset(): void;
    close(): void;
}

export interface FileCheckpointStoreOptions {
    file: string;
    logger: Logger;
    /** Rewrite the journal once it holds this many records (default 20,000). */
    compactAfter?: number;
}

export class FileCheckpointStore implements CheckpointStore {
    private readonly journal: Journal;
    private pos: string | undefined;
    private readonly intents = new Map<string, InsertIntent>();
    private readonly compactAfter: number;
    private readonly logger: Logger;

    constructor(options: FileCheckpointStoreOptions) {
        this.logger = options.logger;
        this.compactAfter = options.compactAfter ?? 20_000;
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
            pendingIntents: this.intents.size
        });
    }

    private apply(record: JournalRecord): void {
        switch (record.t) {
            case 'pos':
                if (typeof record.p === 'string') this.pos = record.p;
                break;
            case 'intent':
                if (typeof record.psr === 'string' && typeof record.serial === 'number' && typeof record.user === 'string')
                    this.intents.set(record.psr, { psrId: record.psr, serial: record.serial, userId: record.user });
                break;
            case 'done':
                if (typeof record.psr === 'string') this.intents.delete(record.psr);
                break;
            case 'reset':
                this.pos = undefined;
                this.intents.clear();
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

    /** Rewrites the journal as its live state: the position and the open intents. */
    compact(): void {
        const live: JournalRecord[] = [];
        if (this.pos !== undefined) live.push({ t: 'pos', p: this.pos });
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

    recordIntent(intent: InsertIntent): void {
        this.write({ t: 'intent', psr: intent.psrId, serial: intent.serial, user: intent.userId });
    }

    /**
     * Not fsync'ed on its own: losing a `done` (power loss) only means the next start finds
     * the intent open and asks Salesforce whether the AgentWork exists. The next position
     * checkpoint's fsync flushes it anyway.
     */
    recordDone(psrId: string, serial: number, workId: string | null): void {
        this.write({ t: 'done', psr: psrId, serial, work: workId }, false);
    }

    pendingIntent(psrId: string): InsertIntent | undefined {
        return this.intents.get(psrId);
    }

    pendingIntents(): InsertIntent[] {
        return [...this.intents.values()];
    }

    reset(): void {
        this.write({ t: 'reset' });
        this.compact();
    }

    close(): void {
        this.journal.close();
    }
}
