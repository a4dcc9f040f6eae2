/**
 * Plays a validated scenario on a fresh engine: agents log in, then each step runs at its
 * time on the simulated clock. Every step yields a result; `expect` steps check the
 * simulated org and say what they found when it differs.
 */
import { SimEngine, SimError, type SimSetup } from '../engine/engine';
import type { LogoutReason, PresenceChangeReason, RoutingRule } from '../engine/model';
import { DEFAULT_ORG } from './defaultOrg';
import { loadScenario, type PsrExpectation, type Scenario, type ScenarioAction, type ScenarioStep } from './scenario';
import { orgWithSettings, type KnownOrg } from './settings';

export interface StepResult {
    where: string;
    at: number;
    kind: ScenarioAction['kind'];
    ok: boolean;
    message: string;
}

const SUPERVISOR_ID = '005SM0000009999';
type Org = Omit<SimSetup, 'agents'>;

export function knownNames(org: Org = DEFAULT_ORG): KnownOrg {
    return {
        configValues: org.configs,
        channels: org.channels.map((c) => c.developerName),
        statuses: org.statuses.map((s) => s.developerName),
        queues: org.queues.map((q) => q.name),
        configs: org.configs.map((c) => c.developerName),
        routingConfigs: org.routingConfigs.map((r) => r.developerName)
    };
}

/** Loads a scenario written for the demo org. */
export function loadDefaultScenario(text: string, file: string): Scenario {
    return loadScenario(text, file, knownNames(DEFAULT_ORG));
}

export class ScenarioRun {
    readonly engine: SimEngine;
    readonly agentIds = new Map<string, string>();
    readonly results: StepResult[] = [];
    private readonly workIds = new Map<string, string>();
    /** Every agent session so far (LastDeclinedAgentSession names a session, not a user). */
    private readonly sessionAgents = new Map<string, string>();
    private readonly lastStatusReason = new Map<string, PresenceChangeReason>();
    private readonly lastLogoutReason = new Map<string, LogoutReason>();
    /** The rule of each work item's latest assignment. */
    private readonly lastRule = new Map<string, RoutingRule>();
    private readonly start: number;
    private next = 0;

    /** The org the scenario runs against: the one given, with the scenario's settings. */
    readonly org: Org;

    constructor(
        readonly scenario: Scenario,
        baseOrg: Org = DEFAULT_ORG,
        startTime = Date.UTC(2026, 0, 5, 9)
    ) {
        const org = orgWithSettings(baseOrg, scenario.settings);
        this.org = org;
        const byName = <T extends { developerName?: string; name?: string; id: string }>(list: T[], name: string) =>
            list.find((x) => (x.developerName ?? x.name) === name)!.id;
        const agents = scenario.agents.map((a, i) => {
            const userId = `005SM${String(i + 1).padStart(10, '0')}`;
            this.agentIds.set(a.name, userId);
            return {
                userId,
                name: a.name,
                configId: byName(org.configs, a.config),
                skills: a.skills,
                queueIds: a.queues.map((q) => byName(org.queues, q))
            };
        });
        this.engine = new SimEngine({ ...org, agents }, startTime);
        this.engine.on((event) => {
            if (event.type === 'login') {
                const sessionId = this.engine.agentView(event.userId).sessionId;
                if (sessionId) this.sessionAgents.set(sessionId, event.userId);
            } else if (event.type === 'statusChanged') this.lastStatusReason.set(event.userId, event.reason);
            else if (event.type === 'logout') this.lastLogoutReason.set(event.userId, event.reason);
            else if (event.type === 'workAssigned') this.lastRule.set(event.work.workItemId, event.rule);
        });
        this.start = startTime;
        for (const a of scenario.agents) if (a.status) this.engine.login(this.agentIds.get(a.name)!, this.statusId(a.status));
    }

    get done(): boolean {
        return this.next >= this.scenario.steps.length;
    }

