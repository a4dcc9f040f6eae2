import { OmniPayloadError, OmniToolkitError, parseCommandResult, parseOmniEvent, toId18, type OmniEvent } from 'c/omniTypes';
import rawEvents from './data/rawEvents.json';

const raw = rawEvents as Record<string, Record<string, unknown>>;

function parsed(name: string, params: unknown): OmniEvent {
    const result = parseOmniEvent(name, params);
    if (!result.ok) throw result.error;
    return result.value;
}

function payloadError(name: unknown, params: unknown): OmniPayloadError {
    const result = parseOmniEvent(name, params);
    if (result.ok) throw new Error('expected a payload error');
    expect(result.error).toBeInstanceOf(OmniPayloadError);
    expect(result.error.code).toBe('BAD_PAYLOAD');
    return result.error;
}

describe('parsing the ten toolkit events as Salesforce sends them', () => {
    it('connection error keeps the error text', () => {
        expect(parsed('omniChannelConnectionError', raw.omniChannelConnectionError)).toEqual({
            type: 'connectionError',
            message: 'Omni-Channel lost its connection to the server.'
        });
        expect(parsed('omniChannelConnectionError', { error: { message: 'socket closed' } })).toEqual({
            type: 'connectionError',
            message: 'socket closed'
        });
        expect(parsed('omniChannelConnectionError', {})).toEqual({ type: 'connectionError', message: 'connection error' });
    });

    it('login success normalises the status id to 18 characters', () => {
        expect(parsed('omniChannelLoginSuccess', raw.omniChannelLoginSuccess)).toEqual({
            type: 'loginSuccess',
            statusId: toId18('0N5RM0000000001')
        });
    });

    it('status changed parses channels sent as a JSON string, and the reason', () => {
        const event = parsed('lightning:omniChannelStatusChanged', raw.omniChannelStatusChanged);
        expect(event).toEqual({
            type: 'statusChanged',
            statusId: toId18('0N5RM0000000001'),
            statusName: 'Available',
            statusApiName: 'Available',
            channels: [
                { channelId: toId18('0N9RM0000000001'), developerName: 'sfdc_case' },
                { channelId: toId18('0N9RM0000000002'), developerName: 'sfdc_livechat' }
            ],
            reason: 'OmniManualStatusChange',
            rawReason: 'OmniManualStatusChange'
        });
    });

    it('status changed also accepts channels as an array, an empty status (away) and no reason (older orgs)', () => {
        const asArray = parsed('omniChannelStatusChanged', {
            ...raw.omniChannelStatusChanged,
            channels: [{ channelId: '0N9RM0000000001', developerName: 'sfdc_case' }]
        });
        expect(asArray.type === 'statusChanged' && asArray.channels).toHaveLength(1);
        const away = parsed('omniChannelStatusChanged', {
            statusId: '0N5RM0000000002',
            channels: '[]',
            statusName: 'Break',
            statusApiName: 'Break'
        });
        expect(away).toMatchObject({ channels: [], reason: null, rawReason: null });
    });

    it.each([
        'OmniToolkitStatusChange',
        'OmniPushTimeout',
        'OmniDeclineWork',
        'OmniManualStatusChange',
        'OmniSupervisorStatusChange',
        'OmniLoginStatusChange'
    ])('status change reason %s is typed', (reason) => {
        expect(parsed('omniChannelStatusChanged', { ...raw.omniChannelStatusChanged, reason })).toMatchObject({
            reason,
            rawReason: reason
        });
    });

    it('an unknown status reason from a newer release is kept raw, not dropped', () => {
        expect(parsed('omniChannelStatusChanged', { ...raw.omniChannelStatusChanged, reason: 'OmniSomethingNew' })).toMatchObject({
            reason: null,
            rawReason: 'OmniSomethingNew'
        });
    });

    it.each(['DuplicateLogin', 'DuplicateLoginInSameBrowser', 'MaintenanceLogout', 'OmniSupervisorLogout'])(
        'logout reason %s is typed',
        (reason) => {
            expect(parsed('omniChannelLogout', { reason })).toEqual({ type: 'logout', reason, rawReason: reason });
        }
    );

    it('logout without a reason (the agent logged out) has reason null', () => {
        expect(parsed('omniChannelLogout', {})).toEqual({ type: 'logout', reason: null, rawReason: null });
    });

    it.each([
        ['omniChannelWorkAssigned', 'workAssigned'],
        ['omniChannelWorkAccepted', 'workAccepted'],
        ['omniChannelWorkDeclined', 'workDeclined'],
        ['omniChannelWorkClosed', 'workClosed']
    ])('%s carries 18-character workId and workItemId', (name, type) => {
        expect(parsed(name, raw[name])).toEqual({ type, workId: toId18('0BzRM0000000001'), workItemId: toId18('500RM000000A1nv') });
    });

    it('flag updated keeps who raised it, their role and the message', () => {
        expect(parsed('omniChannelWorkFlagUpdated', raw.omniChannelWorkFlagUpdated)).toEqual({
            type: 'workFlagUpdated',
            workId: toId18('0BzRM0000000001'),
            isFlagged: true,
            message: 'Customer asks for a manager',
            roleUpdatedBy: 'SUPERVISOR',
            updatedBy: toId18('005RM000000Sup1')
        });
    });

    it('flag lowered by the agent, with isFlagged as a string and no message', () => {
        expect(
            parsed('omniChannelWorkFlagUpdated', { workId: '0BzRM0000000001', isFlagged: 'false', roleUpdatedBy: 'agent' })
        ).toMatchObject({
            isFlagged: false,
            message: null,
            roleUpdatedBy: 'AGENT',
            updatedBy: null
        });
    });

    it('workload changed coerces numbers sent as strings, including interruptible capacity', () => {
        expect(parsed('omniChannelWorkloadChanged', raw.omniChannelWorkloadChanged)).toEqual({
            type: 'workloadChanged',
            configuredCapacity: 5,
            previousWorkload: 1,
            newWorkload: 2,
            configuredInterruptibleCapacity: 3,
            previousInterruptibleWorkload: 0,
            newInterruptibleWorkload: 1
        });
    });

    it('workload changed from an org without interruptible capacity (before API 59) has nulls', () => {
        expect(parsed('omniChannelWorkloadChanged', { configuredCapacity: 100, previousWorkload: 0, newWorkload: 40 })).toMatchObject({
            configuredCapacity: 100,
            newWorkload: 40,
            configuredInterruptibleCapacity: null,
            newInterruptibleWorkload: null
        });
    });
});

