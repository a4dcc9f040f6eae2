/**
 * One work in the panel: what it is, how long it has waited or been worked, whether the
 * rep is engaged with it, its flag, and the actions that fit its state. Actions are
 * reported as events; the panel runs them and passes `busy` while one is in flight.
 *
 * The decline and flag forms belong to the row and keep what the rep chose or typed until
 * the panel says the command succeeded (completeForm); after a failure they are still
 * open with the same values, so the rep can send again without retyping.
 */
import { LightningElement, api } from 'lwc';
import { LABELS } from 'c/omniPanelLabels';

export interface WorkRowInput {
    workId: string;
    title: string;
    subtitle: string | null;
    iconName: string;
    channelLabel: string;
    isAssigned: boolean;
    stateText: string;
    timesText: string;
    flag: { isFlagged: boolean; bySupervisor: boolean; text: string; message: string | null } | null;
}

export interface DeclineInput {
    declineAllowed: boolean;
    reasonsEnabled: boolean;
    reasons: Array<{ reasonId: string; label: string }>;
}

type Form = 'none' | 'decline' | 'flag';

/** The button that opens each form, where focus goes back when the form closes unsent. */
const OPENER: Readonly<Record<Exclude<Form, 'none'>, string>> = { decline: 'decline', flag: 'raise-flag' };

export default class OmniWorkRow extends LightningElement {
    @api row!: WorkRowInput;
    @api declineSettings: DeclineInput | null = null;
    @api busy = false;
    @api compact = false;
    labels = LABELS;
    form: Form = 'none';
    reason = '';
    flagMessage = '';
    /** data-id of the control to focus after the next render. */
    private pendingFocus: string | null = null;
    /** data-id of the control that sent the last command (focus returns there if it fails). */
    private lastControl: string | null = null;

    /** Puts keyboard focus on the row's main action (after the panel ran one). */
    @api
    focusPrimaryAction(): void {
        const button = this.template?.querySelector<HTMLElement>('[data-primary]');
        button?.focus();
    }

    /** The panel's command for the open form succeeded: close it (its values are no longer needed). */
    @api
    completeForm(): void {
        this.form = 'none';
        this.reason = '';
        this.flagMessage = '';
    }

    /** The panel's command failed: focus the control that sent it (it was disabled while busy, which drops focus). */
    @api
    restoreFocus(): void {
        this.focusAfterRender(this.lastControl);
    }

    get canDecline(): boolean {
        return this.declineSettings?.declineAllowed !== false;
    }

    get isFlagged(): boolean {
        return this.row.flag?.isFlagged === true;
    }

    get flagClass(): string {
        const tone = this.row.flag?.bySupervisor ? 'slds-theme_warning' : 'slds-theme_shade';
        return `slds-box slds-box_xx-small slds-m-top_xx-small slds-text-body_small ${tone}`;
    }

    get choosingReason(): boolean {
        return this.form === 'decline';
    }

    get writingFlag(): boolean {
        return this.form === 'flag';
    }

    get showActions(): boolean {
        return this.form === 'none';
    }

    /** aria-busy of an open form while its command runs. */
    get formBusy(): string {
        return this.busy ? 'true' : 'false';
    }

    get reasonOptions(): Array<{ label: string; value: string }> {
        const reasons = this.declineSettings?.reasons ?? [];
        return [{ label: LABELS.NoReason, value: '' }, ...reasons.map((r) => ({ label: r.label, value: r.label }))];
    }

    get containerClass(): string {
        return this.compact ? 'slds-p-around_xx-small' : 'slds-p-around_x-small';
    }

    renderedCallback(): void {
        const target = this.pendingFocus;
        if (!target) return;
        const element = this.template?.querySelector<HTMLElement & { disabled?: boolean }>(`[data-id="${target}"]`);
        // Still disabled while the command runs: focus it once it is enabled again (the next render).
        if (element?.disabled) return;
        // Gone (the work changed state meanwhile): nothing to return to, and no later surprise jump.
        this.pendingFocus = null;
        element?.focus();
    }

    handleAccept(): void {
        this.send('accept', 'accept');
    }

    handleDeclineStart(): void {
        if (this.declineSettings?.reasonsEnabled && (this.declineSettings.reasons?.length ?? 0) > 0) {
            this.openForm('decline');
        } else {
            this.send('decline', 'decline', {});
        }
    }

    handleReasonChange(event: CustomEvent<{ value: string }>): void {
        this.reason = event.detail.value;
    }

    handleDeclineConfirm(): void {
        if (this.busy) return;
        this.send('decline', 'confirm-decline', { declineReason: this.reason || undefined });
    }

    handleClose(): void {
        this.send('close', 'close');
    }

    handleFlagStart(): void {
        this.openForm('flag');
    }

    handleFlagInput(event: CustomEvent<{ value: string }>): void {
        this.flagMessage = event.detail.value ?? '';
    }

    handleFlagSend(): void {
        if (this.busy) return;
        this.send('raiseflag', 'send-flag', { message: this.flagMessage.trim() || undefined });
    }

    handleLowerFlag(): void {
        this.send('lowerflag', 'lower-flag');
    }

    handleCancel(): void {
        this.closeFormUnsent();
    }

    /** Escape closes an open form, as in other Lightning panels; not while its command runs. */
    handleFormKeydown(event: KeyboardEvent): void {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        if (!this.busy) this.closeFormUnsent();
    }

    private openForm(form: Exclude<Form, 'none'>): void {
        this.form = form;
        this.reason = '';
        this.flagMessage = '';
        this.focusAfterRender(form === 'decline' ? 'reason' : 'flag-message');
    }

    /** Cancel or Escape: nothing was sent, so the rep goes back to the button that opened the form. */
    private closeFormUnsent(): void {
        const form = this.form;
        if (form === 'none') return;
        this.form = 'none';
        this.focusAfterRender(OPENER[form]);
    }

    private focusAfterRender(dataId: string | null): void {
        if (!dataId) return;
        this.pendingFocus = dataId;
        // A render may not follow (nothing changed): try now as well, after the current one.
        Promise.resolve().then(() => this.renderedCallback());
    }

    private send(name: string, control: string, detail: Record<string, unknown> = {}): void {
        this.lastControl = control;
        this.dispatchEvent(new CustomEvent(name, { detail: { workId: this.row.workId, ...detail } }));
    }
}