    /** Runs the next step (moving the clock to its time); null when all have run. */
    step(): StepResult | null {
        const step = this.scenario.steps[this.next];
        if (!step) return null;
        this.next += 1;
        const due = this.start + step.at;
        if (due > this.engine.now) this.engine.advance(due - this.engine.now);
        let result: StepResult;
        try {
            const message = this.apply(step.action);
            result = { where: step.where, at: step.at, kind: step.action.kind, ok: message === null, message: message ?? 'ok' };
        } catch (error) {
            if (!(error instanceof SimError)) throw error;
            result = {
                where: step.where,
                at: step.at,
                kind: step.action.kind,
                ok: false,
                message: `${step.action.kind} was refused: ${error.message}`
            };
        }
        this.results.push(result);
        return result;
    }

    runAll(): StepResult[] {
        while (this.step());
        return this.results;
    }

    workItemId(title: string): string | undefined {
        return this.workIds.get(title);
    }

    private statusId(name: string): string {
        return this.org.statuses.find((s) => s.developerName === name)!.id;
    }

    private agentName(userId: string | null): string | null {
        for (const [name, id] of this.agentIds) if (id === userId) return name;
        return userId;
    }

    /**
     * The work item's latest Assigned or Opened AgentWork (of one rep, or Opened only, when
     * asked). An External Routing transfer to a rep leaves two: the first rep's Opened one and
     * the target's Assigned one (see SimEngine.transferToAgent); the latest is the target's.
     */
    private activeWorkOf(
        title: string,
        only: { userId?: string; status?: 'Opened' } = {}
    ): { id: string; userId: string; status: string } | undefined {
        const itemId = this.workIds.get(title);
        return this.engine
            .listAgentWorks()
            .filter(
                (w) =>
                    w.workItemId === itemId &&
                    (w.status === 'Assigned' || w.status === 'Opened') &&
                    (only.userId === undefined || w.userId === only.userId) &&
                    (only.status === undefined || w.status === only.status)
            )
            .at(-1);
    }

