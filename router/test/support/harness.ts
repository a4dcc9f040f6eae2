/**
 * Local servers for the router's tests, for either transport: a fake org (records + REST +
 * OAuth) whose record changes are published as PushTopic events on a Bayeux server with
 * Salesforce's replay extension (`streaming`) or as Change Data Capture events on a fake
 * Pub/Sub API gRPC server (`pubsub`), plus an in-process router wired to them exactly as
 * the CLI wires it. Tests that describe expected behaviour run once per transport.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { LocalBayeuxServer } from '../../src/local/bayeuxServer.js';
import { OrgHttpServer } from '../../src/local/orgHttpServer.js';
import { FakeOmniOrg, TOPICS } from '../../src/local/fakeOmniOrg.js';
import { CdcPublisher, PushTopicPublisher } from '../../src/local/publishers.js';
import { AUTH_ERROR, FakePubSubServer, LIMIT_ERROR } from '../../src/local/pubsub/fakePubSubServer.js';
import type { Row } from '../../src/local/soql.js';
import { createLogger, type Logger } from '../../src/log.js';
import { createRouterApp, type RouterApp } from '../../src/app.js';
import type { RouterConfig, TransportConfig } from '../../src/config.js';
import type { RoutedEvent } from '../../src/routing/router.js';

export const CHANNEL = '0N9FK0000000001';
export const OTHER_CHANNEL = '0N9FK0000000002';
export const AVAILABLE = '0N5FK0000000001';
export const BREAK = '0N5FK0000000002';
export const CLIENT_SECRET = 'test-client-secret-0123456789';

export type TransportKind = 'streaming' | 'pubsub';
/** Every transport the router ships; behaviour tests loop over these. */
export const TRANSPORTS: readonly TransportKind[] = ['streaming', 'pubsub'];

/** The custom CDC channel the set-up deploys (demo platformEventChannels). */
export const CDC_CHANNEL = '/data/ExternalRoutingChannel__chn';
/** The standard channel carrying PendingServiceRouting changes only. */
export const PSR_CDC_CHANNEL = '/data/PendingServiceRoutingChangeEvent';

export interface World {
    transport: TransportKind;
    org: FakeOmniOrg;
    http: OrgHttpServer;
    /** Always there (it shares the REST server, as /cometd does on an instance); only `streaming` publishes on it. */
    bayeux: LocalBayeuxServer;
    /** The fake Pub/Sub API (`pubsub` worlds only). */
    pubsub: FakePubSubServer | null;
    /** The transport settings of a router in this world; `psrOnly`: PSR changes only (no AgentWork / presence). */
    transportConfig(options?: { psrOnly?: boolean }): TransportConfig;
    /** A PSR change event as the transport delivers it, straight from the server (stale replays, duplicates). */
    publishPsrEvent(change: 'created' | 'updated', fields: Row): void;
    /**
     * Bad input: two events the transport cannot decode (MalformedEventError each), one PSR
     * event naming something that is not a record id, one AgentWork event with an unknown Status.
     */
    publishBadEvents(): void;
    /** Every access token stops working; a Pub/Sub stream in progress is ended with UNAUTHENTICATED. */
    expireSessions(): void;
    /** An org data-centre recovery: every saved position becomes invalid. */
    moveDataCentre(): void;
    /** New subscriptions refused with the daily event limit error (false: accepted again). */
    refuseForEventLimit(refuse: boolean): void;
    /** The server position of the last event this world's router would receive. */
    lastPosition(psrOnly?: boolean): string | undefined;
    close(): Promise<void>;
}

