/**
 * Orders and de-duplicates PSR events by `Serial` (it increases on every change of a PSR):
 * an event whose Serial is not above the last one handled for that PSR is stale and ignored.
 * Each PSR's first stale event is logged as a warning, later ones only at debug level, so a
 * replay storm does not flood the log.
 */
import type { Logger } from '../log.js';

/** Beyond this many PSRs remembered, the oldest are forgotten (they were deleted long ago). */
const MAX_TRACKED = 200_000;

export class SerialTracker {
    private readonly last = new Map<string, number>();
    private readonly warned = new Set<string>();

    constructor(private readonly logger: Logger) {}

    /** True when an event with this serial is older than or equal to the last one handled (it is logged). */
    isStale(psrId: string, serial: number | undefined, changeType: string): boolean {
        if (serial === undefined) return false;
        const last = this.last.get(psrId);
        if (last !== undefined && serial <= last) {
            const fields = { psrId, serial, lastHandledSerial: last, changeType };
            if (this.warned.has(psrId)) this.logger.debug('stale PSR event ignored', fields);
            else {
                this.warned.add(psrId);
                this.logger.warn('PSR event with an older or equal Serial ignored (out of order or duplicate)', fields);
            }
            return true;
        }
        return false;
    }

    /** Remembers a handled event's serial: only after handling succeeded, so a failed event is not "stale" when replayed. */
    record(psrId: string, serial: number | undefined): void {
        if (serial === undefined) return;
        this.last.delete(psrId); // re-insert: the map's order is then least recently changed first
        this.last.set(psrId, serial);
        if (this.last.size > MAX_TRACKED) {
            const oldest = this.last.keys().next().value as string;
            this.last.delete(oldest);
            this.warned.delete(oldest);
        }
    }

    clear(): void {
        this.last.clear();
        this.warned.clear();
    }
}
