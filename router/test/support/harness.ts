/**
 * Local servers for the router's tests: a fake org (records + REST + OAuth) and a Bayeux
 * server with Salesforce's replay extension, plus an in-process router wired to them
 * exactly as the CLI wires it.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalBayeuxServer } from '../../src/local/bayeuxServer.js';
import { OrgHttpServer } from '../../src/local/orgHttpServer.js';
import { FakeOmniOrg, TOPICS } from '../../src/local/fakeOmniOrg.js';
import { createLogger, type Logger } from '../../src/log.js';
import { createRouterApp, type RouterApp } from '../../src/app.js';
import type { RouterConfig } from '../../src/config.js';
import type { RoutedEvent } from '../../src/routing/router.js';

export const CHANNEL = '0N9FK0000000001';
export const OTHER_CHANNEL = '0N9FK0000000002';
export const AVAILABLE = '0N5FK0000000001';
export const BREAK = '0N5FK0000000002';
export const CLIENT_SECRET = 'test-client-secret-0123456789';

export interface World {
    org: FakeOmniOrg;
    http: OrgHttpServer;
    bayeux: LocalBayeuxServer;
    close(): Promise<void>;
}

export async function startWorld(options: { jwtPublicKey?: string; jwtUsername?: string } = {}): Promise<World> {
    const ref: { http?: OrgHttpServer } = {};
    const bayeux = new LocalBayeuxServer({ timeoutSeconds: 2, isTokenValid: (t) => ref.http!.isTokenValid(t) });
    const org = new FakeOmniOrg(bayeux);
    const http = (ref.http = await OrgHttpServer.start({ backend: org, clientId: 'router-app', clientSecret: CLIENT_SECRET, ...options }));
    bayeux.attach(http.server);
    org.addStatus(AVAILABLE, [CHANNEL, OTHER_CHANNEL]);
    org.addStatus(BREAK, []);
    return {
        org,
        http,
        bayeux,
        close: async () => {
            await bayeux.close();
            await http.close();
        }
    };
}

export function tempStore(): string {
    return path.join(mkdtempSync(path.join(os.tmpdir(), 'router-test-')), 'journal.log');
}

export function routerConfig(world: World, overrides: Partial<RouterConfig> = {}): RouterConfig {
    return {
        auth: { flow: 'client_credentials', loginUrl: world.http.url, clientId: 'router-app', clientSecret: CLIENT_SECRET },
        transport: {
            kind: 'streaming',
            psrTopic: TOPICS.psr,
            agentWorkTopic: TOPICS.agentWork,
            presenceTopic: TOPICS.presence,
            reconnectWindowMs: 1500
        },
        strategy: 'most-available',
        storePath: tempStore(),
        logLevel: 'debug',
        apiVersion: '64.0',
        firstStart: 'latest',
        backoff: { baseMs: 50, maxMs: 400 },
        limitBackoff: { baseMs: 100, maxMs: 300 },
        retryWaitingMs: 300,
        ...overrides
    };
}

export interface RunningRouter {
    /** The last replayId of each topic when the router started (it hears only what follows). */
    startIds: Record<string, number>;
    app: RouterApp;
    config: RouterConfig;
    routed: RoutedEvent[];
    logs: string[];
    done: Promise<void>;
    stop(): Promise<void>;
}

export async function startRouter(
    world: World,
    overrides: Partial<RouterConfig> = {},
    options: { logger?: Logger; waitListening?: boolean } = {}
): Promise<RunningRouter> {
    const logs: string[] = [];
    const routed: RoutedEvent[] = [];
    const log = options.logger ?? createLogger({ level: 'debug', sink: (line) => logs.push(line) });
    const config = routerConfig(world, overrides);
    const startIds = Object.fromEntries(Object.values(TOPICS).map((t) => [t, world.bayeux.lastReplayId(t)]));
    const app = await createRouterApp(config, log, { onRouted: (e) => routed.push(e) });
    const done = app.run();
    if (options.waitListening !== false && !options.logger)
        await waitFor(() => logs.some((l) => l.includes('"ledger seeded"')), 'router listening and seeded');
    return {
        startIds,
        app,
        config,
        routed,
        logs,
        done,
        stop: async () => {
            await app.stop();
            await done;
        }
    };
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the router has handled (and checkpointed) every event published so far. */
export async function caughtUp(world: World, router: RunningRouter, timeoutMs = 8000): Promise<void> {
    await waitFor(
        () => {
            const raw = router.app.store.position();
            if (!raw) return false;
            const position = JSON.parse(raw) as Record<string, number>;
            return Object.values(TOPICS).every((t) => {
                const last = world.bayeux.lastReplayId(t);
                return last <= router.startIds[t] || (position[`/topic/${t}`] ?? 0) >= last;
            });
        },
        'router caught up',
        timeoutMs
    );
}
