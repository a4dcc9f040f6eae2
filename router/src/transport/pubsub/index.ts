/**
 * The Pub/Sub API transport's public face; router/src/transport/factory.ts imports it when
 * transport.kind is "pubsub" and calls createPubSubTransport.
 */
import type { EventTransport } from '../contract.js';
import { PubSubTransport, type PubSubTransportOptions } from './pubsubTransport.js';

export {
    PubSubTransport,
    DEFAULT_ENDPOINT,
    MAX_BATCH_SIZE,
    DEFAULT_KEEPALIVE_TIMEOUT_MS,
    type PubSubTransportOptions
} from './pubsubTransport.js';
export { SubscriptionRejectedError, HandlerFailedError } from './errors.js';

export function createPubSubTransport(options: PubSubTransportOptions): EventTransport {
    return new PubSubTransport(options);
}
