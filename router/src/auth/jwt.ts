/**
 * The signed JWT for Salesforce's OAuth 2.0 JWT bearer flow, RS256 with node:crypto (no JWT
 * library: it is three base64url parts and one signature).
 */
import { createPrivateKey, sign } from 'node:crypto';

export interface JwtBearerClaims {
    /** The connected app's consumer key. */
    clientId: string;
    /** The Salesforce username the router acts as. */
    username: string;
    /** https://login.salesforce.com, https://test.salesforce.com or an Experience Cloud site URL (see defaultJwtAudience). */
    audience: string;
    /** Seconds since epoch. */
    now: number;
    /** Lifetime in seconds; Salesforce accepts at most 3 minutes. */
    lifetimeSeconds?: number;
}

const base64url = (input: string | Buffer) => Buffer.from(input).toString('base64url');

export function signJwtAssertion(claims: JwtBearerClaims, privateKeyPem: string): string {
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
    const payload = base64url(
        JSON.stringify({
            iss: claims.clientId,
            sub: claims.username,
            aud: claims.audience,
            exp: claims.now + (claims.lifetimeSeconds ?? 180)
        })
    );
    const key = createPrivateKey(privateKeyPem);
    const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), key);
    return `${header}.${payload}.${base64url(signature)}`;
}
