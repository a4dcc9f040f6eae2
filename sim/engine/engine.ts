/**
 * The Omni-Channel simulation engine: pure TypeScript, deterministic, driven by a clock
 * it is given (`advance(ms)`), following the documented behaviours in
 * shared/docs/omni-reference.md. It never touches the DOM or real time; the console
 * host turns its events into the toolkit's raw shapes.
 */
import { capacityFor, fits, loadOf, weightFor, type Load } from './capacity';
import { PREFIX, createIdFactory } from './ids';
import { pickAgent, type Candidate } from './selection';
import { TimerQueue } from './timers';
import type {
    Agent,
    AgentWork,
    AgentWorkStatus,
    ChannelKind,
    LogoutReason,
    PendingServiceRouting,
    PresenceChangeReason,
    PresenceConfiguration,
    PresenceStatus,
    Queue,
    RoutingConfiguration,
    RoutingRule,
    ServiceChannel,
    SkillRequirement,
    WorkFlag,
    WorkItem
} from './model';

export interface SimSetup {
    channels: ServiceChannel[];
    statuses: PresenceStatus[];
    configs: PresenceConfiguration[];
    routingConfigs: RoutingConfiguration[];
    queues: Queue[];
    agents: Agent[];
}

export type SimErrorCode =
    | 'UNKNOWN_AGENT'
    | 'UNKNOWN_STATUS'
    | 'UNKNOWN_QUEUE'
    | 'UNKNOWN_CHANNEL'
    | 'UNKNOWN_WORK'
    | 'NOT_LOGGED_IN'
    | 'NOT_YOUR_WORK'
    | 'WRONG_STATE'
    | 'DECLINE_NOT_ALLOWED'
    | 'OVER_CAPACITY'
    | 'NOT_EXTERNAL'
    | 'BAD_INPUT';

export class SimError extends Error {
    constructor(
        readonly code: SimErrorCode,
        message: string
    ) {
        super(message);
        this.name = 'SimError';
    }
}

export interface WorkloadChange {
    configuredCapacity: number;
    previousWorkload: number;
    newWorkload: number;
    configuredInterruptibleCapacity: number;
    previousInterruptibleWorkload: number;
    newInterruptibleWorkload: number;
}

/** What happened, for the agents' consoles (toolkit events) and for routers (record changes). */
export type SimEvent =
    | { type: 'login'; userId: string; statusId: string }
    | { type: 'statusChanged'; userId: string; statusId: string; reason: PresenceChangeReason }
    | { type: 'logout'; userId: string; reason: LogoutReason }
    | { type: 'connectionError'; userId: string; message: string }
    | { type: 'connectionRestored'; userId: string }
    | { type: 'workAssigned'; userId: string; work: AgentWork; rule: RoutingRule }
    | { type: 'workAccepted' | 'workDeclined' | 'workClosed'; userId: string; work: AgentWork }
    /** The conversation ended; the rep is in After Conversation Work until endsAt (the work keeps its capacity). */
    | { type: 'afterConversationWork'; userId: string; work: AgentWork; endsAt: number }
    | { type: 'workFlagUpdated'; userId: string; work: AgentWork; flag: WorkFlag }
    | ({ type: 'workloadChanged'; userId: string } & WorkloadChange)
    | { type: 'agentWorkChanged'; work: AgentWork }
    | { type: 'psrChanged'; change: 'created' | 'updated' | 'deleted'; psr: PendingServiceRouting };

export interface NewWork {
    /** Channel id or developer name. */
    channel: string;
    /** Queue-based routing: the queue. */
    queueId?: string;
    /** Skills-based routing: required skills (a routing configuration still sets model and push time-out). */
    skills?: SkillRequirement[];
    routingConfigId?: string;
    /** Direct-to-rep routing. */
    preferredUserId?: string;
    isPreferredUserRequired?: boolean;
    /** PSR DropAdditionalSkillsTimeout; default the routing configuration's (or the additional skills' own dropAfterMs). */
    dropAdditionalSkillsTimeoutMs?: number | null;
    title?: string;
    subtitle?: string | null;
}

interface AgentState {
    agent: Agent;
    config: PresenceConfiguration;
    loggedIn: boolean;
    statusId: string | null;
    sessionId: string | null;
    connected: boolean;
    /** When this agent last received a work (the tie-break, see selection.ts); null = never. */
    lastWorkAt: number | null;
    activeWorkIds: Set<string>;
    /** Voice work items this agent declined or let time out: not offered again until they log in anew. */
    voiceRefused: Set<string>;
    load: Load;
}

/**
 * Who declined (or let time out) one PSR. Omni remembers the previous agent who declined
 * and does not route the work straight back to them; it tries the other valid agents
 * first and, once every available agent has declined, considers them all again (except,
 * still, the one who declined last). Chats are the exception: each agent is tried once.
 */
interface Declines {
    /** Agents who declined in this round of routing; a round ends when it falls back to one of them. */
    tried: Set<string>;
    /** The agent who declined last: never offered this PSR next (until they log in anew). */
    last: string | null;
}

const ACTIVE: ReadonlySet<AgentWorkStatus> = new Set(['Assigned', 'Opened']);
const WORK_ITEM_PREFIX: Record<ChannelKind, string> = {
    case: PREFIX.case,
    chat: PREFIX.chat,
    messaging: PREFIX.messaging,
    voice: PREFIX.voice
};

export class SimEngine {
    private clock: number;
    private readonly newId = createIdFactory();
    private readonly timers = new TimerQueue();
    private readonly listeners = new Set<(event: SimEvent) => void>();
    private readonly channels = new Map<string, ServiceChannel>();
    private readonly statuses = new Map<string, PresenceStatus>();
    private readonly configs = new Map<string, PresenceConfiguration>();
    private readonly routingConfigs = new Map<string, RoutingConfiguration>();
    private readonly queues = new Map<string, Queue>();
    private readonly agents = new Map<string, AgentState>();
    private readonly workItems = new Map<string, WorkItem>();
    private readonly works = new Map<string, AgentWork>();
    private readonly psrs = new Map<string, PendingServiceRouting>();
    /** The routing configuration each work item was last routed with (a transfer to a rep keeps it). */
    private readonly routedWith = new Map<string, string>();
    /**
     * External Routing transfers to a rep waiting for an answer: the second (Assigned)
     * AgentWork's id -> the first (still Opened) AgentWork's id. See transferToAgent.
     */
    private readonly pendingTransfers = new Map<string, string>();
    /** Declines and push time-outs per PSR (see Declines). */
    private readonly declines = new Map<string, Declines>();
    /** Agents of each queue, so queue-based routing looks only at the queue's members. */
    private readonly queueMembers = new Map<string, AgentState[]>();
    /**
     * What changed since routing last ran. After a routing pass no waiting PSR has an
     * eligible agent with room, so only a PSR that became waiting (new, declined, timed out,
     * an additional skill dropped) or an agent who gained room or channels (closed work,
     * logged in, changed status, reconnected) can make a new assignment. route() looks only
     * at those: the result is the same as a full pass, without scanning every agent for
     * every waiting PSR on every change.
     */
    private readonly changedAgents = new Set<AgentState>();
    private readonly changedPsrIds = new Set<string>();
    private routing = false;

