/**
 * The simulated contact center behind the preview page: a scenario played on the real
 * SimEngine (through sim/scenario's ScenarioRun), the rep ("you": the scenario's first
 * agent) and everyone else, the scenario's remaining steps on the virtual clock, and a log
 * of what happened. No DOM here: the control pane renders it, the rep's console
 * (consoleMount.ts) plays the rep's part of it into the kit's bridge.
 *
 * Steps and the clock: a step runs when the virtual clock reaches its `at`. Loading plays
 * the steps at 0 s (the scenario's starting state); later ones run when the clock is
 * stepped or running past them, or at once with playNextStep / playAll.
 */
import { SimError, type SimEngine, type SimEvent, type SimSetup } from '../engine/engine';
import type { AgentWork, PresenceConfiguration, WorkFlag } from '../engine/model';
import { demoCase } from '../fakes/demoData';
import { DEFAULT_ORG } from '../scenario/defaultOrg';
import { ScenarioRun, type StepResult } from '../scenario/runner';
import type { Scenario, ScenarioStep } from '../scenario/scenario';
import { describeEvent } from './eventText';

export type PageOrg = Omit<SimSetup, 'agents'>;

/** The virtual clock's start: a Monday, 09:00 UTC (as the scenario runner's). */
export const START_TIME = Date.UTC(2026, 0, 5, 9);
export const SUPERVISOR_ID = '005SM0000009999';
export const CAPACITY_CHOICES = [1, 2, 3, 4, 5, 6, 8, 10] as const;

/**
 * The demo org plus presence configurations like Standard at other capacities, so the
 * control pane can add an agent with any capacity: the engine takes configurations only
 * when it is created (there is no addPresenceConfiguration).
 */
export const PAGE_ORG: PageOrg = (() => {
    const standard = DEFAULT_ORG.configs.find((c) => c.developerName === 'Standard')!;
    const extra: PresenceConfiguration[] = CAPACITY_CHOICES.filter((n) => n !== standard.capacity).map((capacity, i) => ({
        ...standard,
        id: `0NdSM00000001${String(i).padStart(2, '0')}`,
        developerName: `Standard_Capacity_${capacity}`,
        capacity,
        interruptibleCapacity: Math.min(standard.interruptibleCapacity, capacity)
    }));
    return { ...DEFAULT_ORG, configs: [...DEFAULT_ORG.configs, ...extra] };
})();

export interface WorkRow {
    workId: string;
    workItemId: string;
    title: string;
    subtitle: string | null;
    channel: string;
    status: AgentWork['status'];
    flag: WorkFlag | null;
    /** Agents who declined it or let it time out before it reached its holder. */
    declinedBy: string[];
}

export interface AgentRow {
    userId: string;
    name: string;
    isRep: boolean;
    loggedIn: boolean;
    connected: boolean;
    statusId: string | null;
    statusLabel: string;
    configName: string;
    capacity: number;
    workload: number;
    interruptibleCapacity: number;
    interruptibleWorkload: number;
    works: WorkRow[];
}

export interface WaitingRow {
    workItemId: string;
    title: string;
    channel: string;
    queue: string | null;
    preferred: string | null;
    declinedBy: string[];
}

export interface LogEntry {
    seq: number;
    /** Milliseconds since the scenario started. */
    at: number;
    text: string;
    /** PendingServiceRouting changes are many: the log can hide them. */
    isPsr: boolean;
}

export interface NewAgentInput {
    name: string;
    capacity: number;
    /** Status developer name to log in with; null = offline. */
    status: string | null;
    queues: string[];
    skills: Array<{ skill: string; level: number }>;
}

export interface NewWorkInput {
    channel: string;
    /** Queue name (queue-based) or null (skills-based, with routingConfig). */
    queue: string | null;
    routingConfig: string | null;
    skills: Array<{ skill: string; level: number }>;
    preferredAgentId: string | null;
    preferredRequired: boolean;
    title?: string;
    subtitle?: string;
}

const LOG_SIZE = 60;

