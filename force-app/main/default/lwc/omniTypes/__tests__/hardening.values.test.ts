/**
 * Issue 11, defects 4, 5 (id cache), 6 (frozen snapshots), 7 and 8 at the level of
 * omniTypes: every hostile value a payload can hold becomes an OmniPayloadError, never
 * an exception, a hole, a lenient number or an unbounded cache.
 */
import {
    OmniPayloadError,
    describeValue,
    idCacheStats,
    initialSnapshot,
    parseCommandResult,
    parseOmniEvent,
    reduceEvent,
    toId18,
    type OmniAgentSnapshot,
    type OmniEvent
} from 'c/omniTypes';

const W15 = '0BzRM0000000001';
const W18 = toId18(W15)!;
const CASE = '500RM000000A1nv';

function payloadError(name: string, params: unknown): OmniPayloadError {
    const result = parseOmniEvent(name, params);
    if (result.ok) throw new Error(`expected a payload error, got ${JSON.stringify(result.value)}`);
    expect(result.error).toBeInstanceOf(OmniPayloadError);
    return result.error;
}

function resultError(method: Parameters<typeof parseCommandResult>[0], raw: unknown): OmniPayloadError {
    let caught: unknown;
    try {
        parseCommandResult(method, raw);
    } catch (error) {
        caught = error;
    }
    expect(caught).toBeInstanceOf(OmniPayloadError);
    return caught as OmniPayloadError;
}

const workload = (value: unknown) => ({ configuredCapacity: value, previousWorkload: '0', newWorkload: '1' });

describe('numbers: only plain decimal strings and finite numbers (defect 8)', () => {
    it.each([' ', '\n', '\t', '0x10', '0b11', '0o7', '1e3', 'Infinity', '-Infinity', 'NaN', '1_000', '5 ', '+', '.', '--1', true, {}, [5]])(
        'refuses %j',
        (value) => {
            const error = payloadError('omniChannelWorkloadChanged', workload(value));
            expect(error.path).toBe('configuredCapacity');
        }
    );

    it.each([
        ['5', 5],
        ['5.5', 5.5],
        ['0', 0],
        ['007', 7],
        [3, 3],
        [0.25, 0.25]
    ])('reads %j as %d', (value, expected) => {
        const result = parseOmniEvent('omniChannelWorkloadChanged', workload(value));
        expect(result.ok && result.value.type === 'workloadChanged' && result.value.configuredCapacity).toBe(expected);
    });

    it('normalises -0 (number or text) to 0', () => {
        for (const value of [-0, '-0', '0.0']) {
            const result = parseOmniEvent('omniChannelWorkloadChanged', workload(value));
            if (!result.ok || result.value.type !== 'workloadChanged') throw new Error('expected a workload event');
            expect(Object.is(result.value.configuredCapacity, 0)).toBe(true);
        }
    });

    it('still refuses negative numbers and non-finite ones', () => {
        for (const value of [-1, '-1', Number.NaN, Number.POSITIVE_INFINITY]) payloadError('omniChannelWorkloadChanged', workload(value));
    });
});

describe('holes in lists (defect 8)', () => {
    it('refuses channels with a hole instead of publishing it', () => {
        // eslint-disable-next-line no-sparse-arrays
        const channels = [, { channelId: '0N9RM0000000001', developerName: 'sfdc_case' }];
        const error = payloadError('omniChannelStatusChanged', { statusId: '0N5RM0000000001', channels });
        expect(error.path).toBe('channels[0]');
    });

    it('refuses a getAgentWorks answer with a hole', () => {
        // eslint-disable-next-line no-sparse-arrays
        const works = [, { workId: W15, workItemId: CASE, isEngaged: true }];
        expect(resultError('getAgentWorks', { works }).path).toBe('works[0]');
    });
});

describe('hostile objects: getters, toString, BigInt, cycles, proxies (defect 7)', () => {
    const throwing = () => {
        throw new Error('getter says no');
    };

    it('turns a throwing getter on an event field into a payload error naming the field', () => {
        const params = { workItemId: CASE };
        Object.defineProperty(params, 'workId', { get: throwing, enumerable: true });
        const error = payloadError('omniChannelWorkAssigned', params);
        expect(error.path).toBe('workId');
        expect(error.message).toMatch(/could not be read: getter says no/);
    });

    it('survives an error object whose toString and message throw', () => {
        const evil = {
            get message(): string {
                throw new Error('no message');
            },
            toString(): string {
                throw new Error('no text');
            }
        };
        const params = {};
        Object.defineProperty(params, 'statusId', {
            get() {
                throw evil;
            }
        });
        const error = payloadError('omniChannelLoginSuccess', params);
        expect(error.message).toMatch(/statusId could not be read: an unreadable error/);
    });

    it('keeps a connection error whose error text has a throwing toString (the connection state matters more than its words)', () => {
        const result = parseOmniEvent('omniChannelConnectionError', {
            error: {
                message: {
                    toString() {
                        throw new Error('x');
                    }
                }
            }
        });
        expect(result.ok && result.value).toEqual({ type: 'connectionError', message: 'connection error' });
    });

    it('reads BigInt, symbols, cycles and revoked proxies without throwing', () => {
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        for (const value of [10n, Symbol('s'), cyclic, proxy, () => 1]) {
            expect(typeof describeValue(value)).toBe('string');
            payloadError('omniChannelWorkAssigned', { workId: value, workItemId: CASE });
            payloadError('omniChannelWorkloadChanged', workload(value));
            expect(parseOmniEvent(value, {}).ok).toBe(false);
            expect(parseOmniEvent('omniChannelWorkClosed', value).ok).toBe(false);
            expect(() => parseCommandResult('getAgentWorks', value)).toThrow(OmniPayloadError);
            expect(() => parseCommandResult('getAgentWorks', { works: value })).toThrow(OmniPayloadError);
        }
    });

    it('turns a seed answer whose property reads throw into a payload error (not a silent logout)', () => {
        const answer = new Proxy(
            {},
            {
                get: () => {
                    throw new Error('read refused');
                }
            }
        );
        for (const method of [
            'getServicePresenceStatusId',
            'getAgentWorks',
            'getAgentWorkload',
            'getServicePresenceStatusChannels'
        ] as const) {
            expect(resultError(method, answer).message).toMatch(/could not be read: read refused/);
        }
    });

    it('does not let a hostile list (throwing length or index getter) escape', () => {
        const list = new Proxy([{ workId: W15, workItemId: CASE }], {
            get(target, key) {
                if (key === '0') throw new Error('index refused');
                return Reflect.get(target, key);
            }
        });
        expect(resultError('getAgentWorks', { works: list }).path).toBe('works[0]');
    });
});