    constructor(setup: SimSetup, startTime = 0) {
        this.clock = startTime;
        for (const c of setup.channels) this.channels.set(c.id, c);
        for (const s of setup.statuses) this.statuses.set(s.id, s);
        for (const c of setup.configs) {
            checkPresenceConfiguration(c);
            this.configs.set(c.id, c);
        }
        for (const r of setup.routingConfigs) this.routingConfigs.set(r.id, r);
        for (const q of setup.queues) {
            if (!this.routingConfigs.has(q.routingConfigId))
                throw new SimError('BAD_INPUT', `queue ${q.name}: unknown routing configuration ${q.routingConfigId}`);
            this.queues.set(q.id, q);
        }
        for (const agent of setup.agents) this.addAgent(agent);
    }

    get now(): number {
        return this.clock;
    }

    on(listener: (event: SimEvent) => void): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    // ----- setup at run time

    addAgent(agent: Agent): void {
        const config = this.configs.get(agent.configId);
        if (!config) throw new SimError('BAD_INPUT', `agent ${agent.name}: unknown presence configuration ${agent.configId}`);
        if (this.agents.has(agent.userId)) throw new SimError('BAD_INPUT', `agent ${agent.userId} exists already`);
        for (const q of agent.queueIds)
            if (!this.queues.has(q)) throw new SimError('UNKNOWN_QUEUE', `agent ${agent.name}: unknown queue ${q}`);
        const state: AgentState = {
            agent,
            config,
            loggedIn: false,
            statusId: null,
            sessionId: null,
            connected: true,
            lastWorkAt: null,
            activeWorkIds: new Set(),
            voiceRefused: new Set(),
            load: { currentWorkload: 0, currentInterruptibleWorkload: 0, hasVoice: false, count: 0 }
        };
        this.agents.set(agent.userId, state);
        for (const q of new Set(agent.queueIds)) {
            const members = this.queueMembers.get(q) ?? [];
            members.push(state);
            this.queueMembers.set(q, members);
        }
    }

    // ----- presence

    login(userId: string, statusId: string): void {
        const state = this.agent(userId);
        const status = this.status(statusId);
        if (state.loggedIn) {
            this.setStatus(userId, statusId, 'OmniToolkitStatusChange');
            return;
        }
        state.loggedIn = true;
        state.connected = true;
        state.statusId = status.id;
        state.sessionId = this.newId(PREFIX.agentSession);
        // lastWorkAt survives a new login: the tie-break counts from the last work received (selection.ts).
        state.voiceRefused.clear();
        this.emit({ type: 'login', userId, statusId: status.id });
        this.emit({ type: 'statusChanged', userId, statusId: status.id, reason: 'OmniLoginStatusChange' });
        this.changedAgents.add(state);
        this.route();
    }

    setStatus(userId: string, statusId: string, reason: PresenceChangeReason = 'OmniToolkitStatusChange'): void {
        const state = this.agent(userId);
        const status = this.status(statusId);
        if (!state.loggedIn) {
            // setServicePresenceStatus logs the agent in if needed.
            this.login(userId, status.id);
            return;
        }
        state.statusId = status.id;
        this.emit({ type: 'statusChanged', userId, statusId: status.id, reason });
        this.changedAgents.add(state);
        this.route();
    }

    logout(userId: string, reason: LogoutReason = null): void {
        const state = this.agent(userId);
        if (!state.loggedIn) return;
        // Work pushed but not accepted goes back to routing. Accepted work stays open under the
        // status-based capacity model; under the tab-based one "all the work that's assigned to
        // the service rep is considered closed by Omni-Channel, and the service rep's capacity is
        // reset" (Salesforce Help, "Understand Capacity Models", see CapacityModel in model.ts;
        // KB 000384795 "Clear Omni-Channel capacity": ownership of a case does not change).
        for (const workId of [...state.activeWorkIds]) {
            const work = this.works.get(workId)!;
            if (work.status === 'Assigned') this.endAssignment(work, 'Unavailable', null);
            else if (this.channels.get(work.serviceChannelId)?.capacityModel === 'TabBased') {
                this.endAssignment(work, 'Closed', null);
                this.workItem(work.workItemId).state = 'closed';
            }
        }
        state.loggedIn = false;
        state.statusId = null;
        state.sessionId = null;
        // A new session starts fresh: work this agent refused may be offered again after they log back in
        // (Salesforce KB 000382420: the only agent who declined gets it again after going offline and back).
        state.voiceRefused.clear();
        for (const declines of this.declines.values()) {
            declines.tried.delete(userId);
            if (declines.last === userId) declines.last = null;
        }
        this.emit({ type: 'logout', userId, reason });
        this.route();
    }

    // ----- work items

    addWork(input: NewWork): string {
        const channel = this.channel(input.channel);
        let routingConfig: RoutingConfiguration;
        let groupId: string | null = null;
        if (input.queueId !== undefined) {
            const queue = this.queues.get(input.queueId);
            if (!queue) throw new SimError('UNKNOWN_QUEUE', `unknown queue ${input.queueId}`);
            groupId = queue.id;
            routingConfig = this.routingConfigs.get(queue.routingConfigId)!;
        } else {
            const config = input.routingConfigId
                ? this.routingConfigs.get(input.routingConfigId)
                : this.routingConfigs.values().next().value;
            if (!config) throw new SimError('BAD_INPUT', 'work needs a queue or a routing configuration');
            routingConfig = config;
        }
        if (input.preferredUserId !== undefined) this.agent(input.preferredUserId);
        for (const skill of input.skills ?? []) {
            if (!skill.skill || !(skill.level >= 0)) throw new SimError('BAD_INPUT', `bad skill requirement ${JSON.stringify(skill)}`);
        }
        const dropTimeout = dropTimeoutOf(input, routingConfig);
        const id = this.newId(WORK_ITEM_PREFIX[channel.kind]);
        this.workItems.set(id, { id, channelId: channel.id, title: input.title ?? id, subtitle: input.subtitle ?? null, state: 'waiting' });
        this.routedWith.set(id, routingConfig.id);
        this.createPsr(id, channel, routingConfig, groupId, {
            skills: input.skills ?? [],
            preferredUserId: input.preferredUserId ?? null,
            isPreferredUserRequired: input.isPreferredUserRequired ?? false,
            isTransfer: false,
            dropAdditionalSkillsTimeoutMs: dropTimeout
        });
        this.route();
        return id;
    }

