/**
 * Your own routing strategy, plugged in the documented way: a module named in the config
 * file (`strategyModule`, resolved against the config's folder) whose default export, or
 * `strategy` export, is a RoutingStrategy, selected by its name. ES modules and CommonJS.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { InvalidStrategyError, loadStrategyModule, strategyNames } from '../src/ledger/strategy.js';
import { AVAILABLE, CHANNEL, CLIENT_SECRET, startRouter, startWorld, tempStore, waitFor } from './support/harness.js';

const CLI = path.resolve(__dirname, '../src/cli.js');
const A = '005FK000000000A';
const B = '005FK000000000B';

/** Prefers agents whose user id ends in B, whatever their free capacity. */
const PREFER_B = `{ name: 'test-prefer-b', score: (agent) => (agent.userId.endsWith('B') ? 0 : 1) }`;

test('config strategyModule: an ES module next to the config file routes the work', async () => {
    const dir = path.dirname(tempStore());
    writeFileSync(path.join(dir, 'prefer-b.mjs'), `export default ${PREFER_B};\n`);
    const configFile = path.join(dir, 'router.json');
    const world = await startWorld();
    try {
        writeFileSync(
            configFile,
            JSON.stringify({
                auth: { flow: 'client_credentials', loginUrl: world.http.url, clientId: 'router-app' },
                strategy: 'test-prefer-b',
                strategyModule: './prefer-b.mjs'
            })
        );
        const config = loadConfig({ configFile, env: { SF_CLIENT_SECRET: CLIENT_SECRET } });
        assert.equal(config.strategyModule, path.join(dir, 'prefer-b.mjs'), 'resolved against the config file');
        world.org.login(A, AVAILABLE, 10);
        world.org.login(B, AVAILABLE, 1);
        const router = await startRouter(world, { strategy: config.strategy, strategyModule: config.strategyModule });
        try {
            assert.ok(strategyNames().includes('test-prefer-b'));
            const psr = world.org.createPsr({ channelId: CHANNEL });
            await waitFor(() => world.org.worksFor(psr).length === 1, 'routed');
            assert.equal(world.org.worksFor(psr)[0].UserId, B, 'the plugged-in strategy chose, not most-available (A has 10 free)');
            // B is full now: the strategy is only asked about agents with room, so A gets the next one.
            const next = world.org.createPsr({ channelId: CHANNEL });
            await waitFor(() => world.org.worksFor(next).length === 1, 'routed');
            assert.equal(world.org.worksFor(next)[0].UserId, A);
            assert.ok(router.logs.some((l) => l.includes('"router configured"') && l.includes('"strategy":"test-prefer-b"')));
        } finally {
            await router.stop();
        }
    } finally {
        await world.close();
    }
});

test('a CommonJS module exporting `strategy` works; a module without a strategy is a clear error (CLI exit 2)', async () => {
    const dir = path.dirname(tempStore());
    writeFileSync(path.join(dir, 'cjs-strategy.cjs'), `exports.strategy = { name: 'test-cjs', score: () => 0 };\n`);
    writeFileSync(path.join(dir, 'nothing.mjs'), `export const notAStrategy = 42;\n`);
    writeFileSync(path.join(dir, 'broken.mjs'), `export default {;\n`);
    assert.equal((await loadStrategyModule(path.join(dir, 'cjs-strategy.cjs'))).name, 'test-cjs');
    await assert.rejects(loadStrategyModule(path.join(dir, 'nothing.mjs')), InvalidStrategyError);
    await assert.rejects(loadStrategyModule(path.join(dir, 'broken.mjs')), /cannot be loaded/);
    const env = {
        PATH: process.env.PATH ?? '',
        SF_AUTH_FLOW: 'client_credentials',
        SF_LOGIN_URL: 'https://example.my.salesforce.com',
        SF_CLIENT_ID: 'abc',
        SF_CLIENT_SECRET: 'shh-secret-value',
        ROUTER_STORE: tempStore()
    };
    const bad = spawnSync(process.execPath, [CLI, '--check'], {
        env: { ...env, ROUTER_STRATEGY_MODULE: path.join(dir, 'nothing.mjs') },
        encoding: 'utf8'
    });
    assert.equal(bad.status, 2, bad.stderr);
    assert.match(bad.stderr, /does not export a RoutingStrategy/);
    const good = spawnSync(process.execPath, [CLI, '--check', '--strategy', 'test-cjs'], {
        env: { ...env, ROUTER_STRATEGY_MODULE: path.join(dir, 'cjs-strategy.cjs') },
        encoding: 'utf8'
    });
    assert.equal(good.status, 0, good.stderr);
});
