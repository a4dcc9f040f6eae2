/**
 * Small statistics and formatting helpers shared by suites (no dependencies, so every
 * suite reports percentiles and numbers the same way).
 */

/** Nearest-rank percentile of an ascending-sorted array (p in 0..100). */
export function percentile(sorted, p) {
    if (sorted.length === 0) return NaN;
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(values) {
    return percentile(Float64Array.from(values).sort(), 50);
}

/** p50/p90/p99/max/mean of per-sample nanoseconds. */
export function latencySummary(samplesNs) {
    const sorted = Float64Array.from(samplesNs).sort();
    let sum = 0;
    for (const v of sorted) sum += v;
    return {
        samples: sorted.length,
        p50: percentile(sorted, 50),
        p90: percentile(sorted, 90),
        p99: percentile(sorted, 99),
        max: sorted[sorted.length - 1],
        mean: sum / sorted.length
    };
}

/**
 * Cost of one process.hrtime.bigint() pair, so readers can judge per-event latencies that
 * are only a few hundred ns (it is reported, not subtracted).
 */
export function timerOverheadNs(iterations = 200000) {
    const samples = new Float64Array(iterations);
    for (let i = 0; i < iterations; i++) {
        const t0 = process.hrtime.bigint();
        samples[i] = Number(process.hrtime.bigint() - t0);
    }
    return percentile(samples.sort(), 50);
}

const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** 1234567 -> "1,234,567"; small values keep two decimals. */
export function fmt(value) {
    if (typeof value !== 'number') return String(value);
    if (!Number.isFinite(value)) return String(value);
    return Math.abs(value) >= 100 ? intFormat.format(value) : decFormat.format(value);
}

/** PASS/MISS for "value >= goal" or "value <= goal". */
export function check(value, op, goal) {
    const ok = op === '>=' ? value >= goal : value <= goal;
    return ok ? 'PASS' : 'MISS';
}
