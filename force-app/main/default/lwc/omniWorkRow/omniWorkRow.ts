/**
 * One work in the panel: what it is, how long it has waited or been worked, its flag,
 * and the actions that fit its state. Actions are reported as events; the panel runs
 * them and passes `busy` while one is in flight.
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
    stateLabel: string;
    assignedText: string;
    acceptedText: string | null;
    flag: { isFlagged: boolean; bySupervisor: boolean; text: string; message: string | null } | null;
}

export interface DeclineInput {
    declineAllowed: boolean;
    reasonsEnabled: boolean;
    reasons: Array<{ reasonId: string; label: string }>;
}

type Form = 'none' | 'decline' | 'flag';

export default class OmniWorkRow extends LightningElement {
    @api row!: WorkRowInput;
    @api declineSettings: DeclineInput | null = null;
    @api busy = false;
    @api compact = false;
    labels = LABELS;
    form: Form = 'none';
    reason = '';
    flagMessage = '';
    private focusForm = false;

    /** Puts keyboard focus on the row's main action (after the panel ran one). */
    @api
    focusPrimaryAction(): void {
        const button = this.template?.querySelector<HTMLElement>('[data-primary]');
        button?.focus();
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

    get reasonOptions(): Array<{ label: string; value: string }> {
        const reasons = this.declineSettings?.reasons ?? [];
        return [{ label: LABELS.NoReason, value: '' }, ...reasons.map((r) => ({ label: r.label, value: r.label }))];
    }

    get containerClass(): string {
        return this.compact ? 'slds-p-around_xx-small' : 'slds-p-around_x-small';
    }

    renderedCallback(): void {
        if (!this.focusForm) return;
        this.focusForm = false;
        this.template?.querySelector<HTMLElement>('[data-form-field]')?.focus();
    }

    handleAccept(): void {
        this.fire('accept');
    }

    handleDeclineStart(): void {
        if (this.declineSettings?.reasonsEnabled && (this.declineSettings.reasons?.length ?? 0) > 0) {
            this.openForm('decline');
        } else {
            this.fire('decline', {});
        }
    }

    handleReasonChange(event: CustomEvent<{ value: string }>): void {
        this.reason = event.detail.value;
    }

    handleDeclineConfirm(): void {
        const declineReason = this.reason || undefined;
        this.closeForm();
        this.fire('decline', { declineReason });
    }

    handleClose(): void {
        this.fire('close');
    }

    handleFlagStart(): void {
        this.openForm('flag');
    }

    handleFlagInput(event: CustomEvent<{ value: string }>): void {
        this.flagMessage = event.detail.value ?? '';
    }

    handleFlagSend(): void {
        const message = this.flagMessage.trim() || undefined;
        this.closeForm();
        this.fire('raiseflag', { message });
    }

    handleLowerFlag(): void {
        this.fire('lowerflag');
    }

    handleCancel(): void {
        this.closeForm();
    }

    /** Escape closes an open form, as in other Lightning panels. */
    handleFormKeydown(event: KeyboardEvent): void {
        if (event.key === 'Escape') {
            event.stopPropagation();
            this.closeForm();
        }
    }

    private openForm(form: Form): void {
        this.form = form;
        this.reason = '';
        this.flagMessage = '';
        this.focusForm = true;
    }

    private closeForm(): void {
        this.form = 'none';
    }

    private fire(name: string, detail: Record<string, unknown> = {}): void {
        this.dispatchEvent(new CustomEvent(name, { detail: { workId: this.row.workId, ...detail } }));
    }
}
