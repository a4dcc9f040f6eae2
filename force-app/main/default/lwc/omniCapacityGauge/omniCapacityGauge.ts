/** The agent's capacity as a bar: used of configured, at-capacity state, interruptible capacity. */
import { LightningElement, api } from 'lwc';
import { LABELS } from 'c/omniPanelLabels';

export interface CapacityGaugeInput {
    used: number;
    total: number;
    percent: number;
    usedText: string;
    atCapacity: boolean;
    interruptibleText: string | null;
}

export default class OmniCapacityGauge extends LightningElement {
    @api capacity: CapacityGaugeInput | null = null;
    labels = LABELS;

    get barStyle(): string {
        return `width: ${this.capacity ? this.capacity.percent : 0}%`;
    }

    get barClass(): string {
        return this.capacity?.atCapacity
            ? 'slds-progress-bar__value slds-progress-bar__value_success omni-full'
            : 'slds-progress-bar__value';
    }
}
