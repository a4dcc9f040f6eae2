/**
 * A minimal Salesforce REST client on Node's global fetch: SOQL queries (following
 * nextRecordsUrl) and sObject inserts. A 401 refreshes the token once and retries; errors
 * come back typed (SalesforceApiError with Salesforce's errorCode).
 */
import type { AccessTokenSource } from '../transport/contract.js';
import type { Logger } from '../log.js';
import { SalesforceApiError, SalesforceNetworkError, SalesforceResponseError } from './errors.js';

export const API_VERSION = '64.0';

export interface RestClientOptions {
    tokens: AccessTokenSource;
    logger: Logger;
    apiVersion?: string;
    fetchImpl?: typeof fetch;
}

export type SObjectRecord = Record<string, unknown>;

export class RestClient {
    private readonly apiVersion: string;
    private readonly fetchImpl: typeof fetch;

    constructor(private readonly options: RestClientOptions) {
        this.apiVersion = options.apiVersion ?? API_VERSION;
        this.fetchImpl = options.fetchImpl ?? fetch;
    }

    /** Runs a SOQL query and returns every record (all pages). */
    async query<T extends SObjectRecord = SObjectRecord>(soql: string): Promise<T[]> {
        const records: T[] = [];
        let path: string | null = `/services/data/v${this.apiVersion}/query?q=${encodeURIComponent(soql)}`;
        while (path) {
            const page = (await this.request('GET', path)) as { records?: unknown; nextRecordsUrl?: unknown; done?: unknown };
            if (!page || !Array.isArray(page.records)) throw new SalesforceResponseError(`query answered without records: ${soql}`);
            records.push(...(page.records as T[]));
            path = page.done === false && typeof page.nextRecordsUrl === 'string' ? page.nextRecordsUrl : null;
        }
        return records;
    }

    /** Inserts one record; returns its id. */
    async create(sobject: string, fields: SObjectRecord): Promise<string> {
        const result = (await this.request('POST', `/services/data/v${this.apiVersion}/sobjects/${sobject}`, fields)) as {
            id?: unknown;
            success?: unknown;
        };
        if (!result || typeof result.id !== 'string') throw new SalesforceResponseError(`${sobject} insert answered without an id`);
        return result.id;
    }

    /**
     * Inserts up to 200 records in one call with sObject Collections (`allOrNone: false`: each
     * record succeeds or fails on its own), in order: each result is the new id or the
     * record's own typed refusal. The whole call counts once against the org's daily API limit.
     * https://developer.salesforce.com/docs/platform/api-rest/guide/resources-composite-sobjects-collections-create.html
     */
    async createMany(sobject: string, records: readonly SObjectRecord[]): Promise<Array<string | SalesforceApiError>> {
        if (records.length === 0) return [];
        if (records.length > 200) throw new RangeError('sObject Collections take at most 200 records per call');
        const body = { allOrNone: false, records: records.map((r) => ({ attributes: { type: sobject }, ...r })) };
        const results = await this.request('POST', `/services/data/v${this.apiVersion}/composite/sobjects`, body);
        if (!Array.isArray(results) || results.length !== records.length)
            throw new SalesforceResponseError(
                `${sobject} collection insert answered ${Array.isArray(results) ? results.length : 'no'} results for ${records.length} records`
            );
        return results.map((r: { id?: unknown; success?: unknown; errors?: unknown }) => {
            if (r?.success === true && typeof r.id === 'string') return r.id;
            const first = Array.isArray(r?.errors) ? (r.errors[0] as Record<string, unknown> | undefined) : undefined;
            const code = typeof first?.statusCode === 'string' ? first.statusCode : 'UNKNOWN_EXCEPTION';
            const message = typeof first?.message === 'string' ? first.message : 'refused';
            const fields = Array.isArray(first?.fields)
                ? (first.fields as unknown[]).filter((f): f is string => typeof f === 'string')
                : [];
            // A record's refusal is a decision about that record (HTTP 200 for the call): 400.
            return new SalesforceApiError(400, code, message, fields);
        });
    }

    private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
        let token = await this.options.tokens.current();
        for (let attempt = 0; ; attempt++) {
            const response = await this.send(method, token.instanceUrl + path, token.accessToken, body);
            if (response.status === 401 && attempt === 0) {
                this.options.logger.info('REST call refused with 401: refreshing the access token and retrying once', {
                    method,
                    path: path.split('?')[0]
                });
                token = await this.options.tokens.refresh();
                continue;
            }
            return this.parse(response);
        }
    }

    private async send(method: string, url: string, accessToken: string, body: unknown): Promise<Response> {
        try {
            return await this.fetchImpl(url, {
                method,
                headers: {
                    authorization: `Bearer ${accessToken}`,
                    accept: 'application/json',
                    ...(body === undefined ? {} : { 'content-type': 'application/json' })
                },
                body: body === undefined ? undefined : JSON.stringify(body)
            });
        } catch (cause) {
            throw new SalesforceNetworkError(`${method} ${url.split('?')[0]} failed: ${(cause as Error).message}`, { cause });
        }
    }

    private async parse(response: Response): Promise<unknown> {
        const text = await response.text();
        let json: unknown;
        try {
            json = text ? JSON.parse(text) : undefined;
        } catch {
            if (response.ok) throw new SalesforceResponseError(`answer is not JSON (HTTP ${response.status})`);
        }
        if (response.ok) return json;
        // Salesforce's error body: [{ "message": "...", "errorCode": "...", "fields": [...] }]
        const first = Array.isArray(json) ? (json[0] as Record<string, unknown> | undefined) : undefined;
        const errorCode = typeof first?.errorCode === 'string' ? first.errorCode : `HTTP_${response.status}`;
        const message = typeof first?.message === 'string' ? first.message : text.slice(0, 200) || response.statusText;
        const fields = Array.isArray(first?.fields) ? (first.fields as unknown[]).filter((f): f is string => typeof f === 'string') : [];
        throw new SalesforceApiError(response.status, errorCode, message, fields);
    }
}
