/**
 * Exponential back-off with full jitter, capped: the delay before retry n is a random value
 * in [base * 2^n / 2, base * 2^n], never above `maxMs`. Jitter keeps many routers (or many
 * restarts) from hammering Salesforce in step after an outage.
 */
export interface BackoffOptions {
    baseMs: number;
    maxMs: number;
    random?: () => number;
}

export class Backoff {
    private attempt = 0;

    constructor(private readonly options: BackoffOptions) {}

    next(): number {
        const ceiling = Math.min(this.options.maxMs, this.options.baseMs * 2 ** this.attempt);
        this.attempt = Math.min(this.attempt + 1, 30);
        const random = this.options.random ?? Math.random;
        return Math.round(ceiling / 2 + (random() * ceiling) / 2);
    }

    reset(): void {
        this.attempt = 0;
    }

    get attempts(): number {
        return this.attempt;
    }
}
