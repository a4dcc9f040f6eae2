import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

test('demo: the router routes the simulator engine external work, reroutes declines, never back to who declined', () => {
    const demo = path.resolve(__dirname, '../demo/demo.cjs');
    const run = spawnSync(process.execPath, [demo, '--seconds', '4'], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(run.status, 0, run.stderr);
    const summary =
        /summary: (\d+) work items arrived, (\d+) AgentWork inserted by the router \((\d+) reroutes\).*pushed back to an agent who had declined it: (\d+)/.exec(
            run.stdout
        );
    assert.ok(summary, run.stdout);
    const [, arrived, routed, , violations] = summary.map(Number);
    assert.ok(arrived > 0);
    assert.ok(routed >= arrived - 1, `routed ${routed} of ${arrived}`);
    assert.equal(violations, 0);
    assert.match(run.stdout, /router sends \S+ to \w+/);
});
