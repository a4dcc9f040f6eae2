/**
 * Suite: the simulator engine's throughput with 500 agents and 50,000 work items.
 *
 * A deterministic contact-center day: work arrives on 3 channels into 10 queues, agents
 * accept most of it, decline some, close accepted work later, and the clock moves on
 * (push time-outs fire). We count the engine's events (AgentWork, PSR, presence and
 * workload changes) per second of wall time.
 * Baseline, same run: the same operation sequence against a bare round-robin allocator
 * (Maps and counters, no routing rules): what the bookkeeping alone costs.
 * The rules in play include messaging on interruptible capacity (2 units beside 5 primary),
 * calls taking the whole primary capacity, ties to the rep who received work longest ago and
 * 10 s of after conversation work on calls and messaging.
 */
import path from 'node:path';
import { bundleAndImport, ROOT } from '../lib/bundle.mjs';
import { check, median } from '../lib/stats.mjs';

export const title = 'Simulator engine: 500 agents, 50,000 work items';

const AGENTS = 500;
const WORK_ITEMS = 50_000;
const QUEUES = 10;
const ROUNDS = 3;

function mulberry32(seed) {
    let a = seed;
    return () => {
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function orgSetup() {
    const channels = [
        { id: '0N9SM0000000001', developerName: 'Cases', kind: 'case', relatedEntity: 'Case', isInterruptible: false },
        { id: '0N9SM0000000002', developerName: 'Messaging', kind: 'messaging', relatedEntity: 'MessagingSession', isInterruptible: true },
        { id: '0N9SM0000000003', developerName: 'Phone', kind: 'voice', relatedEntity: 'VoiceCall', isInterruptible: false }
    ];
    const statuses = [{ id: '0N5SM0000000001', developerName: 'Available', label: 'Available', channelIds: channels.map((c) => c.id) }];
    const configs = [
        {
            id: 'cfg',
            developerName: 'Standard',
            capacity: 5,
            interruptibleCapacity: 2,
            declineAllowed: true,
            declineReasonsEnabled: true,
            // After conversation work holds a closed call's or messaging session's capacity for 10 s
            // (a timer per conversation), so the day pays for that rule too.
            afterConversationWorkMs: 10_000,
            statusOnDeclineId: null,
            statusOnPushTimeoutId: null
        }
    ];
    const routingConfigs = [
        {
            id: 'rc-most',
            developerName: 'Most',
            routingModel: 'MostAvailable',
            routingPriority: 2,
            pushTimeoutMs: 30_000,
            capacityWeight: 1,
            capacityPercentage: null
        },
        {
            id: 'rc-least',
            developerName: 'Least',
            routingModel: 'LeastActive',
            routingPriority: 1,
            pushTimeoutMs: 30_000,
            capacityWeight: 1,
            capacityPercentage: null
        }
    ];
    const queues = Array.from({ length: QUEUES }, (_, i) => ({
        id: `00GSM${String(i + 1).padStart(10, '0')}`,
        name: `Q${i}`,
        routingConfigId: i % 2 ? 'rc-least' : 'rc-most'
    }));
    const agents = Array.from({ length: AGENTS }, (_, i) => ({
        userId: `005SM${String(i + 1).padStart(10, '0')}`,
        name: `Agent ${i}`,
        configId: 'cfg',
        skills: [],
        queueIds: [queues[i % QUEUES].id, queues[(i + 3) % QUEUES].id]
    }));
    return { channels, statuses, configs, routingConfigs, queues, agents };
}

/** The day's operations against any allocator with the engine's method names. */
function playDay(target, setup, seed) {
    const random = mulberry32(seed);
    const channels = ['Cases', 'Cases', 'Messaging', 'Phone'];
    for (const agent of setup.agents) target.login(agent.userId, '0N5SM0000000001');
    const opened = [];
    for (let i = 0; i < WORK_ITEMS; i++) {
        target.addWork({ channel: channels[i % 4], queueId: setup.queues[Math.floor(random() * QUEUES)].id });
        // Agents answer what was pushed to them (mostly accept, some decline).
        for (const work of target.takeAssigned()) {
            if (random() < 0.06) target.decline(work.userId, work.id, 'Busy');
            else if (random() < 0.97) {
                target.accept(work.userId, work.id);
                opened.push(work);
            }
        }
        // Accepted work closes after a while.
        while (opened.length > AGENTS * 2 || (opened.length > 0 && random() < 0.45)) {
            const work = opened.splice(Math.floor(random() * Math.min(opened.length, 50)), 1)[0];
            target.close(work.userId, work.id);
        }
        target.advance(400);
    }
}

/** Adapts the engine: collects what it pushed, counts its events. */
function engineTarget(SimEngine, setup) {
    const engine = new SimEngine(setup, 0);
    let events = 0;
    const assigned = [];
    engine.on((event) => {
        events += 1;
        if (event.type === 'workAssigned') assigned.push({ id: event.work.id, userId: event.userId });
    });
    return {
        engine,
        events: () => events,
        login: (u, s) => engine.login(u, s),
        addWork: (w) => engine.addWork(w),
        accept: (u, w) => engine.accept(u, w),
        decline: (u, w, r) => engine.decline(u, w, r),
        close: (u, w) => engine.close(u, w),
        advance: (ms) => engine.advance(ms),
        takeAssigned: () => assigned.splice(0)
    };
}

/** Bare bookkeeping: round-robin over agents with a free unit, no eligibility rules. */
function bareTarget(setup) {
    const load = new Map(setup.agents.map((a) => [a.userId, 0]));
    const users = setup.agents.map((a) => a.userId);
    const waiting = [];
    const assigned = [];
    let next = 0;
    let counter = 0;
    let events = 0;
    const route = () => {
        for (let tries = 0; waiting.length && tries < users.length; tries++) {
            const user = users[next++ % users.length];
            if (load.get(user) < 5) {
                load.set(user, load.get(user) + 1);
                assigned.push({ id: `w${counter++}`, userId: user, item: waiting.shift() });
                events += 3;
                tries = -1;
            }
        }
    };
    return {
        events: () => events,
        login: () => undefined,
        addWork: (w) => {
            waiting.push(w);
            events += 1;
            route();
        },
        accept: () => (events += 2),
        decline: (u) => {
            load.set(u, load.get(u) - 1);
            events += 3;
            route();
        },
        close: (u) => {
            load.set(u, load.get(u) - 1);
            events += 3;
            route();
        },
        advance: () => undefined,
        takeAssigned: () => assigned.splice(0)
    };
}

export async function run(ctx) {
    ctx.log('simulator engine: bundling');
    const { SimEngine } = await bundleAndImport(ctx, {
        name: 'sim-engine',
        contents: `export { SimEngine } from ${JSON.stringify(path.join(ROOT, 'sim/engine/engine.ts'))};`
    });
    const setup = orgSetup();
    const engineRates = [];
    const bareRates = [];
    let lastEngine;
    for (let round = 0; round < ROUNDS; round++) {
        const target = engineTarget(SimEngine, setup);
        let t0 = process.hrtime.bigint();
        playDay(target, setup, 7 + round);
        const engineSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
        engineRates.push({ eventsPerSecond: target.events() / engineSeconds, seconds: engineSeconds, events: target.events() });
        lastEngine = target.engine;

        const bare = bareTarget(setup);
        t0 = process.hrtime.bigint();
        playDay(bare, setup, 7 + round);
        const bareSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
        bareRates.push({ eventsPerSecond: bare.events() / bareSeconds, seconds: bareSeconds });
        ctx.log(
            `  round ${round + 1}: engine ${engineSeconds.toFixed(2)} s for ${target.events()} events; bare ${bareSeconds.toFixed(2)} s`
        );
    }
    const engineSeconds = median(engineRates.map((r) => r.seconds));
    const bareSeconds = median(bareRates.map((r) => r.seconds));
    const items = lastEngine.listWorkItems();
    const closed = items.filter((w) => w.state === 'closed').length;
    return {
        rows: [
            {
                section: `${AGENTS} agents, ${WORK_ITEMS} work items, 10 queues, 3 channels`,
                metric: 'engine events/s',
                value: median(engineRates.map((r) => r.eventsPerSecond)),
                unit: 'ev/s',
                note: `median of ${ROUNDS}; ${engineRates[0].events} events a day`
            },
            {
                section: `${AGENTS} agents, ${WORK_ITEMS} work items, 10 queues, 3 channels`,
                metric: 'engine wall time for the day',
                value: engineSeconds,
                unit: 's'
            },
            {
                section: `${AGENTS} agents, ${WORK_ITEMS} work items, 10 queues, 3 channels`,
                metric: 'work items per second routed',
                value: WORK_ITEMS / engineSeconds,
                unit: 'items/s',
                note: `${closed} closed by the end`
            },
            {
                section: 'baseline (same operations, bare round-robin bookkeeping)',
                metric: 'bare wall time for the day',
                value: bareSeconds,
                unit: 's'
            },
            {
                section: 'baseline (same operations, bare round-robin bookkeeping)',
                metric: 'RATIO engine/bare (wall time)',
                value: engineSeconds / bareSeconds,
                unit: 'x',
                note: 'the price of the documented rules'
            },
            {
                section: 'goal',
                metric: 'day simulated faster than 1 minute of wall time',
                value: engineSeconds,
                unit: 's',
                goal: '<= 60 s',
                status: check(engineSeconds, '<=', 60)
            }
        ],
        data: { engineRates, bareRates }
    };
}
