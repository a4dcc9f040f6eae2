/**
 * PSRs the router set aside: records it cannot read, and PSRs that cannot be routed as things
 * stand (a channel no presence status includes, heavier than every agent online on its
 * channel, not an External Routing PSR). Each is reported once at WARN with its reason (an
 * operator should look), counted per reason for metrics, and listed for the CLI
 * (`--unroutable`) through a small JSON file written next to the journal.
 *
 * Setting a PSR aside never blocks the others: the event position moves on. A PSR leaves the
 * list when it is routed, deleted, or a later change makes it readable and routable.
 */
import { renameSync, writeFileSync, readFileSync } from 'node:fs';
import type { Logger } from '../log.js';

export type UnroutableReason =
    /** Salesforce returned the PSR without a field routing needs (ServiceChannelId, WorkItemId, Serial...). */
    | 'unreadable-record'
    /** RoutingModel is not ExternalRouting (empty): the router may not push it. */
    | 'not-external-routing'
    /** No ServiceChannelStatus maps any presence status to the PSR's channel: no agent can ever be on it. */
    | 'channel-in-no-status'
    /** The work needs more capacity than any agent online on its channel has (or CapacityPercentage above 100). */
    | 'heavier-than-every-agent';

export const UNROUTABLE_REASONS: readonly UnroutableReason[] = [
    'unreadable-record',
    'not-external-routing',
    'channel-in-no-status',
    'heavier-than-every-agent'
];

export interface UnroutableEntry {
    psrId: string;
    reason: UnroutableReason;
    detail: string;
    /** The PSR's Serial when set aside, if known. */
    serial: number | null;
    since: string;
}

/** What `--unroutable` prints: the current list and the counters since the process started. */
export interface UnroutableReport {
    updatedAt: string;
    current: UnroutableEntry[];
    /** PSRs set aside since start, per reason (each PSR and reason counted once). */
    total: Record<UnroutableReason, number>;
}

export class UnroutableRegistry {
    private readonly entries = new Map<string, UnroutableEntry>();
    readonly total: Record<UnroutableReason, number> = {
        'unreadable-record': 0,
        'not-external-routing': 0,
        'channel-in-no-status': 0,
        'heavier-than-every-agent': 0
    };

    /** `reportFile`: where the list is written for the CLI (undefined: memory only). */
    constructor(
        private readonly logger: Logger,
        private readonly reportFile?: string,
        private readonly clock: () => number = Date.now
    ) {}

    /** Sets the PSR aside; logs at WARN and counts only when it is new or its reason changed. */
    setAside(psrId: string, reason: UnroutableReason, detail: string, serial: number | null = null): void {
        const known = this.entries.get(psrId);
        if (known && known.reason === reason) return;
        this.entries.set(psrId, { psrId, reason, detail, serial, since: new Date(this.clock()).toISOString() });
        this.total[reason]++;
        this.logger.warn('PSR set aside as unroutable; the others are routed', { psrId, reason, detail, serial });
        this.save();
    }

    /** The PSR was routed, deleted or became routable. */
    clear(psrId: string): void {
        if (!this.entries.delete(psrId)) return;
        this.logger.info('PSR no longer unroutable', { psrId });
        this.save();
    }

    reasonOf(psrId: string): UnroutableReason | undefined {
        return this.entries.get(psrId)?.reason;
    }

    list(): UnroutableEntry[] {
        return [...this.entries.values()];
    }

    get size(): number {
        return this.entries.size;
    }

    /** Forgets the list (data-centre recovery); the counters stay. */
    reset(): void {
        this.entries.clear();
        this.save();
    }

    report(): UnroutableReport {
        return { updatedAt: new Date(this.clock()).toISOString(), current: this.list(), total: { ...this.total } };
    }

    /** Written whole to a temporary file then renamed: a reader never sees half a file. */
    private save(): void {
        if (!this.reportFile) return;
        try {
            const temp = `${this.reportFile}.tmp`;
            writeFileSync(temp, JSON.stringify(this.report(), null, 2));
            renameSync(temp, this.reportFile);
        } catch (error) {
            this.logger.warn('could not write the unroutable PSR list', { file: this.reportFile, error: error as Error });
        }
    }
}

/** The report file of a journal: next to it, same name plus `.unroutable.json`. */
export const unroutableFileFor = (storePath: string): string => `${storePath}.unroutable.json`;

export class UnroutableReportMissingError extends Error {
    constructor(readonly file: string) {
        super(`no unroutable PSR report at ${file} (the router has not run with this store yet)`);
        this.name = 'UnroutableReportMissingError';
    }
}

/** Reads the report a running (or stopped) router wrote. */
export function readUnroutableReport(file: string): UnroutableReport {
    let text: string;
    try {
        text = readFileSync(file, 'utf8');
    } catch {
        throw new UnroutableReportMissingError(file);
    }
    return JSON.parse(text) as UnroutableReport;
}
