/**
 * Classification of Pub/Sub API errors (gRPC status + Salesforce's error code in the trailers
 * or the message) and of persisted positions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import {
    AuthExpiredError,
    ConnectionLostError,
    EventLimitExceededError,
    ReplayPositionInvalidError,
    TransportError
} from '../../src/transport/contract.js';
import { classifyGrpcError, ERROR_CODE_KEY, sfdcErrorCode, SubscriptionRejectedError } from '../../src/transport/pubsub/errors.js';
import { positionOf, replayIdOf, replayStartOf } from '../../src/transport/pubsub/positions.js';

function serviceError(code: status, details: string, trailerCode?: string): ServiceError {
    const metadata = new Metadata();
    if (trailerCode) metadata.set(ERROR_CODE_KEY, trailerCode);
    return Object.assign(new Error(`${code} ${status[code]}: ${details}`), { code, details, metadata });
}

test('Salesforce error codes are read from the trailers first, then from the message', () => {
    assert.equal(
        sfdcErrorCode(serviceError(status.INVALID_ARGUMENT, 'x', 'sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted')),
        'sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted'
    );
    assert.equal(
        sfdcErrorCode(serviceError(status.UNKNOWN, 'failed (sfdc.platform.eventbus.grpc.service.auth.error) rpcId: 1')),
        'sfdc.platform.eventbus.grpc.service.auth.error'
    );
    assert.equal(sfdcErrorCode(serviceError(status.UNKNOWN, 'no code here')), undefined);
});

test('each failure maps to its typed error', () => {
    const cases: Array<[ServiceError, new (...args: never[]) => TransportError]> = [
        [
            serviceError(
                status.INVALID_ARGUMENT,
                'Replay ID validation failed',
                'sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted'
            ),
            ReplayPositionInvalidError
        ],
        [serviceError(status.FAILED_PRECONDITION, 'The replay id is invalid'), ReplayPositionInvalidError],
        [serviceError(status.UNAUTHENTICATED, 'Invalid session'), AuthExpiredError],
        [serviceError(status.UNKNOWN, 'denied', 'sfdc.platform.eventbus.grpc.service.auth.error'), AuthExpiredError],
        [serviceError(status.RESOURCE_EXHAUSTED, 'Too many'), EventLimitExceededError],
        [serviceError(status.UNKNOWN, 'x', 'sfdc.platform.eventbus.grpc.subscription.limit.exceeded'), EventLimitExceededError],
        [serviceError(status.UNAVAILABLE, 'Connection dropped'), ConnectionLostError],
        [serviceError(status.INTERNAL, 'Received RST_STREAM'), ConnectionLostError],
        [serviceError(status.DEADLINE_EXCEEDED, 'Deadline exceeded'), ConnectionLostError],
        [serviceError(status.NOT_FOUND, 'topic not found'), SubscriptionRejectedError],
        [serviceError(status.PERMISSION_DENIED, 'no access to topic'), SubscriptionRejectedError]
    ];
    for (const [error, expected] of cases) {
        const typed = classifyGrpcError(error, 'Subscribe');
        assert.ok(typed instanceof expected, `${error.details} -> ${typed.name}, expected ${expected.name}`);
        assert.equal(typed.cause, error);
        assert.match(typed.message, /^Pub\/Sub Subscribe failed: /);
    }
    assert.ok(classifyGrpcError(new Error('socket hang up'), 'GetTopic') instanceof ConnectionLostError);
    const already = new AuthExpiredError('x');
    assert.equal(classifyGrpcError(already, 'Subscribe'), already);
});

test('positions are canonical base64 of the replay id bytes; anything else is ReplayPositionInvalidError', () => {
    const id = Buffer.from([0, 0, 0, 1, 0, 0, 0, 42]);
    const position = positionOf(id);
    assert.equal(position, 'AAAAAQAAACo=');
    assert.deepEqual(replayIdOf(position), id);
    assert.deepEqual(replayStartOf({ kind: 'after', position }), { preset: 'CUSTOM', replayId: id });
    assert.deepEqual(replayStartOf({ kind: 'latest' }), { preset: 'LATEST' });
    assert.deepEqual(replayStartOf({ kind: 'earliest' }), { preset: 'EARLIEST' });
    for (const bad of ['', '12345', '-1', '{"/topic/x":5}', 'AAAAAQAAACo'])
        assert.throws(() => replayIdOf(bad), ReplayPositionInvalidError, bad);
});
