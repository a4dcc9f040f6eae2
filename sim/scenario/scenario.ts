/**
 * Scenario files (JSON or YAML, same shape) describe a simulated contact center and what
 * happens in it, step by step on the simulated clock. Loading validates everything
 * first: a bad file is refused with every problem named by file, line and path, so the
 * page never half-loads a scenario.
 *
 *   name: Decline with reroute
 *   agents:
 *     - { name: Ann, status: Available, queues: [Cases] }
 *   steps:
 *     - { at: 0s, addWork: { title: "00001026", channel: Cases, queue: Cases } }
 *     - { at: 5s, decline: { agent: Ann, work: "00001026", reason: Wrong skill } }
 *     - { expect: { work: "00001026", state: waiting } }
 *
 * The full format is in docs/scenarios.md.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { AgentWorkStatus, LogoutReason, PresenceChangeReason, RoutingRule, SkillRequirement } from '../engine/model';
import { readSettings, type KnownOrg, type ScenarioSettings } from './settings';

export interface ScenarioAgent {
    name: string;
    config: string;
    queues: string[];
    skills: Array<{ skill: string; level: number }>;
    /** Status to log in with at the start; null = offline. */
    status: string | null;
}

type Actor = { agent: string };
type WorkRef = { work: string };

export type ScenarioAction =
    | {
          kind: 'addWork';
          title: string;
          subtitle: string | null;
          channel: string;
          queue: string | null;
          routingConfig: string | null;
          skills: SkillRequirement[];
          preferredAgent: string | null;
          preferredRequired: boolean;
      }
    | ({ kind: 'accept' | 'close' } & Actor & WorkRef)
    | ({ kind: 'decline'; reason: string | null } & Actor & WorkRef)
    | ({ kind: 'login' | 'setStatus'; status: string; by: 'agent' | 'supervisor' } & Actor)
    | ({ kind: 'logout' | 'connectionError' | 'connectionRestored' | 'duplicateLogin' | 'maintenanceLogout' | 'supervisorLogout' } & Actor)
    | ({ kind: 'raiseFlag'; by: 'agent' | 'supervisor'; message: string | null } & WorkRef)
    | ({ kind: 'lowerFlag'; by: 'agent' | 'supervisor' } & WorkRef)
    | ({ kind: 'transferToQueue'; queue: string } & WorkRef)
    | ({ kind: 'transferToAgent'; agent: string } & WorkRef)
    | ({ kind: 'cancelWork' } & WorkRef)
    | ({ kind: 'insertAgentWork'; agent: string; skipCapacityCheck: boolean } & WorkRef)
    | {
          kind: 'expect';
          work: string | null;
          state: string | null;
          assignedTo: string | null | undefined;
          /** Status of the work's latest AgentWork. */
          workStatus: AgentWorkStatus | null;
          /** The work's PendingServiceRouting: undefined = not checked, null = there is none. */
          psr: PsrExpectation | null | undefined;
          /** The rule that picked the rep of the work's latest assignment (the event log's words). */
          rule: RoutingRule | null;
          agent: string | null;
          workload: number | null;
          interruptibleWorkload: number | null;
          status: string | null;
          loggedIn: boolean | null;
          declinedBy: string | null;
          /** Reason of the agent's latest status change. */
          statusReason: PresenceChangeReason | null;
          /** Reason of the agent's latest logout: undefined = not checked, null = logged out without one. */
          logoutReason: Exclude<LogoutReason, null> | null | undefined;
      };

export interface PsrExpectation {
    isPushed: boolean | null;
    isTransfer: boolean | null;
    /** The agent whose session is LastDeclinedAgentSession: undefined = not checked, null = none. */
    lastDeclinedBy: string | null | undefined;
}

export interface ScenarioStep {
    /** Milliseconds from the start of the scenario. */
    at: number;
    action: ScenarioAction;
    /** Where the step is in the file, for messages ("steps[3]" and its line). */
    where: string;
}

