/**
 * The testing kit's stateful fake Omni-Channel for one agent, for users' own jest tests of
 * components built on c/omniClient or c/omniKit (public: documented in docs/developers.md, reached
 * as `omni-console-kit/testing` through the kit's jest preset).
 *
 * It is the simulator's engine (sim/engine: routing, capacity, push time-outs, declines,
 * logouts with their reasons) played through the simulator's agent console (the toolkit's raw
 * shapes: JSON-string lists, 15-character ids, numbers as strings) into the kit's real bridge
 * (c/omniBridgeCore on the page, over the strict message service fake). So what the toolkit
 * answers next follows what happened: after a logout getServicePresenceStatusId rejects, after
 * a connection error every call rejects until the connection returns, a declined work is gone.
 *
 * Typed calls play what happens outside the rep's component: fake.offer(), fake.pushTimeout(),
 * fake.supervisorFlag(), fake.connectionLost(), fake.logout('DuplicateLogin')...
 */
import { createElement } from 'lwc';
import OmniBridgeCore from 'c/omniBridgeCore';
import { SimEngine, SimError } from '../../sim/engine/engine';
import type { LogoutReason, PresenceConfiguration } from '../../sim/engine/model';
import { DEFAULT_ORG } from '../../sim/scenario/defaultOrg';
import { createAgentConsole, type AgentConsole } from '../../sim/console/agentConsole';
import { DEMO_ORG_SOURCE, useOrgSource } from '../../sim/fakes/orgSource';
import { workRoutingOf } from '../../sim/fakes/apex/workRouting';
import { serveToolkitCalls } from '../aura/serveToolkitCalls';

export type FakeLogoutReason = Exclude<LogoutReason, null>;

export interface FakeOmniOptions {
    /** The status the rep is logged in with at start, by API name; null: logged out (default 'Available'). */
    startIn?: string | null;
    /** The presence configuration lets the rep decline (default true). */
    declineAllowed?: boolean;
    /** Decline reasons (labels); none by default. */
    declineReasons?: string[];
    /** Capacity of the rep's presence configuration (default 5). */
    capacity?: number;
    /** Push Time-Out of the routing configuration, ms (default 30000). */
    pushTimeoutMs?: number;
    /** The status a push time-out moves the rep to, by API name (default none). */
    statusOnPushTimeout?: string | null;
}

export interface FakeWork {
    workId: string;
    workItemId: string;
    status: 'Assigned' | 'Opened';
}

export interface FakeOmniState {
    loggedIn: boolean;
    connected: boolean;
    statusApiName: string | null;
    works: FakeWork[];
    workload: number;
}

export interface ToolkitCallRecord {
    method: string;
    args: Record<string, string> | undefined;
}

/** Bad input to the fake itself (an unknown status, a work that is not the rep's...). */
export class FakeOmniError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'FakeOmniError';
    }
}

export interface FakeOmni {
    /** The rep's user id. */
    readonly userId: string;
    /** Every toolkit call the bridge made for the page's components, in order. */
    readonly toolkitCalls: readonly ToolkitCallRecord[];
    /**
     * Options for createOmniKit: the routing configuration's push time-out (OmniPanelController
     * does not answer it). Its Apex methods answer for this rep without options: the jest
     * preset maps them to the simulator's fake of the class, which the fake points at its org.
     */
    readonly kitOptions: { pushTimeoutMs: number };
    /** Where the rep stands now, in the engine. */
    state(): FakeOmniState;
    /** Routing offers the rep a new work item (a Case by default); workId is null when it waits (rep offline, full). */
    offer(options?: {
        channel?: 'Cases' | 'Messaging' | 'Chat' | 'Phone';
        title?: string;
    }): Promise<{ workItemId: string; workId: string | null }>;
    /** Lets the push time-out of every offer still waiting run out (Omni takes them back). */
    pushTimeout(): Promise<void>;
    /** Moves Omni's clock forward (push time-outs fall due). */
    advance(ms: number): Promise<void>;
    /** A supervisor raises (or lowers) the flag on a work. */
    supervisorFlag(workId: string, options?: { raised?: boolean; message?: string }): Promise<void>;
    /** A supervisor changes the rep's status (reason OmniSupervisorStatusChange). */
    supervisorStatus(apiName: string): Promise<void>;
    /** The rep changes status in the Omni-Channel widget (reason OmniManualStatusChange). */
    widgetStatus(apiName: string): Promise<void>;
    /** Omni logs the rep out, with the toolkit's reason (none: the rep logged out in the widget). */
    logout(reason?: FakeLogoutReason): Promise<void>;
    /** Omni loses its connection: every toolkit call rejects, events stop, until connectionRestored(). */
    connectionLost(message?: string): Promise<void>;
    connectionRestored(): Promise<void>;
    /** Lets pending events, messages and answers run. */
    settle(): Promise<void>;
    /** Removes the bridge and stops everything (call in afterEach). */
    dispose(): void;
}

