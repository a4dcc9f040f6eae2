/**
 * The agent workload panel for the console utility bar (also usable on app and record
 * pages): presence, capacity and the rep's works with their actions, built only on the
 * typed client. Every action failure is shown inline and as a toast; the snapshot from
 * the bridge stays the truth, so a failed action leaves the panel as Omni left it.
 */
import { LightningElement, api, wire } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { EnclosingUtilityId, updateUtility } from 'lightning/platformUtilityBarApi';
import getAvailableStatuses from '@salesforce/apex/OmniPanelController.getAvailableStatuses';
import getDeclineSettings from '@salesforce/apex/OmniPanelController.getDeclineSettings';
import getWorkItemSummaries from '@salesforce/apex/OmniPanelController.getWorkItemSummaries';
import {
    createOmniClient,
    OmniBridgeUnavailableError,
    type OmniAgentSnapshot,
    type OmniClient,
    type OmniWorkAssignedEvent
} from 'c/omniClient';
import { LABELS, formatLabel } from 'c/omniPanelLabels';
import {
    DEFAULT_DECLINE_SETTINGS,
    buildCapacity,
    buildRows,
    missingSummaries,
    utilityLabel,
    type CapacityView,
    type DeclineSettings,
    type StatusOption,
    type WorkItemSummary,
    type WorkRowView
} from './viewModel';
import { notifyDesktop, playChime } from './alerts';
import { StableViews } from './stableViews';

type WireResult<T> = { data?: T; error?: unknown };
type Phase = 'loading' | 'bridgeMissing' | 'ready';

const TICK_MS = 1000;

function isOn(value: unknown): boolean {
    return value !== false && value !== 'false' && value !== null && value !== undefined;
}

function messageOf(error: unknown): string {
    if (error instanceof Error) return error.message;
    const body = (error as { body?: { message?: string } } | null)?.body;
    return body?.message ?? String(error);
}

export default class OmniWorkloadPanel extends LightningElement {
    /**
     * Design attributes (App Builder): which sections show, alerts, compact mode. The
     * sections default to shown; LWC wants boolean fields to default to false, hence the
     * accessors (App Builder may also pass "false" as text).
     */
    @api
    get showPresence(): boolean {
        return this.presenceShown;
    }
    set showPresence(value: boolean) {
        this.presenceShown = isOn(value);
    }
    @api
    get showCapacity(): boolean {
        return this.capacityShown;
    }
    set showCapacity(value: boolean) {
        this.capacityShown = isOn(value);
    }
    @api
    get showWorks(): boolean {
        return this.worksShown;
    }
    set showWorks(value: boolean) {
        this.worksShown = isOn(value);
    }
    @api compactMode = false;
    @api playSound = false;
    @api desktopNotifications = false;

    @wire(EnclosingUtilityId) utilityId: string | null = null;
    @wire(getAvailableStatuses) statusesResult: WireResult<StatusOption[]> = {};
    @wire(getDeclineSettings) declineResult: WireResult<DeclineSettings> = {};

    labels = LABELS;
    presenceShown = true;
    capacityShown = true;
    worksShown = true;
    phase: Phase = 'loading';
    snapshot: OmniAgentSnapshot | null = null;
    summaries: ReadonlyMap<string, WorkItemSummary> = new Map();
    busyKeys: ReadonlySet<string> = new Set();
    actionError: string | null = null;
    now = Date.now();

    private client: OmniClient | null = null;
    private stops: Array<() => void> = [];
    private ticker: ReturnType<typeof setInterval> | null = null;
    private requestedSummaries = new Set<string>();
    private readonly rowViews = new StableViews<WorkRowView & { busy: boolean }>();
    private readonly capacityViews = new StableViews<CapacityView>();
    private lastUtility = '';
    private focusWhenAccepted: string | null = null;

    connectedCallback(): void {
        const client = createOmniClient();
        this.client = client;
        this.stops.push(
            client.onSnapshot((snapshot) => this.applySnapshot(snapshot)),
            client.on('workAssigned', (event) => this.alertNewWork(event))
        );
        this.load(false);
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- the timers on each work tick every second
        this.ticker = setInterval(() => {
            this.now = Date.now();
        }, TICK_MS);
    }

    disconnectedCallback(): void {
        this.stops.forEach((stop) => stop());
        this.stops = [];
        this.client?.dispose();
        this.client = null;
        if (this.ticker) clearInterval(this.ticker);
        this.ticker = null;
    }

    renderedCallback(): void {
        const workId = this.focusWhenAccepted;
        if (workId && this.snapshot?.works.some((w) => w.workId === workId && w.state === 'accepted')) {
            this.focusWhenAccepted = null;
            this.focusRow(workId);
        }
    }

    // ----- state shown by the template

