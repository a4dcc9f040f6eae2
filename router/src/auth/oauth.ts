/**
 * An AccessTokenSource backed by Salesforce's OAuth 2.0 token endpoint: the JWT bearer flow
 * (server-to-server with a certificate) or the client credentials flow (a connected app's
 * run-as user). Tokens are cached; `refresh` gets a new one, and concurrent refreshes share
 * one request so a burst of 401s does not log in a hundred times.
 */
import type { AccessTokenSource } from '../transport/contract.js';
import { secrets, type Logger } from '../log.js';
import { signJwtAssertion } from './jwt.js';

export type AuthConfig =
    | {
          flow: 'jwt';
          /** Where the token request goes: login.salesforce.com, test.salesforce.com or the My Domain URL. */
          loginUrl: string;
          clientId: string;
          username: string;
          privateKey: string;
          /** The assertion's `aud` (see defaultJwtAudience); not the same thing as loginUrl. */
          audience: string;
      }
    | {
          flow: 'client_credentials';
          /** Must be the org's My Domain URL: login.salesforce.com / test.salesforce.com refuse this grant. */
          loginUrl: string;
          clientId: string;
          clientSecret: string;
      };

/**
 * The `aud` claim Salesforce expects in a JWT bearer assertion: https://login.salesforce.com
 * for production and Developer Edition orgs, https://test.salesforce.com for sandboxes, or
 * the site URL for an Experience Cloud site; not the My Domain URL the request may be sent
 * to. From the login URL: a sandbox host (test.salesforce.com, *.sandbox.my.salesforce.com)
 * means test, anything else login. Set auth.audience (SF_JWT_AUDIENCE) for a site.
 */
export function defaultJwtAudience(loginUrl: string): string {
    let host = '';
    try {
        host = new URL(loginUrl).hostname.toLowerCase();
    } catch {
        // not a URL: the config check reports it
    }
    return host === 'test.salesforce.com' || host.endsWith('.sandbox.my.salesforce.com')
        ? 'https://test.salesforce.com'
        : 'https://login.salesforce.com';
}

export interface AccessToken {
    accessToken: string;
    instanceUrl: string;
    tenantId?: string;
}

/** The token endpoint refused (bad key, unknown user, app not approved...) or could not be reached. */
export class OAuthError extends Error {
    constructor(
        message: string,
        /** The OAuth `error` code (invalid_grant, invalid_client...) or 'network' / 'bad_response'. */
        readonly code: string,
        readonly status?: number,
        options?: { cause?: unknown }
    ) {
        super(message, options);
        this.name = 'OAuthError';
    }
}

function tenantFromIdentityUrl(id: unknown): string | undefined {
    // https://login.salesforce.com/id/<orgId>/<userId>
    if (typeof id !== 'string') return undefined;
    const match = /\/id\/([^/]+)\/[^/]+$/.exec(id);
    return match?.[1];
}

export class OAuthTokenSource implements AccessTokenSource {
    private token: AccessToken | undefined;
    private inFlight: Promise<AccessToken> | undefined;

    constructor(
        private readonly config: AuthConfig,
        private readonly logger: Logger,
        private readonly fetchImpl: typeof fetch = fetch
    ) {
        secrets.add(config.flow === 'jwt' ? config.privateKey : config.clientSecret);
    }

    async current(): Promise<AccessToken> {
        return this.token ?? this.refresh();
    }

    refresh(): Promise<AccessToken> {
        this.inFlight ??= this.requestToken().finally(() => (this.inFlight = undefined));
        return this.inFlight;
    }

    private body(): URLSearchParams {
        if (this.config.flow === 'jwt') {
            const assertion = signJwtAssertion(
                {
                    clientId: this.config.clientId,
                    username: this.config.username,
                    audience: this.config.audience,
                    now: Math.floor(Date.now() / 1000)
                },
                this.config.privateKey
            );
            secrets.add(assertion);
            return new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
        }
        return new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: this.config.clientId,
            client_secret: this.config.clientSecret
        });
    }

    private async requestToken(): Promise<AccessToken> {
        const url = `${this.config.loginUrl.replace(/\/$/, '')}/services/oauth2/token`;
        let response: Response;
        try {
            response = await this.fetchImpl(url, {
                method: 'POST',
                headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
                body: this.body()
            });
        } catch (cause) {
            throw new OAuthError(`token endpoint ${url} unreachable`, 'network', undefined, { cause });
        }
        const text = await response.text();
        let json: Record<string, unknown> = {};
        try {
            json = JSON.parse(text) as Record<string, unknown>;
        } catch {
            // handled below
        }
        if (!response.ok) {
            const code = typeof json.error === 'string' ? json.error : 'bad_response';
            const description = typeof json.error_description === 'string' ? json.error_description : `HTTP ${response.status}`;
            throw new OAuthError(`authentication failed (${this.config.flow}): ${code}: ${description}`, code, response.status);
        }
        if (typeof json.access_token !== 'string' || typeof json.instance_url !== 'string') {
            throw new OAuthError('token endpoint answered without access_token / instance_url', 'bad_response', response.status);
        }
        secrets.add(json.access_token);
        this.token = { accessToken: json.access_token, instanceUrl: json.instance_url, tenantId: tenantFromIdentityUrl(json.id) };
        this.logger.info('authenticated', { flow: this.config.flow, instanceUrl: this.token.instanceUrl });
        return this.token;
    }
}
