/**
 * The rep's presence: pick a status (going online from offline), go offline, how long the
 * current status has lasted and which service channels it receives work from. It only
 * reports choices; the panel runs them.
 */
import { LightningElement, api } from 'lwc';
import { LABELS, formatDuration, formatLabel } from 'c/omniPanelLabels';
import type { OmniChannel, OmniLoginState, OmniPresence } from 'c/omniTypes';

export interface PresenceStatusOption {
    statusId: string;
    label: string;
    isOnline: boolean;
    /** The status's channels with their labels, when Apex says (older answers lack them). */
    channels?: Array<{ channelId: string; developerName: string | null; label: string | null }>;
}

/** "Cases, Chat, and Voice" in the browser's language, so the list needs no label of its own. */
function listOf(names: string[]): string {
    return new Intl.ListFormat(undefined, { style: 'long', type: 'conjunction' }).format(names);
}

export default class OmniPresenceControl extends LightningElement {
    @api presence: OmniPresence | null = null;
    /** The current status's channels (the panel knows them from the toolkit or Apex); null while unknown. */
    @api channels: OmniChannel[] | null = null;
    @api loginState: OmniLoginState = 'unknown';
    @api statuses: PresenceStatusOption[] = [];
    @api now = 0;
    @api busy = false;
    labels = LABELS;
    /** data-id of the control the rep used last (focus returns there if the command fails). */
    private lastControl = 'status';
    private pendingFocus: string | null = null;

    /** The panel's command failed: focus the control that sent it (it was disabled while busy, which drops focus). */
    @api
    restoreFocus(): void {
        this.pendingFocus = this.lastControl;
        Promise.resolve().then(() => this.renderedCallback());
    }

    renderedCallback(): void {
        const target = this.pendingFocus;
        if (!target) return;
        const control = this.template?.querySelector<HTMLElement & { disabled?: boolean }>(`[data-id="${target}"]`);
        if (control?.disabled) return; // enabled again on the next render
        this.pendingFocus = null;
        control?.focus();
    }

    get isOnline(): boolean {
        return this.loginState === 'loggedIn' && this.presence !== null;
    }

    get currentStatusId(): string | null {
        return this.isOnline ? this.presence!.statusId : null;
    }

    /** Statuses the rep may pick; the current one is kept even if the org's list lacks it. */
    get options(): Array<{ label: string; value: string }> {
        const options = (this.statuses ?? []).map((s) => ({ label: s.label, value: s.statusId }));
        const current = this.presence;
        if (this.isOnline && current && !options.some((o) => o.value === current.statusId)) {
            options.unshift({ label: current.statusName ?? current.statusId, value: current.statusId });
        }
        return options;
    }

    get detail(): string {
        if (!this.isOnline) return LABELS.LoggedOut;
        const elapsed = formatLabel(LABELS.InStatusFor, formatDuration(this.now - this.presence!.since));
        const away = this.channels !== null && this.channels.length === 0;
        return away ? formatLabel(LABELS.Joined, elapsed, LABELS.NoChannels) : elapsed;
    }

    /**
     * "Receives work from: Omni Kit Cases", the channels Omni-Channel reported for the current
     * status, named as Apex names them (the toolkit only gives developer names). Null while
     * offline, while the channels are unknown, and for a status without channels (detail says so).
     */
    get channelsText(): string | null {
        const channels = this.isOnline ? this.channels : null;
        if (!channels || channels.length === 0) return null;
        const labels = new Map<string, string>();
        for (const status of this.statuses ?? []) {
            for (const channel of status.channels ?? []) if (channel.label) labels.set(channel.channelId, channel.label);
        }
        return formatLabel(LABELS.StatusChannels, listOf(channels.map((c) => labels.get(c.channelId) || c.developerName)));
    }

    handleStatusChange(event: CustomEvent<{ value: string }>): void {
        const statusId = event.detail.value;
        if (!statusId || statusId === this.currentStatusId) return;
        this.lastControl = 'status';
        this.dispatchEvent(new CustomEvent('statuschange', { detail: { statusId, login: !this.isOnline } }));
    }

    handleLogout(): void {
        this.lastControl = 'logout';
        this.dispatchEvent(new CustomEvent('logout'));
    }
}
