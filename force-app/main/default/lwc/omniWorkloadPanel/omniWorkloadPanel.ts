/**
 * The agent workload panel for the console utility bar (also usable on app and record
 * pages): presence, capacity and the rep's works with their actions, built only on the
 * typed client. Every action failure is shown inline and as a toast, worded by the
 * error's code; the snapshot from the bridge stays the truth, so a failed action leaves
 * the panel as Omni left it, and a form keeps what the rep chose or typed.
 */
import { LightningElement, api, wire } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { EnclosingUtilityId, updateUtility } from 'lightning/platformUtilityBarApi';
import { MessageContext } from 'lightning/messageService';
import NotificationsUnavailable from '@salesforce/label/c.OmniKit_NotificationsUnavailable';
import getAvailableStatuses from '@salesforce/apex/OmniPanelController.getAvailableStatuses';
import getDeclineSettings from '@salesforce/apex/OmniPanelController.getDeclineSettings';
import getWorkItemSummaries from '@salesforce/apex/OmniPanelController.getWorkItemSummaries';
import {
    createOmniClient,
    toId18,
    type OmniAgentSnapshot,
    type OmniChannel,
    type OmniClient,
    type OmniWorkAssignedEvent
} from 'c/omniClient';
import { LABELS, formatLabel } from 'c/omniPanelLabels';
import {
    DEFAULT_DECLINE_SETTINGS,
    buildCapacity,
    buildRows,
    logoutText,
    missingSummaries,
    newWorkNotice,
    utilityLabel,
    type CapacityView,
    type DeclineSettings,
    type StatusOption,
    type WorkItemSummary,
    type WorkRowView
} from './viewModel';
import { describeActionFailure, errorText } from './actionErrors';
import {
    ChimePlayer,
    notificationPermission,
    notifyDesktop,
    requestNotificationPermission,
    type NotificationPermissionState
} from './alerts';
import { StableViews } from './stableViews';

type Phase = 'loading' | 'bridgeMissing' | 'ready';
type RowElement = HTMLElement & { focusPrimaryAction(): void; completeForm(): void; restoreFocus(): void };

const TICK_MS = 1000;
/** How long a new-work notice waits for Apex to name the record before it says the channel instead. */
export const NOTICE_WAIT_MS = 1500;

function isOn(value: unknown): boolean {
    return value !== false && value !== 'false' && value !== null && value !== undefined;
}

/** What to do once a command has settled (both optional). */
interface Outcome {
    success?: (result: unknown) => void;
    failure?: () => void;
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

    /**
     * Set by the Aura utility that hosts the panel (c:omniWorkloadUtility) when its bridge cannot
     * run: the admin-facing reason (a Custom Label's text). The panel shows it in its
     * bridge-missing state; cleared, the panel asks the bridge again.
     */
    @api
    get bridgeProblem(): string | null {
        return this.hostProblem;
    }
    set bridgeProblem(value: string | null) {
        const next = typeof value === 'string' && value !== '' ? value : null;
        if (next === this.hostProblem) return;
        this.hostProblem = next;
        if (next) this.phase = 'bridgeMissing';
        else if (this.phase === 'bridgeMissing' && this.connected) this.handleRetry();
    }

    /**
     * Set by the same host when Omni-Channel has not answered yet (every read at start refused,
     * no event): advice, not a failure. A rep who is simply logged out may get the same
     * refusals, so the panel stays fully usable (the rep can go online from here) and only
     * shows the text as a warning line; the host clears it when Omni-Channel answers.
     */
    @api
    get bridgeNotice(): string | null {
        return this.hostNotice;
    }
    set bridgeNotice(value: string | null) {
        this.hostNotice = typeof value === 'string' && value !== '' ? value : null;
    }

    /**
     * Only the wired context may subscribe with APPLICATION_SCOPE (*Define the Scope of the
     * Message Service*): on a record or app page in a background console tab the panel still
     * hears the bridge. The client subscribes on it.
     */
    @wire(MessageContext) messageContext: unknown;

    /**
     * Set only where the panel is a utility by itself and Lightning Web Security is on (*Utility
     * Bar API Method Parity*); inside the kit's Aura utility the host owns the utility's label
     * and highlight, and the panel asks it with a `utilitystate` event.
     */
    @wire(EnclosingUtilityId) utilityId: string | null = null;