    /** The customer left or the item was deleted: everything routing it ends. */
    cancelWork(workItemId: string): void {
        const item = this.workItem(workItemId);
        if (item.state === 'closed' || item.state === 'canceled') return;
        for (const work of this.works.values()) {
            if (work.workItemId === workItemId && ACTIVE.has(work.status)) this.endAssignment(work, 'Canceled', null);
        }
        for (const psr of [...this.psrs.values()]) if (psr.workItemId === workItemId) this.deletePsr(psr);
        item.state = 'canceled';
        this.route();
    }

    // ----- an agent acting on their work

    accept(userId: string, workId: string): AgentWork {
        const work = this.ownWork(userId, workId);
        if (work.status !== 'Assigned') throw new SimError('WRONG_STATE', `work ${workId} is ${work.status}, not Assigned`);
        work.status = 'Opened';
        work.acceptDateTime = this.clock;
        this.workItem(work.workItemId).state = 'opened';
        const psr = work.pendingServiceRoutingId ? this.psrs.get(work.pendingServiceRoutingId) : undefined;
        // Accepting ends routing: the PSR is deleted.
        if (psr) this.deletePsr(psr);
        work.pendingServiceRoutingId = null;
        this.emit({ type: 'workAccepted', userId, work: { ...work } });
        this.emit({ type: 'agentWorkChanged', work: { ...work } });
        // An External Routing transfer to a rep: once the second rep accepts, the work is theirs,
        // so the first AgentWork (Opened until now) ends Transferred and frees its capacity.
        // The seed names the status (TRANSFERRED) but not the moment; see transferToAgent.
        const firstId = this.pendingTransfers.get(work.id);
        if (firstId !== undefined) {
            this.pendingTransfers.delete(work.id);
            const first = this.works.get(firstId);
            if (first && ACTIVE.has(first.status)) this.endAssignment(first, 'Transferred', null);
            this.route();
        }
        return work;
    }

    decline(userId: string, workId: string, declineReason: string | null = null): void {
        const state = this.agent(userId);
        const work = this.ownWork(userId, workId);
        if (work.status !== 'Assigned') throw new SimError('WRONG_STATE', `work ${workId} is ${work.status}, not Assigned`);
        if (!state.config.declineAllowed)
            throw new SimError('DECLINE_NOT_ALLOWED', 'this presence configuration does not allow declining work');
        // Unified Routing: "Transfer to rep doesn't include a decline option even if configured in
        // the presence configuration" (shared/seeds/omni-channel-unified-routing.txt, transfer limitations).
        const from = work.pendingServiceRoutingId ? this.psrs.get(work.pendingServiceRoutingId) : undefined;
        const toRep = (from?.isTransfer === true && from.preferredUserId !== null) || this.pendingTransfers.has(work.id);
        if (toRep && this.isVoiceChannel(work.serviceChannelId))
            throw new SimError('DECLINE_NOT_ALLOWED', 'a call transferred to a rep cannot be declined');
        this.refuse(state, work, 'Declined', declineReason);
        if (state.config.statusOnDeclineId && state.loggedIn) this.setStatus(userId, state.config.statusOnDeclineId, 'OmniDeclineWork');
        this.route();
    }

    /**
     * Closes a work. With After Conversation Work in the rep's presence configuration, closing
     * an accepted voice or messaging conversation starts ACW instead: "a set amount of time
     * after a customer conversation to wrap up their work before making themselves available
     * for new work" (Salesforce Developers, Messaging for In-App and Web / BYOC guide, "After
     * Conversation Work", https://developer.salesforce.com/docs/service/messaging-partner/guide/after-conversation-work.html).
     * The work keeps its capacity until the rep closes it again ("All Done") or the time runs out.
     */
    close(userId: string, workId: string): void {
        const work = this.ownWork(userId, workId);
        if (!ACTIVE.has(work.status)) throw new SimError('WRONG_STATE', `work ${workId} is ${work.status}`);
        // The first rep still has this work open (External Routing transfer): closing the offer
        // would close their work too. The offer is answered (accept or decline), not closed.
        if (this.pendingTransfers.has(work.id))
            throw new SimError('WRONG_STATE', `work ${workId} is a transfer waiting for an answer: accept or decline it`);
        const state = this.agent(userId);
        const acwMs = state.config.afterConversationWorkMs ?? 0;
        const kind = this.channels.get(work.serviceChannelId)?.kind;
        if (
            acwMs > 0 &&
            work.status === 'Opened' &&
            work.afterConversationWorkEndsAt == null &&
            (kind === 'voice' || kind === 'messaging')
        ) {
            const endsAt = this.clock + acwMs;
            work.afterConversationWorkEndsAt = endsAt;
            this.emit({ type: 'afterConversationWork', userId, work: { ...work }, endsAt });
            this.emit({ type: 'agentWorkChanged', work: { ...work } });
            this.timers.schedule(endsAt, () => {
                if (work.status === 'Opened' && work.afterConversationWorkEndsAt === endsAt) this.close(userId, work.id);
            });
            return;
        }
        const item = this.workItem(work.workItemId);
        this.endAssignment(work, 'Closed', null);
        item.state = 'closed';
        for (const psr of [...this.psrs.values()]) if (psr.workItemId === item.id) this.deletePsr(psr);
        this.route();
    }

    raiseFlag(workId: string, by: { userId: string; role: 'AGENT' | 'SUPERVISOR' }, message: string | null = null): void {
        this.updateFlag(workId, { isFlagged: true, message, roleUpdatedBy: by.role, updatedBy: by.userId });
    }

    lowerFlag(workId: string, by: { userId: string; role: 'AGENT' | 'SUPERVISOR' }): void {
        this.updateFlag(workId, { isFlagged: false, message: null, roleUpdatedBy: by.role, updatedBy: by.userId });
    }

