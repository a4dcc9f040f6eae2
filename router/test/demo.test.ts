/**
 * npm run router:demo, on both transports: the router routes the simulator's External work;
 * simulated reps accept, decline and let pushes time out through the kit's real client and
 * bridge engine; refused work is rerouted, never back to who refused it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { named, TRANSPORTS } from './support/harness.js';

const DEMO = path.resolve(__dirname, '../demo/demo.cjs');

function runDemo(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [DEMO, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
        child.on('exit', (code) => {
            clearTimeout(timer);
            resolve({ code, stdout, stderr });
        });
    });
}

for (const transport of TRANSPORTS) {
    test(
        named(transport, 'demo: routed, accepted and declined in the simulated consoles, rerouted never back to who refused'),
        async () => {
            const run = await runDemo(['--seconds', '6', '--transport', transport]);
            assert.equal(run.code, 0, run.stderr + run.stdout);
            const summary =
                /summary \((\w+)\): (\d+) work items arrived, (\d+) AgentWork inserted by the router \((\d+) reroutes\), (\d+) accepted, (\d+) declined, (\d+) push time-outs.*console calls refused: (\d+); pushed back to an agent who had declined it: (\d+)/.exec(
                    run.stdout
                );
            assert.ok(summary, run.stdout);
            const [, kind] = summary;
            const [arrived, routed, reroutes, accepted, declined, timedOut, refusedCalls, violations] = summary.slice(2).map(Number);
            assert.equal(kind, transport);
            assert.ok(arrived >= 5, `${arrived} arrived`);
            assert.ok(routed >= arrived - 1, `routed ${routed} of ${arrived}`);
            assert.ok(accepted > 0 && declined + timedOut > 0 && reroutes > 0, run.stdout);
            assert.equal(violations, 0);
            assert.equal(refusedCalls, 0, 'every console call was answered');
            assert.match(run.stdout, /router sends \S+ to \w+/);
            assert.match(run.stdout, /\w+ accepts \S+ in the console/);
            assert.match(run.stdout, transport === 'pubsub' ? /Pub\/Sub transport \(CDC on/ : /Streaming transport \(PushTopics on/);
        }
    );
}
