/**
 * npm run router:demo: the external router against the local simulator engine.
 *
 * Runs, in one process: the simulator engine (sim/engine) with the demo org, a local HTTP
 * server answering the router's OAuth and REST calls from the engine's state, a local
 * Bayeux server publishing the engine's PSR / AgentWork / presence changes as PushTopic
 * events, our router (Streaming transport, most-available), and simulated agents who accept,
 * decline and close work. Prints what happens; exits with a summary.
 *
 *   node router/dist/demo/demo.cjs [--seconds 10] [--strategy least-active] [--verbose]
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SimEngine } from '../../sim/engine/engine';
import type { AgentWork } from '../../sim/engine/model';
import { DEFAULT_ORG } from '../../sim/scenario/defaultOrg';
import { LocalBayeuxServer } from '../src/local/bayeuxServer.js';
import { OrgHttpServer } from '../src/local/orgHttpServer.js';
import { createLogger } from '../src/log.js';
import { createRouterApp } from '../src/app.js';
import type { RouterConfig } from '../src/config.js';
import { DEMO_TOPICS, SimOrgBackend } from './simOrg.js';

const EXTERNAL_QUEUE = '00GSM0000000003';
const AVAILABLE = '0N5SM0000000001';
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

async function main(): Promise<number> {
    const { values } = parseArgs({
        options: {
            seconds: { type: 'string', default: '10' },
            strategy: { type: 'string', default: 'most-available' },
            verbose: { type: 'boolean' }
        }
    });
    const seconds = Number(values.seconds);
    const random = mulberry32(7);
    const started = Date.now();
    const say = (text: string) => console.log(`${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s  ${text}`);
    const name = (userId: string) => AGENTS.find((a) => a.userId === userId)?.name ?? userId;

    const engine = new SimEngine({
        ...DEFAULT_ORG,
        agents: AGENTS.map((a) => ({ ...a, configId: '0NdSM0000000001', skills: [], queueIds: [EXTERNAL_QUEUE] }))
    });
    const tokenCheck: { isTokenValid: (token: string) => boolean } = { isTokenValid: () => false };
    const bayeux = new LocalBayeuxServer({ timeoutSeconds: 5, isTokenValid: (t) => tokenCheck.isTokenValid(t) });
    const backend = new SimOrgBackend(engine, bayeux);
    const http = await OrgHttpServer.start({ backend, clientId: 'demo-router', clientSecret: SECRET });
    tokenCheck.isTokenValid = http.isTokenValid;
    bayeux.attach(http.server);

    const counts = { arrived: 0, routed: 0, rerouted: 0, accepted: 0, declined: 0, closed: 0, transfers: 0, violations: 0 };
    const declinedBy = new Map<string, Set<string>>(); // PSR id -> agents who declined it
    const psrOfWork = new Map<string, string>();
    const opened: AgentWork[] = [];

    engine.on((event) => {
        if (event.type === 'psrChanged' && event.change === 'created' && event.psr.routingModel === 'ExternalRouting') {
            counts.arrived++;
            say(
                `work ${event.psr.workItemId} arrives${event.psr.isTransfer ? ' (transferred to the External queue)' : ''}: PSR ${event.psr.id}`
            );
        }
        if (event.type === 'workAssigned') {
            const psrId = event.work.pendingServiceRoutingId ?? '';
            psrOfWork.set(event.work.id, psrId);
            if (declinedBy.get(psrId)?.has(event.userId)) counts.violations++;
            // The simulated agent answers after a moment: mostly accept, sometimes decline.
            const delay = 200 + random() * 600;
            setTimeout(() => {
                try {
                    if (random() < 0.25) {
                        const set = declinedBy.get(psrId) ?? new Set<string>();
                        set.add(event.userId);
                        declinedBy.set(psrId, set);
                        engine.decline(event.userId, event.work.id, 'Busy');
                        counts.declined++;
                        say(`  ${name(event.userId)} declines ${event.work.workItemId}`);
                    } else {
                        const work = engine.accept(event.userId, event.work.id);
                        opened.push(work);
                        counts.accepted++;
                        say(`  ${name(event.userId)} accepts ${event.work.workItemId}`);
                    }
                } catch {
                    // the work moved on meanwhile (closed, transferred)
                }
            }, delay);
        }
    });

    const logger = createLogger({ level: values.verbose ? 'info' : 'warn', sink: (line) => console.error(line) });
    const config: RouterConfig = {
        auth: { flow: 'client_credentials', loginUrl: http.url, clientId: 'demo-router', clientSecret: SECRET },
        transport: {
            kind: 'streaming',
            psrTopic: DEMO_TOPICS.psr,
            agentWorkTopic: DEMO_TOPICS.agentWork,
            presenceTopic: DEMO_TOPICS.presence
        },
        strategy: values.strategy!,
        storePath: path.join(mkdtempSync(path.join(os.tmpdir(), 'router-demo-')), 'journal.log'),
        logLevel: 'warn',
        apiVersion: '64.0',
        firstStart: 'latest',
        backoff: { baseMs: 200, maxMs: 2000 },
        limitBackoff: { baseMs: 1000, maxMs: 5000 }
    };
    const app = await createRouterApp(config, logger, {
        onRouted: (e) => {
            counts.routed++;
            if (e.rerouted) counts.rerouted++;
            say(
                `  router sends ${e.workItemId} to ${name(e.userId)}${e.rerouted ? ' (rerouted: not to anyone who declined it)' : ''}${e.isTransfer ? ' (transfer)' : ''}`
            );
        }
    });
    const running = app.run();

    say(`router: streaming transport on ${http.url}/cometd/64.0, strategy ${config.strategy}; ${AGENTS.length} agents log in`);
    for (const agent of AGENTS) engine.login(agent.userId, AVAILABLE);

    const clock = setInterval(() => engine.advance(100), 100);
    const traffic = setInterval(() => {
        if (random() < 0.5) engine.addWork({ channel: 'Cases', queueId: EXTERNAL_QUEUE, title: 'Case' });
        // Accepted work gets closed after a while; now and then it is transferred back to the External queue.
        if (opened.length > 3 || (opened.length > 0 && random() < 0.3)) {
            const work = opened.splice(Math.floor(random() * opened.length), 1)[0];
            try {
                if (random() < 0.15) {
                    engine.transferToQueue(work.id, EXTERNAL_QUEUE);
                    counts.transfers++;
                    say(`  ${name(work.userId)} transfers ${work.workItemId} to the External queue`);
                } else {
                    engine.close(work.userId, work.id);
                    counts.closed++;
                }
            } catch {
                // already closed
            }
        }
    }, 300);

    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    clearInterval(traffic);
    await new Promise((resolve) => setTimeout(resolve, 1200)); // let answers in flight land
    clearInterval(clock);
    await app.stop();
    await running;
    await bayeux.close();
    await http.close();
    const waiting = engine.listPsrs().filter((p) => p.routingModel === 'ExternalRouting' && !p.isPushed).length;
    console.log(
        `\nsummary: ${counts.arrived} work items arrived, ${counts.routed} AgentWork inserted by the router (${counts.rerouted} reroutes), ` +
            `${counts.accepted} accepted, ${counts.declined} declined, ${counts.transfers} transferred, ${counts.closed} closed; ` +
            `${waiting} waiting at the end; pushed back to an agent who had declined it: ${counts.violations}`
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