export async function startWorld(
    options: { transport?: TransportKind; jwtPublicKey?: string; jwtUsername?: string; jwtAudience?: string } = {}
): Promise<World> {
    const transport = options.transport ?? 'streaming';
    const ref: { http?: OrgHttpServer } = {};
    const isTokenValid = (t: string) => ref.http!.isTokenValid(t);
    const bayeux = new LocalBayeuxServer({ timeoutSeconds: 2, isTokenValid });
    const pubsub = transport === 'pubsub' ? await FakePubSubServer.start({ isTokenValid, keepaliveMs: 1000 }) : null;
    const org = new FakeOmniOrg(pubsub ? new CdcPublisher(pubsub) : new PushTopicPublisher(bayeux));
    const http = (ref.http = await OrgHttpServer.start({
        backend: org,
        clientId: 'router-app',
        clientSecret: CLIENT_SECRET,
        jwtPublicKey: options.jwtPublicKey,
        jwtUsername: options.jwtUsername,
        jwtAudience: options.jwtAudience
    }));
    bayeux.attach(http.server);
    org.addStatus(AVAILABLE, [CHANNEL, OTHER_CHANNEL]);
    org.addStatus(BREAK, []);
    const world: World = {
        transport,
        org,
        http,
        bayeux,
        pubsub,
        transportConfig: ({ psrOnly = false } = {}) =>
            pubsub
                ? { kind: 'pubsub', endpoint: pubsub.address, topicName: psrOnly ? PSR_CDC_CHANNEL : CDC_CHANNEL, tls: false }
                : {
                      kind: 'streaming',
                      psrTopic: TOPICS.psr,
                      ...(psrOnly ? {} : { agentWorkTopic: TOPICS.agentWork, presenceTopic: TOPICS.presence }),
                      reconnectWindowMs: 1500
                  },
        publishPsrEvent(change, fields) {
            if (!pubsub) {
                bayeux.publish(TOPICS.psr, change, fields);
                return;
            }
            const { Id, ...values } = fields;
            pubsub.publish('PendingServiceRouting', {
                changeType: change === 'created' ? 'CREATE' : 'UPDATE',
                recordIds: [String(Id)],
                values,
                ...(change === 'updated' ? { changed: Object.keys(values) } : {})
            });
        },
        publishBadEvents() {
            if (!pubsub) {
                bayeux.publishRaw(TOPICS.psr, (replayId) => ({ event: { type: 'created', replayId }, sobject: null }));
                bayeux.publish(TOPICS.psr, 'created', { Id: "0JR' OR Id != '", Serial: 1 });
                bayeux.publish(TOPICS.agentWork, 'updated', { Id: '0BzFK0000000077', UserId: 'x', Status: 99 });
                return;
            }
            pubsub.publishCorrupt('PendingServiceRouting');
            pubsub.publish('PendingServiceRouting', { changeType: 'CREATE', recordIds: ["0JR' OR Id != '"], values: { Serial: 1 } });
            // An event whose schema the server does not know (GetSchema fails): undecodable.
            pubsub.publishPayload('AgentWork', 'NoSuchSchemaId00000000', Buffer.from([2, 4, 6]));
            pubsub.publish('AgentWork', {
                changeType: 'UPDATE',
                recordIds: ['0BzFK0000000077'],
                values: { UserId: '005FK0000000077', Status: 'Misplaced' },
                changed: ['UserId', 'Status']
            });
        },
        expireSessions() {
            http.expireTokens();
            pubsub?.failStreams(GrpcStatus.UNAUTHENTICATED, 'Invalid or expired session', AUTH_ERROR);
        },
        moveDataCentre() {
            if (pubsub) pubsub.moveDataCentre();
            else bayeux.moveDataCentre();
        },
        refuseForEventLimit(refuse) {
            if (pubsub)
                pubsub.refuseSubscribe(
                    refuse
                        ? {
                              code: GrpcStatus.RESOURCE_EXHAUSTED,
                              details: 'Organization total events daily limit exceeded',
                              sfdcCode: LIMIT_ERROR
                          }
                        : undefined
                );
            else bayeux.refuse('/meta/subscribe', refuse ? '403::Organization total events daily limit exceeded' : undefined);
        },
        lastPosition(psrOnly = false) {
            if (pubsub) return pubsub.latestPositionOf(psrOnly ? PSR_CDC_CHANNEL : CDC_CHANNEL);
            const ids = Object.fromEntries(
                (psrOnly ? [TOPICS.psr] : Object.values(TOPICS)).map((t) => [`/topic/${t}`, bayeux.lastReplayId(t)])
            );
            return JSON.stringify(ids);
        },
        close: async () => {
            org.dispose();
            await bayeux.close();
            await pubsub?.close();
            await http.close();
        }
    };
    return world;
}

export function tempStore(): string {
    return path.join(mkdtempSync(path.join(os.tmpdir(), 'router-test-')), 'journal.log');
}

export function routerConfig(world: World, overrides: Partial<RouterConfig> = {}): RouterConfig {
    return {
        auth: { flow: 'client_credentials', loginUrl: world.http.url, clientId: 'router-app', clientSecret: CLIENT_SECRET },
        transport: world.transportConfig(),
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
    /** Where each stream was when the router started (it hears only what follows). */
    startPosition: string | undefined;
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
    options: { logger?: Logger; waitListening?: boolean; afterInsert?: () => void } = {}
): Promise<RunningRouter> {
    const logs: string[] = [];
    const routed: RoutedEvent[] = [];
    const log = options.logger ?? createLogger({ level: 'debug', sink: (line) => logs.push(line) });
    const config = routerConfig(world, overrides);
    const startPosition = world.lastPosition(isPsrOnly(world, config));
    const app = await createRouterApp(config, log, { onRouted: (e) => routed.push(e), afterInsert: options.afterInsert });
    const done = app.run();
    if (options.waitListening !== false && !options.logger) {
        await waitFor(() => logs.some((l) => l.includes('"seed done: waiting PSRs routed"')), 'router listening and seeded');
        if (!logs.some((l) => l.includes('"message":"listening"') && l.includes(`"transport":"${config.transport.kind}"`)))
            throw new Error(`the router is not listening over ${config.transport.kind}`);
    }
    return {
        startPosition,
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

/**
 * The shape of most scenario tests: a world on `transport`, `setup` (agents logging in)
 * before the router starts and seeds, then `body`; router and world are stopped however it ends.
 */
export async function withRouter(
    transport: TransportKind,
    setup: (world: World) => void,
    body: (world: World, router: RunningRouter) => Promise<void>
): Promise<void> {
    const world = await startWorld({ transport });
    try {
        setup(world);
        const router = await startRouter(world);
        try {
            await body(world, router);
        } finally {
            await router.stop();
        }
    } finally {
        await world.close();
    }
}

function isPsrOnly(world: World, config: RouterConfig): boolean {
    const t = config.transport;
    return t.kind === 'pubsub' ? t.topicName === PSR_CDC_CHANNEL : !t.agentWorkTopic && !t.presenceTopic;
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
    const psrOnly = isPsrOnly(world, router.config);
    await waitFor(
        () => {
            const saved = router.app.store.position();
            const last = world.lastPosition(psrOnly);
            if (world.pubsub) return last === undefined || last === router.startPosition || saved === last;
            const position = saved ? (JSON.parse(saved) as Record<string, number> | number) : {};
            const start = JSON.parse(router.startPosition!) as Record<string, number>;
            return Object.entries(JSON.parse(last!) as Record<string, number>).every(([channel, id]) => {
                const handled = typeof position === 'number' ? position : (position[channel] ?? 0);
                return id <= start[channel] || handled >= id;
            });
        },
        'router caught up',
        timeoutMs
    );
}

/** `test` names carry the transport, so a failure says which one. */
export const named = (kind: TransportKind, title: string) => `[${kind}] ${title}`;