    /** Transfers open work to a queue: a new PSR with IsTransfer routes it there. */
    transferToQueue(workId: string, queueId: string): string {
        const queue = this.queues.get(queueId);
        if (!queue) throw new SimError('UNKNOWN_QUEUE', `unknown queue ${queueId}`);
        const work = this.transferable(workId);
        this.endAssignment(work, 'Transferred', null);
        const item = this.workItem(work.workItemId);
        item.state = 'waiting';
        this.routedWith.set(item.id, queue.routingConfigId);
        const psr = this.createPsr(item.id, this.channels.get(item.channelId)!, this.routingConfigs.get(queue.routingConfigId)!, queue.id, {
            skills: [],
            preferredUserId: null,
            isPreferredUserRequired: false,
            isTransfer: true,
            dropAdditionalSkillsTimeoutMs: null
        });
        this.route();
        return psr.id;
    }

    /**
     * Transfers open work to a named agent. How depends on who routed the work:
     *
     * - Native routing (Most Available, Least Active): the first AgentWork ends Transferred and
     *   a direct-to-rep, required PSR with IsTransfer waits for the target, routed with the
     *   routing configuration the work came with (its priority, weight and push time-out).
     *   Returns the new PSR's id.
     * - External Routing (Omni-Channel Developer Guide, shared/seeds/omni-channel-developer-guide-v64.txt,
     *   "Expected Behavior for External Routing for Omni-Channel", "Agent transfers the work to
     *   another agent"): "A new PendingServiceRouting isn't created when the work is
     *   transferred"; "Two AgentWorks are created [...] First AgentWork with the Status =
     *   Opened, Second AgentWork with the Status = Assigned". So the first rep keeps the work
     *   Opened (and its capacity) while the target is offered a second AgentWork, with the
     *   routing configuration's weight and push time-out, at once. Returns the second
     *   AgentWork's id. With no PSR to wait on, a target who is not online on the channel or
     *   has no room is refused with a typed error and the work stays with the first rep.
     *   The seed does not say what an answer does to the first AgentWork; the engine: accept
     *   ends it Transferred (the seed's TRANSFERRED status; the work is the target's now),
     *   decline or push time-out leaves it Opened with the first rep (nothing else routes it),
     *   and the first rep closing the work cancels the offer.
     */
    transferToAgent(workId: string, userId: string): string {
        const target = this.agent(userId);
        const work = this.transferable(workId);
        if (work.userId === userId)
            throw new SimError('BAD_INPUT', `work ${workId} is already with ${target.agent.name}: transfer it to another agent or a queue`);
        const item = this.workItem(work.workItemId);
        const config = this.routingConfigs.get(this.routedWith.get(item.id)!)!;
        if (config.routingModel === 'ExternalRouting') return this.transferExternalToAgent(work, target, config).id;
        this.endAssignment(work, 'Transferred', null);
        item.state = 'waiting';
        const psr = this.createPsr(item.id, this.channels.get(item.channelId)!, config, null, {
            skills: [],
            preferredUserId: userId,
            isPreferredUserRequired: true,
            isTransfer: true,
            dropAdditionalSkillsTimeoutMs: null
        });
        this.route();
        return psr.id;
    }

    /** External Routing's transfer to a rep (see transferToAgent): no PSR, a second AgentWork. */
    private transferExternalToAgent(first: AgentWork, target: AgentState, config: RoutingConfiguration): AgentWork {
        const name = target.agent.name;
        if (!target.loggedIn || !target.connected || !this.statusHasChannel(target, first.serviceChannelId))
            throw new SimError(
                'NOT_LOGGED_IN',
                `${name} is not online on this channel: an External Routing transfer to a rep has no PSR to wait on`
            );
        const voice = this.isVoiceChannel(first.serviceChannelId);
        const weight = weightFor(target.config, config.capacityWeight, config.capacityPercentage, voice, first.isInterruptible);
        if (!fits(target.load, target.config, weight, first.isInterruptible))
            throw new SimError('OVER_CAPACITY', `${name} has no ${first.isInterruptible ? 'interruptible ' : ''}capacity for this work`);
        // "The PendingServiceRouting from the original chat request is deleted": accepting the
        // first AgentWork deleted it already; any left for the item goes now.
        for (const psr of [...this.psrs.values()]) if (psr.workItemId === first.workItemId) this.deletePsr(psr);
        const second = this.newAgentWork(target, first.workItemId, first.serviceChannelId, null, weight, first.isInterruptible);
        this.pendingTransfers.set(second.id, first.id);
        // The work item stays opened: the first rep still has it (Opened) until the target accepts.
        this.deliver(target, second, 'transfer to rep', config.pushTimeoutMs);
        return second;
    }

    // ----- external routing (a partner router inserts AgentWork)

    insertAgentWork(input: {
        pendingServiceRoutingId: string;
        userId: string;
        serviceChannelId: string;
        workItemId: string;
        shouldSkipCapacityCheck?: boolean;
    }): AgentWork {
        const psr = this.psrs.get(input.pendingServiceRoutingId);
        if (!psr) throw new SimError('UNKNOWN_WORK', `no PendingServiceRouting ${input.pendingServiceRoutingId}`);
        if (psr.routingModel !== 'ExternalRouting')
            throw new SimError('NOT_EXTERNAL', 'only External Routing PSRs take inserted AgentWork');
        if (psr.workItemId !== input.workItemId || psr.serviceChannelId !== input.serviceChannelId) {
            throw new SimError('BAD_INPUT', 'WorkItemId and ServiceChannelId must match the PendingServiceRouting');
        }
        if (psr.isPushed) throw new SimError('WRONG_STATE', 'this work item is already pushed to an agent');
        const state = this.agent(input.userId);
        if (!state.loggedIn || !this.statusHasChannel(state, psr.serviceChannelId)) {
            throw new SimError('NOT_LOGGED_IN', `${state.agent.name} is not online on this channel`);
        }
        const voice = this.isVoiceChannel(psr.serviceChannelId);
        const weight = weightFor(state.config, psr.capacityWeight, psr.capacityPercentage, voice, psr.isInterruptible);
        if (!input.shouldSkipCapacityCheck && !fits(state.load, state.config, weight, psr.isInterruptible)) {
            throw new SimError(
                'OVER_CAPACITY',
                `${state.agent.name} has no ${psr.isInterruptible ? 'interruptible ' : ''}capacity for this work`
            );
        }
        return this.push(psr, state, weight, 'external router');
    }

    // ----- faults

    connectionError(userId: string, message = 'Omni-Channel lost its connection to the server'): void {
        const state = this.agent(userId);
        state.connected = false;
        this.emit({ type: 'connectionError', userId, message });
    }

