import { OMNI_METHODS, OmniArgumentError, toId18, validateCommandArgs } from 'c/omniTypes';

const WORK_ID = '0BzRM0000000001';
const STATUS_ID = '0N5RM0000000001';

function argumentError(method: string, args: unknown): OmniArgumentError {
    try {
        validateCommandArgs(method as never, args);
    } catch (error) {
        expect(error).toBeInstanceOf(OmniArgumentError);
        return error as OmniArgumentError;
    }
    throw new Error('expected an OmniArgumentError');
}

describe('command argument validation', () => {
    it('knows exactly the twelve toolkit methods', () => {
        expect([...OMNI_METHODS].sort()).toEqual(
            [
                'acceptAgentWork',
                'closeAgentWork',
                'declineAgentWork',
                'getAgentWorkload',
                'getAgentWorks',
                'getServicePresenceStatusChannels',
                'getServicePresenceStatusId',
                'login',
                'logout',
                'lowerAgentWorkFlag',
                'raiseAgentWorkFlag',
                'setServicePresenceStatus'
            ].sort()
        );
    });

    it('passes good arguments through with ids in 18-character form', () => {
        expect(validateCommandArgs('acceptAgentWork', { workId: WORK_ID })).toEqual({ workId: toId18(WORK_ID) });
        expect(validateCommandArgs('declineAgentWork', { workId: WORK_ID, declineReason: 'Wrong skill' })).toEqual({
            workId: toId18(WORK_ID),
            declineReason: 'Wrong skill'
        });
        expect(validateCommandArgs('raiseAgentWorkFlag', { workId: WORK_ID, message: 'Help' })).toEqual({
            workId: toId18(WORK_ID),
            message: 'Help'
        });
        expect(validateCommandArgs('login', { statusId: STATUS_ID })).toEqual({ statusId: toId18(STATUS_ID) });
        expect(validateCommandArgs('logout', undefined)).toBeUndefined();
        expect(validateCommandArgs('getAgentWorks', {})).toBeUndefined();
    });

    it('drops an empty optional decline reason or flag message instead of sending ""', () => {
        expect(validateCommandArgs('declineAgentWork', { workId: WORK_ID, declineReason: '' })).toEqual({ workId: toId18(WORK_ID) });
    });

    it('refuses a bare string where {workId} belongs (a common wrapper bug)', () => {
        expect(argumentError('acceptAgentWork', WORK_ID).message).toMatch(/expects an object such as \{ workId \}/);
    });

    it('refuses `reason` where the toolkit wants `declineReason`', () => {
        expect(argumentError('declineAgentWork', { workId: WORK_ID, reason: 'Busy' }).message).toMatch(/unknown argument "reason"/);
    });

    it('refuses the workItemId (the Case) where the AgentWork id belongs', () => {
        expect(argumentError('closeAgentWork', { workId: '500RM000000A1nv' }).message).toMatch(/AgentWork id \(starting 0Bz\)/);
    });

    it('refuses a status name or the whole getServicePresenceStatusId result instead of the status id', () => {
        expect(argumentError('setServicePresenceStatus', { statusId: 'Available' }).message).toMatch(/ServicePresenceStatus id/);
        expect(argumentError('login', { statusId: { statusId: STATUS_ID } }).message).toMatch(/got an object/);
        expect(argumentError('login', { statusId: '0BzRM0000000001' }).message).toMatch(/starting 0N5/);
    });

    it('refuses arguments to methods that take none, and non-string optional text', () => {
        expect(argumentError('logout', { now: true }).message).toMatch(/takes no arguments/);
        expect(argumentError('raiseAgentWorkFlag', { workId: WORK_ID, message: 42 }).message).toMatch(/message must be a string/);
    });

    it('refuses an unknown method', () => {
        expect(argumentError('transferAgentWork', {}).message).toMatch(/is not a toolkit method/);
    });
});
