/**
 * Builds the configured transport. The Pub/Sub transport (./pubsub) is imported only when
 * it is configured, so a Streaming-only router never loads gRPC.
 */
import type { Logger } from '../log.js';
import type { TransportConfig } from '../config.js';
import type { AccessTokenSource, ChangeEntity, EventTransport } from './contract.js';
import { StreamingTransport, type StreamingTopic } from './streaming/streamingTransport.js';

export class TransportUnavailableError extends Error {
    constructor(message: string, options?: { cause?: unknown }) {
        super(message, options);
        this.name = 'TransportUnavailableError';
    }
}

/** The entities the router routes on; a CDC channel may carry others (they are skipped). */
const ROUTED_ENTITIES: ChangeEntity[] = ['PendingServiceRouting', 'AgentWork', 'UserServicePresence'];

export async function createTransport(
    config: TransportConfig,
    deps: { tokens: AccessTokenSource; logger: Logger; apiVersion: string }
): Promise<EventTransport> {
    if (config.kind === 'streaming') {
        const topics: StreamingTopic[] = [{ entity: 'PendingServiceRouting', name: config.psrTopic }];
        if (config.agentWorkTopic) topics.push({ entity: 'AgentWork', name: config.agentWorkTopic });
        if (config.presenceTopic) topics.push({ entity: 'UserServicePresence', name: config.presenceTopic });
        return new StreamingTransport({
            tokens: deps.tokens,
            topics,
            logger: deps.logger.child({ component: 'streaming' }),
            apiVersion: deps.apiVersion,
            ...(config.reconnectWindowMs ? { reconnectWindowMs: config.reconnectWindowMs } : {})
        });
    }
    let pubsub: typeof import('./pubsub/index.js');
    try {
        pubsub = await import('./pubsub/index.js');
    } catch (cause) {
        // @grpc/grpc-js, @grpc/proto-loader or avsc missing from this installation.
        throw new TransportUnavailableError(`the Pub/Sub transport failed to load: ${(cause as Error).message}`, { cause });
    }
    return pubsub.createPubSubTransport({
        endpoint: config.endpoint,
        tokens: deps.tokens,
        topicName: config.topicName,
        entities: ROUTED_ENTITIES,
        tls: config.tls,
        ...(config.batchSize ? { batchSize: config.batchSize } : {}),
        logger: deps.logger.child({ component: 'pubsub' })
    });
}