    get isLoading(): boolean {
        return this.phase === 'loading';
    }

    get bridgeMissing(): boolean {
        return this.phase === 'bridgeMissing';
    }

    get isReady(): boolean {
        return this.phase === 'ready';
    }

    get isLoggedIn(): boolean {
        return this.snapshot?.loginState === 'loggedIn';
    }

    get connectionErrorText(): string | null {
        const connection = this.snapshot?.connection;
        return connection?.state === 'error' ? formatLabel(LABELS.ConnectionError, connection.message ?? '') : null;
    }

    get logoutText(): string | null {
        const reason = this.snapshot?.lastLogoutReason;
        return !this.isLoggedIn && reason ? formatLabel(LABELS.LoggedOutBy, reason) : null;
    }

    get statuses(): StatusOption[] {
        return this.statusesResult?.data ?? [];
    }

    get declineSettings(): DeclineSettings {
        return this.declineResult?.data ?? DEFAULT_DECLINE_SETTINGS;
    }

    get presenceBusy(): boolean {
        return this.busyKeys.has('presence');
    }

    get capacity(): CapacityView | null {
        const capacity = this.isLoggedIn ? buildCapacity(this.snapshot?.workload ?? null) : null;
        return capacity && this.capacityViews.keep('capacity', capacity);
    }

    get showCapacitySection(): boolean {
        return this.capacityShown && this.capacity !== null;
    }

    get rows(): Array<WorkRowView & { busy: boolean }> {
        const works = this.snapshot?.works ?? [];
        const rows = buildRows(works, this.summaries, this.now).map((row) =>
            this.rowViews.keep(row.workId, { ...row, busy: this.busyKeys.has(row.workId) })
        );
        this.rowViews.retainOnly(new Set(rows.map((row) => row.workId)));
        return rows;
    }

    get hasRows(): boolean {
        return (this.snapshot?.works.length ?? 0) > 0;
    }

    get worksHeading(): string {
        return `${LABELS.Works} (${this.snapshot?.works.length ?? 0})`;
    }

    get containerClass(): string {
        return this.compactMode ? 'omni-panel omni-panel_compact' : 'omni-panel';
    }

    // ----- snapshot and what it implies

    private load(reseed: boolean): void {
        const client = this.client;
        if (!client) return;
        const request = reseed ? client.resync() : client.getSnapshot();
        request
            .then((snapshot) => this.applySnapshot(snapshot))
            .catch((error: unknown) => {
                if (error instanceof OmniBridgeUnavailableError) this.phase = 'bridgeMissing';
                else this.showError(LABELS.ActionStatus, error);
            });
    }

    private applySnapshot(snapshot: OmniAgentSnapshot): void {
        if (this.snapshot && snapshot.revision < this.snapshot.revision && snapshot.updatedAt <= this.snapshot.updatedAt) return;
        this.snapshot = snapshot;
        this.phase = 'ready';
        this.now = Date.now();
        this.forgetSummariesOfGoneWork(snapshot);
        this.fetchSummaries(snapshot);
        this.updateUtilityBar(snapshot);
    }

    private fetchSummaries(snapshot: OmniAgentSnapshot): void {
        const ids = missingSummaries(snapshot.works, this.summaries).filter((id) => !this.requestedSummaries.has(id));
        if (ids.length === 0) return;
        ids.forEach((id) => this.requestedSummaries.add(id));
        getWorkItemSummaries({ workItemIds: ids })
            .then((result) => this.mergeSummaries(ids, (result as WorkItemSummary[]) ?? []))
            .catch(() => this.mergeSummaries(ids, []))
            .finally(() => ids.forEach((id) => this.requestedSummaries.delete(id)));
    }

    /**
     * A rep handles hundreds of works a day: keep only the summaries of works on screen, so
     * the panel's memory stays flat (a work that comes back is simply asked for again).
     */
    private forgetSummariesOfGoneWork(snapshot: OmniAgentSnapshot): void {
        const onScreen = new Set<string>(snapshot.works.map((w) => w.workItemId));
        if ([...this.summaries.keys()].every((id) => onScreen.has(id))) return;
        this.summaries = new Map([...this.summaries].filter(([id]) => onScreen.has(id)));
    }

    private mergeSummaries(ids: string[], found: WorkItemSummary[]): void {
        // Apex may answer after the work has gone (declined, closed): don't keep its summary.
        const onScreen = new Set<string>((this.snapshot?.works ?? []).map((w) => w.workItemId));
        const next = new Map(this.summaries);
        for (const summary of found) if (onScreen.has(summary.workItemId)) next.set(summary.workItemId, summary);
        // Ids Apex could not describe still get a row title: the record id the rep can search for.
        for (const id of ids) {
            if (onScreen.has(id) && !next.has(id))
                next.set(id, {
                    workItemId: id,
                    objectApiName: '',
                    objectLabel: '',
                    title: id,
                    subtitle: null,
                    iconName: 'standard:record'
                });
        }
        this.summaries = next;
    }