export interface Scenario {
    file: string;
    name: string;
    description: string;
    agents: ScenarioAgent[];
    steps: ScenarioStep[];
    /** Presence configurations, channel and routing configuration settings the scenario chooses (settings.ts). */
    settings: ScenarioSettings;
}

export interface ScenarioProblem {
    file: string;
    line: number | null;
    column: number | null;
    path: string;
    message: string;
}

export class ScenarioError extends Error {
    constructor(readonly problems: ScenarioProblem[]) {
        super(problems.map(formatProblem).join('\n'));
        this.name = 'ScenarioError';
    }
}

export function formatProblem(p: ScenarioProblem): string {
    const where = p.line === null ? p.file : `${p.file}:${p.line}:${p.column}`;
    return `${where}: ${p.path ? p.path + ': ' : ''}${p.message}`;
}

const STATES = ['waiting', 'assigned', 'opened', 'closed', 'canceled'];
const WORK_STATUSES: AgentWorkStatus[] = [
    'Assigned',
    'Opened',
    'Declined',
    'DeclinedOnPushTimeout',
    'Closed',
    'Canceled',
    'Transferred',
    'Unavailable'
];
const STATUS_REASONS: PresenceChangeReason[] = [
    'OmniToolkitStatusChange',
    'OmniPushTimeout',
    'OmniDeclineWork',
    'OmniManualStatusChange',
    'OmniSupervisorStatusChange',
    'OmniLoginStatusChange'
];
const RULES: RoutingRule[] = [
    'only eligible rep',
    'most available',
    'least active',
    'tie: longest since last work',
    'tie: user id',
    'preferred rep',
    'external router',
    'transfer to rep'
];
const LOGOUT_REASONS: Array<Exclude<LogoutReason, null>> = [
    'DuplicateLogin',
    'DuplicateLoginInSameBrowser',
    'MaintenanceLogout',
    'OmniSupervisorLogout'
];
const ACTIONS = [
    'addWork',
    'accept',
    'decline',
    'close',
    'login',
    'setStatus',
    'logout',
    'connectionError',
    'connectionRestored',
    'duplicateLogin',
    'maintenanceLogout',
    'supervisorLogout',
    'raiseFlag',
    'lowerFlag',
    'transferToQueue',
    'transferToAgent',
    'cancelWork',
    'insertAgentWork',
    'expect'
];

type Path = Array<string | number>;

/** Reads "30s", "2m", "500ms", "1h" or a number of milliseconds. */
export function parseDuration(value: unknown): number | null {
    if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
    if (typeof value !== 'string') return null;
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
    if (!match) return null;
    const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 'ms'] as number;
    return Number(match[1]) * factor;
}

/** Small typed readers that report problems instead of throwing, so all are listed at once. */
class Reader {
    constructor(private readonly fail: (path: Path, message: string) => void) {}

    text(obj: Record<string, unknown>, path: Path, required: boolean): string | null {
        const value = obj[path[path.length - 1] as string];
        if (value === undefined || value === null) {
            if (required) this.fail(path, 'is required');
            return null;
        }
        if (typeof value === 'number') return String(value);
        if (typeof value !== 'string' || value.trim() === '') {
            this.fail(path, `should be text, got ${JSON.stringify(value)}`);
            return null;
        }
        return value;
    }

    list(obj: Record<string, unknown>, path: Path, required: boolean): unknown[] {
        const value = obj[path[path.length - 1] as string];
        if (value === undefined) {
            if (required) this.fail(path, 'is required (a list)');
            return [];
        }
        if (!Array.isArray(value)) {
            this.fail(path, 'should be a list');
            return [];
        }
        return value;
    }

