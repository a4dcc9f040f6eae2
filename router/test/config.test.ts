import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config.js';
import { tempStore } from './support/harness.js';

const CLI = path.resolve(__dirname, '../src/cli.js');
const runCli = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 20_000 });

test('missing and bad settings are all reported at once as a ConfigError', () => {
    const error = (() => {
        try {
            loadConfig({ env: { ROUTER_TRANSPORT: 'smoke-signals', ROUTER_LOG_LEVEL: 'loud', SF_LOGIN_URL: 'login.salesforce.com' } });
        } catch (e) {
            return e;
        }
        return undefined;
    })();
    assert.ok(error instanceof ConfigError);
    const text = error.problems.join('\n');
    assert.match(text, /auth.loginUrl must be an http\(s\) URL/);
    assert.match(text, /auth.clientId is required/);
    assert.match(text, /privateKey or auth.privateKeyFile is required/);
    assert.match(text, /transport.kind must be streaming or pubsub/);
    assert.match(text, /logLevel must be one of/);
});

test('a config file with environment overrides; secrets from the environment', () => {
    const file = path.join(path.dirname(tempStore()), 'router.json');
    writeFileSync(
        file,
        JSON.stringify({
            auth: { flow: 'client_credentials', loginUrl: 'https://example.my.salesforce.com/', clientId: 'abc' },
            transport: { kind: 'streaming', psrTopic: 'PSRPushTopic', presenceTopic: 'PresenceTopic' },
            strategy: 'least-active',
            storePath: './state/journal.log'
        })
    );
    const config = loadConfig({ configFile: file, env: { SF_CLIENT_SECRET: 'from-env-secret', ROUTER_STRATEGY: 'longest-idle' } });
    assert.deepEqual(config.auth, {
        flow: 'client_credentials',
        loginUrl: 'https://example.my.salesforce.com',
        clientId: 'abc',
        clientSecret: 'from-env-secret'
    });
    assert.equal(config.strategy, 'longest-idle');
    assert.equal(config.storePath, path.join(path.dirname(file), 'state/journal.log'));
    assert.deepEqual(config.transport, {
        kind: 'streaming',
        psrTopic: 'PSRPushTopic',
        agentWorkTopic: undefined,
        presenceTopic: 'PresenceTopic'
    });
    assert.throws(
        () =>
            loadConfig({ configFile: file, env: { SF_CLIENT_SECRET: 'x', ROUTER_TRANSPORT: 'pubsub', ROUTER_PUBSUB_ENDPOINT: 'no-port' } }),
        /transport.endpoint must be host:port/
    );
    assert.throws(() => loadConfig({ configFile: path.join(path.dirname(file), 'missing.json') }), /cannot be read \(ENOENT\)/);
});

test('JWT flow: the private key can come from a file next to the config', () => {
    const dir = path.dirname(tempStore());
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    writeFileSync(path.join(dir, 'router.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(
        path.join(dir, 'router.json'),
        JSON.stringify({
            auth: {
                flow: 'jwt',
                loginUrl: 'https://login.salesforce.com',
                clientId: 'abc',
                username: 'r@example.com',
                privateKeyFile: './router.key'
            }
        })
    );
    const config = loadConfig({ configFile: path.join(dir, 'router.json'), env: {} });
    assert.equal(config.auth.flow, 'jwt');
    assert.match(config.auth.flow === 'jwt' ? config.auth.privateKey : '', /BEGIN PRIVATE KEY/);
    writeFileSync(path.join(dir, 'bad.key'), 'not a key');
    assert.throws(
        () => loadConfig({ configFile: path.join(dir, 'router.json'), env: { SF_PRIVATE_KEY_FILE: './bad.key' } }),
        /not a PEM private key/
    );
});

test('CLI: --help lists options and environment variables; bad config exits 2 with the problems', () => {
    const help = runCli(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--config <file>/);
    assert.match(help.stdout, /SF_PRIVATE_KEY_FILE/);
    const bad = runCli(['--transport', 'pigeons']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /transport.kind must be streaming or pubsub/);
    const unknownFlag = runCli(['--frobnicate']);
    assert.equal(unknownFlag.status, 2);
    assert.match(unknownFlag.stderr, /Unknown option '--frobnicate'/);
});

test('CLI: --check validates a good config (streaming and pubsub); an unknown strategy is a clear error', () => {
    const env = {
        SF_AUTH_FLOW: 'client_credentials',
        SF_LOGIN_URL: 'https://example.my.salesforce.com',
        SF_CLIENT_ID: 'abc',
        SF_CLIENT_SECRET: 'shh-secret-value',
        ROUTER_STORE: tempStore()
    };
    const ok = runCli(['--check'], env);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /configuration OK/);
    assert.equal(ok.stderr.includes('shh-secret-value'), false);
    const strategy = runCli(['--check', '--strategy', 'coin-flip'], env);
    assert.equal(strategy.status, 2);
    assert.match(strategy.stderr, /unknown routing strategy "coin-flip" \(known: most-available, least-active, longest-idle\)/);
    const pubsub = runCli(['--check', '--transport', 'pubsub'], env);
    assert.equal(pubsub.status, 0, pubsub.stderr);
});
