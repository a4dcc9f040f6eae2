/**
 * Per-call retries (issue 12): each REST call the router makes is retried on its own after a
 * transient failure (5xx, no answer), within a budget; a refusal (4xx) is not retried; an
 * insert whose failed attempt was committed after all is not sent twice.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NewAgentWork, OmniApi, WaitingPsrs } from '../src/salesforce/omniApi.js';
import { RetryingOmniApi } from '../src/salesforce/retryingApi.js';
import { SalesforceApiError, SalesforceNetworkError } from '../src/salesforce/errors.js';
import type { AgentWorkRecord } from '../src/salesforce/records.js';
import { createLogger } from '../src/log.js';

type Method = keyof OmniApi;
const METHODS: Method[] = [
    'getPsr',
    'waitingPsrs',
    'workForPsr',
    'workForPsrs',
    'openWork',
    'agentWorkByIds',
    'currentPresences',
    'presencesByIds',
    'statusChannels',
    'insertAgentWork'
];
const PSR = '0JRFK0000000001';
const USER = '005FK0000000001';
const WORK: NewAgentWork = {
    serviceChannelId: '0N9FK0000000001',
    workItemId: '570FK0000000001',
    userId: USER,
    pendingServiceRoutingId: PSR
};

/** An OmniApi whose `failing` method fails `times` times with `error`, counting every call. */
function flakyApi(failing: Method | null, times: number, error: Error, works: AgentWorkRecord[] = []) {
    const calls = Object.fromEntries(METHODS.map((m) => [m, 0])) as Record<Method, number>;
    let left = times;
    const answer = <T>(method: Method, value: T): Promise<T> => {
        calls[method]++;
        if (method === failing && left > 0) {
            left--;
            return Promise.reject(error);
        }
        return Promise.resolve(value);
    };
    const empty: WaitingPsrs = { psrs: [], unusable: [] };
    const api: OmniApi = {
        getPsr: () => answer('getPsr', null),
        waitingPsrs: () => answer('waitingPsrs', empty),
        workForPsr: () => answer('workForPsr', works),
        workForPsrs: () => answer('workForPsrs', []),
        openWork: () => answer('openWork', []),
        agentWorkByIds: () => answer('agentWorkByIds', []),
        currentPresences: () => answer('currentPresences', []),
        presencesByIds: () => answer('presencesByIds', []),
        statusChannels: () => answer('statusChannels', []),
        insertAgentWork: () => answer('insertAgentWork', '0BzFK0000000001')
    };
    return { api, calls };
}

const call = (api: OmniApi, method: Method): Promise<unknown> => {
    switch (method) {
        case 'getPsr':
        case 'workForPsr':
            return api[method](PSR);
        case 'workForPsrs':
        case 'agentWorkByIds':
        case 'presencesByIds':
            return api[method]([PSR]);
        case 'insertAgentWork':
            return api.insertAgentWork(WORK);
        default:
            return api[method]();
    }
};

const silent = createLogger({ level: 'error', sink: () => undefined });
const noWait = () => Promise.resolve();
const budget = { attempts: 4, baseMs: 1, maxMs: 2 };

for (const method of METHODS) {
    test(`retrying API: a 503 then a network failure on ${method} retries only that call`, async () => {
        const { api, calls } = flakyApi(method, 2, new SalesforceApiError(503, 'SERVER_UNAVAILABLE', 'down'));
        const retrying = new RetryingOmniApi(api, silent, budget, noWait);
        await call(retrying, method);
        assert.equal(calls[method], 3, 'two failures, then the answer');
        const others = METHODS.filter((m) => m !== method && !(method === 'insertAgentWork' && m === 'workForPsr'));
        for (const m of others) assert.equal(calls[m], 0, `${m} not called`);
        assert.equal(retrying.stats.retries, 2);
    });
}

test('retrying API: a refusal (400) is not retried', async () => {
    const { api, calls } = flakyApi('insertAgentWork', 1, new SalesforceApiError(400, 'FIELD_INTEGRITY_EXCEPTION', 'agent offline'));
    const retrying = new RetryingOmniApi(api, silent, budget, noWait);
    await assert.rejects(
        retrying.insertAgentWork(WORK),
        (e: Error) => e instanceof SalesforceApiError && e.errorCode === 'FIELD_INTEGRITY_EXCEPTION'
    );
    assert.equal(calls.insertAgentWork, 1);
    assert.equal(retrying.stats.retries, 0);
});

test('retrying API: a spent budget rejects with the last error (the event is replayed later)', async () => {
    const { api, calls } = flakyApi('openWork', 10, new SalesforceNetworkError('ECONNRESET'));
    const retrying = new RetryingOmniApi(api, silent, budget, noWait);
    await assert.rejects(retrying.openWork(), SalesforceNetworkError);
    assert.equal(calls.openWork, 4, 'the budget: 4 attempts');
    assert.equal(retrying.stats.exhausted, 1);
});

test('retrying API: an insert whose failed attempt was committed is not sent again', async () => {
    const committed: AgentWorkRecord = {
        id: '0BzFK0000000042',
        userId: USER,
        status: 'Assigned',
        pendingServiceRoutingId: PSR,
        serviceChannelId: WORK.serviceChannelId,
        capacityWeight: 1,
        capacityPercentage: null
    };
    const { api, calls } = flakyApi('insertAgentWork', 1, new SalesforceApiError(500, 'UNKNOWN_EXCEPTION', 'timed out'), [committed]);
    const retrying = new RetryingOmniApi(api, silent, budget, noWait);
    assert.equal(await retrying.insertAgentWork(WORK), committed.id);
    assert.equal(calls.insertAgentWork, 1, 'sent once');
    assert.equal(calls.workForPsr, 1, 'the PSR’s AgentWork was read before a second attempt');
    assert.equal(retrying.stats.insertsFoundDone, 1);
});