    connectionRestored(userId: string): void {
        const state = this.agent(userId);
        if (state.connected) return;
        state.connected = true;
        this.emit({ type: 'connectionRestored', userId });
        if (state.loggedIn && state.statusId)
            this.emit({ type: 'statusChanged', userId, statusId: state.statusId, reason: 'OmniLoginStatusChange' });
        this.changedAgents.add(state);
        this.route();
    }

    duplicateLogin(userId: string, sameBrowser = false): void {
        this.logout(userId, sameBrowser ? 'DuplicateLoginInSameBrowser' : 'DuplicateLogin');
    }

    maintenanceLogout(userId: string): void {
        this.logout(userId, 'MaintenanceLogout');
    }

    // ----- time

    /** Moves the clock forward, running push time-outs and skill drops as they fall due. */
    advance(ms: number): void {
        if (!(ms >= 0) || !Number.isFinite(ms)) throw new SimError('BAD_INPUT', `cannot advance the clock by ${ms}`);
        const until = this.clock + ms;
        for (let timer = this.timers.takeDue(until); timer; timer = this.timers.takeDue(until)) {
            this.clock = Math.max(this.clock, timer.at);
            timer.run();
        }
        this.clock = until;
    }

    // ----- read access (copies: the engine's records are its own)

    agentView(userId: string) {
        const state = this.agent(userId);
        return {
            userId,
            name: state.agent.name,
            loggedIn: state.loggedIn,
            connected: state.connected,
            statusId: state.statusId,
            sessionId: state.sessionId,
            configuredCapacity: state.config.capacity,
            configuredInterruptibleCapacity: state.config.interruptibleCapacity,
            ...state.load,
            works: [...state.activeWorkIds].map((id) => ({ ...this.works.get(id)! }))
        };
    }

    /** The queues an agent is a member of (for a supervisor's view of a team). */
    queuesOf(userId: string): string[] {
        return [...this.agent(userId).agent.queueIds];
    }

    listAgents(): string[] {
        return [...this.agents.keys()];
    }

    listAgentWorks(): AgentWork[] {
        return [...this.works.values()].map((w) => ({ ...w }));
    }

    /**
     * Waiting PSRs that a full routing pass would assign right now, with the agent. Always
     * empty between calls (routing runs after every change); a diagnostic for tests and for
     * "why is this work still waiting?" in the console.
     */
    routableWaiting(): Array<{ psrId: string; userId: string }> {
        const found: Array<{ psrId: string; userId: string }> = [];
        for (const psr of this.psrs.values()) {
            if (psr.isPushed || !psr.isReadyForRouting || psr.routingModel === 'ExternalRouting') continue;
            const chosen = this.choose(psr, this.agentsFor(psr));
            if (chosen) found.push({ psrId: psr.id, userId: chosen.state.agent.userId });
        }
        return found;
    }

    listPsrs(): PendingServiceRouting[] {
        return [...this.psrs.values()].map((p) => ({ ...p, skills: [...p.skills] }));
    }

    listWorkItems(): WorkItem[] {
        return [...this.workItems.values()].map((w) => ({ ...w }));
    }

    getWorkItem(id: string): WorkItem | undefined {
        const item = this.workItems.get(id);
        return item ? { ...item } : undefined;
    }

    getStatus(id: string): PresenceStatus | undefined {
        return this.statuses.get(id);
    }

    getChannel(id: string): ServiceChannel | undefined {
        return this.channels.get(id);
    }

    statusesFor(): PresenceStatus[] {
        return [...this.statuses.values()];
    }

    configOf(userId: string): PresenceConfiguration {
        return this.agent(userId).config;
    }

    // ----- routing

    /**
     * Pushes waiting work to eligible agents, highest priority and oldest first. A PSR that
     * changed is matched against every agent (of its queue); any other waiting PSR only
     * against the agents that changed (see changedAgents).
     */
    private route(): void {
        if (this.routing) return; // re-entrant calls (status changes inside a decline) are picked up by the loop below
        this.routing = true;
        try {
            while (this.changedAgents.size > 0 || this.changedPsrIds.size > 0) {
                const changedAgents = [...this.changedAgents].filter((state) => state.loggedIn && state.connected);
                const changedPsrIds = new Set(this.changedPsrIds);
                this.changedAgents.clear();
                this.changedPsrIds.clear();
                const waiting = [...this.psrs.values()]
                    .filter((p) => !p.isPushed && p.isReadyForRouting && p.routingModel !== 'ExternalRouting')
                    .sort((a, b) => a.routingPriority - b.routingPriority || a.createdDate - b.createdDate || (a.id < b.id ? -1 : 1));
                for (const psr of waiting) {
                    if (!this.psrs.has(psr.id) || psr.isPushed) continue;
                    const pool = changedPsrIds.has(psr.id) ? this.agentsFor(psr) : changedAgents;
                    if (pool.length === 0) continue;
                    const chosen = this.choose(psr, pool);
                    if (chosen) this.push(psr, chosen.state, chosen.weight, chosen.rule);
                }
            }
        } finally {
            this.routing = false;
        }
    }

    /** Everyone who could take this PSR: its queue's members for queue-based routing. */
    private agentsFor(psr: PendingServiceRouting): readonly AgentState[] {
        if (psr.routingType === 'QueueBased' && psr.groupId !== null) return this.queueMembers.get(psr.groupId) ?? [];
        return [...this.agents.values()];
    }

    /**
     * Whether this agent is a valid target for the PSR at all, room aside: online and
     * connected, with the channel in their status, in the queue (queue-based) or with the
     * skills (skills-based), and not refused by the decline rules (never straight back to
     * the last decliner; a declined call not until a new login).
     */
    private isTarget(psr: PendingServiceRouting, state: AgentState, skills: readonly SkillRequirement[], voice: boolean): boolean {
        if (!state.loggedIn || !state.connected || !this.statusHasChannel(state, psr.serviceChannelId)) return false;
        if (this.declines.get(psr.id)?.last === state.agent.userId) return false;
        if (voice && state.voiceRefused.has(psr.workItemId)) return false;
        if (psr.routingType === 'QueueBased' && psr.groupId !== null && !state.agent.queueIds.includes(psr.groupId)) return false;
        return skills.every((req) => state.agent.skills.some((s) => s.skill === req.skill && s.level >= req.level));
    }