    labels = LABELS;
    notificationsUnavailableText = NotificationsUnavailable;
    private hostProblem: string | null = null;
    private hostNotice: string | null = null;
    presenceShown = true;
    capacityShown = true;
    worksShown = true;
    phase: Phase = 'loading';
    snapshot: OmniAgentSnapshot | null = null;
    summaries: ReadonlyMap<string, WorkItemSummary> = new Map();
    busyKeys: ReadonlySet<string> = new Set();
    actionError: string | null = null;
    now = Date.now();
    /** OmniPanelController answers; each failure keeps its own message until a Retry succeeds. */
    statuses: StatusOption[] = [];
    statusesLoaded = false;
    statusesError: string | null = null;
    declineSettings: DeclineSettings = DEFAULT_DECLINE_SETTINGS;
    declineError: string | null = null;
    /** Text of the visually hidden status region: new work and action results, never the ticking timers. */
    announcement = '';
    notificationState: NotificationPermissionState = 'unsupported';
    /** The current status's channels from getServicePresenceStatusChannels, when the snapshot has none yet. */
    askedChannels: { statusId: string; channels: OmniChannel[] } | null = null;

    private client: OmniClient | null = null;
    private stops: Array<() => void> = [];
    private ticker: ReturnType<typeof setInterval> | null = null;
    private requestedSummaries = new Set<string>();
    private readonly rowViews = new StableViews<WorkRowView & { busy: boolean }>();
    private readonly capacityViews = new StableViews<CapacityView>();
    private lastUtility = '';
    private focusWhenAccepted: string | null = null;
    private readonly chime = new ChimePlayer();
    /** New works waiting for their record name before they are announced (workItemId -> timer). */
    private readonly pendingNotices = new Map<string, ReturnType<typeof setTimeout>>();
    private connected = false;
    private channelsAskedFor: string | null = null;

    connectedCallback(): void {
        this.connected = true;
        const client = createOmniClient({ messageContext: this.messageContext });
        this.client = client;
        this.stops.push(
            client.onSnapshot((snapshot) => this.applySnapshot(snapshot)),
            client.on('workAssigned', (event) => this.alertNewWork(event))
        );
        this.notificationState = notificationPermission();
        this.load(false);
        this.loadStatuses();
        this.loadDeclineSettings();
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- the timers on each work tick every second
        this.ticker = setInterval(() => {
            this.now = Date.now();
        }, TICK_MS);
    }

