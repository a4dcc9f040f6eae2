/** Wires configuration into a running router: auth, REST, ledger, strategy, store, transport, service. */
import type { RouterConfig } from './config.js';
import type { Logger } from './log.js';
import { OAuthTokenSource } from './auth/oauth.js';
import { RestClient } from './salesforce/restClient.js';
import { RestOmniApi } from './salesforce/omniApi.js';
import { AgentLedger } from './ledger/ledger.js';
import { getStrategy, loadStrategyModule } from './ledger/strategy.js';
import { FileCheckpointStore } from './store/checkpointStore.js';
import { ExternalRouter, type RoutedEvent } from './routing/router.js';
import { UnroutableRegistry, unroutableFileFor } from './routing/unroutable.js';
import { DEFAULT_REST_RETRY, RetryingOmniApi } from './salesforce/retryingApi.js';
import { BatchingOmniApi } from './salesforce/batchingApi.js';

/** PSR events handled at once unless the config says otherwise. */
export const DEFAULT_CONCURRENCY = 32;
import { RouterService } from './runner/service.js';
import { createTransport } from './transport/factory.js';
import type { EventTransport } from './transport/contract.js';

export interface RouterApp {
    service: RouterService;
    router: ExternalRouter;
    store: FileCheckpointStore;
    transport: EventTransport;
    /** PSRs set aside (listed by `--unroutable`; counters per reason). */
    unroutable: UnroutableRegistry;
    /** The REST API with per-call retries (its `stats` count retries). */
    api: RetryingOmniApi;
    /** The batching under it (its `stats` count re-read queries and insert calls). */
    batching: BatchingOmniApi;
    /** Runs until stop(); then closes the store. */
    run(): Promise<void>;
    stop(): Promise<void>;
}

export async function createRouterApp(
    config: RouterConfig,
    logger: Logger,
    hooks: { onRouted?: (event: RoutedEvent) => void; fetchImpl?: typeof fetch; afterInsert?: () => void } = {}
): Promise<RouterApp> {
    if (config.strategyModule) await loadStrategyModule(config.strategyModule);
    const strategy = getStrategy(config.strategy);
    const tokens = new OAuthTokenSource(config.auth, logger.child({ component: 'auth' }), hooks.fetchImpl);
    const rest = new RestClient({
        tokens,
        logger: logger.child({ component: 'rest' }),
        apiVersion: config.apiVersion,
        fetchImpl: hooks.fetchImpl
    });
    const store = new FileCheckpointStore({ file: config.storePath, logger: logger.child({ component: 'store' }) });
    const routingLogger = logger.child({ component: 'routing' });
    const unroutable = new UnroutableRegistry(routingLogger, unroutableFileFor(config.storePath));
    const concurrency = config.concurrency ?? DEFAULT_CONCURRENCY;
    const batching = new BatchingOmniApi(
        new RestOmniApi(rest, (error) =>
            // An AgentWork / presence record that cannot be read is left out of the ledger.
            logger.warn('a record returned by a query cannot be read: left out', {
                sobject: error.sobject,
                recordId: error.recordId,
                field: error.field
            })
        )
    );
    const api = new RetryingOmniApi(batching, logger.child({ component: 'rest' }), config.restRetry ?? DEFAULT_REST_RETRY);
    const router = new ExternalRouter({
        api,
        unroutable,
        ledger: new AgentLedger(),
        strategy,
        store,
        logger: routingLogger,
        onRouted: hooks.onRouted,
        afterInsert: hooks.afterInsert,
        concurrency
    });
    const transport = await createTransport(config.transport, { tokens, logger, apiVersion: config.apiVersion });
    const service = new RouterService({
        transport,
        router,
        store,
        tokens,
        logger: logger.child({ component: 'service' }),
        backoff: config.backoff,
        limitBackoff: config.limitBackoff,
        retryWaitingMs: config.retryWaitingMs,
        resyncLedgerMs: config.resyncLedgerMs,
        concurrency,
        firstStart: { kind: config.firstStart }
    });
    logger.info('router configured', { transport: config.transport.kind, strategy: strategy.name, store: config.storePath, concurrency });
    return {
        service,
        router,
        store,
        transport,
        unroutable,
        api,
        batching,
        run: async () => {
            try {
                await service.run();
            } finally {
                store.close();
            }
        },
        stop: () => service.stop()
    };
}
