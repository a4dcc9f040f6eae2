/**
 * Seeded fuzz of the bridge's entry points (issue 11; the families and invariants are in
 * fuzzKit.ts). A failure names its seed: `OMNI_FUZZ_SEED=<seed> npx sfdx-lwc-jest -- fuzz`
 * replays that one case in every family; `OMNI_FUZZ_BASE=<n>` starts a different run.
 * `node bench/run.mjs --only 12-bridge-hardening` runs many more cases.
 */
import { FAMILIES, runCase, runFamily, type Family } from './fuzzKit';

const REPLAY = process.env.OMNI_FUZZ_SEED;
const BASE = Number(process.env.OMNI_FUZZ_BASE ?? 20261203);
// About 6 s together on this 2-core machine when it is quiet (15 s under load).
const CASES: Record<Family, number> = { events: 750, seed: 1800, command: 900, envelope: 750 };

beforeEach(() => {
    // Clients arm command and snapshot time-outs; none may fire or outlive the test.
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
});

afterEach(() => {
    jest.useRealTimers();
});

describe.each(FAMILIES)('fuzz: %s', (family) => {
    it('throws nothing, reports each bad input once and keeps the snapshot clean and the state bounded', async () => {
        const run =
            REPLAY === undefined
                ? await runFamily(family, CASES[family], BASE)
                : { cases: 1, failures: [{ seed: Number(REPLAY), violations: (await runCase(family, Number(REPLAY))).violations }] };
        if (REPLAY !== undefined && run.failures[0].violations.length === 0) run.failures.pop();
        const first = run.failures[0];
        if (first !== undefined) {
            throw new Error(
                `${run.failures.length} of ${run.cases} ${family} cases failed. Replay the first with ` +
                    `OMNI_FUZZ_SEED=${first.seed} npx sfdx-lwc-jest -- fuzz\n  ${first.violations.slice(0, 5).join('\n  ')}`
            );
        }
        expect(run.cases).toBe(REPLAY === undefined ? CASES[family] : 1);
        expect(run.failures).toEqual([]);
    }, 60_000);
});
