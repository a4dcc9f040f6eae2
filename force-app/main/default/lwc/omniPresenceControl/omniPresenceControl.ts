/**
 * The rep's presence: pick a status (going online from offline), go offline, and how long
 * the current status has lasted. It only reports choices; the panel runs them.
 */
import { LightningElement, api } from 'lwc';
import { LABELS, formatDuration, formatLabel } from 'c/omniPanelLabels';
import type { OmniLoginState, OmniPresence } from 'c/omniTypes';

export interface PresenceStatusOption {
    statusId: string;
    label: string;
    isOnline: boolean;
}

export default class OmniPresenceControl extends LightningElement {
    @api presence: OmniPresence | null = null;
    @api loginState: OmniLoginState = 'unknown';
    @api statuses: PresenceStatusOption[] = [];
    @api now = 0;
    @api busy = false;
    labels = LABELS;

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
        const away = this.presence!.channels !== null && this.presence!.channels.length === 0;
        return away ? `${elapsed} · ${LABELS.NoChannels}` : elapsed;
    }

    handleStatusChange(event: CustomEvent<{ value: string }>): void {
        const statusId = event.detail.value;
        if (!statusId || statusId === this.currentStatusId) return;
        this.dispatchEvent(new CustomEvent('statuschange', { detail: { statusId, login: !this.isOnline } }));
    }

    handleLogout(): void {
        this.dispatchEvent(new CustomEvent('logout'));
    }
}
