/**
 * Pure functions from what OmniTeamController returned to what the supervisor view shows:
 * the queue filter, the picker, the summary, the backlog and one row per agent. No DOM, no
 * Apex: the panel's tests call these directly.
 *
 * Times: Apex stamps each answer with its own clock (asOf). The panel remembers how far the
 * browser's clock is from it (clockOffset) so that "waiting for 2:05" is right even when the
 * two clocks disagree, and ticks every second from the last data without asking Apex again.
 */
import { LABELS, formatDuration, formatLabel } from 'c/omniPanelLabels';
import type { AgentState, QueueOption, QueueState, SortKey, TeamState, WorkState } from './teamTypes';

export interface Option {
    label: string;
    value: string;
}

export interface BacklogRow {
    queueId: string;
    name: string;
    text: string;
    hasWaiting: boolean;
}

export interface WorkRowView {
    workId: string;
    title: string;
    channelLabel: string;
    /** What stands between the title and the time ("· Cases ·" in English), from the Joined label. */
    channelText: string;
    isWaiting: boolean;
    timeText: string;
    className: string;
}

export interface AgentRowView {
    userId: string;
    name: string;
    statusText: string;
    isOnline: boolean;
    hasCapacity: boolean;
    loadText: string;
    loadLabel: string;
    capacity: number;
    used: number;
    atCapacity: boolean;
    barClass: string;
    barStyle: string;
    works: WorkRowView[];
    hasWorks: boolean;
    worksLabel: string;
    className: string;
}

export interface TeamView {
    summaryText: string;
    backlog: BacklogRow[];
    agents: AgentRowView[];
}

export const SORT_KEYS: readonly SortKey[] = ['load', 'name', 'waiting'];

// ----- queue filter and picker

/** The design attribute "queue filter": comma-separated developer names or ids. */
export function parseQueueFilter(text: string | null | undefined): string[] {
    return (text ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry, index, all) => entry !== '' && all.indexOf(entry) === index);
}

const looksLikeId = (entry: string) => /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(entry) && entry.startsWith('00G');

/**
 * The queues a filter names, among those the supervisor may pick, and the entries that
 * matched none (shown, so a typo in App Builder is visible). Ids match on their first 15
 * characters (case-sensitive, as Salesforce ids are); developer names ignore case.
 */
export function resolveQueueFilter(
    entries: readonly string[],
    queues: readonly QueueOption[]
): { queues: QueueOption[]; unknown: string[] } {
    const found: QueueOption[] = [];
    const unknown: string[] = [];
    for (const entry of entries) {
        const match = looksLikeId(entry)
            ? queues.find((q) => q.queueId.slice(0, 15) === entry.slice(0, 15))
            : queues.find((q) => q.developerName.toLowerCase() === entry.toLowerCase());
        if (!match) unknown.push(entry);
        else if (!found.includes(match)) found.push(match);
    }
    return { queues: found, unknown };
}

/** Picker options: "all" (the filter's queues, or the supervisor's own) first, then each queue. */
export function queueOptions(queues: readonly QueueOption[]): Option[] {
    return [{ label: LABELS.TeamAllQueues, value: '' }, ...queues.map((q) => ({ label: q.name, value: q.queueId }))];
}

/**
 * The ids to ask Apex for. "All" with a filter: the filter's queues; "all" without one: an
 * empty list, which Apex reads as the queues the supervisor is a member of.
 */
export function queueIdsFor(selected: string, filtered: readonly QueueOption[] | null): string[] {
    if (selected) return [selected];
    return filtered ? filtered.map((q) => q.queueId) : [];
}

export function sortOptions(): Option[] {
    return [
        { label: LABELS.TeamSortLoad, value: 'load' },
        { label: LABELS.TeamSortName, value: 'name' },
        { label: LABELS.TeamSortWaiting, value: 'waiting' }
    ];
}

// ----- time

/** Browser clock minus Apex's clock when the answer arrived (0 when asOf is missing or bad). */
export function clockOffset(asOf: string | null | undefined, receivedAt: number): number {
    const server = asOf ? Date.parse(asOf) : NaN;
    return Number.isNaN(server) ? 0 : receivedAt - server;
}

/** How long ago a server time was, on the browser's clock; null when the time is unknown. */
export function ageOf(time: string | null | undefined, now: number, offset: number): number | null {
    const at = time ? Date.parse(time) : NaN;
    return Number.isNaN(at) ? null : Math.max(0, now - (at + offset));
}

function since(template: string, time: string | null, now: number, offset: number): string | null {
    const age = ageOf(time, now, offset);
    return age === null ? null : formatLabel(template, formatDuration(age));
}

// ----- rows

/** 2 -> "2", 2.5 -> "2.5", 1.3333 -> "1.3": capacity in the units an admin configured. */
export function formatUnits(value: number): string {
    return String(Math.round(value * 10) / 10);
}

