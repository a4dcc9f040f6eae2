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
import { RouterService } from './runner/service.js';
import { createTransport } from './transport/factory.js';
import type { EventTransport } from './transport/contract.js';

export interface RouterApp {
    service: RouterService;
    router: ExternalRouter;
    store: FileCheckpointStore;
    transport: EventTransport;
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
    const router = new ExternalRouter({
        api: new RestOmniApi(rest),
        ledger: new AgentLedger(),
        strategy,
        store,
        logger: logger.child({ component: 'routing' }),
        onRouted: hooks.onRouted,
        afterInsert: hooks.afterInsert
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
        firstStart: { kind: config.firstStart }
    });
    logger.info('router configured', { transport: config.transport.kind, strategy: strategy.name, store: config.storePath });
    return {
        service,
        router,
        store,
        transport,
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