    disconnectedCallback(): void {
        this.connected = false;
        this.stops.forEach((stop) => stop());
        this.stops = [];
        this.client?.dispose();
        this.client = null;
        if (this.ticker) clearInterval(this.ticker);
        this.ticker = null;
        this.pendingNotices.forEach((timer) => clearTimeout(timer));
        this.pendingNotices.clear();
        this.chime.dispose();
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

    /** What the admin must do: the host's reason when it knows one, else add the kit's utility. */
    get bridgeMissingText(): string {
        return this.hostProblem ?? LABELS.BridgeMissing;
    }

    get isLoggedIn(): boolean {
        return this.snapshot?.loginState === 'loggedIn';
    }

    get connectionErrorText(): string | null {
        const connection = this.snapshot?.connection;
        return connection?.state === 'error' ? formatLabel(LABELS.ConnectionError, connection.message ?? '') : null;
    }

    get logoutText(): string | null {
        return this.isLoggedIn ? null : logoutText(this.snapshot?.lastLogoutReason ?? null);
    }

    /** Apex could not answer: what failed, what to do; Retry asks again. */
    get setupErrors(): string[] {
        const errors: string[] = [];
        if (this.statusesError) errors.push(formatLabel(LABELS.StatusesFailed, this.statusesError));
        if (this.declineError) errors.push(formatLabel(LABELS.DeclineSettingsFailed, this.declineError));
        return errors;
    }

    get hasSetupErrors(): boolean {
        return this.statusesError !== null || this.declineError !== null;
    }

    /** A logged-out rep with no status to pick could not go online from here: say so. */
    get noStatusesText(): string | null {
        const offline = this.snapshot !== null && this.snapshot.loginState !== 'loggedIn';
        return offline && this.statusesLoaded && !this.statusesError && this.statuses.length === 0 ? LABELS.NoStatuses : null;
    }

    /**
     * The current status's channels: as the toolkit reported them with the status (the
     * snapshot), else as the panel asked the toolkit, else as Apex lists them for that status.
     * Null while unknown.
     */
    get currentChannels(): OmniChannel[] | null {
        const presence = this.isLoggedIn ? (this.snapshot?.presence ?? null) : null;
        if (!presence) return null;
        if (presence.channels) return presence.channels;
        if (this.askedChannels?.statusId === presence.statusId) return this.askedChannels.channels;
        const fromApex = this.statuses.find((s) => s.statusId === presence.statusId)?.channels;
        if (!fromApex) return null;
        return fromApex.flatMap(({ channelId, developerName, label }) => {
            const id = toId18(channelId);
            const name = developerName ?? label;
            return id && name ? [{ channelId: id, developerName: name }] : [];
        });
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
        return formatLabel(LABELS.WorksCount, this.snapshot?.works.length ?? 0);
    }

    get containerClass(): string {
        return this.compactMode ? 'omni-panel omni-panel_compact' : 'omni-panel';
    }

    /** The browser will ask only after a click, so the panel offers one while the rep has not decided. */
    get offerNotifications(): boolean {
        return this.desktopNotifications && this.notificationState === 'default';
    }

    get notificationsBlocked(): boolean {
        return this.desktopNotifications && this.notificationState === 'denied';
    }

    /** Switched on, but this browser (or Lightning Locker) offers no Notification API: say so rather than stay silent. */
    get notificationsUnavailable(): boolean {
        return this.desktopNotifications && this.notificationState === 'unsupported';
    }

    // ----- snapshot and what it implies

    private load(reseed: boolean): void {
        const client = this.client;
        if (!client) return;
        const request = reseed ? client.resync() : client.getSnapshot();
        request
            .then((snapshot) => this.applySnapshot(snapshot))
            .catch((error: unknown) => {
                if (this.client !== client) return; // disconnected meanwhile
                const failure = describeActionFailure(LABELS.ActionRefresh, error);
                if (failure.kind === 'bridgeUnavailable') this.phase = 'bridgeMissing';
                else this.showError(failure.message);
            });
    }

    private applySnapshot(snapshot: OmniAgentSnapshot): void {
        if (this.snapshot && snapshot.revision < this.snapshot.revision && snapshot.updatedAt <= this.snapshot.updatedAt) return;
        this.snapshot = snapshot;
        this.phase = 'ready';
        this.now = Date.now();
        this.forgetGoneWork(snapshot);
        this.fetchSummaries(snapshot);
        this.fetchChannels(snapshot);
        this.updateUtilityBar(snapshot);
    }

    /** A seeded or logged-in status comes without its channels: ask the toolkit once per status. */
    private fetchChannels(snapshot: OmniAgentSnapshot): void {
        const presence = snapshot.presence;
        const client = this.client;
        if (!client || snapshot.loginState !== 'loggedIn' || !presence || presence.channels !== null) return;
        if (this.channelsAskedFor === presence.statusId) return;
        const statusId = presence.statusId;
        this.channelsAskedFor = statusId;
        client
            .getServicePresenceStatusChannels()
            .then((channels) => {
                if (this.snapshot?.presence?.statusId === statusId) this.askedChannels = { statusId, channels };
            })
            .catch(() => {
                // Only the channel list is missing then (Apex may still name them); asked again on the next status.
            });
    }

    private loadStatuses(): void {
        getAvailableStatuses()
            .then((result) => {
                this.statuses = Array.isArray(result) ? (result as StatusOption[]) : [];
                this.statusesError = null;
            })
            .catch((error: unknown) => {
                // Keep what an earlier answer gave: a failed Retry must not empty the picker.
                this.statusesError = errorText(error);
            })
            .finally(() => {
                this.statusesLoaded = true;
            });
    }

    private loadDeclineSettings(): void {
        getDeclineSettings()
            .then((result) => {
                this.declineSettings = (result as DeclineSettings | null) ?? DEFAULT_DECLINE_SETTINGS;
                this.declineError = null;
            })
            .catch((error: unknown) => {
                this.declineError = errorText(error);
            });
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
     * A rep handles hundreds of works a day: keep only the summaries (and pending notices) of
     * works on screen, so the panel's memory stays flat (a work that comes back is simply
     * asked for again).
     */
    private forgetGoneWork(snapshot: OmniAgentSnapshot): void {
        const onScreen = new Set<string>(snapshot.works.map((w) => w.workItemId));
        for (const [id, timer] of this.pendingNotices) {
            if (onScreen.has(id)) continue;
            clearTimeout(timer);
            this.pendingNotices.delete(id);
        }
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
        for (const id of ids) this.releaseNotice(id);
    }

    private updateUtilityBar(snapshot: OmniAgentSnapshot): void {
        const label = utilityLabel(snapshot);
        const highlighted = snapshot.works.some((w) => w.state === 'assigned');
        const key = `${label}|${highlighted}`;
        if (key === this.lastUtility) return;
        this.lastUtility = key;
        // The Aura utility that hosts the panel sets the label and highlight (lightning:utilityBarAPI).
        this.dispatchEvent(new CustomEvent('utilitystate', { detail: { label, highlighted } }));
        if (!this.utilityId) return;
        // The utility bar is a nicety: if it refuses, the panel itself is still right.
        updateUtility(this.utilityId, { label, highlighted }).catch(() => {
            this.lastUtility = '';
        });
    }

    // ----- new work: chime at once; notice (screen reader, desktop) once the record has a name

    private alertNewWork(event: OmniWorkAssignedEvent): void {
        if (this.playSound) this.chime.play();
        const id = event.workItemId;
        if (this.summaries.has(id)) {
            this.sendNotice(id);
            return;
        }
        if (this.pendingNotices.has(id)) return;
        // A notice names the record when Apex answers in time, else its channel after the wait.
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- bounded wait, cleared when the work goes
        const timer = setTimeout(() => this.releaseNotice(id), NOTICE_WAIT_MS);
        this.pendingNotices.set(id, timer);
    }

    /** The record's summary arrived, or the wait is over: the notice goes out now, once. */
    private releaseNotice(workItemId: string): void {
        const timer = this.pendingNotices.get(workItemId);
        if (timer === undefined) return;
        clearTimeout(timer);
        this.pendingNotices.delete(workItemId);
        this.sendNotice(workItemId);
    }

    private sendNotice(workItemId: string): void {
        if (!this.connected) return;
        const body = newWorkNotice(workItemId, this.summaries.get(workItemId));
        this.announce(body);
        if (this.desktopNotifications) notifyDesktop(LABELS.Title, body, workItemId);
    }

    private announce(text: string): void {
        this.announcement = text;
    }

    // ----- actions

    handleRetry(): void {
        this.phase = this.snapshot ? 'ready' : 'loading';
        this.load(true);
    }

    handleSetupRetry(): void {
        if (this.statusesError) this.loadStatuses();
        if (this.declineError) this.loadDeclineSettings();
    }

    handleDismissError(): void {
        this.actionError = null;
    }

    /** Any click in the panel is a user gesture: the moment a browser lets the chime's audio start. */
    handlePanelClick(): void {
        if (this.playSound) this.chime.prime();
    }

    handleEnableNotifications(): void {
        requestNotificationPermission().then((state) => {
            this.notificationState = state;
        });
    }

    handleStatusChange(event: CustomEvent<{ statusId: string; login: boolean }>): void {
        const { statusId, login } = event.detail;
        const chosen = this.statuses.find((s) => s.statusId === statusId)?.label;
        this.run(
            'presence',
            LABELS.ActionStatus,
            () => {
                const client = this.client!;
                return login ? client.login({ statusId }) : client.setServicePresenceStatus({ statusId });
            },
            {
                success: (result) => {
                    const name = (result as { statusName?: string | null } | null)?.statusName ?? chosen;
                    if (name) this.announce(formatLabel(LABELS.AnnounceStatus, name));
                },
                failure: () => this.presenceControl()?.restoreFocus()
            }
        );
    }

    handleLogout(): void {
        this.run('presence', LABELS.ActionLogOut, () => this.client!.logout(), {
            success: () => this.announce(LABELS.LoggedOut),
            failure: () => this.presenceControl()?.restoreFocus()
        });
    }

    handleAccept(event: CustomEvent<{ workId: string }>): void {
        const { workId } = event.detail;
        const title = this.titleOf(workId);
        this.run(workId, LABELS.ActionAccept, () => this.client!.acceptAgentWork({ workId }), {
            success: () => {
                this.announce(formatLabel(LABELS.AnnounceAccepted, title));
                // Focus moves to the row's Close button once Omni reports the work accepted.
                this.focusWhenAccepted = workId;
            },
            failure: () => this.rowElement(workId)?.restoreFocus()
        });
    }

    handleDecline(event: CustomEvent<{ workId: string; declineReason?: string }>): void {
        const { workId, declineReason } = event.detail;
        const title = this.titleOf(workId);
        this.run(workId, LABELS.ActionDecline, () => this.client!.declineAgentWork({ workId, declineReason }), {
            success: () => {
                this.rowElement(workId)?.completeForm();
                this.announce(formatLabel(LABELS.AnnounceDeclined, title));
                this.focusHeading();
            },
            failure: () => this.rowElement(workId)?.restoreFocus()
        });
    }

    handleClose(event: CustomEvent<{ workId: string }>): void {
        const { workId } = event.detail;
        const title = this.titleOf(workId);
        this.run(workId, LABELS.ActionClose, () => this.client!.closeAgentWork({ workId }), {
            success: () => {
                this.announce(formatLabel(LABELS.AnnounceClosed, title));
                this.focusHeading();
            },
            failure: () => this.rowElement(workId)?.restoreFocus()
        });
    }

    handleRaiseFlag(event: CustomEvent<{ workId: string; message?: string }>): void {
        const { workId, message } = event.detail;
        const title = this.titleOf(workId);
        this.run(workId, LABELS.ActionRaiseFlag, () => this.client!.raiseAgentWorkFlag({ workId, message }), {
            success: () => {
                this.rowElement(workId)?.completeForm();
                this.announce(formatLabel(LABELS.AnnounceFlagRaised, title));
                this.focusRow(workId);
            },
            failure: () => this.rowElement(workId)?.restoreFocus()
        });
    }

    handleLowerFlag(event: CustomEvent<{ workId: string }>): void {
        const { workId } = event.detail;
        const title = this.titleOf(workId);
        this.run(workId, LABELS.ActionLowerFlag, () => this.client!.lowerAgentWorkFlag({ workId }), {
            success: () => {
                this.announce(formatLabel(LABELS.AnnounceFlagLowered, title));
                this.focusRow(workId);
            },
            failure: () => this.rowElement(workId)?.restoreFocus()
        });
    }

    /** Runs one action: its row (or the presence control) is busy meanwhile; a failure is shown, never lost. */
    private async run(key: string, action: string, command: () => Promise<unknown>, outcome: Outcome = {}): Promise<void> {
        if (!this.client || this.busyKeys.has(key)) return;
        this.busyKeys = new Set([...this.busyKeys, key]);
        this.actionError = null;
        let settled: { ok: true; result: unknown } | { ok: false; error: unknown };
        try {
            settled = { ok: true, result: await command() };
        } catch (error) {
            settled = { ok: false, error };
        }
        const next = new Set(this.busyKeys);
        next.delete(key);
        this.busyKeys = next;
        // Removed meanwhile (dispose() rejects what is pending): nobody to tell.
        if (!this.connected) return;
        if (settled.ok) {
            outcome.success?.(settled.result);
        } else {
            this.failAction(action, settled.error);
            outcome.failure?.();
        }
    }

    private failAction(action: string, error: unknown): void {
        const failure = describeActionFailure(action, error);
        this.showError(failure.message);
        if (failure.kind === 'bridgeUnavailable') {
            // The bridge left (or never answered): say what the admin must add. If another
            // bridge is on the page, asking for a snapshot brings the panel back by itself.
            this.phase = 'bridgeMissing';
            this.load(false);
        }
    }

    private showError(message: string): void {
        this.actionError = message;
        this.dispatchEvent(new ShowToastEvent({ title: LABELS.Title, message, variant: 'error' }));
    }

    private titleOf(workId: string): string {
        const work = this.snapshot?.works.find((w) => w.workId === workId);
        const summary = work ? this.summaries.get(work.workItemId) : undefined;
        return summary?.title ?? work?.workItemId ?? workId;
    }

    private rowElement(workId: string): RowElement | null {
        return this.template?.querySelector<RowElement>(`c-omni-work-row[data-work-id="${workId}"]`) ?? null;
    }

    private presenceControl(): (HTMLElement & { restoreFocus(): void }) | null {
        return this.template?.querySelector<HTMLElement & { restoreFocus(): void }>('c-omni-presence-control') ?? null;
    }

    private focusRow(workId: string): void {
        // Wait for the new state to render, then keep the rep's place.
        Promise.resolve().then(() => {
            const row = this.rowElement(workId);
            if (row) row.focusPrimaryAction();
            else this.focusHeading();
        });
    }

    private focusHeading(): void {
        Promise.resolve().then(() => this.template?.querySelector<HTMLElement>('[data-id="works-heading"]')?.focus());
    }
}