    object(value: unknown, path: Path): Record<string, unknown> | null {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
            this.fail(path, 'should be an object');
            return null;
        }
        return value as Record<string, unknown>;
    }

    onlyKeys(obj: Record<string, unknown>, path: Path, allowed: string[]): void {
        for (const key of Object.keys(obj))
            if (!allowed.includes(key)) this.fail([...path, key], `unknown field (allowed: ${allowed.join(', ')})`);
    }
}

/** Parses and validates a scenario; throws ScenarioError listing every problem. */
export function loadScenario(text: string, file: string, knownOrg: KnownOrg): Scenario {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
    const problems: ScenarioProblem[] = [];
    for (const error of doc.errors) {
        const pos = error.linePos?.[0];
        problems.push({
            file,
            line: pos?.line ?? null,
            column: pos?.col ?? null,
            path: '',
            message: `not valid JSON or YAML: ${error.message.split('\n')[0]}`
        });
    }
    if (problems.length) throw new ScenarioError(problems);

    const at = (path: Path): { line: number | null; column: number | null } => {
        for (let depth = path.length; depth >= 0; depth--) {
            const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
            if (node && node.range) {
                const pos = lineCounter.linePos(node.range[0]);
                return { line: pos.line, column: pos.col };
            }
        }
        return { line: null, column: null };
    };
    const pathText = (path: Path) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
    const fail = (path: Path, message: string) => problems.push({ file, ...at(path), path: pathText(path), message });

    const root = doc.toJS() as unknown;
    if (root === null || typeof root !== 'object' || Array.isArray(root)) {
        throw new ScenarioError([{ file, line: 1, column: 1, path: '', message: 'a scenario is an object with name, agents and steps' }]);
    }
    const data = root as Record<string, unknown>;
    const r = new Reader(fail);

    const name = r.text(data, ['name'], true) ?? '';
    const description = r.text(data, ['description'], false) ?? '';
    r.onlyKeys(data, [], ['name', 'description', 'presenceConfigs', 'channels', 'routingConfigs', 'agents', 'steps']);
    const { settings, configNames } = readSettings(data, knownOrg, fail, parseDuration);
    const known = { ...knownOrg, configs: configNames };

    const agents: ScenarioAgent[] = [];
    const agentNames = new Set<string>();
    r.list(data, ['agents'], true).forEach((entry, i) => {
        const path: Path = ['agents', i];
        const a = r.object(entry, path);
        if (!a) return;
        r.onlyKeys(a, path, ['name', 'config', 'queues', 'skills', 'status']);
        const agentName = r.text(a, [...path, 'name'], true);
        if (agentName && agentNames.has(agentName)) fail([...path, 'name'], `two agents are called "${agentName}"`);
        if (agentName) agentNames.add(agentName);
        const config = r.text(a, [...path, 'config'], false) ?? 'Standard';
        if (!known.configs.includes(config))
            fail([...path, 'config'], `unknown presence configuration "${config}" (known: ${known.configs.join(', ')})`);
        const queues = r.list(a, [...path, 'queues'], false).map((q, j) => {
            const queue = typeof q === 'string' ? q : '';
            if (!known.queues.includes(queue))
                fail([...path, 'queues', j], `unknown queue ${JSON.stringify(q)} (known: ${known.queues.join(', ')})`);
            return queue;
        });
        const skillsValue = a.skills;
        const skills: Array<{ skill: string; level: number }> = [];
        if (skillsValue !== undefined) {
            if (skillsValue === null || typeof skillsValue !== 'object' || Array.isArray(skillsValue))
                fail([...path, 'skills'], 'skills is a map of skill name to level, e.g. { French: 5 }');
            else
                for (const [skill, level] of Object.entries(skillsValue)) {
                    if (typeof level !== 'number' || level < 0) fail([...path, 'skills', skill], 'a skill level is a number, 0 or more');
                    else skills.push({ skill, level });
                }
        }
        const status = r.text(a, [...path, 'status'], false);
        if (status !== null && !known.statuses.includes(status))
            fail([...path, 'status'], `unknown presence status "${status}" (known: ${known.statuses.join(', ')})`);
        agents.push({ name: agentName ?? '', config, queues, skills, status });
    });

    const titles = new Set<string>();
    const steps: ScenarioStep[] = [];
    let clock = 0;
    r.list(data, ['steps'], true).forEach((entry, i) => {
        const path: Path = ['steps', i];
        const s = r.object(entry, path);
        if (!s) return;
        const actionKeys = Object.keys(s).filter((k) => k !== 'at');
        if (actionKeys.length !== 1 || !ACTIONS.includes(actionKeys[0])) {
            fail(path, `a step has "at" and exactly one action (${ACTIONS.join(', ')}); found ${actionKeys.join(', ') || 'none'}`);
            return;
        }
        if (s.at !== undefined) {
            const time = parseDuration(s.at);
            if (time === null)
                fail([...path, 'at'], `"at" is a time such as 30s, 2m, 500ms or a number of ms; got ${JSON.stringify(s.at)}`);
            else if (time < clock) fail([...path, 'at'], `steps run in time order: ${JSON.stringify(s.at)} is before the previous step`);
            else clock = time;
        }
        const kind = actionKeys[0];
        const body = r.object(s[kind], [...path, kind]);
        if (!body) return;
        const action = readAction(kind, body, [...path, kind], r, { agentNames, titles, known, fail });
        if (action) steps.push({ at: clock, action, where: pathText(path) });
    });

    if (problems.length)
        throw new ScenarioError(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)));
    return { file, name, description, agents, steps, settings };
}