const REP = '005SM000000Rep1';
const CASES_QUEUE = DEFAULT_ORG.queues[0].id;
const REASON_PREFIX = '0Jx';

interface BridgeElement extends HTMLElement {
    handleOmniEvent(name: string, params: unknown): void;
}

/** The bridge keeps work times in sessionStorage by work id; every fake's engine starts its ids again. */
const WORK_TIMES_PREFIX = 'omniConsoleKit.workTimes.';

/**
 * Waits for macrotasks too: a command crosses the message service, the bridge, the toolkit
 * and back over several turns, and a handler may chain a few commands.
 */
async function settle(): Promise<void> {
    for (let i = 0; i < 20; i++) {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
}

function checkOptions(options: FakeOmniOptions): void {
    const count = (value: unknown, name: string, min: number) => {
        if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value) && value >= min)) {
            throw new FakeOmniError(`${name} must be a whole number >= ${min}`);
        }
    };
    count(options.capacity, 'capacity', 1);
    count(options.pushTimeoutMs, 'pushTimeoutMs', 1);
    if (
        options.declineReasons !== undefined &&
        !(Array.isArray(options.declineReasons) && options.declineReasons.every((r) => typeof r === 'string' && r))
    ) {
        throw new FakeOmniError('declineReasons must be a list of non-empty labels');
    }
}

