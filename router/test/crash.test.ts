/**
 * Crash test: the router CLI as a child process against the local Bayeux and REST servers,
 * thousands of PSRs streamed while it is killed with SIGKILL at random points and
 * restarted. Afterwards every PSR has exactly one AgentWork: none lost, none doubled.
 * The fake org accepts a second insert for an already pushed PSR, so a duplicate would show.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync, createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { AVAILABLE, CHANNEL, CLIENT_SECRET, startWorld, tempStore, waitFor, sleep } from './support/harness.js';
import { TOPICS } from '../src/local/fakeOmniOrg.js';

const PSRS = 2000;
const KILLS = 4;
const CLI = path.resolve(__dirname, '../src/cli.js');

function mulberry32(seed: number): () => number {
    let a = seed;
    return () => {
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

test(
    `crash test: ${PSRS} PSRs, router SIGKILLed ${KILLS} times at random points, no PSR lost or doubled`,
    { timeout: 90_000 },
    async () => {
        const world = await startWorld();
        world.org.allowInsertWhenPushed = true;
        world.org.publishWorkAndPresence = false;
        for (let i = 0; i < 40; i++) world.org.login(`005FK${String(i).padStart(10, '0')}`, AVAILABLE, 1000);
        const store = tempStore();
        const dir = path.dirname(store);
        const configFile = path.join(dir, 'router.json');
        writeFileSync(
            configFile,
            JSON.stringify({
                auth: { flow: 'client_credentials', loginUrl: world.http.url, clientId: 'router-app' },
                transport: { kind: 'streaming', psrTopic: TOPICS.psr, reconnectWindowMs: 2000 },
                storePath: store,
                logLevel: 'info',
                firstStart: 'earliest',
                backoff: { baseMs: 50, maxMs: 200 }
            })
        );
        const logFile = path.join(dir, 'router.log');
        const log = createWriteStream(logFile);
        const random = mulberry32(42);
        let inserted = 0;
        const countRouted = () => {
            inserted = world.http.stats.inserts;
            return inserted;
        };
        let child: ChildProcess | null = null;
        let starts = 0;
        let seededRuns = 0;
        const spawnRouter = () => {
            starts++;
            const proc = spawn(process.execPath, [CLI, '--config', configFile], {
                env: { ...process.env, SF_CLIENT_SECRET: CLIENT_SECRET },
                stdio: ['ignore', 'ignore', 'pipe']
            });
            proc.stderr!.pipe(log, { end: false });
            proc.stderr!.on('data', (chunk: Buffer) => {
                seededRuns += (chunk.toString().match(/"ledger seeded"/g) ?? []).length;
            });
            child = proc;
            return proc;
        };
        const kill = async (proc: ChildProcess) => {
            const exited = new Promise((resolve) => proc.once('exit', resolve));
            proc.kill('SIGKILL');
            await exited;
        };
        try {
            spawnRouter();
            await waitFor(() => seededRuns === 1, 'first router seeded', 20_000);
            let created = 0;
            // First half as a flood (restarts then catch up through the seed and the replay),
            // second half at a pace the router keeps up with (kills land while it handles events).
            const half = PSRS / 2;
            const killAt = [
                ...Array.from({ length: KILLS / 2 }, () => Math.floor(random() * half)),
                ...Array.from({ length: KILLS / 2 }, () => half + Math.floor(random() * half))
            ].sort((a, b) => a - b);
            const psrIds: string[] = [];
            while (created < PSRS) {
                const flood = created < half;
                const batch = Math.min(flood ? 10 : 2, PSRS - created);
                for (let i = 0; i < batch; i++) psrIds.push(world.org.createPsr({ channelId: CHANNEL }));
                created += batch;
                while (killAt.length && killAt[0] <= created) {
                    killAt.shift();
                    // Once this run is routing, let it work a random while, then kill it mid-stride and restart it.
                    const routedBefore = countRouted();
                    await waitFor(() => countRouted() > routedBefore, 'the restarted router routing', 20_000);
                    await sleep(random() * 300);
                    await kill(child!);
                    spawnRouter();
                }
                await sleep(flood ? 12 : 15);
            }
            await waitFor(
                () => world.http.stats.inserts >= PSRS && psrIds.every((id) => world.org.worksFor(id).length > 0),
                'every PSR routed',
                60_000
            );
            await sleep(300); // a late duplicate would show now
            const counts = psrIds.map((id) => world.org.worksFor(id).length);
            const lost = counts.filter((c) => c === 0).length;
            const doubled = counts.filter((c) => c > 1).length;
            assert.equal(lost, 0, 'no PSR lost');
            assert.equal(doubled, 0, 'no PSR with two AgentWork');
            assert.equal(starts, KILLS + 1);
            const text = readFileSync(logFile, 'utf8');
            const positions = text
                .split('\n')
                .filter((l) => l.includes('"journal opened"'))
                .map((l) => (JSON.parse(l) as { position: string | null }).position);
            assert.equal(positions.length, KILLS + 1, 'the journal was opened on each start');
            assert.ok(
                positions.slice(1).every((p) => p !== null),
                `every restart resumed from a saved position (${positions.join(', ')})`
            );
            assert.ok(new Set(positions.slice(1)).size >= 2, `positions advanced between restarts (${positions.join(', ')})`);
        } finally {
            if (child) await kill(child);
            log.end();
            await world.close();
        }
    }
);