    private updateUtilityBar(snapshot: OmniAgentSnapshot): void {
        if (!this.utilityId) return;
        const label = utilityLabel(snapshot);
        const highlighted = snapshot.works.some((w) => w.state === 'assigned');
        const key = `${label}|${highlighted}`;
        if (key === this.lastUtility) return;
        this.lastUtility = key;
        // The utility bar is a nicety: if it refuses, the panel itself is still right.
        updateUtility(this.utilityId, { label, highlighted }).catch(() => {
            this.lastUtility = '';
        });
    }

    private alertNewWork(event: OmniWorkAssignedEvent): void {
        if (this.playSound) playChime();
        if (this.desktopNotifications) {
            const summary = this.summaries.get(event.workItemId);
            notifyDesktop(LABELS.Title, formatLabel(LABELS.NewWork, summary?.title ?? event.workItemId));
        }
    }

    // ----- actions

    handleRetry(): void {
        this.phase = this.snapshot ? 'ready' : 'loading';
        this.load(true);
    }

    handleDismissError(): void {
        this.actionError = null;
    }

    handleStatusChange(event: CustomEvent<{ statusId: string; login: boolean }>): void {
        const { statusId, login } = event.detail;
        this.run('presence', LABELS.ActionStatus, () => {
            const client = this.client!;
            return login ? client.login({ statusId }) : client.setServicePresenceStatus({ statusId });
        });
    }

    handleLogout(): void {
        this.run('presence', LABELS.ActionLogOut, () => this.client!.logout());
    }

    handleAccept(event: CustomEvent<{ workId: string }>): void {
        const { workId } = event.detail;
        // Focus moves to the row's Close button once Omni reports the work accepted.
        this.run(
            workId,
            LABELS.ActionAccept,
            () => this.client!.acceptAgentWork({ workId }),
            () => (this.focusWhenAccepted = workId)
        );
    }

    handleDecline(event: CustomEvent<{ workId: string; declineReason?: string }>): void {
        const { workId, declineReason } = event.detail;
        this.run(
            workId,
            LABELS.ActionDecline,
            () => this.client!.declineAgentWork({ workId, declineReason }),
            () => this.focusHeading()
        );
    }

    handleClose(event: CustomEvent<{ workId: string }>): void {
        const { workId } = event.detail;
        this.run(
            workId,
            LABELS.ActionClose,
            () => this.client!.closeAgentWork({ workId }),
            () => this.focusHeading()
        );
    }

    handleRaiseFlag(event: CustomEvent<{ workId: string; message?: string }>): void {
        const { workId, message } = event.detail;
        this.run(
            workId,
            LABELS.ActionRaiseFlag,
            () => this.client!.raiseAgentWorkFlag({ workId, message }),
            () => this.focusRow(workId)
        );
    }

    handleLowerFlag(event: CustomEvent<{ workId: string }>): void {
        const { workId } = event.detail;
        this.run(
            workId,
            LABELS.ActionLowerFlag,
            () => this.client!.lowerAgentWorkFlag({ workId }),
            () => this.focusRow(workId)
        );
    }

    /** Runs one action: its row (or the presence control) is busy meanwhile; a failure is shown, never lost. */
    private async run(key: string, action: string, command: () => Promise<unknown>, afterSuccess?: () => void): Promise<void> {
        if (!this.client || this.busyKeys.has(key)) return;
        this.busyKeys = new Set([...this.busyKeys, key]);
        this.actionError = null;
        try {
            await command();
            afterSuccess?.();
        } catch (error) {
            this.showError(action, error);
        } finally {
            const next = new Set(this.busyKeys);
            next.delete(key);
            this.busyKeys = next;
        }
    }

    private showError(action: string, error: unknown): void {
        const message = formatLabel(LABELS.ActionFailed, action, messageOf(error));
        this.actionError = message;
        this.dispatchEvent(new ShowToastEvent({ title: LABELS.Title, message, variant: 'error' }));
    }

    private focusRow(workId: string): void {
        // Wait for the new state to render, then keep the rep's place.
        Promise.resolve().then(() => {
            const row = this.template?.querySelector<HTMLElement & { focusPrimaryAction(): void }>(
                `c-omni-work-row[data-work-id="${workId}"]`
            );
            if (row) row.focusPrimaryAction();
            else this.focusHeading();
        });
    }

    private focusHeading(): void {
        Promise.resolve().then(() => this.template?.querySelector<HTMLElement>('[data-id="works-heading"]')?.focus());
    }
}
