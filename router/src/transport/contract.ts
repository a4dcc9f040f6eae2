/**
 * The one interface between the router and the ways Salesforce tells it about changes.
 *
 * Two transports implement it: Change Data Capture over the Pub/Sub API (gRPC, the current
 * guide) and the legacy PushTopic on PendingServiceRouting over the Streaming API
 * (CometD/Bayeux with the replay extension). Everything above this file (routing, capacity
 * ledger, checkpoints) sees only `RoutingChange`s and typed transport failures, so it is
 * tested once for both.
 */

/** The objects the router listens to. A PushTopic only ever carries PendingServiceRouting. */
export type ChangeEntity = 'PendingServiceRouting' | 'AgentWork' | 'UserServicePresence';

/**
 * What happened to the record. CDC's GAP_* and overflow events say "some changes were not
 * delivered as fields": the router must re-read the records named in `recordIds` (or all of
 * that entity when `recordIds` is empty).
 */
export type ChangeType = 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE' | 'GAP' | 'GAP_OVERFLOW';

export interface RoutingChange {
    entity: ChangeEntity;
    changeType: ChangeType;
    /** 18-character ids of the records this change is about (CDC may batch several). */
    recordIds: string[];
    /**
     * Field values carried by the event, by API name. CDC: the changed fields only (a field
     * set to null is present with null). PushTopic: every field in the topic's query.
     */
    fields: Record<string, unknown>;
    /** API names of the fields this change set (CDC's changedFields; every key for PushTopic). */
    changedFields: string[];
    /** When Salesforce committed the change (ms since epoch), if the event says. */
    commitTimestamp?: number;
    /**
     * Opaque, serialisable position of this event in its stream (Pub/Sub: base64 of the
     * replay_id bytes; Streaming: the decimal replayId). Persist it after handling the event;
     * hand it back to `start` to resume right after it.
     */
    position: string;
}

/** Where to start when there is no persisted position. */
export type StartPoint = { kind: 'latest' } | { kind: 'earliest' } | { kind: 'after'; position: string };

/** Base of every failure a transport reports; `retryable` tells the runner to back off and restart. */
export class TransportError extends Error {
    readonly retryable: boolean;
    constructor(message: string, retryable: boolean, options?: { cause?: unknown }) {
        super(message, options);
        this.name = new.target.name;
        this.retryable = retryable;
    }
}

/**
 * The persisted position is no longer valid (older than retention, or the org moved after a
 * data-centre recovery). The router must drop all cached state and re-initialise as on a
 * first subscription (start from 'latest' and re-query).
 */
export class ReplayPositionInvalidError extends TransportError {
    constructor(message: string, options?: { cause?: unknown }) {
        super(message, false, options);
    }
}

/** The access token was refused (expired or revoked): re-authenticate, then restart. */
export class AuthExpiredError extends TransportError {
    constructor(message: string, options?: { cause?: unknown }) {
        super(message, true, options);
    }
}

/** The org's daily event delivery allocation is used up (Streaming `403::...daily limit exceeded`). */
export class EventLimitExceededError extends TransportError {
    constructor(message: string, options?: { cause?: unknown }) {
        super(message, true, options);
    }
}

/** The connection dropped or the server is unreachable. */
export class ConnectionLostError extends TransportError {
    constructor(message: string, options?: { cause?: unknown }) {
        super(message, true, options);
    }
}

/** An event that cannot be decoded; reported, skipped (its position still advances). */
export class MalformedEventError extends TransportError {
    readonly position: string | undefined;
    constructor(message: string, position: string | undefined, options?: { cause?: unknown }) {
        super(message, false, options);
        this.position = position;
    }
}

export interface TransportHandlers {
    /**
     * Called for each change, strictly one at a time and in stream order: the transport does
     * not deliver (or, for Pub/Sub, request) the next event until the returned promise
     * settles. If it rejects, the transport stops and reports the rejection through onFailure.
     */
    onChange(change: RoutingChange): Promise<void>;
    /**
     * A failure. MalformedEventError: the stream goes on. Any other TransportError: the
     * subscription has ended; the runner decides (re-auth, back off, reset) and calls start again.
     */
    onFailure(error: TransportError): void;
}

export interface EventTransport {
    /** For logs: 'pubsub' or 'streaming'. */
    readonly name: string;
    /** Subscribes; resolves once the server has accepted the subscription. */
    start(from: StartPoint, handlers: TransportHandlers): Promise<void>;
    /** Unsubscribes and closes connections; idempotent. */
    stop(): Promise<void>;
}

/** Supplies a current access token and instance URL; `refresh` forces a new token. */
export interface AccessTokenSource {
    current(): Promise<{ accessToken: string; instanceUrl: string; tenantId?: string }>;
    refresh(): Promise<{ accessToken: string; instanceUrl: string; tenantId?: string }>;
}