describe('one work, whatever the form of its id (defect 4)', () => {
    it('merges a getAgentWorks answer listing W in 15 characters, in 18 and in another case', () => {
        const works = [
            { workId: W15, workItemId: CASE, isEngaged: false },
            { workId: W18, workItemId: CASE, isEngaged: true },
            { workId: W18.toLowerCase(), workItemId: CASE.toLowerCase() + 'yac', isEngaged: 'false' }
        ];
        expect(parseCommandResult('getAgentWorks', { works: JSON.stringify(works) })).toEqual([
            { workId: W18, workItemId: toId18(CASE), isEngaged: true }
        ]);
    });

    it('refuses an answer that lists the same work for two different items', () => {
        const works = [
            { workId: W15, workItemId: CASE, isEngaged: false },
            { workId: W18, workItemId: '500RM000000A2nv', isEngaged: false }
        ];
        expect(resultError('getAgentWorks', { works }).path).toBe('works[1].workItemId');
    });
});

describe('the id cache is bounded (defect 5)', () => {
    it('never caches a string that cannot be an id, however long', () => {
        const before = idCacheStats().size;
        for (let i = 0; i < 300; i++) expect(toId18(`${'x'.repeat(20_000)}${i}`)).toBeNull();
        expect(idCacheStats().size).toBe(before);
    });

    it('stays under its limit with many distinct ids', () => {
        const { limit } = idCacheStats();
        for (let i = 0; i < limit * 2 + 10; i++) toId18(`0BzRM${String(i).padStart(10, '0')}`);
        expect(idCacheStats().size).toBeLessThanOrEqual(limit);
        expect(idCacheStats().maxKeyLength).toBeLessThanOrEqual(18);
    });
});

describe('snapshots are deep-frozen (defect 6)', () => {
    const assigned: OmniEvent = { type: 'workAssigned', workId: W18, workItemId: toId18(CASE)! };
    const status: OmniEvent = {
        type: 'statusChanged',
        statusId: toId18('0N5RM0000000001')!,
        statusName: 'Available',
        statusApiName: 'Available',
        channels: [{ channelId: toId18('0N9RM0000000001')!, developerName: 'sfdc_case' }],
        reason: null,
        rawReason: null
    };

    function expectDeepFrozen(value: unknown, path = 'snapshot'): void {
        if (value === null || typeof value !== 'object') return;
        expect([path, Object.isFrozen(value)]).toEqual([path, true]);
        for (const [key, child] of Object.entries(value)) expectDeepFrozen(child, `${path}.${key}`);
    }

    it('freezes every object of every snapshot the reducer makes', () => {
        let s: OmniAgentSnapshot = initialSnapshot(1);
        expectDeepFrozen(s);
        for (const event of [status, assigned, { ...assigned, type: 'workAccepted' } as OmniEvent]) {
            s = reduceEvent(s, event, 2);
            expectDeepFrozen(s);
        }
        s = reduceEvent(
            s,
            { type: 'workFlagUpdated', workId: W18, isFlagged: true, message: 'm', roleUpdatedBy: 'AGENT', updatedBy: null },
            3
        );
        expectDeepFrozen(s);
        expect(() => (s.works as unknown as unknown[]).push(1)).toThrow(TypeError);
    });

    it('freezes a snapshot that arrived unfrozen (a structured clone) once it is reduced further', () => {
        const cloned = JSON.parse(JSON.stringify(reduceEvent(initialSnapshot(1), assigned, 2))) as OmniAgentSnapshot;
        const next = reduceEvent(cloned, status, 3);
        expectDeepFrozen(next);
        expect(Object.isFrozen(cloned.works[0])).toBe(true);
    });

    it('freezes parsed events, so a subscriber cannot change what the next one hears', () => {
        const result = parseOmniEvent('omniChannelStatusChanged', {
            statusId: '0N5RM0000000001',
            channels: '[{"channelId":"0N9RM0000000001","developerName":"sfdc_case"}]'
        });
        if (!result.ok) throw result.error;
        expectDeepFrozen(result.value, 'event');
        expect(() => ((result.value as { type: string }).type = 'logout')).toThrow(TypeError);
    });
});