/** Creates the fake and mounts a bridge on the page; resolves once the bridge has read Omni. */
export async function createFakeOmni(options: FakeOmniOptions = {}): Promise<FakeOmni> {
    checkOptions(options);
    for (const key of Object.keys(window.sessionStorage)) if (key.startsWith(WORK_TIMES_PREFIX)) window.sessionStorage.removeItem(key);
    const statusId = (apiName: string, what: string): string => {
        const status = DEFAULT_ORG.statuses.find((s) => s.developerName === apiName);
        if (!status) {
            throw new FakeOmniError(
                `${what}: unknown status "${apiName}" (statuses: ${DEFAULT_ORG.statuses.map((s) => s.developerName).join(', ')})`
            );
        }
        return status.id;
    };
    const pushTimeoutMs = options.pushTimeoutMs ?? 30_000;
    const reasons = (options.declineReasons ?? []).map((label, i) => ({
        reasonId: `${REASON_PREFIX}SM${String(i + 1).padStart(10, '0')}`,
        label,
        developerName: label.replace(/\W+/g, '_')
    }));
    const config: PresenceConfiguration = {
        ...DEFAULT_ORG.configs[0],
        id: '0NdSM00000Fake1',
        developerName: 'Testing_Kit',
        capacity: options.capacity ?? 5,
        declineAllowed: options.declineAllowed ?? true,
        // Offers wait for the rep (no auto-accept) and a closed work frees capacity at once.
        autoAccept: false,
        afterConversationWorkMs: 0,
        declineReasonsEnabled: (options.declineAllowed ?? true) && reasons.length > 0,
        statusOnDeclineId: null,
        statusOnPushTimeoutId: options.statusOnPushTimeout ? statusId(options.statusOnPushTimeout, 'statusOnPushTimeout') : null
    };
    const routingConfigs = DEFAULT_ORG.routingConfigs.map((r) => ({ ...r, pushTimeoutMs }));
    const engine = new SimEngine(
        {
            ...DEFAULT_ORG,
            configs: [config],
            routingConfigs,
            agents: [{ userId: REP, name: 'Rep', configId: config.id, skills: [], queueIds: DEFAULT_ORG.queues.map((q) => q.id) }]
        },
        Date.now()
    );
    const startIn = options.startIn === undefined ? 'Available' : options.startIn;
    if (startIn !== null) engine.login(REP, statusId(startIn, 'startIn'));

    // What OmniPanelController answers for this rep (the Apex fake reads it): statuses, the
    // presence configuration's decline settings, the titles of work items.
    useOrgSource({
        statuses: () =>
            engine
                .statusesFor()
                .map((s) => ({ statusId: s.id, label: s.label, developerName: s.developerName, isOnline: s.channelIds.length > 0 })),
        presenceConfig: () => ({
            configName: config.developerName,
            capacity: config.capacity,
            declineAllowed: config.declineAllowed,
            reasonsEnabled: config.declineReasonsEnabled,
            reasons: config.declineReasonsEnabled ? reasons : []
        }),
        record: (workItemId15) => {
            const item = engine.getWorkItem(workItemId15);
            return item ? { title: item.title, subtitle: item.subtitle } : null;
        },
        // The push time-out of an offer, through its queue's routing configuration (getPushTimeouts).
        workRouting: (agentWorkId15) => workRoutingOf(engine, { queues: DEFAULT_ORG.queues, routingConfigs }, REP, agentWorkId15)
    });

    const toolkitCalls: ToolkitCallRecord[] = [];
    const bridge = createElement('c-omni-bridge-core', { is: OmniBridgeCore }) as unknown as BridgeElement;
    let disposed = false;
    const agent: AgentConsole = createAgentConsole(engine, REP, (name, params) => {
        if (!disposed) bridge.handleOmniEvent(name, params);
    });
    const stopServing = serveToolkitCalls(bridge, (method, args) => {
        toolkitCalls.push({ method, args });
        return agent.invoke(method, args);
    });
    document.body.appendChild(bridge);
    await settle();

    const work = (workId: string) => {
        const found = engine.agentView(REP).works.find((w) => w.id.slice(0, 15) === String(workId).slice(0, 15));
        if (!found) throw new FakeOmniError(`no work ${String(workId)} is offered to or open for the rep`);
        return found;
    };
    const act = async (what: () => void): Promise<void> => {
        try {
            what();
        } catch (error) {
            if (error instanceof SimError) throw new FakeOmniError(error.message);
            throw error;
        }
        await settle();
    };
    return {
        userId: REP,
        toolkitCalls,
        kitOptions: { pushTimeoutMs },
        state() {
            const view = engine.agentView(REP);
            const status = view.statusId ? engine.getStatus(view.statusId) : undefined;
            return {
                loggedIn: view.loggedIn,
                connected: view.connected,
                statusApiName: status?.developerName ?? null,
                works: view.works.map((w) => ({ workId: w.id, workItemId: w.workItemId, status: w.status as FakeWork['status'] })),
                workload: view.currentWorkload
            };
        },
        async offer(offerOptions = {}) {
            const channel = offerOptions.channel ?? 'Cases';
            let workItemId = '';
            await act(() => {
                workItemId = engine.addWork({
                    channel,
                    ...(channel === 'Cases' ? { queueId: CASES_QUEUE } : { preferredUserId: REP }),
                    title: offerOptions.title
                });
            });
            const routed = engine.agentView(REP).works.find((w) => w.workItemId === workItemId);
            return { workItemId, workId: routed?.id ?? null };
        },
        pushTimeout: () => act(() => engine.advance(pushTimeoutMs)),
        advance(ms) {
            if (!(Number.isFinite(ms) && ms >= 0)) return Promise.reject(new FakeOmniError('advance: ms must be a number >= 0'));
            return act(() => engine.advance(ms));
        },
        supervisorFlag(workId, flag = {}) {
            return act(() => {
                const w = work(workId);
                const by = { userId: '005SM000000Sup1', role: 'SUPERVISOR' as const };
                if (flag.raised === false) engine.lowerFlag(w.id, by);
                else engine.raiseFlag(w.id, by, flag.message ?? null);
            });
        },
        supervisorStatus: (apiName) =>
            act(() => engine.setStatus(REP, statusId(apiName, 'supervisorStatus'), 'OmniSupervisorStatusChange')),
        widgetStatus: (apiName) => act(() => engine.setStatus(REP, statusId(apiName, 'widgetStatus'), 'OmniManualStatusChange')),
        logout: (reason) => act(() => engine.logout(REP, reason ?? null)),
        connectionLost: (message) => act(() => engine.connectionError(REP, message)),
        connectionRestored: () => act(() => engine.connectionRestored(REP)),
        settle,
        dispose() {
            if (disposed) return;
            disposed = true;
            useOrgSource(DEMO_ORG_SOURCE);
            agent.dispose();
            stopServing();
            bridge.remove();
        }
    };
}