interface Context {
    agentNames: Set<string>;
    titles: Set<string>;
    known: { channels: string[]; statuses: string[]; queues: string[]; configs: string[]; routingConfigs: string[] };
    fail: (path: Path, message: string) => void;
}

function readAction(kind: string, b: Record<string, unknown>, path: Path, r: Reader, c: Context): ScenarioAction | null {
    const agent = (key = 'agent', required = true) => {
        const name = r.text(b, [...path, key], required);
        if (name !== null && !c.agentNames.has(name)) c.fail([...path, key], `no agent called "${name}" in agents`);
        return name ?? '';
    };
    const work = () => {
        const title = r.text(b, [...path, 'work'], true);
        if (title !== null && !c.titles.has(title)) c.fail([...path, 'work'], `no earlier addWork has the title "${title}"`);
        return title ?? '';
    };
    const by = () => {
        const value = r.text(b, [...path, 'by'], false) ?? 'agent';
        if (value !== 'agent' && value !== 'supervisor') c.fail([...path, 'by'], '"by" is agent or supervisor');
        return value as 'agent' | 'supervisor';
    };
    const status = () => {
        const value = r.text(b, [...path, 'status'], true) ?? '';
        if (value && !c.known.statuses.includes(value))
            c.fail([...path, 'status'], `unknown presence status "${value}" (known: ${c.known.statuses.join(', ')})`);
        return value;
    };
    const known = (key: string, list: string[], what: string, required: boolean) => {
        const value = r.text(b, [...path, key], required);
        if (value !== null && !list.includes(value)) c.fail([...path, key], `unknown ${what} "${value}" (known: ${list.join(', ')})`);
        return value;
    };

    switch (kind) {
        case 'addWork': {
            r.onlyKeys(b, path, [
                'title',
                'subtitle',
                'channel',
                'queue',
                'routingConfig',
                'skills',
                'preferredAgent',
                'preferredRequired'
            ]);
            const title = r.text(b, [...path, 'title'], true) ?? '';
            if (c.titles.has(title)) c.fail([...path, 'title'], `two works are titled "${title}"; titles name works in later steps`);
            c.titles.add(title);
            const queue = known('queue', c.known.queues, 'queue', false);
            const routingConfig = known('routingConfig', c.known.routingConfigs, 'routing configuration', false);
            const skills = r.list(b, [...path, 'skills'], false).map((entry, j) => {
                const sp: Path = [...path, 'skills', j];
                const s = r.object(entry, sp) ?? {};
                const level = s.level;
                if (typeof level !== 'number' || level < 0) c.fail([...sp, 'level'], 'a skill level is a number, 0 or more');
                const dropAfter = s.dropAfter === undefined ? null : parseDuration(s.dropAfter);
                if (s.dropAfter !== undefined && dropAfter === null) c.fail([...sp, 'dropAfter'], 'dropAfter is a time such as 30s');
                return {
                    skill: r.text(s, [...sp, 'skill'], true) ?? '',
                    level: Number(level),
                    isAdditional: s.additional === true,
                    dropAfterMs: dropAfter
                };
            });
            // Additional skills are dropped together (one DropAdditionalSkillsTimeout per PSR, see engine.ts dropTimeoutOf).
            let dropTimeout: number | null = null;
            skills.forEach((s, j) => {
                if (s.dropAfterMs === null) return;
                if (!s.isAdditional)
                    c.fail([...path, 'skills', j, 'dropAfter'], 'only an additional skill is dropped (add additional: true)');
                else if (dropTimeout !== null && dropTimeout !== s.dropAfterMs)
                    c.fail(
                        [...path, 'skills', j, 'dropAfter'],
                        'additional skills are dropped together: give every additional skill the same dropAfter'
                    );
                else dropTimeout = s.dropAfterMs;
            });
            if (queue === null && skills.length === 0 && routingConfig === null)
                c.fail(path, 'addWork needs a queue, or skills with a routingConfig');
            const preferredAgent = b.preferredAgent === undefined ? null : agent('preferredAgent');
            return {
                kind,
                title,
                subtitle: r.text(b, [...path, 'subtitle'], false),
                channel: known('channel', c.known.channels, 'service channel', true) ?? '',
                queue,
                routingConfig,
                skills,
                preferredAgent,
                preferredRequired: b.preferredRequired === true
            };
        }
        case 'accept':
        case 'close':
            r.onlyKeys(b, path, ['agent', 'work']);
            return { kind, agent: agent(), work: work() };
        case 'decline':
            r.onlyKeys(b, path, ['agent', 'work', 'reason']);
            return { kind, agent: agent(), work: work(), reason: r.text(b, [...path, 'reason'], false) };
        case 'login':
        case 'setStatus':
            r.onlyKeys(b, path, ['agent', 'status', 'by']);
            return { kind, agent: agent(), status: status(), by: by() };
        case 'raiseFlag':
            r.onlyKeys(b, path, ['work', 'by', 'message']);
            return { kind, work: work(), by: by(), message: r.text(b, [...path, 'message'], false) };
        case 'lowerFlag':
            r.onlyKeys(b, path, ['work', 'by']);
            return { kind, work: work(), by: by() };
        case 'transferToQueue':
            r.onlyKeys(b, path, ['work', 'queue']);
            return { kind, work: work(), queue: known('queue', c.known.queues, 'queue', true) ?? '' };
        case 'transferToAgent':
            r.onlyKeys(b, path, ['work', 'agent']);
            return { kind, work: work(), agent: agent() };
        case 'cancelWork':
            r.onlyKeys(b, path, ['work']);
            return { kind, work: work() };
        case 'insertAgentWork': {
            r.onlyKeys(b, path, ['work', 'agent', 'skipCapacityCheck']);
            const skip = b.skipCapacityCheck;
            if (skip !== undefined && typeof skip !== 'boolean')
                c.fail([...path, 'skipCapacityCheck'], 'skipCapacityCheck is true or false');
            return { kind, work: work(), agent: agent(), skipCapacityCheck: skip === true };
        }
        case 'expect': {
            r.onlyKeys(b, path, [
                'work',
                'state',
                'assignedTo',
                'declinedBy',
                'workStatus',
                'psr',
                'rule',
                'agent',
                'workload',
                'interruptibleWorkload',
                'status',
                'loggedIn',
                'statusReason',
                'logoutReason'
            ]);
            const state = r.text(b, [...path, 'state'], false);
            if (state !== null && !STATES.includes(state)) c.fail([...path, 'state'], `state is one of ${STATES.join(', ')}`);
            const oneOf = <T extends string>(key: string, list: readonly T[]): T | null => {
                const value = r.text(b, [...path, key], false);
                if (value !== null && !list.includes(value as T)) c.fail([...path, key], `${key} is one of ${list.join(', ')}`);
                return value as T | null;
            };
            const workStatus = oneOf('workStatus', WORK_STATUSES);
            const statusReason = oneOf('statusReason', STATUS_REASONS);
            const rule = oneOf('rule', RULES);
            const logoutReason =
                b.logoutReason === undefined ? undefined : b.logoutReason === null ? null : oneOf('logoutReason', LOGOUT_REASONS);
            const psr = b.psr === undefined ? undefined : b.psr === null ? null : readPsrExpectation(b.psr, [...path, 'psr'], r, c);
            const needs = (key: string, what: 'work' | 'agent') => {
                if (b[key] !== undefined && b[what] === undefined) c.fail([...path, key], `${key} needs the ${what} it is about`);
            };
            for (const key of ['state', 'assignedTo', 'declinedBy', 'workStatus', 'psr', 'rule']) needs(key, 'work');
            for (const key of ['workload', 'interruptibleWorkload', 'status', 'loggedIn', 'statusReason', 'logoutReason'])
                needs(key, 'agent');
            const number = (key: string) =>
                b[key] === undefined ? null : typeof b[key] === 'number' ? b[key] : (c.fail([...path, key], `${key} is a number`), null);
            const workload = number('workload');
            const interruptibleWorkload = number('interruptibleWorkload');
            const loggedIn =
                b.loggedIn === undefined
                    ? null
                    : typeof b.loggedIn === 'boolean'
                      ? b.loggedIn
                      : (c.fail([...path, 'loggedIn'], 'loggedIn is true or false'), null);
            return {
                kind,
                work: b.work === undefined ? null : work(),
                state,
                assignedTo: b.assignedTo === undefined ? undefined : b.assignedTo === null ? null : agent('assignedTo'),
                declinedBy: b.declinedBy === undefined ? null : agent('declinedBy'),
                workStatus,
                psr,
                rule,
                agent: b.agent === undefined ? null : agent(),
                workload,
                interruptibleWorkload,
                status: b.status === undefined ? null : status(),
                loggedIn,
                statusReason,
                logoutReason
            };
        }
        default:
            r.onlyKeys(b, path, ['agent']);
            return { kind: kind as 'logout', agent: agent() };
    }
}

function readPsrExpectation(value: unknown, path: Path, r: Reader, c: Context): PsrExpectation | null {
    const p = r.object(value, path);
    if (!p) return null;
    r.onlyKeys(p, path, ['isPushed', 'isTransfer', 'lastDeclinedBy']);
    const flag = (key: 'isPushed' | 'isTransfer') => {
        if (p[key] === undefined) return null;
        if (typeof p[key] === 'boolean') return p[key] as boolean;
        c.fail([...path, key], `${key} is true or false`);
        return null;
    };
    let lastDeclinedBy: string | null | undefined;
    if (p.lastDeclinedBy === null) lastDeclinedBy = null;
    else if (p.lastDeclinedBy !== undefined) {
        lastDeclinedBy = r.text(p, [...path, 'lastDeclinedBy'], true) ?? '';
        if (lastDeclinedBy && !c.agentNames.has(lastDeclinedBy))
            c.fail([...path, 'lastDeclinedBy'], `no agent called "${lastDeclinedBy}" in agents`);
    }
    return { isPushed: flag('isPushed'), isTransfer: flag('isTransfer'), lastDeclinedBy };
}
