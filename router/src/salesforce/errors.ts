/** Failures of REST calls, typed so callers branch on them instead of on strings. */

/** Salesforce answered with an error body `[{ message, errorCode, fields? }]`. */
export class SalesforceApiError extends Error {
    constructor(
        readonly status: number,
        readonly errorCode: string,
        message: string,
        readonly fields: string[] = []
    ) {
        super(`${errorCode}: ${message}`);
        this.name = 'SalesforceApiError';
    }

    /** 5xx and request limits are worth retrying later; the rest is a decision (bad data, no access). */
    get retryable(): boolean {
        return this.status >= 500 || this.errorCode === 'REQUEST_LIMIT_EXCEEDED' || this.errorCode === 'SERVER_UNAVAILABLE';
    }
}

/** The request did not get an answer (connection refused, reset, DNS). */
export class SalesforceNetworkError extends Error {
    readonly retryable = true;
    constructor(message: string, options?: { cause?: unknown }) {
        super(message, options);
        this.name = 'SalesforceNetworkError';
    }
}

/** The answer was not what the API documents (not JSON, missing fields). */
export class SalesforceResponseError extends Error {
    readonly retryable = false;
    constructor(message: string) {
        super(message);
        this.name = 'SalesforceResponseError';
    }
}
