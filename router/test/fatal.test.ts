/**
 * Failures that retrying cannot fix stop the router with a clear error (CLI exit code 3)
 * instead of backing off forever; and the ROUTER_FAULT test hook's parsing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { RouterStoppedError } from '../src/runner/service.js';
import { crashAfterInserts, FaultSpecError, parseFault } from '../src/runner/faults.js';
import { CLIENT_SECRET, startRouter, startWorld, tempStore } from './support/harness.js';

const CLI = path.resolve(__dirname, '../src/cli.js');

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [CLI, ...args], {
            env: { PATH: process.env.PATH ?? '', ...env },
            stdio: ['ignore', 'ignore', 'pipe']
        });
        let stderr = '';
        child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.on('exit', (code) => {
            clearTimeout(timer);
            resolve({ code, stderr });
        });
    });
}

test('a Pub/Sub topic that does not exist: the router stops at once with RouterStoppedError, no retry loop', async () => {
    const world = await startWorld({ transport: 'pubsub' });
    try {
        const router = await startRouter(
            world,
            { transport: { kind: 'pubsub', endpoint: world.pubsub!.address, topicName: '/data/NoSuchChannel__chn', tls: false } },
            { waitListening: false }
        );
        await assert.rejects(
            router.done,
            (e: unknown) => e instanceof RouterStoppedError && e.failure.name === 'SubscriptionRejectedError'
        );
        assert.equal(router.app.service.stats.restarts, 0, 'not retried');
        assert.equal(world.pubsub!.calls.getTopic, 1);
        assert.ok(router.logs.some((l) => l.includes('"level":"error"') && l.includes('does not go away by retrying')));
        await router.app.stop(); // idempotent after the stop
    } finally {
        await world.close();
    }
});

test('CLI: the same failure exits with code 3 and says why; a bad ROUTER_FAULT exits 2', async () => {
    const world = await startWorld({ transport: 'pubsub' });
    try {
        const dir = path.dirname(tempStore());
        const config = path.join(dir, 'router.json');
        writeFileSync(
            config,
            JSON.stringify({
                auth: { flow: 'client_credentials', loginUrl: world.http.url, clientId: 'router-app' },
                transport: { kind: 'pubsub', endpoint: world.pubsub!.address, topicName: '/data/NoSuchChannel__chn', tls: false },
                storePath: path.join(dir, 'journal.log')
            })
        );
        const stopped = await runCli(['--config', config], { SF_CLIENT_SECRET: CLIENT_SECRET });
        assert.equal(stopped.code, 3, stopped.stderr);
        assert.match(stopped.stderr, /omni-router: the router stopped: SubscriptionRejectedError: .*NoSuchChannel__chn/);
        assert.equal(stopped.stderr.includes(CLIENT_SECRET), false);
        const badFault = await runCli(['--config', config], { SF_CLIENT_SECRET: CLIENT_SECRET, ROUTER_FAULT: 'sometimes' });
        assert.equal(badFault.code, 2);
        assert.match(badFault.stderr, /ROUTER_FAULT must be after-insert:<n>/);
    } finally {
        await world.close();
    }
});

test('ROUTER_FAULT: after-insert:<n> crashes at the n-th insert exactly; anything else is refused', () => {
    assert.equal(parseFault(undefined), undefined);
    assert.equal(parseFault(''), undefined);
    assert.deepEqual(parseFault('after-insert:3'), { afterInsert: 3 });
    for (const bad of ['after-insert:0', 'after-insert:-1', 'after-insert:x', 'before-insert:1', 'after-insert:'])
        assert.throws(() => parseFault(bad), FaultSpecError);
    let crashes = 0;
    const hook = crashAfterInserts({ afterInsert: 3 }, () => crashes++);
    hook();
    hook();
    assert.equal(crashes, 0);
    hook();
    assert.equal(crashes, 1);
    hook();
    assert.equal(crashes, 1, 'once');
});
