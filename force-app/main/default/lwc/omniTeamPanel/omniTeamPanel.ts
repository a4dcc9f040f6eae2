/**
 * The supervisor view: the agents of some queues with their presence, load and open work,
 * and each queue's backlog. Omni's console toolkit only speaks for the agent using it, so
 * this panel polls Apex (OmniTeamController) on an interval instead of listening to the
 * bridge. An error keeps the last good picture on screen with an inline error and Retry.
 */
import { LightningElement, api } from 'lwc';
import getSupervisedQueues from '@salesforce/apex/OmniTeamController.getSupervisedQueues';
import getTeamState from '@salesforce/apex/OmniTeamController.getTeamState';
import { LABELS, formatDuration, formatLabel } from 'c/omniPanelLabels';
import { RefreshLoop } from './refreshLoop';
import type { QueueOption, SortKey, TeamState } from './teamTypes';
import {
    SORT_KEYS,
    buildTeamView,
    clockOffset,
    parseQueueFilter,
    queueIdsFor,
    queueOptions,
    resolveQueueFilter,
    sortOptions,
    type Option,
    type TeamView
} from './viewModel';

const DEFAULT_INTERVAL_S = 15;
const MIN_INTERVAL_S = 5;

type Phase = 'loading' | 'error' | 'ready';

function isOn(value: unknown): boolean {
    return value !== false && value !== 'false' && value !== null && value !== undefined;
}

function messageOf(error: unknown): string {
    if (error instanceof Error) return error.message;
    const body = (error as { body?: { message?: string } | Array<{ message?: string }> } | null)?.body;
    if (Array.isArray(body)) return body.map((b) => b.message).join(', ');
    return body?.message ?? String(error);
}

export default class OmniTeamPanel extends LightningElement {
    /** Seconds between refreshes (App Builder); at least 5 so a room of supervisors cannot flood Apex. */
    @api
    get refreshInterval(): number {
        return this.intervalSeconds;
    }
    set refreshInterval(value: number | string) {
        const seconds = Number(value);
        this.intervalSeconds = Number.isFinite(seconds) && seconds > 0 ? Math.max(MIN_INTERVAL_S, Math.round(seconds)) : DEFAULT_INTERVAL_S;
        if (this.loop) this.startLoop();
    }
    /** Comma-separated queue developer names or ids; empty: the supervisor's queues. */
    @api
    get queueFilter(): string {
        return this.filterText;
    }
    set queueFilter(value: string) {
        this.filterText = value ?? '';
        this.filterEntries = parseQueueFilter(this.filterText);
        if (this.queues) this.applyQueues(this.queues);
        this.loop?.restart();
    }
    @api
    get showWorks(): boolean {
        return this.worksShown;
    }
    set showWorks(value: boolean) {
        this.worksShown = isOn(value);
    }
    @api compactMode = false;

    labels = LABELS;
    phase: Phase = 'loading';
    team: TeamState | null = null;
    errorText: string | null = null;
    now = Date.now();
    selectedQueue = '';
    sortKey: SortKey = 'load';
    worksShown = true;
    queues: QueueOption[] | null = null;
    filtered: QueueOption[] | null = null;
    unknownFilter: string[] = [];

    private intervalSeconds = DEFAULT_INTERVAL_S;
    private filterText = '';
    private filterEntries: string[] = [];
    private offset = 0;
    private receivedAt = 0;
    private loop: RefreshLoop<TeamState> | null = null;

    connectedCallback(): void {
        this.startLoop();
    }

    disconnectedCallback(): void {
        this.loop?.stop();
        this.loop = null;
    }

    // ----- what the template shows

    get isLoading(): boolean {
        return this.phase === 'loading';
    }

    get isError(): boolean {
        return this.phase === 'error';
    }

    get isReady(): boolean {
        return this.phase === 'ready';
    }

    get view(): TeamView | null {
        return this.team ? buildTeamView(this.team, this.sortKey, this.now, this.offset) : null;
    }

    get isEmpty(): boolean {
        return (this.team?.agents.length ?? 0) === 0;
    }

    get hasBacklog(): boolean {
        return (this.team?.queues.length ?? 0) > 0;
    }

    get queuePickerOptions(): Option[] {
        return queueOptions(this.filtered ?? this.queues ?? []);
    }

    get sortPickerOptions(): Option[] {
        return sortOptions();
    }

    get unknownFilterText(): string | null {
        return this.unknownFilter.length > 0 ? formatLabel(LABELS.TeamFilterUnknown, this.unknownFilter.join(', ')) : null;
    }

    get staleText(): string {
        return formatLabel(LABELS.TeamStale, formatDuration(this.now - this.receivedAt));
    }

    get containerClass(): string {
        return this.compactMode ? 'omni-team omni-team_compact' : 'omni-team';
    }

    // ----- user actions

    handleQueueChange(event: CustomEvent<{ value: string }>): void {
        this.selectedQueue = event.detail.value ?? '';
        this.loop?.restart();
    }

    handleSortChange(event: CustomEvent<{ value: string }>): void {
        const key = event.detail.value as SortKey;
        if (SORT_KEYS.includes(key)) this.sortKey = key;
    }

    handleRetry(): void {
        if (!this.team) this.phase = 'loading';
        this.loop?.refresh();
    }

    // ----- data

    private startLoop(): void {
        this.loop?.stop();
        this.loop = new RefreshLoop<TeamState>({
            fetch: () => this.fetchTeam(),
            onData: (team, receivedAt) => this.applyTeam(team, receivedAt),
            onError: (error) => this.applyError(error),
            onTick: (now) => (this.now = now),
            intervalMs: this.intervalSeconds * 1000
        });
        this.loop.start();
    }

    /** The queue list first (once it has answered), then the team of the chosen queues. */
    private async fetchTeam(): Promise<TeamState> {
        if (!this.queues) this.applyQueues(((await getSupervisedQueues()) as QueueOption[]) ?? []);
        return (await getTeamState({ queueIds: queueIdsFor(this.selectedQueue, this.filtered) })) as TeamState;
    }

    private applyQueues(queues: QueueOption[]): void {
        this.queues = queues;
        if (this.filterEntries.length === 0) {
            this.filtered = null;
            this.unknownFilter = [];
        } else {
            const resolved = resolveQueueFilter(this.filterEntries, queues);
            // Nothing matched: fall back to the supervisor's own queues, and say which entries were not found.
            this.filtered = resolved.queues.length > 0 ? resolved.queues : null;
            this.unknownFilter = resolved.unknown;
        }
        if (this.selectedQueue && !(this.filtered ?? queues).some((q) => q.queueId === this.selectedQueue)) this.selectedQueue = '';
    }

    private applyTeam(team: TeamState, receivedAt: number): void {
        this.team = team;
        this.receivedAt = receivedAt;
        this.offset = clockOffset(team.asOf, receivedAt);
        this.now = receivedAt;
        this.errorText = null;
        this.phase = 'ready';
    }

    private applyError(error: unknown): void {
        this.errorText = formatLabel(LABELS.TeamError, messageOf(error));
        // The last good picture stays; without one the whole panel says what went wrong.
        this.phase = this.team ? 'ready' : 'error';
    }
}