export class PageWorld {
    readonly run: ScenarioRun;
    readonly engine: SimEngine;
    readonly repId: string;
    readonly log: LogEntry[] = [];
    private readonly names = new Map<string, string>();
    private readonly listeners = new Set<() => void>();
    private notifyQueued = false;
    private seq = 0;
    private nextCase = 1;
    private nextAgent = 101;

    constructor(
        readonly scenario: Scenario,
        readonly org: PageOrg = PAGE_ORG
    ) {
        if (scenario.agents.length === 0)
            throw new SimError('BAD_INPUT', `${scenario.file}: a scenario for the page needs at least one agent`);
        this.run = new ScenarioRun(scenario, org, START_TIME);
        this.engine = this.run.engine;
        for (const [name, id] of this.run.agentIds) this.names.set(id, name);
        this.repId = this.run.agentIds.get(scenario.agents[0].name)!;
        this.engine.on((event) => this.record(event));
        this.note(`Scenario "${scenario.name}" loaded; you are ${this.repName}`);
        // The runner logged the scenario's agents in before anyone could listen: say where they start.
        for (const userId of this.engine.listAgents()) {
            const view = this.engine.agentView(userId);
            const status = view.statusId ? this.engine.getStatus(view.statusId)?.label : null;
            this.note(`${view.name} starts ${status ? `logged in (${status})` : 'offline'}`);
        }
    }

    get repName(): string {
        return this.nameOf(this.repId);
    }

    /** Virtual time since the scenario started, ms. */
    get elapsed(): number {
        return this.engine.now - START_TIME;
    }

    nameOf(userId: string | null): string {
        if (userId === SUPERVISOR_ID) return 'Supervisor';
        return userId === null ? 'nobody' : (this.names.get(userId) ?? userId);
    }

    idOfAgent(name: string): string | undefined {
        for (const [id, n] of this.names) if (n === name) return id;
        return undefined;
    }

    onChange(listener: () => void): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    // ----- scenario steps on the clock

    get results(): readonly StepResult[] {
        return this.run.results;
    }

    get nextStep(): ScenarioStep | null {
        return this.scenario.steps[this.run.results.length] ?? null;
    }

    /** Plays every step due at the current time (at load: the steps at 0 s). */
    playDueSteps(): void {
        this.playUntil(this.engine.now);
        this.changed();
    }

    playNextStep(): StepResult | null {
        const result = this.playStep();
        this.changed();
        return result;
    }

    playAll(): void {
        while (this.playStep());
        this.changed();
    }

    /** Moves the virtual clock forward; steps due on the way run at their own times. */
    advance(ms: number): void {
        const until = this.engine.now + ms;
        this.playUntil(until);
        this.engine.advance(until - this.engine.now);
        this.changed();
    }

    private playUntil(time: number): void {
        for (let step = this.nextStep; step && START_TIME + step.at <= time; step = this.nextStep) this.playStep();
    }

    private playStep(): StepResult | null {
        const result = this.run.step();
        if (result) this.note(`Step ${result.where} (${result.kind}): ${result.ok ? 'ok' : result.message}`);
        return result;
    }

    // ----- the control pane's actions (each throws SimError with a message for the pane)

    addAgent(input: NewAgentInput): string {
        const name = input.name.trim();
        if (!name) throw new SimError('BAD_INPUT', 'an agent needs a name');
        if (this.idOfAgent(name)) throw new SimError('BAD_INPUT', `there is already an agent called ${name}`);
        const config =
            this.org.configs.find((c) => c.developerName === 'Standard' && c.capacity === input.capacity) ??
            this.org.configs.find((c) => c.developerName === `Standard_Capacity_${input.capacity}`);
        if (!config) throw new SimError('BAD_INPUT', `no presence configuration with capacity ${input.capacity}`);
        const queueIds = input.queues.map((q) => {
            const queue = this.org.queues.find((x) => x.name === q);
            if (!queue) throw new SimError('UNKNOWN_QUEUE', `unknown queue ${q}`);
            return queue.id;
        });
        const userId = `005SM${String(this.nextAgent++).padStart(10, '0')}`;
        this.engine.addAgent({ userId, name, configId: config.id, skills: input.skills, queueIds });
        this.names.set(userId, name);
        this.note(`Agent ${name} added (capacity ${config.capacity})`);
        if (input.status) this.engine.login(userId, this.statusId(input.status));
        this.changed();
        return userId;
    }

