/**
 * Maps Pub/Sub API failures (gRPC status + Salesforce's custom error code, which the service
 * puts in the trailers and in the message) to the contract's typed failures:
 *
 *   ...fetch.replayid.corrupted / replay id invalid, not retained  -> ReplayPositionInvalidError
 *   UNAUTHENTICATED, ...service.auth.error                          -> AuthExpiredError
 *   RESOURCE_EXHAUSTED, ...limit...exceeded                         -> EventLimitExceededError
 *   UNAVAILABLE, stream ended, keepalive time-out, anything else    -> ConnectionLostError
 *   PERMISSION_DENIED, NOT_FOUND, INVALID_ARGUMENT (topic problems) -> SubscriptionRejectedError
 *
 * Messages keep the status and error code but never the call's metadata (the access token).
 */
import { status as GrpcStatus, type Metadata, type ServiceError } from '@grpc/grpc-js';
import { AuthExpiredError, ConnectionLostError, EventLimitExceededError, ReplayPositionInvalidError, TransportError } from '../contract.js';

/** The topic cannot be subscribed to as configured (missing, no access): retrying will not help. */
export class SubscriptionRejectedError extends TransportError {
    constructor(message: string, options?: { cause?: unknown }) {
        super(message, false, options);
    }
}

/** The onChange handler rejected: the subscription stopped so the event is replayed after a restart. */
export class HandlerFailedError extends TransportError {
    constructor(cause: unknown) {
        super(`event handler failed: ${(cause as Error)?.message ?? String(cause)}`, true, { cause });
    }
}

export const ERROR_CODE_KEY = 'error-code';
const SFDC_CODE = /sfdc\.platform\.eventbus\.grpc\.[a-z0-9_.]+/i;

function isServiceError(error: unknown): error is ServiceError {
    return error instanceof Error && typeof (error as Partial<ServiceError>).code === 'number';
}

/** Salesforce's own error code, from the trailers or the message. */
export function sfdcErrorCode(error: { details?: string; message?: string; metadata?: Metadata }): string | undefined {
    const fromTrailer = error.metadata?.get(ERROR_CODE_KEY)[0];
    if (typeof fromTrailer === 'string' && fromTrailer) return fromTrailer;
    return SFDC_CODE.exec(`${error.details ?? ''} ${error.message ?? ''}`)?.[0];
}

export function classifyGrpcError(error: unknown, during: string): TransportError {
    if (error instanceof TransportError) return error;
    if (!isServiceError(error))
        return new ConnectionLostError(`Pub/Sub ${during} failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
    const code = sfdcErrorCode(error);
    const statusName = GrpcStatus[error.code] ?? String(error.code);
    const text = `Pub/Sub ${during} failed: ${statusName}${code ? ` (${code})` : ''}: ${error.details || error.message}`;
    const lower = `${code ?? ''} ${error.details ?? ''}`.toLowerCase();
    if (lower.includes('replayid') || /replay id/.test(lower)) return new ReplayPositionInvalidError(text, { cause: error });
    if (error.code === GrpcStatus.UNAUTHENTICATED || lower.includes('auth.error')) return new AuthExpiredError(text, { cause: error });
    if (error.code === GrpcStatus.RESOURCE_EXHAUSTED || /limit.*exceeded|exceeded.*limit/.test(lower))
        return new EventLimitExceededError(text, { cause: error });
    if (error.code === GrpcStatus.PERMISSION_DENIED || error.code === GrpcStatus.NOT_FOUND || error.code === GrpcStatus.INVALID_ARGUMENT)
        return new SubscriptionRejectedError(text, { cause: error });
    return new ConnectionLostError(text, { cause: error });
}
