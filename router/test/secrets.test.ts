/**
 * Secrets never reach the log: a whole run (JWT and client-credentials logins, routing, an
 * expired session and re-authentication, a failing insert) at debug level, every line
 * captured, then searched for the private key, the client secret, the JWT assertion and
 * every access token the token endpoint issued.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { AVAILABLE, CHANNEL, CLIENT_SECRET, startRouter, startWorld, waitFor } from './support/harness.js';
import { createLogger } from '../src/log.js';
import { FakeApiError } from '../src/local/orgHttpServer.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();
/** A recognisable middle slice of the key body (a whole PEM line). */
const KEY_LINE = PRIVATE_PEM.split('\n')[5];

for (const flow of ['jwt', 'client_credentials'] as const) {
    test(`no secret in the log through a whole run (${flow})`, async () => {
        const world = await startWorld({ jwtPublicKey: PUBLIC_PEM, jwtUsername: 'router@example.com' });
        const lines: string[] = [];
        const logger = createLogger({ level: 'debug', sink: (l) => lines.push(l) });
        world.org.login('005FK000000000A', AVAILABLE, 10);
        world.org.login('005FK000000000B', AVAILABLE, 10);
        const auth =
            flow === 'jwt'
                ? {
                      flow,
                      loginUrl: world.http.url,
                      clientId: 'router-app',
                      username: 'router@example.com',
                      privateKey: PRIVATE_PEM,
                      audience: 'https://login.salesforce.com'
                  }
                : { flow, loginUrl: world.http.url, clientId: 'router-app', clientSecret: CLIENT_SECRET };
        const router = await startRouter(world, { auth }, { logger });
        try {
            await waitFor(() => lines.some((l) => l.includes('"ledger seeded"')), 'seeded');
            const p1 = world.org.createPsr({ channelId: CHANNEL });
            await waitFor(() => world.org.worksFor(p1).length === 1, 'routed');
            world.http.expireTokens();
            world.http.insertFailures.push(new FakeApiError(400, 'FIELD_INTEGRITY_EXCEPTION', 'nope'));
            const p2 = world.org.createPsr({ channelId: CHANNEL });
            await waitFor(() => world.org.worksFor(p2).length === 1, 'routed after re-auth', 10_000);
        } finally {
            await router.stop();
            await world.close();
        }
        const log = lines.join('\n');
        assert.equal(lines.filter((l) => l.includes('"message":"routed"')).length, 2, 'both PSRs routed, as the log says');
        assert.ok(world.http.issuedTokens.length >= 2, 'logged in again after the expiry');
        assert.ok(lines.filter((l) => l.includes('"message":"authenticated"')).length >= 2, 'logged in again, as the log says');
        for (const token of world.http.issuedTokens) assert.equal(log.includes(token), false, 'an access token was logged');
        assert.equal(log.includes(CLIENT_SECRET), false, 'the client secret was logged');
        assert.equal(log.includes(KEY_LINE), false, 'the private key was logged');
        assert.equal(/eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9\.[\w-]+\.[\w-]+/.test(log), false, 'a JWT assertion was logged');
    });
}

test('the logger masks credential-named fields and registered secret values anywhere in a line', () => {
    const lines: string[] = [];
    const logger = createLogger({ sink: (l) => lines.push(l) });
    logger.info('x', { accessToken: 'abc', client_secret: 'def', nested: { note: `Bearer ${'s'.repeat(4)}` } });
    assert.match(lines[0], /"accessToken":"\[redacted\]"/);
    assert.match(lines[0], /"client_secret":"\[redacted\]"/);
});