    addWork(input: NewWorkInput): string {
        let title = input.title?.trim();
        let subtitle = input.subtitle?.trim() || null;
        if (!title) {
            const taken = new Set(this.engine.listWorkItems().map((w) => w.title));
            let demo = demoCase(this.nextCase++);
            while (taken.has(demo.caseNumber)) demo = demoCase(this.nextCase++);
            title = demo.caseNumber;
            subtitle ??= demo.subject;
        }
        const queue = input.queue ? this.org.queues.find((q) => q.name === input.queue) : undefined;
        if (input.queue && !queue) throw new SimError('UNKNOWN_QUEUE', `unknown queue ${input.queue}`);
        const routingConfig = input.routingConfig
            ? this.org.routingConfigs.find((r) => r.developerName === input.routingConfig)
            : undefined;
        if (!queue && input.skills.length === 0)
            throw new SimError('BAD_INPUT', 'work needs a queue, or skills with a routing configuration');
        if (!queue && !routingConfig) throw new SimError('BAD_INPUT', 'skills-based work needs a routing configuration');
        const id = this.engine.addWork({
            channel: input.channel,
            queueId: queue?.id,
            routingConfigId: queue ? undefined : routingConfig?.id,
            skills: input.skills.length ? input.skills.map((s) => ({ ...s, isAdditional: false, dropAfterMs: null })) : undefined,
            preferredUserId: input.preferredAgentId ?? undefined,
            isPreferredUserRequired: input.preferredAgentId ? input.preferredRequired : false,
            title,
            subtitle
        });
        this.note(`Work ${title} added (${input.channel}${queue ? `, queue ${queue.name}` : ', skills-based'})`);
        this.changed();
        return id;
    }

    login(userId: string, statusDeveloperName: string): void {
        this.engine.login(userId, this.statusId(statusDeveloperName));
        this.changed();
    }

    /** A supervisor (or the pane acting for an agent) changes someone's presence status. */
    setStatus(userId: string, statusDeveloperName: string): void {
        const reason = userId === this.repId ? 'OmniSupervisorStatusChange' : 'OmniManualStatusChange';
        this.engine.setStatus(userId, this.statusId(statusDeveloperName), reason);
        this.changed();
    }

    logout(userId: string): void {
        this.engine.logout(userId, userId === this.repId ? 'OmniSupervisorLogout' : null);
        this.changed();
    }

    accept(userId: string, workId: string): void {
        this.engine.accept(userId, workId);
        this.changed();
    }

    decline(userId: string, workId: string, reason: string | null): void {
        this.engine.decline(userId, workId, reason);
        this.changed();
    }

    close(userId: string, workId: string): void {
        this.engine.close(userId, workId);
        this.changed();
    }

    raiseFlag(workId: string, message: string | null): void {
        this.engine.raiseFlag(workId, { userId: SUPERVISOR_ID, role: 'SUPERVISOR' }, message);
        this.changed();
    }

    lowerFlag(workId: string): void {
        this.engine.lowerFlag(workId, { userId: SUPERVISOR_ID, role: 'SUPERVISOR' });
        this.changed();
    }

    transferToQueue(workId: string, queueName: string): void {
        const queue = this.org.queues.find((q) => q.name === queueName);
        if (!queue) throw new SimError('UNKNOWN_QUEUE', `unknown queue ${queueName}`);
        this.engine.transferToQueue(workId, queue.id);
        this.changed();
    }

    transferToAgent(workId: string, userId: string): void {
        this.engine.transferToAgent(workId, userId);
        this.changed();
    }

    connectionError(): void {
        // The panel's alert reads "Omni-Channel lost its connection: <message>. Check your network...".
        this.engine.connectionError(this.repId, 'network unreachable (simulated)');
        this.changed();
    }

    connectionRestored(): void {
        this.engine.connectionRestored(this.repId);
        this.changed();
    }

    duplicateLogin(): void {
        this.engine.duplicateLogin(this.repId);
        this.changed();
    }

