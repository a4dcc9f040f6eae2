/**
 * npm run router:demo: the external router against the local simulator.
 *
 * Runs, in one process: the simulator engine (sim/engine) with the demo org (its External
 * routing configuration given a 4 s push time-out), a local HTTP server answering the
 * router's OAuth and REST calls from the engine's state, the engine's PSR / AgentWork /
 * presence changes published as PushTopic events on a local Bayeux server (Streaming) or as
 * Change Data Capture events on a fake Pub/Sub API gRPC server (`--transport pubsub`), our
 * router, and four simulated reps, each at a simulated console running the kit's real bridge
 * engine and typed client: they accept, decline or let pushes time out, close work, and
 * transfer some to the External queue or to a colleague. Prints what happens; exits with a
 * summary (exit code 1 if work ever went back to a rep who had refused it).
 *
 *   node router/dist/demo/demo.cjs [--seconds 10] [--transport streaming|pubsub]
 *                                  [--strategy least-active] [--seed 7] [--verbose]
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SimEngine } from '../../sim/engine/engine';
import { DEFAULT_ORG } from '../../sim/scenario/defaultOrg';
import { LocalBayeuxServer } from '../src/local/bayeuxServer.js';
import { OrgHttpServer } from '../src/local/orgHttpServer.js';
import { CdcPublisher, PushTopicPublisher } from '../src/local/publishers.js';
import { FakePubSubServer } from '../src/local/pubsub/fakePubSubServer.js';
import { createLogger } from '../src/log.js';
import { createRouterApp } from '../src/app.js';
import type { RouterConfig, TransportConfig } from '../src/config.js';
import { DEMO_TOPICS, SimOrgBackend } from './simOrg.js';
import { ConsoleRep, type RepDecision } from './consoleAgent.js';

const EXTERNAL_QUEUE = '00GSM0000000003';
const AVAILABLE = '0N5SM0000000001';
const CDC_CHANNEL = '/data/ExternalRoutingChannel__chn';
const PUSH_TIMEOUT_MS = 4000;
const AGENTS = [
    { userId: '005SM0000000001', name: 'Ada' },
    { userId: '005SM0000000002', name: 'Grace' },
    { userId: '005SM0000000003', name: 'Linus' },
    { userId: '005SM0000000004', name: 'Barbara' }
];
const SECRET = 'demo-client-secret-not-real';

function mulberry32(seed: number): () => number {
    let a = seed;
    return () => {
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const id15 = (id: string) => id.slice(0, 15);

async function main(): Promise<number> {
    const { values } = parseArgs({
        options: {
            seconds: { type: 'string', default: '10' },
            strategy: { type: 'string', default: 'most-available' },
            transport: { type: 'string', default: 'streaming' },
            seed: { type: 'string', default: '7' },
            verbose: { type: 'boolean' }
        }
    });
    const seconds = Number(values.seconds);
    const transport = values.transport;
    if (transport !== 'streaming' && transport !== 'pubsub') throw new Error(`--transport must be streaming or pubsub, got ${transport}`);
    if (!(seconds > 0)) throw new Error(`--seconds must be a positive number, got ${values.seconds}`);
    const random = mulberry32(Number(values.seed));
    const started = Date.now();
    const say = (text: string) => console.log(`${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s  ${text}`);
    const name = (userId: string) => AGENTS.find((a) => id15(a.userId) === id15(userId))?.name ?? userId;

    const engine = new SimEngine({
        ...DEFAULT_ORG,
        routingConfigs: DEFAULT_ORG.routingConfigs.map((r) =>
            r.routingModel === 'ExternalRouting' ? { ...r, pushTimeoutMs: PUSH_TIMEOUT_MS } : r
        ),
        agents: AGENTS.map((a) => ({ ...a, configId: '0NdSM0000000001', skills: [], queueIds: [EXTERNAL_QUEUE] }))
    });
    const tokenCheck: { isTokenValid: (token: string) => boolean } = { isTokenValid: () => false };
    const isTokenValid = (t: string) => tokenCheck.isTokenValid(t);
    const bayeux = new LocalBayeuxServer({ timeoutSeconds: 5, isTokenValid });
    const pubsub = transport === 'pubsub' ? await FakePubSubServer.start({ isTokenValid, keepaliveMs: 5000 }) : null;
    const backend = new SimOrgBackend(engine, pubsub ? new CdcPublisher(pubsub) : new PushTopicPublisher(bayeux));
    const http = await OrgHttpServer.start({ backend, clientId: 'demo-router', clientSecret: SECRET });
    tokenCheck.isTokenValid = http.isTokenValid;
    bayeux.attach(http.server);

    const counts = {
        arrived: 0,
        routed: 0,
        rerouted: 0,
        accepted: 0,
        declined: 0,
        timedOut: 0,
        closed: 0,
        toQueue: 0,
        toAgent: 0,
        violations: 0,
        consoleErrors: 0
    };
    const refusedBy = new Map<string, Set<string>>(); // PSR id -> reps who declined it or let it time out
    const opened: RepDecision[] = [];

    engine.on((event) => {
        if (event.type === 'psrChanged' && event.change === 'created' && event.psr.routingModel === 'ExternalRouting') {
            counts.arrived++;
            say(
                `work ${event.psr.workItemId} arrives${event.psr.isTransfer ? ' (transferred to the External queue)' : ''}: PSR ${event.psr.id}`
            );
        }
        if (event.type === 'agentWorkChanged' && event.work.pendingServiceRoutingId) {
            const psrId = event.work.pendingServiceRoutingId;
            if (event.work.status === 'Declined' || event.work.status === 'DeclinedOnPushTimeout') {
                const set = refusedBy.get(psrId) ?? new Set<string>();
                set.add(event.work.userId);
                refusedBy.set(psrId, set);
                if (event.work.status === 'DeclinedOnPushTimeout') {
                    counts.timedOut++;
                    say(`  push to ${name(event.work.userId)} timed out (${PUSH_TIMEOUT_MS / 1000} s): Omni puts them on a break`);
                }
            }
        }
        if (event.type === 'workAssigned' && refusedBy.get(event.work.pendingServiceRoutingId ?? '')?.has(event.userId))
            counts.violations++;
    });

    const reps = AGENTS.map(
        (a) =>
            new ConsoleRep(engine, a.userId, a.name, AVAILABLE, { decline: 0.2, ignore: 0.1, answerMs: [200, 900] }, random, {
                accepted(d) {
                    counts.accepted++;
                    opened.push(d);
                    say(`  ${name(d.userId)} accepts ${id15(d.workItemId)} in the console`);
                },
                declined(d) {
                    counts.declined++;
                    say(`  ${name(d.userId)} declines ${id15(d.workItemId)} in the console`);
                },
                ignored(d) {
                    // Told when the push times out (the engine's AgentWork change, above).
                    if (values.verbose) say(`  ${name(d.userId)} does not answer ${id15(d.workItemId)}...`);
                },
                backFromBreak(userId) {
                    say(`  ${name(userId)} is back: Available`);
                },
                failed(userId, what, error) {
                    counts.consoleErrors++;
                    if (values.verbose) say(`  (${name(userId)}: ${what} failed: ${error.message})`);
                }
            })
    );
    const repOf = (userId: string) => reps.find((r) => id15(r.userId) === id15(userId))!;

    const logger = createLogger({ level: values.verbose ? 'info' : 'warn', sink: (line) => console.error(line) });
    const transportConfig: TransportConfig = pubsub
        ? { kind: 'pubsub', endpoint: pubsub.address, topicName: CDC_CHANNEL, tls: false }
        : { kind: 'streaming', psrTopic: DEMO_TOPICS.psr, agentWorkTopic: DEMO_TOPICS.agentWork, presenceTopic: DEMO_TOPICS.presence };
    const config: RouterConfig = {
        auth: { flow: 'client_credentials', loginUrl: http.url, clientId: 'demo-router', clientSecret: SECRET },
        transport: transportConfig,
        strategy: values.strategy!,
        storePath: path.join(mkdtempSync(path.join(os.tmpdir(), 'router-demo-')), 'journal.log'),
        logLevel: 'warn',
        apiVersion: '64.0',
        firstStart: 'latest',
        backoff: { baseMs: 200, maxMs: 2000 },
        limitBackoff: { baseMs: 1000, maxMs: 5000 },
        retryWaitingMs: 1000
    };
    const app = await createRouterApp(config, logger, {
        onRouted: (e) => {
            counts.routed++;
            if (e.rerouted) counts.rerouted++;
            say(
                `  router sends ${e.workItemId} to ${name(e.userId)}${e.rerouted ? ' (rerouted: not to anyone who declined it or let it time out)' : ''}${e.isTransfer ? ' (transfer)' : ''}`
            );
        }
    });
    const running = app.run();

    say(
        pubsub
            ? `router: Pub/Sub transport (CDC on ${CDC_CHANNEL}, gRPC ${pubsub.address}), strategy ${config.strategy}`
            : `router: Streaming transport (PushTopics on ${http.url}/cometd/64.0), strategy ${config.strategy}`
    );
    say(`${AGENTS.length} reps log in through their consoles (omniClient -> omniBridgeCore -> simulated toolkit)`);
    for (const rep of reps) await rep.login();

    const clock = setInterval(() => engine.advance(100), 100);
    const traffic = setInterval(() => {
        if (random() < 0.5) engine.addWork({ channel: 'Cases', queueId: EXTERNAL_QUEUE, title: 'Case' });
        // Accepted work gets closed after a while; now and then it is transferred instead.
        if (opened.length > 3 || (opened.length > 0 && random() < 0.3)) {
            const work = opened.splice(Math.floor(random() * opened.length), 1)[0];
            const roll = random();
            try {
                if (roll < 0.12) {
                    say(`  ${name(work.userId)} transfers ${id15(work.workItemId)} to the External queue (a new PSR, IsTransfer=true)`);
                    engine.transferToQueue(id15(work.workId), EXTERNAL_QUEUE);
                    counts.toQueue++;
                } else if (roll < 0.24) {
                    const others = AGENTS.filter((a) => id15(a.userId) !== id15(work.userId));
                    const to = others[Math.floor(random() * others.length)];
                    say(
                        `  ${name(work.userId)} transfers ${id15(work.workItemId)} to ${to.name} (to an agent: no External PSR; the router sees the AgentWork change)`
                    );
                    engine.transferToAgent(id15(work.workId), to.userId);
                    counts.toAgent++;
                } else {
                    void repOf(work.userId)
                        .close(work.workId)
                        .then(() => counts.closed++);
                }
            } catch {
                // the work moved on meanwhile
            }
        }
    }, 300);

    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    clearInterval(traffic);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // let answers in flight land
    clearInterval(clock);
    for (const rep of reps) rep.dispose();
    await app.stop();
    await running;
    await bayeux.close();
    await pubsub?.close();
    await http.close();
    const waiting = engine.listPsrs().filter((p) => p.routingModel === 'ExternalRouting' && !p.isPushed).length;
    console.log(
        `\nsummary (${transport}): ${counts.arrived} work items arrived, ${counts.routed} AgentWork inserted by the router (${counts.rerouted} reroutes), ` +
            `${counts.accepted} accepted, ${counts.declined} declined, ${counts.timedOut} push time-outs, ` +
            `${counts.toQueue} transferred to the queue, ${counts.toAgent} to an agent, ${counts.closed} closed ` +
            `(accept, decline and close through the consoles' omniClient; transfers on the engine); ` +
            `${waiting} waiting at the end; console calls refused: ${counts.consoleErrors}; ` +
            `pushed back to an agent who had declined it: ${counts.violations}`
    );
    return counts.routed > 0 && counts.violations === 0 ? 0 : 1;
}

main().then(
    (code) => process.exit(code),
    (error: Error) => {
        console.error(`router demo failed: ${error.stack ?? error.message}`);
        process.exit(1);
    }
);