describe('malformed event payloads become an OmniPayloadError naming the field', () => {
    it('an unknown event name', () => {
        expect(payloadError('omniChannelSomethingElse', {}).message).toMatch(/not an Omni-Channel event/);
        payloadError(undefined, {});
    });

    it('params that are not an object', () => {
        payloadError('omniChannelWorkAssigned', null);
        payloadError('omniChannelWorkAssigned', 'workId=0Bz');
        payloadError('omniChannelWorkAssigned', [raw.omniChannelWorkAssigned]);
    });

    it('a missing or broken id', () => {
        expect(payloadError('omniChannelWorkAssigned', { workItemId: '500RM000000A1nv' }).path).toBe('workId');
        expect(payloadError('omniChannelWorkAccepted', { workId: '0BzRM0000000001', workItemId: 'not-an-id' }).message).toMatch(
            /workItemId is not a Salesforce id/
        );
        expect(payloadError('omniChannelLoginSuccess', { statusId: 42 }).path).toBe('statusId');
    });

    it('garbage in the channels JSON string', () => {
        const error = payloadError('omniChannelStatusChanged', { ...raw.omniChannelStatusChanged, channels: '[{"channelId":' });
        expect(error.path).toBe('channels');
        expect(error.message).toMatch(/not valid JSON/);
        expect(payloadError('omniChannelStatusChanged', { ...raw.omniChannelStatusChanged, channels: '{"a":1}' }).message).toMatch(
            /should be a list/
        );
        expect(payloadError('omniChannelStatusChanged', { ...raw.omniChannelStatusChanged, channels: '[1]' }).path).toBe('channels[0]');
    });

    it('numbers that are not numbers', () => {
        expect(payloadError('omniChannelWorkloadChanged', { ...raw.omniChannelWorkloadChanged, newWorkload: 'two' }).path).toBe(
            'newWorkload'
        );
        expect(payloadError('omniChannelWorkloadChanged', { ...raw.omniChannelWorkloadChanged, configuredCapacity: -1 }).path).toBe(
            'configuredCapacity'
        );
        expect(payloadError('omniChannelWorkloadChanged', { previousWorkload: 0, newWorkload: 1 }).message).toMatch(
            /configuredCapacity is missing/
        );
    });

    it('a flag state that is not a boolean, a role of the wrong type', () => {
        expect(payloadError('omniChannelWorkFlagUpdated', { ...raw.omniChannelWorkFlagUpdated, isFlagged: 'yes' }).path).toBe('isFlagged');
        expect(payloadError('omniChannelWorkFlagUpdated', { ...raw.omniChannelWorkFlagUpdated, roleUpdatedBy: 7 }).path).toBe(
            'roleUpdatedBy'
        );
    });
});

