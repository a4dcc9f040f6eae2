/**
 * Builds the configured transport. The Pub/Sub transport lives in ./pubsub (built
 * separately); it is loaded at run time so the router builds and runs with Streaming alone.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
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

/** What the Pub/Sub transport's factory takes (router/src/transport/pubsub/index.ts). */
export interface PubSubTransportOptions {
    endpoint: string;
    tokens: AccessTokenSource;
    topicName: string;
    entities: ChangeEntity[];
    tls: boolean;
    batchSize?: number;
    logger: Logger;
}

type PubSubModule = { createPubSubTransport?: (options: PubSubTransportOptions) => EventTransport };

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
    const file = path.join(__dirname, 'pubsub', 'index.js');
    if (!existsSync(file))
        throw new TransportUnavailableError(
            `the Pub/Sub transport is not available in this build (${file} is missing); use transport.kind "streaming"`
        );
    let module: PubSubModule;
    try {
        module = (await import(pathToFileURL(file).href)) as PubSubModule;
    } catch (cause) {
        throw new TransportUnavailableError(`the Pub/Sub transport failed to load: ${(cause as Error).message}`, { cause });
    }
    const factory = module.createPubSubTransport ?? (module as { default?: PubSubModule }).default?.createPubSubTransport;
    if (typeof factory !== 'function') throw new TransportUnavailableError(`${file} does not export createPubSubTransport`);
    return factory({
        endpoint: config.endpoint,
        tokens: deps.tokens,
        topicName: config.topicName,
        entities: ['PendingServiceRouting', 'AgentWork', 'UserServicePresence'],
        tls: config.tls,
        ...(config.batchSize ? { batchSize: config.batchSize } : {}),
        logger: deps.logger.child({ component: 'pubsub' })
    });
}
