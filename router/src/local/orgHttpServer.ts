/**
 * A local stand-in for the Salesforce endpoints the router calls: the OAuth token endpoint
 * (client credentials and JWT bearer, the JWT's RS256 signature really checked), SOQL
 * queries and sObject inserts, answered from a backend (a fake org in tests, the simulator
 * engine in the demo). Tokens can be expired at will to exercise re-authentication.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { runSoql, SoqlError, type Row } from './soql.js';

export class FakeApiError extends Error {
    constructor(
        readonly status: number,
        readonly errorCode: string,
        message: string
    ) {
        super(message);
        this.name = 'FakeApiError';
    }
}

export interface OrgBackend {
    rows(object: string): Iterable<Row>;
    /** Inserts a record; returns its id or throws FakeApiError. */
    insert(object: string, fields: Row): string;
}

export interface OrgHttpServerOptions {
    backend: OrgBackend;
    clientId: string;
    clientSecret?: string;
    /** PEM public key of the JWT bearer flow's certificate. */
    jwtPublicKey?: string;
    jwtUsername?: string;
    /**
     * The `aud` a JWT assertion must carry. Salesforce accepts https://login.salesforce.com,
     * https://test.salesforce.com or an Experience Cloud site URL, whichever host the token
     * request goes to (My Domain included). Default: https://login.salesforce.com.
     */
    jwtAudience?: string;
    orgId?: string;
    apiVersion?: string;
}

export class OrgHttpServer {
    /** The HTTP server (a Bayeux server can attach to it: see LocalBayeuxServer.attach). */
    readonly server: http.Server;
    private readonly tokens = new Set<string>();
    /** Every access token handed out (tests check none of them was logged). */
    readonly issuedTokens: string[] = [];
    private port = 0;
    /** Counters for tests. */
    /** `inserts`: records whose insert was asked (one per record, whichever resource); `insertCalls`: REST calls that insert. */
    readonly stats = { tokenRequests: 0, queries: 0, inserts: 0, insertCalls: 0, unauthorized: 0 };
    /** Errors to answer the next inserts with (tests: a REST error on insert). */
    readonly insertFailures: FakeApiError[] = [];
    /**
     * Errors to answer the next queries with; `match` (a regular expression on the SOQL)
     * picks which queries fail (tests: a 500 on exactly one of the router's queries).
     */
    readonly queryFailures: Array<{ error: FakeApiError; match?: RegExp }> = [];
    /** Added before every REST answer (queries, inserts): an org's round trip (bench, tests). */
    responseDelayMs = 0;

    private constructor(private readonly options: OrgHttpServerOptions) {
        this.server = http.createServer((req, res) => {
            this.handle(req, res).catch((error: Error) =>
                this.send(res, 500, [{ message: error.message, errorCode: 'UNKNOWN_EXCEPTION' }])
            );
        });
        this.server.keepAliveTimeout = 1000;
    }

    static async start(options: OrgHttpServerOptions, port = 0): Promise<OrgHttpServer> {
        const org = new OrgHttpServer(options);
        await new Promise<void>((resolve) => org.server.listen(port, '127.0.0.1', resolve));
        org.port = (org.server.address() as AddressInfo).port;
        return org;
    }

    get url(): string {
        return `http://127.0.0.1:${this.port}`;
    }

    isTokenValid = (token: string): boolean => this.tokens.has(token);

    /** Every token issued so far stops working (session timeout). */
    expireTokens(): void {
        this.tokens.clear();
    }

    private send(res: http.ServerResponse, status: number, body: unknown): void {
        const text = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
    }

