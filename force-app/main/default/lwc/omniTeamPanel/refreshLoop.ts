/**
 * Polls one source on an interval, one call at a time, and ticks every second in between
 * (for the panel's running times). Why not a plain setInterval around the call: a slow
 * answer would let calls overlap and an older answer could land after a newer one. Here a
 * tick never starts a call while one is in flight, refresh() during a call queues exactly
 * one more, and restart() (the question changed, e.g. another queue) drops the answer of
 * the call in flight.
 */
export interface RefreshLoopOptions<T> {
    fetch: () => Promise<T>;
    onData: (data: T, receivedAt: number) => void;
    onError: (error: unknown) => void;
    onTick: (now: number) => void;
    intervalMs: number;
}

const TICK_MS = 1000;

export class RefreshLoop<T> {
    private timer: ReturnType<typeof setInterval> | null = null;
    private inFlight = false;
    private again = false;
    private generation = 0;
    private lastDone = 0;

    constructor(private readonly options: RefreshLoopOptions<T>) {}

    get running(): boolean {
        return this.timer !== null;
    }

    get busy(): boolean {
        return this.inFlight;
    }

    /** Starts ticking and makes the first call. */
    start(): void {
        if (this.timer) return;
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- the poll and the running times need a clock
        this.timer = setInterval(() => this.tick(), TICK_MS);
        this.refresh();
    }

    /** Stops ticking; an answer still on its way is dropped. */
    stop(): void {
        if (this.timer) clearInterval(this.timer);
        this.timer = null;
        this.generation += 1;
        this.again = false;
    }

    /** Calls now, or right after the call in flight. */
    refresh(): void {
        if (this.inFlight) {
            this.again = true;
            return;
        }
        this.call();
    }

    /** The question changed: forget the answer in flight and ask again. */
    restart(): void {
        this.generation += 1;
        this.refresh();
    }

    private tick(): void {
        const now = Date.now();
        this.options.onTick(now);
        if (!this.inFlight && now - this.lastDone >= this.options.intervalMs) this.call();
    }

    private call(): void {
        const generation = this.generation;
        this.inFlight = true;
        this.again = false;
        let request: Promise<T>;
        try {
            request = this.options.fetch();
        } catch (error) {
            request = Promise.reject(error);
        }
        request
            .then(
                (data) => {
                    if (generation === this.generation) this.options.onData(data, Date.now());
                },
                (error: unknown) => {
                    if (generation === this.generation) this.options.onError(error);
                }
            )
            .finally(() => {
                this.inFlight = false;
                this.lastDone = Date.now();
                if (this.timer && (this.again || generation !== this.generation)) this.call();
            });
    }
}
