import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, createPublicKey, verify } from 'node:crypto';
import { signJwtAssertion } from '../src/auth/jwt.js';
import { defaultJwtAudience, OAuthError, OAuthTokenSource } from '../src/auth/oauth.js';
import { loadConfig } from '../src/config.js';
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

async function withOrg<T>(fn: (org: OrgHttpServer, fake: FakeOmniOrg) => Promise<T>, jwtAudience?: string): Promise<T> {
    const fake = new FakeOmniOrg();
    const org = await OrgHttpServer.start({
        backend: fake,
        clientId: 'app',
        clientSecret: 'secret-secret-secret',
        jwtPublicKey: PUBLIC_PEM,
        jwtUsername: 'router@example.com',
        jwtAudience
    });
    try {
        return await fn(org, fake);
    } finally {
        await org.close();
    }
}

const jwtConfig = (loginUrl: string, key = PRIVATE_PEM, audience = 'https://login.salesforce.com') =>
    ({ flow: 'jwt', loginUrl, clientId: 'app', username: 'router@example.com', privateKey: key, audience }) as const;

test('JWT bearer flow against a token endpoint that verifies the signature; tenant id from the identity URL', () =>
    withOrg(async (org) => {
        // The request goes to the org's own URL (as to a My Domain); aud stays login.salesforce.com.
        const tokens = new OAuthTokenSource(jwtConfig(org.url), silentLogger);
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
        const jwt = new OAuthTokenSource(jwtConfig(org.url, other), silentLogger);
        await assert.rejects(jwt.current(), (e: unknown) => e instanceof OAuthError && e.code === 'invalid_grant');
        const cc = new OAuthTokenSource(
            { flow: 'client_credentials', loginUrl: org.url, clientId: 'app', clientSecret: 'wrong-wrong-wrong' },
            silentLogger
        );
        await assert.rejects(cc.current(), (e: unknown) => e instanceof OAuthError && e.code === 'invalid_client' && e.status === 400);
    }));

test('JWT aud: login.salesforce.com by default, test.salesforce.com for sandboxes, a site URL when configured; not the token URL', async () => {
    assert.equal(defaultJwtAudience('https://acme.my.salesforce.com'), 'https://login.salesforce.com');
    assert.equal(defaultJwtAudience('https://login.salesforce.com'), 'https://login.salesforce.com');
    assert.equal(defaultJwtAudience('https://test.salesforce.com'), 'https://test.salesforce.com');
    assert.equal(defaultJwtAudience('https://acme--uat.sandbox.my.salesforce.com'), 'https://test.salesforce.com');
    const env = { SF_CLIENT_ID: 'app', SF_USERNAME: 'r@example.com', SF_PRIVATE_KEY: PRIVATE_PEM };
    const myDomain = loadConfig({ env: { ...env, SF_LOGIN_URL: 'https://acme.my.salesforce.com' } }).auth;
    assert.equal(myDomain.flow === 'jwt' && myDomain.audience, 'https://login.salesforce.com');
    assert.equal(myDomain.loginUrl, 'https://acme.my.salesforce.com', 'the token request still goes to My Domain');
    const site = loadConfig({
        env: { ...env, SF_LOGIN_URL: 'https://acme.my.site.com/customers', SF_JWT_AUDIENCE: 'https://acme.my.site.com/customers' }
    }).auth;
    assert.equal(site.flow === 'jwt' && site.audience, 'https://acme.my.site.com/customers');
    assert.throws(
        () => loadConfig({ env: { ...env, SF_LOGIN_URL: 'https://acme.my.salesforce.com', SF_JWT_AUDIENCE: 'login' } }),
        /auth.audience must be an http\(s\) URL/
    );
    // A token endpoint that checks aud as Salesforce does: the sandbox audience is refused by a production endpoint and vice versa.
    await withOrg(async (org) => {
        await assert.rejects(
            new OAuthTokenSource(jwtConfig(org.url, PRIVATE_PEM, 'https://test.salesforce.com'), silentLogger).current(),
            (e: unknown) => e instanceof OAuthError && e.code === 'invalid_grant' && /audience is invalid/.test(e.message)
        );
        // The old behaviour (aud = the URL the request goes to) is refused.
        await assert.rejects(new OAuthTokenSource(jwtConfig(org.url, PRIVATE_PEM, org.url), silentLogger).current(), /audience is invalid/);
    });
    await withOrg(async (org) => {
        const token = await new OAuthTokenSource(jwtConfig(org.url, PRIVATE_PEM, 'https://test.salesforce.com'), silentLogger).current();
        assert.ok(org.isTokenValid(token.accessToken));
    }, 'https://test.salesforce.com');
});

test('client credentials: login.salesforce.com and test.salesforce.com are refused at config time (My Domain needed)', () => {
    const env = { SF_AUTH_FLOW: 'client_credentials', SF_CLIENT_ID: 'app', SF_CLIENT_SECRET: 'secret-secret-secret' };
    for (const host of ['https://login.salesforce.com', 'https://test.salesforce.com'])
        assert.throws(() => loadConfig({ env: { ...env, SF_LOGIN_URL: host } }), /client credentials flow needs the org's My Domain URL/);
    assert.equal(
        loadConfig({ env: { ...env, SF_LOGIN_URL: 'https://acme.my.salesforce.com' } }).auth.loginUrl,
        'https://acme.my.salesforce.com'
    );
});

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
