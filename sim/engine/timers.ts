/** Timers of the simulated clock, run strictly in (time, creation) order. */
interface Timer {
    at: number;
    seq: number;
    run: () => void;
}

export class TimerQueue {
    private timers: Timer[] = [];
    private seq = 0;

    schedule(at: number, run: () => void): void {
        const timer = { at, seq: this.seq++, run };
        // Binary insert keeps the queue sorted; timers are few (one per pushed work or skill drop).
        let low = 0;
        let high = this.timers.length;
        while (low < high) {
            const mid = (low + high) >> 1;
            const other = this.timers[mid];
            if (other.at < at || (other.at === at && other.seq < timer.seq)) low = mid + 1;
            else high = mid;
        }
        this.timers.splice(low, 0, timer);
    }

    /** Removes and returns the next timer due at or before `until`, or null. */
    takeDue(until: number): Timer | null {
        if (this.timers.length === 0 || this.timers[0].at > until) return null;
        return this.timers.shift()!;
    }

    get size(): number {
        return this.timers.length;
    }
}