    /** Applies one action; returns null when it went as written, else what went differently. */
    private apply(action: ScenarioAction): string | null {
        const e = this.engine;
        const user = (name: string) => this.agentIds.get(name)!;
        const agentsWork = (agent: string, title: string) => {
            const work = this.activeWorkOf(title, { userId: user(agent) }) ?? this.activeWorkOf(title);
            if (!work || work.userId !== user(agent)) {
                throw new SimError(
                    'WRONG_STATE',
                    `${agent} has no work "${title}" (${work ? `it is with ${this.agentName(work.userId)}` : 'it is not assigned to anyone'})`
                );
            }
            return work.id;
        };
        switch (action.kind) {
            case 'addWork': {
                const queue = action.queue === null ? undefined : this.org.queues.find((q) => q.name === action.queue)!.id;
                const routingConfigId =
                    action.routingConfig === null
                        ? undefined
                        : this.org.routingConfigs.find((r) => r.developerName === action.routingConfig)!.id;
                const id = e.addWork({
                    channel: action.channel,
                    queueId: queue,
                    routingConfigId,
                    skills: action.skills.length ? action.skills : undefined,
                    preferredUserId: action.preferredAgent === null ? undefined : user(action.preferredAgent),
                    isPreferredUserRequired: action.preferredRequired,
                    title: action.title,
                    subtitle: action.subtitle
                });
                this.workIds.set(action.title, id);
                return null;
            }
            case 'accept':
                e.accept(user(action.agent), agentsWork(action.agent, action.work));
                return null;
            case 'decline':
                e.decline(user(action.agent), agentsWork(action.agent, action.work), action.reason);
                return null;
            case 'close':
                e.close(user(action.agent), agentsWork(action.agent, action.work));
                return null;
            case 'login':
                e.login(user(action.agent), this.statusId(action.status));
                return null;
            case 'setStatus':
                e.setStatus(
                    user(action.agent),
                    this.statusId(action.status),
                    action.by === 'supervisor' ? 'OmniSupervisorStatusChange' : 'OmniManualStatusChange'
                );
                return null;
            case 'logout':
                e.logout(user(action.agent));
                return null;
            case 'supervisorLogout':
                e.logout(user(action.agent), 'OmniSupervisorLogout');
                return null;
            case 'duplicateLogin':
                e.duplicateLogin(user(action.agent));
                return null;
            case 'maintenanceLogout':
                e.maintenanceLogout(user(action.agent));
                return null;
            case 'connectionError':
                e.connectionError(user(action.agent));
                return null;
            case 'connectionRestored':
                e.connectionRestored(user(action.agent));
                return null;
            case 'raiseFlag':
            case 'lowerFlag': {
                const work = this.activeWorkOf(action.work);
                if (!work) throw new SimError('WRONG_STATE', `work "${action.work}" is not with an agent`);
                const by =
                    action.by === 'supervisor'
                        ? { userId: SUPERVISOR_ID, role: 'SUPERVISOR' as const }
                        : { userId: work.userId, role: 'AGENT' as const };
                if (action.kind === 'raiseFlag') e.raiseFlag(work.id, by, action.message);
                else e.lowerFlag(work.id, by);
                return null;
            }
            case 'transferToQueue': {
                const work = this.activeWorkOf(action.work, { status: 'Opened' }) ?? this.activeWorkOf(action.work);
                if (!work) throw new SimError('WRONG_STATE', `work "${action.work}" is not with an agent`);
                e.transferToQueue(work.id, this.org.queues.find((q) => q.name === action.queue)!.id);
                return null;
            }
            case 'transferToAgent': {
                const work = this.activeWorkOf(action.work, { status: 'Opened' }) ?? this.activeWorkOf(action.work);
                if (!work) throw new SimError('WRONG_STATE', `work "${action.work}" is not with an agent`);
                e.transferToAgent(work.id, user(action.agent));
                return null;
            }
            case 'cancelWork':
                e.cancelWork(this.workIds.get(action.work)!);
                return null;
            case 'insertAgentWork': {
                // What a partner router does (External Routing): insert AgentWork for the PSR.
                const itemId = this.workIds.get(action.work)!;
                const psr = e.listPsrs().find((p) => p.workItemId === itemId);
                if (!psr) throw new SimError('WRONG_STATE', `"${action.work}" has no PendingServiceRouting to route`);
                e.insertAgentWork({
                    pendingServiceRoutingId: psr.id,
                    userId: user(action.agent),
                    serviceChannelId: psr.serviceChannelId,
                    workItemId: itemId,
                    shouldSkipCapacityCheck: action.skipCapacityCheck
                });
                return null;
            }
            case 'expect':
                return this.check(action);
            default:
                return null;
        }
    }