    private choose(
        psr: PendingServiceRouting,
        pool: readonly AgentState[]
    ): { state: AgentState; weight: number; rule: RoutingRule } | null {
        const voice = this.isVoiceChannel(psr.serviceChannelId);
        const tried = this.declines.get(psr.id)?.tried;
        const skills = this.activeSkills(psr);
        const fresh: Array<{ state: AgentState; weight: number }> = [];
        const again: Array<{ state: AgentState; weight: number }> = [];
        for (const state of pool) {
            if (!this.isTarget(psr, state, skills, voice)) continue;
            const weight = weightFor(state.config, psr.capacityWeight, psr.capacityPercentage, voice, psr.isInterruptible);
            if (!fits(state.load, state.config, weight, psr.isInterruptible)) continue;
            (tried?.has(state.agent.userId) ? again : fresh).push({ state, weight });
        }
        // Agents who have not declined it go first. When none of them can take it, Omni
        // considers those who declined again (KB 000385517: "retry existing agents once they
        // exhaust all valid routing targets"), except for chats, tried once each.
        const eligible = fresh.length > 0 || this.isChatChannel(psr.serviceChannelId) ? fresh : again;
        if (psr.preferredUserId !== null) {
            const preferred = eligible.find((e) => e.state.agent.userId === psr.preferredUserId);
            if (preferred) return { ...preferred, rule: 'preferred rep' };
            if (psr.isPreferredUserRequired) return null;
        }
        const candidates: Candidate[] = eligible.map((e) => ({
            userId: e.state.agent.userId,
            capacity: capacityFor(e.state.config, psr.isInterruptible),
            workload: psr.isInterruptible ? e.state.load.currentInterruptibleWorkload : e.state.load.currentWorkload,
            openWorks: e.state.load.count,
            lastWorkAt: e.state.lastWorkAt
        }));
        const picked = pickAgent(psr.routingModel, candidates);
        if (!picked) return null;
        return { ...eligible.find((e) => e.state.agent.userId === picked.candidate.userId)!, rule: picked.rule };
    }

    private activeSkills(psr: PendingServiceRouting): SkillRequirement[] {
        const timeout = psr.dropAdditionalSkillsTimeoutMs;
        if (timeout === null || this.clock - psr.createdDate < timeout) return psr.skills;
        return psr.skills.filter((s) => !s.isAdditional);
    }

    private push(psr: PendingServiceRouting, state: AgentState, weight: number, rule: RoutingRule): AgentWork {
        const work = this.newAgentWork(state, psr.workItemId, psr.serviceChannelId, psr.id, weight, psr.isInterruptible);
        // Falling back to an agent who declined starts a new round: everyone is considered again.
        const declines = this.declines.get(psr.id);
        if (declines?.tried.has(state.agent.userId)) declines.tried.clear();
        this.updatePsr(psr, { isPushed: true, isPushAttempted: true });
        this.workItem(psr.workItemId).state = 'assigned';
        this.deliver(state, work, rule, psr.pushTimeoutMs);
        return work;
    }

    private newAgentWork(
        state: AgentState,
        workItemId: string,
        serviceChannelId: string,
        pendingServiceRoutingId: string | null,
        weight: number,
        isInterruptible: boolean
    ): AgentWork {
        const work: AgentWork = {
            id: this.newId(PREFIX.agentWork),
            workItemId,
            userId: state.agent.userId,
            serviceChannelId,
            pendingServiceRoutingId,
            status: 'Assigned',
            capacityWeight: weight,
            isInterruptible,
            declineReason: null,
            afterConversationWorkEndsAt: null,
            assignedDateTime: this.clock,
            acceptDateTime: null,
            closeDateTime: null,
            flag: null
        };
        this.works.set(work.id, work);
        return work;
    }

    /** Offers an Assigned AgentWork to its rep: load, events, auto-accept or the push time-out. */
    private deliver(state: AgentState, work: AgentWork, rule: RoutingRule, pushTimeoutMs: number): void {
        state.lastWorkAt = this.clock;
        state.activeWorkIds.add(work.id);
        this.emit({ type: 'agentWorkChanged', work: { ...work } });
        this.emit({ type: 'workAssigned', userId: state.agent.userId, work: { ...work }, rule });
        // The console hears about the work first, then about the load it adds.
        this.changeLoad(state, () => undefined);
        // Auto-accept (PresenceUserConfig.enableAutoAccept): the work is accepted as it arrives, so no push time-out runs.
        if (state.config.autoAccept === true) {
            this.accept(state.agent.userId, work.id);
            return;
        }
        if (pushTimeoutMs > 0) this.timers.schedule(this.clock + pushTimeoutMs, () => this.pushTimedOut(work.id));
    }

    private pushTimedOut(workId: string): void {
        const work = this.works.get(workId);
        if (!work || work.status !== 'Assigned') return;
        const state = this.agent(work.userId);
        this.refuse(state, work, 'DeclinedOnPushTimeout', null);
        if (state.config.statusOnPushTimeoutId && state.loggedIn)
            this.setStatus(state.agent.userId, state.config.statusOnPushTimeoutId, 'OmniPushTimeout');
        this.route();
    }

    /** A decline or push time-out: the PSR goes back to routing, never straight back to this agent. */
    private refuse(state: AgentState, work: AgentWork, status: 'Declined' | 'DeclinedOnPushTimeout', declineReason: string | null): void {
        const psrId = work.pendingServiceRoutingId;
        this.endAssignment(work, status, declineReason);
        if (this.isVoiceChannel(work.serviceChannelId)) state.voiceRefused.add(work.workItemId);
        const psr = psrId ? this.psrs.get(psrId) : undefined;
        if (!psr) return;
        const declines = this.declines.get(psr.id) ?? { tried: new Set<string>(), last: null };
        declines.tried.add(state.agent.userId);
        declines.last = state.agent.userId;
        this.declines.set(psr.id, declines);
        this.workItem(work.workItemId).state = 'waiting';
        this.updatePsr(psr, { isPushed: false, lastDeclinedAgentSession: state.sessionId });
        if (this.isChatChannel(psr.serviceChannelId) && !this.anyoneLeftToTry(psr)) this.endUnanswerableChat(psr);
    }

    /** Whether a valid agent (room aside) who has not declined this PSR is online. */
    private anyoneLeftToTry(psr: PendingServiceRouting): boolean {
        const tried = this.declines.get(psr.id)?.tried;
        const voice = this.isVoiceChannel(psr.serviceChannelId);
        const skills = this.activeSkills(psr);
        for (const state of this.agentsFor(psr)) {
            if (tried?.has(state.agent.userId) || !this.isTarget(psr, state, skills, voice)) continue;
            if (psr.preferredUserId !== null && psr.isPreferredUserRequired && state.agent.userId !== psr.preferredUserId) continue;
            return true;
        }
        return false;
    }