    private async body(req: http.IncomingMessage): Promise<string> {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks).toString('utf8');
    }

    private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const url = new URL(req.url ?? '/', this.url);
        if (req.method === 'POST' && url.pathname === '/services/oauth2/token')
            return this.token(new URLSearchParams(await this.body(req)), res);
        const auth = String(req.headers.authorization ?? '');
        if (!auth.startsWith('Bearer ') || !this.tokens.has(auth.slice(7))) {
            this.stats.unauthorized++;
            return this.send(res, 401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
        }
        const base = `/services/data/v${this.options.apiVersion ?? '64.0'}`;
        if (this.responseDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.responseDelayMs));
        if (req.method === 'GET' && url.pathname === `${base}/query`) {
            this.stats.queries++;
            const soql = url.searchParams.get('q') ?? '';
            const failing = this.queryFailures.findIndex((f) => !f.match || f.match.test(soql));
            if (failing >= 0) {
                const { error } = this.queryFailures.splice(failing, 1)[0];
                return this.send(res, error.status, [{ message: error.message, errorCode: error.errorCode }]);
            }
            try {
                const records = runSoql(soql, (object) => this.options.backend.rows(object));
                return this.send(res, 200, { totalSize: records.length, done: true, records });
            } catch (error) {
                if (error instanceof SoqlError) return this.send(res, 400, [{ message: error.message, errorCode: error.errorCode }]);
                throw error;
            }
        }
        if (req.method === 'POST' && url.pathname === `${base}/composite/sobjects`) return this.insertCollection(await this.body(req), res);
        const insert = new RegExp(`^${base}/sobjects/(\\w+)$`).exec(url.pathname);
        if (req.method === 'POST' && insert) {
            this.stats.inserts++;
            this.stats.insertCalls++;
            const failure = this.insertFailures.shift();
            if (failure) return this.send(res, failure.status, [{ message: failure.message, errorCode: failure.errorCode, fields: [] }]);
            let fields: Row;
            try {
                fields = JSON.parse(await this.body(req)) as Row;
            } catch {
                return this.send(res, 400, [{ message: 'body is not JSON', errorCode: 'JSON_PARSER_ERROR' }]);
            }
            try {
                const id = this.options.backend.insert(insert[1], fields);
                return this.send(res, 201, { id, success: true, errors: [] });
            } catch (error) {
                if (error instanceof FakeApiError)
                    return this.send(res, error.status, [{ message: error.message, errorCode: error.errorCode, fields: [] }]);
                throw error;
            }
        }
        this.send(res, 404, [{ message: `no route ${req.method} ${url.pathname}`, errorCode: 'NOT_FOUND' }]);
    }

    /**
     * sObject Collections create, as documented: at most 200 records, each with
     * `attributes.type`; `allOrNone` false: each record succeeds or fails on its own, the call
     * answers 200 with one SaveResult per record, in order.
     * https://developer.salesforce.com/docs/platform/api-rest/guide/resources-composite-sobjects-collections-create.html
     * A queued 5xx in `insertFailures` fails the whole call; a queued 4xx refuses the next record.
     */
    private insertCollection(text: string, res: http.ServerResponse): void {
        this.stats.insertCalls++;
        let body: { allOrNone?: unknown; records?: unknown };
        try {
            body = JSON.parse(text) as typeof body;
        } catch {
            return this.send(res, 400, [{ message: 'body is not JSON', errorCode: 'JSON_PARSER_ERROR' }]);
        }
        const records = body.records;
        if (!Array.isArray(records) || records.length === 0 || records.length > 200)
            return this.send(res, 400, [{ message: 'records must list 1 to 200 sObjects', errorCode: 'INVALID_FIELD' }]);
        if (body.allOrNone === true)
            return this.send(res, 400, [{ message: 'allOrNone true is not modelled by this fake', errorCode: 'INVALID_FIELD' }]);
        if (this.insertFailures[0] && this.insertFailures[0].status >= 500) {
            const failure = this.insertFailures.shift()!;
            return this.send(res, failure.status, [{ message: failure.message, errorCode: failure.errorCode }]);
        }
        const results = (records as Row[]).map((record) => {
            this.stats.inserts++;
            const { attributes, ...fields } = record as Row & { attributes?: { type?: unknown } };
            const refuse = (error: { errorCode: string; message: string }) => ({
                success: false,
                errors: [{ statusCode: error.errorCode, message: error.message, fields: [] }]
            });
            if (!attributes || typeof attributes.type !== 'string')
                return refuse({ errorCode: 'INVALID_TYPE', message: 'each record needs attributes.type' });
            const queued = this.insertFailures.shift();
            if (queued) return refuse(queued);
            try {
                return { id: this.options.backend.insert(attributes.type, fields), success: true, errors: [] };
            } catch (error) {
                if (error instanceof FakeApiError) return refuse(error);
                throw error;
            }
        });
        this.send(res, 200, results);
    }

    private token(form: URLSearchParams, res: http.ServerResponse): void {
        this.stats.tokenRequests++;
        const refuse = (error: string, description: string) => this.send(res, 400, { error, error_description: description });
        const grant = form.get('grant_type');
        if (grant === 'client_credentials') {
            if (
                form.get('client_id') !== this.options.clientId ||
                !this.options.clientSecret ||
                form.get('client_secret') !== this.options.clientSecret
            )
                return refuse('invalid_client', 'invalid client credentials');
        } else if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
            const problem = this.checkJwt(form.get('assertion') ?? '');
            if (problem) return refuse('invalid_grant', problem);
        } else return refuse('unsupported_grant_type', `grant type not supported: ${grant}`);
        const token = `00DFK!${randomBytes(24).toString('base64url')}`;
        this.tokens.add(token);
        this.issuedTokens.push(token);
        const orgId = this.options.orgId ?? '00DFK0000000001';
        this.send(res, 200, {
            access_token: token,
            instance_url: this.url,
            id: `${this.url}/id/${orgId}/005FK0000000999`,
            token_type: 'Bearer',
            issued_at: String(Date.now())
        });
    }

    private checkJwt(assertion: string): string | null {
        const parts = assertion.split('.');
        if (parts.length !== 3 || !this.options.jwtPublicKey) return 'malformed assertion';
        const ok = verify(
            'RSA-SHA256',
            Buffer.from(`${parts[0]}.${parts[1]}`),
            createPublicKey(this.options.jwtPublicKey),
            Buffer.from(parts[2], 'base64url')
        );
        if (!ok) return 'invalid assertion signature';
        const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as {
            iss?: string;
            sub?: string;
            aud?: string;
            exp?: number;
        };
        if (claims.iss !== this.options.clientId) return 'client identifier invalid';
        if (claims.aud !== (this.options.jwtAudience ?? 'https://login.salesforce.com')) return 'audience is invalid';
        if (this.options.jwtUsername && claims.sub !== this.options.jwtUsername) return "user hasn't approved this consumer";
        if (!claims.exp || claims.exp * 1000 < Date.now()) return 'expired authorization code';
        return null;
    }

    async close(): Promise<void> {
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }
}
