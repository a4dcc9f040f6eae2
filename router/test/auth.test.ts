import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, createPublicKey, verify } from 'node:crypto';
import { signJwtAssertion } from '../src/auth/jwt.js';
import { OAuthError, OAuthTokenSource } from '../src/auth/oauth.js';
import { RestClient } from '../src/salesforce/restClient.js';
import { RestOmniApi } from '../src/salesforce/omniApi.js';
import { SalesforceApiError } from '../src/salesforce/errors.js';
import { OrgHttpServer, FakeApiError } from '../src/local/orgHttpServer.js';
import { FakeOmniOrg } from '../src/local/fakeOmniOrg.js';
import { createLogger, silentLogger } from '../src/log.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();

test('JWT bearer assertion: RS256 over header.payload, with iss/sub/aud/exp', () => {
    const jwt = signJwtAssertion(
        { clientId: 'app', username: 'router@example.com', audience: 'https://login.salesforce.com', now: 1000 },
        PRIVATE_PEM
    );
    const [header, payload, signature] = jwt.split('.');
    assert.deepEqual(JSON.parse(Buffer.from(header, 'base64url').toString()), { alg: 'RS256', typ: 'JWT' });
    assert.deepEqual(JSON.parse(Buffer.from(payload, 'base64url').toString()), {
        iss: 'app',
        sub: 'router@example.com',
        aud: 'https://login.salesforce.com',
        exp: 1180
    });
    assert.ok(verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), createPublicKey(PUBLIC_PEM), Buffer.from(signature, 'base64url')));
});

async function withOrg<T>(fn: (org: OrgHttpServer, fake: FakeOmniOrg) => Promise<T>): Promise<T> {
    const fake = new FakeOmniOrg();
    const org = await OrgHttpServer.start({
        backend: fake,
        clientId: 'app',
        clientSecret: 'secret-secret-secret',
        jwtPublicKey: PUBLIC_PEM,
        jwtUsername: 'router@example.com'
    });
    try {
        return await fn(org, fake);
    } finally {
        await org.close();
    }
}

test('JWT bearer flow against a token endpoint that verifies the signature; tenant id from the identity URL', () =>
    withOrg(async (org) => {
        const tokens = new OAuthTokenSource(
            { flow: 'jwt', loginUrl: org.url, clientId: 'app', username: 'router@example.com', privateKey: PRIVATE_PEM },
            silentLogger
        );
        const token = await tokens.current();
        assert.equal(token.instanceUrl, org.url);
        assert.equal(token.tenantId, '00DFK0000000001');
        assert.ok(org.isTokenValid(token.accessToken));
        // Cached: a second call does not log in again.
        await tokens.current();
        assert.equal(org.stats.tokenRequests, 1);
    }));

test('a wrong key or secret is a typed OAuthError with the OAuth error code', () =>
    withOrg(async (org) => {
        const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
        const jwt = new OAuthTokenSource(
            { flow: 'jwt', loginUrl: org.url, clientId: 'app', username: 'router@example.com', privateKey: other },
            silentLogger
        );
        await assert.rejects(jwt.current(), (e: unknown) => e instanceof OAuthError && e.code === 'invalid_grant');
        const cc = new OAuthTokenSource(
            { flow: 'client_credentials', loginUrl: org.url, clientId: 'app', clientSecret: 'wrong-wrong-wrong' },
            silentLogger
        );
        await assert.rejects(cc.current(), (e: unknown) => e instanceof OAuthError && e.code === 'invalid_client' && e.status === 400);
    }));

test('concurrent refreshes share one token request', () =>
    withOrg(async (org) => {
        const tokens = new OAuthTokenSource(
            { flow: 'client_credentials', loginUrl: org.url, clientId: 'app', clientSecret: 'secret-secret-secret' },
            silentLogger
        );
        const results = await Promise.all([tokens.refresh(), tokens.refresh(), tokens.refresh()]);
        assert.equal(org.stats.tokenRequests, 1);
        assert.equal(new Set(results.map((r) => r.accessToken)).size, 1);
    }));

test('REST: an expired session (401) refreshes the token once and the call succeeds', () =>
    withOrg(async (org, fake) => {
        fake.addStatus('0N5FK0000000001', ['0N9FK0000000001']);
        const lines: string[] = [];
        const tokens = new OAuthTokenSource(
            { flow: 'client_credentials', loginUrl: org.url, clientId: 'app', clientSecret: 'secret-secret-secret' },
            silentLogger
        );
        const api = new RestOmniApi(new RestClient({ tokens, logger: createLogger({ sink: (l) => lines.push(l) }) }));
        assert.equal((await api.statusChannels()).length, 1);
        org.expireTokens();
        const rows = await api.statusChannels();
        assert.deepEqual(rows, [{ statusId: '0N5FK0000000001', channelId: '0N9FK0000000001' }]);
        assert.equal(org.stats.unauthorized, 1);
        assert.equal(org.stats.tokenRequests, 2);
        assert.ok(lines.some((l) => l.includes('refreshing the access token')));
    }));

test('REST: an error body becomes a SalesforceApiError carrying the errorCode', () =>
    withOrg(async (org) => {
        const tokens = new OAuthTokenSource(
            { flow: 'client_credentials', loginUrl: org.url, clientId: 'app', clientSecret: 'secret-secret-secret' },
            silentLogger
        );
        const api = new RestOmniApi(new RestClient({ tokens, logger: silentLogger }));
        org.insertFailures.push(new FakeApiError(400, 'FIELD_INTEGRITY_EXCEPTION', 'agent not available'));
        await assert.rejects(
            api.insertAgentWork({
                serviceChannelId: '0N9FK0000000001',
                workItemId: '570FK0000000001',
                userId: '005FK0000000001',
                pendingServiceRoutingId: '0JRFK0000000001'
            }),
            (e: unknown) =>
                e instanceof SalesforceApiError && e.errorCode === 'FIELD_INTEGRITY_EXCEPTION' && e.status === 400 && !e.retryable
        );
        org.insertFailures.push(new FakeApiError(503, 'SERVER_UNAVAILABLE', 'maintenance'));
        await assert.rejects(
            api.insertAgentWork({
                serviceChannelId: '0N9FK0000000001',
                workItemId: '570FK0000000001',
                userId: '005FK0000000001',
                pendingServiceRoutingId: '0JRFK0000000001'
            }),
            (e: unknown) => e instanceof SalesforceApiError && e.retryable
        );
        // An id that is not an id never reaches a query.
        await assert.rejects(api.getPsr("x' OR Id != '"), /not a Salesforce record id/);
    }));