    /**
     * A chat every available agent has declined ends ("No available agent", KB 000382420 and
     * 000385517); other work goes back to the queue.
     */
    private endUnanswerableChat(psr: PendingServiceRouting): void {
        this.deletePsr(psr);
        this.workItem(psr.workItemId).state = 'canceled';
    }

    /** Ends an Assigned or Opened AgentWork and releases its capacity. */
    private endAssignment(work: AgentWork, status: AgentWorkStatus, declineReason: string | null): void {
        const state = this.agent(work.userId);
        const wasAssigned = work.status === 'Assigned';
        work.status = status;
        work.declineReason = declineReason;
        if (status === 'Closed' || status === 'Transferred' || status === 'Canceled') work.closeDateTime = this.clock;
        this.changeLoad(state, () => state.activeWorkIds.delete(work.id));
        this.emit({ type: 'agentWorkChanged', work: { ...work } });
        // An External Routing transfer offer that ends (declined, timed out, unavailable,
        // canceled) leaves the first AgentWork as it is: Opened, with the first rep.
        this.pendingTransfers.delete(work.id);
        if (status === 'Declined' || status === 'DeclinedOnPushTimeout' || (wasAssigned && status === 'Unavailable')) {
            this.emit({ type: 'workDeclined', userId: work.userId, work: { ...work } });
        } else {
            this.emit({ type: 'workClosed', userId: work.userId, work: { ...work } });
        }
        if (status === 'Unavailable' && work.pendingServiceRoutingId) {
            const psr = this.psrs.get(work.pendingServiceRoutingId);
            if (psr) {
                this.workItem(work.workItemId).state = 'waiting';
                this.updatePsr(psr, { isPushed: false });
            }
        }
        // The first rep's work ended (closed, canceled) while a transfer offer waited: the offer goes too.
        for (const [secondId, firstId] of [...this.pendingTransfers])
            if (firstId === work.id) {
                this.pendingTransfers.delete(secondId);
                const second = this.works.get(secondId);
                if (second && ACTIVE.has(second.status)) this.endAssignment(second, 'Canceled', null);
            }
    }

    private changeLoad(state: AgentState, change: () => void): void {
        const before = state.load;
        change();
        state.load = loadOf(
            [...state.activeWorkIds].map((id) => this.works.get(id)!),
            (w) => this.isVoiceChannel(w.serviceChannelId)
        );
        const after = state.load;
        // Less work: this agent may now take waiting work.
        if (after.count < before.count) this.changedAgents.add(state);
        if (before.currentWorkload === after.currentWorkload && before.currentInterruptibleWorkload === after.currentInterruptibleWorkload)
            return;
        this.emit({
            type: 'workloadChanged',
            userId: state.agent.userId,
            configuredCapacity: state.config.capacity,
            previousWorkload: before.currentWorkload,
            newWorkload: after.currentWorkload,
            configuredInterruptibleCapacity: state.config.interruptibleCapacity,
            previousInterruptibleWorkload: before.currentInterruptibleWorkload,
            newInterruptibleWorkload: after.currentInterruptibleWorkload
        });
    }

    private createPsr(
        workItemId: string,
        channel: ServiceChannel,
        config: RoutingConfiguration,
        groupId: string | null,
        options: {
            skills: SkillRequirement[];
            preferredUserId: string | null;
            isPreferredUserRequired: boolean;
            isTransfer: boolean;
            dropAdditionalSkillsTimeoutMs: number | null;
        }
    ): PendingServiceRouting {
        const psr: PendingServiceRouting = {
            id: this.newId(PREFIX.pendingServiceRouting),
            workItemId,
            serviceChannelId: channel.id,
            groupId,
            routingModel: config.routingModel,
            routingType: options.skills.length > 0 ? 'SkillsBased' : 'QueueBased',
            routingPriority: config.routingPriority,
            capacityWeight: config.capacityWeight,
            capacityPercentage: config.capacityPercentage,
            isInterruptible: isInterruptibleWork(channel, config),
            isReadyForRouting: true,
            isPushed: false,
            isPushAttempted: false,
            isTransfer: options.isTransfer,
            lastDeclinedAgentSession: null,
            preferredUserId: options.preferredUserId,
            isPreferredUserRequired: options.isPreferredUserRequired,
            pushTimeoutMs: config.pushTimeoutMs,
            serial: 1,
            createdDate: this.clock,
            skills: options.skills.map((s) => ({ ...s })),
            dropAdditionalSkillsTimeoutMs: options.dropAdditionalSkillsTimeoutMs
        };
        this.psrs.set(psr.id, psr);
        this.changedPsrIds.add(psr.id);
        this.emit({ type: 'psrChanged', change: 'created', psr: { ...psr, skills: [...psr.skills] } });
        // The additional skills drop together after the PSR's time-out: look again then.
        if (psr.dropAdditionalSkillsTimeoutMs !== null && psr.skills.some((s) => s.isAdditional))
            this.timers.schedule(psr.createdDate + psr.dropAdditionalSkillsTimeoutMs, () => {
                this.changedPsrIds.add(psr.id);
                this.route();
            });
        return psr;
    }

    private updatePsr(psr: PendingServiceRouting, changes: Partial<PendingServiceRouting>): void {
        Object.assign(psr, changes);
        if (changes.isPushed === false) this.changedPsrIds.add(psr.id);
        psr.serial += 1;
        this.emit({ type: 'psrChanged', change: 'updated', psr: { ...psr, skills: [...psr.skills] } });
    }

    private deletePsr(psr: PendingServiceRouting): void {
        this.psrs.delete(psr.id);
        this.declines.delete(psr.id);
        psr.serial += 1;
        this.emit({ type: 'psrChanged', change: 'deleted', psr: { ...psr, skills: [...psr.skills] } });
    }

    private updateFlag(workId: string, flag: WorkFlag): void {
        const work = this.works.get(workId);
        if (!work) throw new SimError('UNKNOWN_WORK', `unknown work ${workId}`);
        if (work.status !== 'Opened' && work.status !== 'Assigned') throw new SimError('WRONG_STATE', `work ${workId} is ${work.status}`);
        if (flag.roleUpdatedBy === 'AGENT' && flag.updatedBy !== work.userId)
            throw new SimError('NOT_YOUR_WORK', `work ${workId} belongs to another agent`);
        work.flag = { ...flag };
        this.emit({ type: 'workFlagUpdated', userId: work.userId, work: { ...work }, flag: { ...flag } });
    }

