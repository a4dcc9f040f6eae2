import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthExpiredError, MalformedEventError, ReplayPositionInvalidError, TransportError } from '../src/transport/contract.js';

test('transport failures are typed and say whether the runner should retry', () => {
    const invalid = new ReplayPositionInvalidError('replay id 42 is no longer retained');
    assert.ok(invalid instanceof TransportError);
    assert.equal(invalid.name, 'ReplayPositionInvalidError');
    assert.equal(invalid.retryable, false);
    assert.equal(new AuthExpiredError('401').retryable, true);
    const malformed = new MalformedEventError('not JSON', 'AAA=');
    assert.equal(malformed.position, 'AAA=');
});
