/**
 * Orders and de-duplicates PSR events by `Serial` (it increases on every change of a PSR):
 * an event whose Serial is not above the last one handled for that PSR is stale and ignored.
 * Logged at debug only: a duplicate or out-of-order delivery (a replay after a stream
 * restart, at-least-once delivery) is handled and needs no operator.
 */
import type { Logger } from '../log.js';

/** Beyond this many PSRs remembered, the oldest are forgotten (they were deleted long ago). */
const MAX_TRACKED = 200_000;

export class SerialTracker {
    private readonly last = new Map<string, number>();

    constructor(private readonly logger: Logger) {}

    /** True when an event with this serial is older than or equal to the last one handled (logged at debug). */
    isStale(psrId: string, serial: number | undefined, changeType: string): boolean {
        if (serial === undefined) return false;
        const last = this.last.get(psrId);
        if (last !== undefined && serial <= last) {
            this.logger.debug('stale PSR event ignored (older or equal Serial: out of order or duplicate)', {
                psrId,
                serial,
                lastHandledSerial: last,
                changeType
            });
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
        }
    }

    clear(): void {
        this.last.clear();
    }
}