    maintenanceLogout(): void {
        this.engine.maintenanceLogout(this.repId);
        this.changed();
    }

    // ----- what the pane shows

    agents(): AgentRow[] {
        const declined = this.declinedByItem();
        return this.engine.listAgents().map((userId) => {
            const view = this.engine.agentView(userId);
            const status = view.statusId ? this.engine.getStatus(view.statusId) : undefined;
            return {
                userId,
                name: view.name,
                isRep: userId === this.repId,
                loggedIn: view.loggedIn,
                connected: view.connected,
                statusId: view.statusId,
                statusLabel: status?.label ?? 'Offline',
                configName: this.engine.configOf(userId).developerName,
                capacity: view.configuredCapacity,
                workload: view.currentWorkload,
                interruptibleCapacity: view.configuredInterruptibleCapacity,
                interruptibleWorkload: view.currentInterruptibleWorkload,
                works: view.works.map((w) => this.workRow(w, declined))
            };
        });
    }

    /** Work items waiting for an agent (new, declined, timed out, transferred). */
    waiting(): WaitingRow[] {
        const declined = this.declinedByItem();
        const psrs = this.engine.listPsrs();
        return this.engine
            .listWorkItems()
            .filter((item) => item.state === 'waiting')
            .map((item) => {
                const psr = psrs.find((p) => p.workItemId === item.id);
                return {
                    workItemId: item.id,
                    title: item.title,
                    channel: this.engine.getChannel(item.channelId)?.developerName ?? item.channelId,
                    queue: psr?.groupId ? (this.org.queues.find((q) => q.id === psr.groupId)?.name ?? null) : null,
                    preferred: psr?.preferredUserId ? this.nameOf(psr.preferredUserId) : null,
                    declinedBy: declined.get(item.id) ?? []
                };
            });
    }

    private workRow(w: AgentWork, declined: Map<string, string[]>): WorkRow {
        const item = this.engine.getWorkItem(w.workItemId);
        return {
            workId: w.id,
            workItemId: w.workItemId,
            title: item?.title ?? w.workItemId,
            subtitle: item?.subtitle ?? null,
            channel: this.engine.getChannel(w.serviceChannelId)?.developerName ?? w.serviceChannelId,
            status: w.status,
            flag: w.flag,
            declinedBy: declined.get(w.workItemId) ?? []
        };
    }

    private declinedByItem(): Map<string, string[]> {
        const out = new Map<string, string[]>();
        for (const w of this.engine.listAgentWorks()) {
            if (w.status !== 'Declined' && w.status !== 'DeclinedOnPushTimeout') continue;
            const names = out.get(w.workItemId) ?? [];
            const name = this.nameOf(w.userId) + (w.status === 'DeclinedOnPushTimeout' ? ' (push time-out)' : '');
            if (!names.includes(name)) names.push(name);
            out.set(w.workItemId, names);
        }
        return out;
    }

    private statusId(developerName: string): string {
        const status = this.org.statuses.find((s) => s.developerName === developerName || s.id === developerName);
        if (!status) throw new SimError('UNKNOWN_STATUS', `unknown presence status ${developerName}`);
        return status.id;
    }

    // ----- log and change notification

    private record(event: SimEvent): void {
        const text = describeEvent(event, {
            agent: (id) => this.nameOf(id),
            work: (itemId) => this.engine.getWorkItem(itemId)?.title ?? itemId,
            status: (id) => this.engine.getStatus(id)?.label ?? id
        });
        if (text) this.note(text, event.type === 'psrChanged');
        this.changed();
    }

    private note(text: string, isPsr = false): void {
        this.seq += 1;
        this.log.push({ seq: this.seq, at: this.elapsed, text, isPsr });
        if (this.log.length > LOG_SIZE) this.log.splice(0, this.log.length - LOG_SIZE);
    }

    /** Listeners hear once per burst of changes (an action emits many engine events). */
    private changed(): void {
        if (this.notifyQueued) return;
        this.notifyQueued = true;
        queueMicrotask(() => {
            this.notifyQueued = false;
            for (const listener of this.listeners) listener();
        });
    }
}
