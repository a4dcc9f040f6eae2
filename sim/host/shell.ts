/**
 * The console's chrome around the kit's components: icons and toasts (the
 * lightning__showtoast events ShowToastEvent dispatches). The utility bar is
 * utilityBarView.ts.
 */
import { createElement } from 'lwc';
import LightningIcon from 'lightning/icon';
import { TOAST_EVENT_NAME, type ToastDetail } from '../../platform/lightning/platformShowToastEvent/platformShowToastEvent';

/** A lightning-icon (the base component) for the shell's own chrome. */
export function icon(iconName: string, size: 'xx-small' | 'x-small' | 'small', alternativeText = ''): HTMLElement {
    const el = createElement('lightning-icon', { is: LightningIcon });
    el.iconName = iconName;
    el.size = size;
    el.alternativeText = alternativeText;
    return el;
}

const TOAST_MS = { dismissible: 5000, pester: 3000, sticky: 0 } as const;

/** Shows each toast a component dispatches, SLDS-styled, in `container`. */
export function showToasts(container: HTMLElement): void {
    document.addEventListener(TOAST_EVENT_NAME, (event) => {
        const detail = (event as CustomEvent<ToastDetail>).detail ?? {};
        const variant = detail.variant ?? 'info';
        const toast = document.createElement('div');
        toast.className = `slds-notify slds-notify_toast slds-theme_${variant}`;
        toast.setAttribute('role', 'status');
        toast.dataset.id = 'toast';
        const content = document.createElement('div');
        content.className = 'slds-notify__content';
        const title = document.createElement('h2');
        title.className = 'slds-text-heading_small';
        title.textContent = detail.title ?? '';
        const message = document.createElement('p');
        message.textContent = detail.message ?? '';
        content.append(title, message);
        const close = document.createElement('button');
        close.className = 'slds-button slds-button_icon slds-button_icon-inverse slds-notify__close toast-close';
        close.title = 'Close';
        close.textContent = '\u2715';
        close.addEventListener('click', () => toast.remove());
        toast.append(content, close);
        container.append(toast);
        const ms = TOAST_MS[detail.mode ?? 'dismissible'];
        if (ms > 0) setTimeout(() => toast.remove(), ms);
    });
}
