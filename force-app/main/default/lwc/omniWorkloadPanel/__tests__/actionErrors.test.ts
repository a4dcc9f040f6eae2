import { describeActionFailure, errorText } from '../actionErrors';
import {
    OmniArgumentError,
    OmniBridgeUnavailableError,
    OmniCommandTimeoutError,
    OmniPayloadError,
    OmniToolkitError,
    fromWireError
} from 'c/omniClient';

const ACCEPT = 'accept the work';

describe('action failures, by error code', () => {
    it('a time-out says the action may still have happened', () => {
        expect(describeActionFailure(ACCEPT, new OmniCommandTimeoutError('acceptAgentWork', 10000))).toEqual({
            kind: 'timeout',
            message:
                'Could not accept the work: Omni-Channel did not answer in time. It may still have happened: check your work and status, then try again if needed.'
        });
    });

    it('a bridge that stopped answering says what to do', () => {
        expect(describeActionFailure(ACCEPT, new OmniBridgeUnavailableError())).toEqual({
            kind: 'bridgeUnavailable',
            message:
                'Could not accept the work: the Omni bridge stopped answering. Reload the console; if this keeps happening, ask your admin to check that the Omni Workload utility starts automatically.'
        });
    });

    it("a refusal quotes Omni-Channel's own words, without the method name", () => {
        expect(describeActionFailure(ACCEPT, new OmniToolkitError('acceptAgentWork', 'This work item is no longer available'))).toEqual({
            kind: 'rejected',
            message: 'Could not accept the work. Omni-Channel said: This work item is no longer available'
        });
    });

    it('an argument the toolkit would misread names the problem', () => {
        const failure = describeActionFailure(
            'change your status',
            new OmniArgumentError('setServicePresenceStatus', 'statusId is not a presence status id')
        );
        expect(failure).toEqual({
            kind: 'badArgument',
            message:
                'Could not change your status: the panel sent a request Omni-Channel cannot use (statusId is not a presence status id). Reload the console, and tell your admin if it happens again.'
        });
    });

    it('goes by the code, so errors rebuilt from the message channel are worded the same', () => {
        const rebuilt = fromWireError({
            code: 'TOOLKIT_REJECTED',
            method: 'closeAgentWork',
            message: 'closeAgentWork failed: Close the tab first'
        });
        expect(describeActionFailure('close the work', rebuilt).message).toBe(
            'Could not close the work. Omni-Channel said: Close the tab first'
        );
        expect(describeActionFailure('close the work', { code: 'COMMAND_TIMEOUT', message: 'x' }).kind).toBe('timeout');
    });

    it('keeps the whole text when the toolkit gave no detail after the method', () => {
        expect(describeActionFailure(ACCEPT, new OmniToolkitError('acceptAgentWork', '')).message).toBe(
            'Could not accept the work. Omni-Channel said: acceptAgentWork failed: '
        );
    });

    it('anything else keeps its message: a bad payload, an Apex error, a throw', () => {
        expect(describeActionFailure(ACCEPT, new OmniPayloadError('acceptAgentWork', 'result', 'is not true'))).toEqual({
            kind: 'other',
            message: 'Could not accept the work: acceptAgentWork: result is not true'
        });
        expect(describeActionFailure(ACCEPT, { body: { message: 'Insufficient access' } }).message).toBe(
            'Could not accept the work: Insufficient access'
        );
        expect(describeActionFailure(ACCEPT, 'plain text').message).toBe('Could not accept the work: plain text');
        expect(describeActionFailure(ACCEPT, { code: 42 }).kind).toBe('other');
    });

    it('reads the text of errors of every shape', () => {
        expect(errorText(new Error('boom'))).toBe('boom');
        expect(errorText({ body: { message: 'from Apex' } })).toBe('from Apex');
        expect(errorText(null)).toBe('null');
    });
});
