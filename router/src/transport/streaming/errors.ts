/**
 * Maps Streaming API (Bayeux) error strings to the contract's typed failures. Salesforce
 * writes errors as "<code>::<message>"; the ones that change what the runner must do:
 *
 *   401::Authentication invalid                          -> AuthExpiredError (re-authenticate)
 *   403::Organization total events daily limit exceeded  -> EventLimitExceededError (back off)
 *   400::The replayId {X} you provided was invalid...    -> ReplayPositionInvalidError (reset)
 *
 * Anything else on a handshake or subscribe means we are not connected: ConnectionLostError.
 * "403::Unknown client" on /meta/connect is left to the client library, which handshakes again.
 */
import {
    AuthExpiredError,
    ConnectionLostError,
    EventLimitExceededError,
    ReplayPositionInvalidError,
    type TransportError
} from '../contract.js';

export function classifyBayeuxError(channel: string, error: string): TransportError | null {
    if (/^401::Authentication invalid/i.test(error)) return new AuthExpiredError(`Streaming API refused the access token (${error})`);
    if (/^403::Organization total events daily limit exceeded/i.test(error)) return new EventLimitExceededError(`Streaming API: ${error}`);
    if (/^400::The replayId .* you provided was invalid/i.test(error)) return new ReplayPositionInvalidError(`Streaming API: ${error}`);
    if (channel === '/meta/handshake' || channel === '/meta/subscribe')
        return new ConnectionLostError(`Streaming API ${channel} failed: ${error}`);
    return null;
}