describe('parsing toolkit method results', () => {
    it('getAgentWorks: JSON string or array, ids normalised, isEngaged coerced', () => {
        const fromString = parseCommandResult('getAgentWorks', {
            works: '[{"workItemId":"500RM000000A1nv","workId":"0BzRM0000000001","isEngaged":"true"}]'
        });
        expect(fromString).toEqual([{ workItemId: toId18('500RM000000A1nv'), workId: toId18('0BzRM0000000001'), isEngaged: true }]);
        expect(
            parseCommandResult('getAgentWorks', { works: [{ workItemId: '500RM000000A1nv', workId: '0BzRM0000000001' }] })[0].isEngaged
        ).toBe(false);
        expect(parseCommandResult('getAgentWorks', { works: '[]' })).toEqual([]);
    });

    it('getAgentWorkload: numbers as strings, interruptible fields optional', () => {
        expect(parseCommandResult('getAgentWorkload', { configuredCapacity: '5', currentWorkload: '2' })).toEqual({
            configuredCapacity: 5,
            currentWorkload: 2,
            configuredInterruptibleCapacity: null,
            currentInterruptibleWorkload: null
        });
    });

    it('getServicePresenceStatusId and setServicePresenceStatus', () => {
        expect(
            parseCommandResult('getServicePresenceStatusId', {
                statusId: '0N5RM0000000001',
                statusName: 'Available',
                statusApiName: 'Available'
            })
        ).toEqual({
            statusId: toId18('0N5RM0000000001'),
            statusName: 'Available',
            statusApiName: 'Available'
        });
        expect(
            parseCommandResult('setServicePresenceStatus', {
                statusId: '0N5RM0000000002',
                statusName: 'Busy',
                statusApiName: 'Busy',
                channels: '[]'
            })
        ).toMatchObject({
            statusId: toId18('0N5RM0000000002'),
            channels: []
        });
    });

    it('getServicePresenceStatusChannels', () => {
        expect(
            parseCommandResult('getServicePresenceStatusChannels', {
                channels: '[{"channelId":"0N9RM0000000001","developerName":"sfdc_case"}]'
            })
        ).toEqual([{ channelId: toId18('0N9RM0000000001'), developerName: 'sfdc_case' }]);
    });

    it('methods that resolve true; false or {success:false} is a toolkit failure', () => {
        expect(parseCommandResult('acceptAgentWork', true)).toBe(true);
        expect(() => parseCommandResult('acceptAgentWork', false)).toThrow(OmniToolkitError);
        expect(() => parseCommandResult('closeAgentWork', { success: false })).toThrow(/unsuccessful/);
    });

    it('malformed results are payload errors', () => {
        expect(() => parseCommandResult('getAgentWorks', { works: 'oops' })).toThrow(OmniPayloadError);
        expect(() => parseCommandResult('getAgentWorkload', null)).toThrow(OmniPayloadError);
        expect(() => parseCommandResult('getServicePresenceStatusId', { statusId: 'Available' })).toThrow(
            /statusId is not a Salesforce id/
        );
    });
});