export function buildWorkRow(work: WorkState, now: number, offset: number): WorkRowView {
    const isWaiting = work.status === 'Assigned';
    const timeText = isWaiting
        ? since(LABELS.TeamWorkWaiting, work.assignedDateTime, now, offset)
        : (since(LABELS.TeamWorkAccepted, work.acceptDateTime, now, offset) ??
          since(LABELS.TeamWorkAssigned, work.assignedDateTime, now, offset));
    const channelLabel = work.channelLabel ?? work.channelDeveloperName ?? '';
    return {
        workId: work.workId,
        title: work.workItemName ?? work.workItemId,
        channelLabel,
        channelText: formatLabel(LABELS.Joined, formatLabel(LABELS.Joined, '', channelLabel), '').trim(),
        isWaiting,
        timeText: timeText ?? '',
        className: isWaiting ? 'omni-team__work omni-team__work_waiting' : 'omni-team__work'
    };
}

function statusText(agent: AgentState, now: number, offset: number): string {
    if (!agent.isOnline) return LABELS.TeamOffline;
    const label = agent.statusLabel ?? agent.statusDeveloperName ?? '';
    const name = agent.isAway ? `${label} (${LABELS.TeamAway})` : label;
    const age = ageOf(agent.statusStartDate, now, offset);
    return age === null ? name : formatLabel(LABELS.TeamStatusFor, name, formatDuration(age));
}

export function buildAgentRow(agent: AgentState, now: number, offset: number): AgentRowView {
    const capacity = agent.configuredCapacity ?? 0;
    const hasCapacity = agent.isOnline && capacity > 0;
    const percent = hasCapacity ? Math.min(100, agent.loadPercent ?? Math.round((agent.load / capacity) * 100)) : 0;
    const works = agent.works.map((work) => buildWorkRow(work, now, offset));
    let loadText: string;
    if (hasCapacity) loadText = formatLabel(LABELS.TeamLoadUsed, formatUnits(agent.load), formatUnits(capacity));
    else loadText = agent.works.length > 0 ? formatLabel(LABELS.TeamLoadUnknown, formatUnits(agent.load)) : '';
    return {
        userId: agent.userId,
        name: agent.name,
        statusText: statusText(agent, now, offset),
        isOnline: agent.isOnline,
        hasCapacity,
        loadText,
        loadLabel: formatLabel(LABELS.TeamLoadOf, agent.name),
        capacity,
        used: agent.load,
        atCapacity: agent.atCapacity,
        barClass: agent.atCapacity ? 'slds-progress-bar__value omni-team__bar_full' : 'slds-progress-bar__value',
        barStyle: `width: ${percent}%`,
        works,
        hasWorks: works.length > 0,
        worksLabel: formatLabel(LABELS.TeamWorksOf, agent.name),
        className: agent.isOnline ? 'slds-item omni-team__agent' : 'slds-item omni-team__agent omni-team__agent_offline'
    };
}

export function buildBacklogRow(queue: QueueState, now: number, offset: number): BacklogRow {
    const age = ageOf(queue.oldestWaitingSince, now, offset);
    const hasWaiting = queue.waitingCount > 0;
    return {
        queueId: queue.queueId,
        name: queue.name,
        hasWaiting,
        text: hasWaiting
            ? formatLabel(LABELS.TeamQueueWaiting, queue.waitingCount, age === null ? '?' : formatDuration(age))
            : LABELS.TeamQueueNothing
    };
}

// ----- sorting

const byName = (a: AgentState, b: AgentState) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId);

function loadRank(agent: AgentState): number {
    // Online agents by share of capacity; offline agents (no capacity) after everyone online.
    if (!agent.isOnline) return -1;
    return agent.loadPercent ?? 0;
}

function oldestAssigned(agent: AgentState): number {
    const at = agent.oldestAssignedSince ? Date.parse(agent.oldestAssignedSince) : NaN;
    return Number.isNaN(at) ? Number.POSITIVE_INFINITY : at;
}

/** A new array: by load (fullest first), by name, or by the longest a work has waited to be accepted. */
export function sortAgents(agents: readonly AgentState[], key: SortKey): AgentState[] {
    const compare: Record<SortKey, (a: AgentState, b: AgentState) => number> = {
        load: (a, b) => loadRank(b) - loadRank(a) || b.load - a.load || byName(a, b),
        name: byName,
        waiting: (a, b) => {
            const diff = oldestAssigned(a) - oldestAssigned(b);
            return (Number.isNaN(diff) ? 0 : diff) || byName(a, b);
        }
    };
    return [...agents].sort(compare[key]);
}

export function buildTeamView(state: TeamState, key: SortKey, now: number, offset: number): TeamView {
    return {
        summaryText: formatLabel(LABELS.TeamSummary, state.agentsOnline, state.agentsAtCapacity, state.waitingWork),
        backlog: state.queues.map((queue) => buildBacklogRow(queue, now, offset)),
        agents: sortAgents(state.agents, key).map((agent) => buildAgentRow(agent, now, offset))
    };
}