    private transferable(workId: string): AgentWork {
        const work = this.works.get(workId);
        if (!work) throw new SimError('UNKNOWN_WORK', `unknown work ${workId}`);
        if (work.status !== 'Opened')
            throw new SimError('WRONG_STATE', `only accepted work can be transferred (work ${workId} is ${work.status})`);
        for (const [secondId, firstId] of this.pendingTransfers)
            if (firstId === workId)
                throw new SimError(
                    'WRONG_STATE',
                    `work ${workId} is being transferred to ${this.agent(this.works.get(secondId)!.userId).agent.name}: wait for their answer`
                );
        return work;
    }

    // ----- lookups

    private agent(userId: string): AgentState {
        const state = this.agents.get(userId);
        if (!state) throw new SimError('UNKNOWN_AGENT', `unknown agent ${userId}`);
        return state;
    }

    private status(statusId: string): PresenceStatus {
        const status = this.statuses.get(statusId) ?? [...this.statuses.values()].find((s) => s.developerName === statusId);
        if (!status) throw new SimError('UNKNOWN_STATUS', `unknown presence status ${statusId}`);
        return status;
    }

    private channel(idOrName: string): ServiceChannel {
        const channel = this.channels.get(idOrName) ?? [...this.channels.values()].find((c) => c.developerName === idOrName);
        if (!channel) throw new SimError('UNKNOWN_CHANNEL', `unknown service channel ${idOrName}`);
        return channel;
    }

    private workItem(id: string): WorkItem {
        const item = this.workItems.get(id);
        if (!item) throw new SimError('UNKNOWN_WORK', `unknown work item ${id}`);
        return item;
    }

    private ownWork(userId: string, workId: string): AgentWork {
        this.agent(userId);
        const work = this.works.get(workId);
        if (!work) throw new SimError('UNKNOWN_WORK', `unknown work ${workId}`);
        if (work.userId !== userId) throw new SimError('NOT_YOUR_WORK', `work ${workId} belongs to another agent`);
        return work;
    }

    private statusHasChannel(state: AgentState, channelId: string): boolean {
        return state.statusId !== null && this.statuses.get(state.statusId)!.channelIds.includes(channelId);
    }

    private isVoiceChannel(channelId: string): boolean {
        return this.channels.get(channelId)?.kind === 'voice';
    }

    private isChatChannel(channelId: string): boolean {
        return this.channels.get(channelId)?.kind === 'chat';
    }

    private emit(event: SimEvent): void {
        for (const listener of this.listeners) listener(event);
    }
}

/**
 * Whether work routed with this configuration on this channel uses interruptible capacity
 * (Salesforce Help, "Configure Work Items as Primary or Interruptible"): the routing
 * configuration's capacity type, or "inherited from the service channel" (Is
 * Interruptible); "LiveChatTranscript records are uninterruptible and always use primary
 * capacity".
 */
export function isInterruptibleWork(channel: ServiceChannel, config: RoutingConfiguration): boolean {
    if (channel.relatedEntity === 'LiveChatTranscript') return false;
    if (config.capacityType === 'Interruptible') return true;
    if (config.capacityType === 'Primary') return false;
    return channel.isInterruptible;
}

/**
 * Refuses a presence configuration Salesforce would not save. Metadata API Developer Guide,
 * PresenceUserConfig
 * (https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_presenceuserconfig.htm):
 * enableAutoAccept is "Available only if enableDecline is set to false" (and the reverse);
 * enableDeclineReason "can be selected only if decline reasons are enabled";
 * afterConvoWorkMaxTime: "Specify a value from 10 through 3600" seconds. Interruptible
 * capacity above capacity is refused as the issue asks (no page found that allows it).
 */
export interface ConfigProblem {
    field: keyof PresenceConfiguration;
    message: string;
}

export function presenceConfigurationProblems(c: PresenceConfiguration): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    if (!(c.capacity >= 0) || !Number.isFinite(c.capacity))
        problems.push({ field: 'capacity', message: `capacity ${c.capacity} is not a number of units, 0 or more` });
    if (!(c.interruptibleCapacity >= 0))
        problems.push({ field: 'interruptibleCapacity', message: `interruptible capacity ${c.interruptibleCapacity} is not 0 or more` });
    else if (c.interruptibleCapacity > c.capacity)
        problems.push({
            field: 'interruptibleCapacity',
            message: `interruptible capacity ${c.interruptibleCapacity} is above capacity ${c.capacity}`
        });
    if (c.autoAccept === true && c.declineAllowed)
        problems.push({
            field: 'autoAccept',
            message: 'auto-accept and decline cannot both be on (enableAutoAccept is available only if enableDecline is false)'
        });
    if (c.declineReasonsEnabled && !c.declineAllowed)
        problems.push({ field: 'declineReasonsEnabled', message: 'decline reasons need decline to be allowed' });
    const acw = c.afterConversationWorkMs ?? 0;
    if (acw !== 0 && !(acw >= 10_000 && acw <= 3_600_000))
        problems.push({
            field: 'afterConversationWorkMs',
            message: `after conversation work time ${acw / 1000} s is outside 10 to 3600 s`
        });
    return problems;
}

function checkPresenceConfiguration(c: PresenceConfiguration): void {
    const problems = presenceConfigurationProblems(c);
    if (problems.length)
        throw new SimError('BAD_INPUT', `presence configuration ${c.developerName}: ${problems.map((p) => p.message).join('; ')}`);
}

/**
 * The PSR's DropAdditionalSkillsTimeout: the work's own, else the one its additional skills
 * give (all the same: they are dropped together, "after a designated timeout period, a skill
 * marked as additional is dropped": Object Reference, AgentWorkSkill.IsAdditionalSkill),
 * else the routing configuration's; null = additional skills are never dropped.
 */
function dropTimeoutOf(input: NewWork, config: RoutingConfiguration): number | null {
    const skills = input.skills ?? [];
    for (const s of skills)
        if (!s.isAdditional && s.dropAfterMs !== null && s.dropAfterMs !== undefined)
            throw new SimError('BAD_INPUT', `skill ${s.skill} is required: only additional skills are dropped`);
    const given = [...new Set(skills.filter((s) => s.isAdditional && s.dropAfterMs != null).map((s) => s.dropAfterMs))];
    if (given.length > 1)
        throw new SimError(
            'BAD_INPUT',
            `additional skills are dropped together (one DropAdditionalSkillsTimeout per work), not after ${given.map((ms) => `${ms! / 1000} s`).join(' and ')}`
        );
    if (input.dropAdditionalSkillsTimeoutMs !== undefined) return input.dropAdditionalSkillsTimeoutMs;
    return given[0] ?? config.dropAdditionalSkillsTimeoutMs ?? null;
}