    private check(x: Extract<ScenarioAction, { kind: 'expect' }>): string | null {
        const found: string[] = [];
        if (x.work !== null) {
            const itemId = this.workIds.get(x.work)!;
            const item = this.engine.getWorkItem(itemId)!;
            const holder = this.agentName(this.activeWorkOf(x.work)?.userId ?? null);
            if (x.state !== null && item.state !== x.state) found.push(`"${x.work}" is ${item.state}, expected ${x.state}`);
            if (x.assignedTo !== undefined && holder !== x.assignedTo)
                found.push(`"${x.work}" is with ${holder ?? 'nobody'}, expected ${x.assignedTo ?? 'nobody'}`);
            if (x.declinedBy !== null) {
                const declined = this.engine
                    .listAgentWorks()
                    .some(
                        (w) =>
                            w.workItemId === itemId &&
                            w.userId === this.agentIds.get(x.declinedBy!) &&
                            (w.status === 'Declined' || w.status === 'DeclinedOnPushTimeout')
                    );
                if (!declined) found.push(`"${x.work}" was not declined by ${x.declinedBy}`);
            }
            if (x.workStatus !== null) {
                const latest = this.engine
                    .listAgentWorks()
                    .filter((w) => w.workItemId === itemId)
                    .at(-1);
                if (latest?.status !== x.workStatus)
                    found.push(`"${x.work}"'s latest AgentWork is ${latest ? latest.status : 'missing'}, expected ${x.workStatus}`);
            }
            if (x.psr !== undefined) found.push(...this.checkPsr(x.work, itemId, x.psr));
            if (x.rule !== null && this.lastRule.get(itemId) !== x.rule)
                found.push(
                    `"${x.work}" was last assigned by ${this.lastRule.get(itemId) ?? 'no rule (never assigned)'}, expected ${x.rule}`
                );
        }
        if (x.agent !== null) {
            const view = this.engine.agentView(this.agentIds.get(x.agent)!);
            if (x.workload !== null && view.currentWorkload !== x.workload)
                found.push(`${x.agent}'s workload is ${view.currentWorkload}, expected ${x.workload}`);
            if (x.interruptibleWorkload !== null && view.currentInterruptibleWorkload !== x.interruptibleWorkload)
                found.push(
                    `${x.agent}'s interruptible workload is ${view.currentInterruptibleWorkload}, expected ${x.interruptibleWorkload}`
                );
            const status = view.statusId ? this.org.statuses.find((s) => s.id === view.statusId)!.developerName : null;
            if (x.status !== null && status !== x.status) found.push(`${x.agent}'s status is ${status ?? 'offline'}, expected ${x.status}`);
            if (x.loggedIn !== null && view.loggedIn !== x.loggedIn)
                found.push(`${x.agent} is ${view.loggedIn ? 'online' : 'offline'}, expected ${x.loggedIn ? 'online' : 'offline'}`);
            const userId = this.agentIds.get(x.agent)!;
            if (x.statusReason !== null && this.lastStatusReason.get(userId) !== x.statusReason)
                found.push(
                    `${x.agent}'s last status change was ${this.lastStatusReason.get(userId) ?? 'none'}, expected ${x.statusReason}`
                );
            if (x.logoutReason !== undefined) {
                const reason = this.lastLogoutReason.get(userId);
                const said = (r: LogoutReason | undefined) =>
                    r === undefined ? 'never logged out' : r === null ? 'logged out without a reason' : `logged out with ${r}`;
                if (reason !== x.logoutReason) found.push(`${x.agent} ${said(reason)}, expected ${said(x.logoutReason)}`);
            }
        }
        return found.length ? found.join('; ') : null;
    }

    private checkPsr(title: string, itemId: string, expected: PsrExpectation | null): string[] {
        const psr = this.engine.listPsrs().find((p) => p.workItemId === itemId);
        if (expected === null) return psr ? [`"${title}" still has a PendingServiceRouting, expected none`] : [];
        if (!psr) return [`"${title}" has no PendingServiceRouting`];
        const found: string[] = [];
        if (expected.isPushed !== null && psr.isPushed !== expected.isPushed)
            found.push(`"${title}"'s PSR has IsPushed ${psr.isPushed}, expected ${expected.isPushed}`);
        if (expected.isTransfer !== null && psr.isTransfer !== expected.isTransfer)
            found.push(`"${title}"'s PSR has IsTransfer ${psr.isTransfer}, expected ${expected.isTransfer}`);
        if (expected.lastDeclinedBy !== undefined) {
            const session = psr.lastDeclinedAgentSession;
            const by = session === null ? null : (this.agentName(this.sessionAgents.get(session) ?? null) ?? `session ${session}`);
            if (by !== expected.lastDeclinedBy)
                found.push(
                    `"${title}"'s PSR has LastDeclinedAgentSession of ${by ?? 'nobody'}, expected ${expected.lastDeclinedBy ?? 'nobody'}`
                );
        }
        return found;
    }
}

export type { Scenario, ScenarioStep };
