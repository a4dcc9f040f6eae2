import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Backoff } from '../src/runner/backoff.js';

test('back-off doubles from the base, stays within [ceiling/2, ceiling], is capped, and resets', () => {
    const low = new Backoff({ baseMs: 100, maxMs: 1000, random: () => 0 });
    assert.deepEqual(
        Array.from({ length: 6 }, () => low.next()),
        [50, 100, 200, 400, 500, 500]
    );
    const high = new Backoff({ baseMs: 100, maxMs: 1000, random: () => 0.999999 });
    assert.deepEqual(
        Array.from({ length: 6 }, () => high.next()),
        [100, 200, 400, 800, 1000, 1000]
    );
    high.reset();
    assert.equal(high.attempts, 0);
    assert.equal(high.next(), 100);
    // Real jitter: spread inside the bounds.
    const real = new Backoff({ baseMs: 1000, maxMs: 60_000 });
    for (let i = 0; i < 10; i++) real.next();
    const samples = Array.from({ length: 50 }, () => real.next());
    assert.ok(samples.every((d) => d >= 30_000 && d <= 60_000));
    assert.ok(new Set(samples).size > 10, 'jittered');
});
