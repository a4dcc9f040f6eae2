/**
 * The console around the panel: the utility bar item (label and highlight from
 * lightning/platformUtilityBarApi's updateUtility, open/minimize) and toasts (the
 * lightning__showtoast events ShowToastEvent dispatches).
 */
import { createElement } from 'lwc';
import LightningIcon from 'lightning/icon';
import { onUtilityUpdate, type UtilityAttributes } from '../../platform/lightning/platformUtilityBarApi/platformUtilityBarApi';
import { TOAST_EVENT_NAME, type ToastDetail } from '../../platform/lightning/platformShowToastEvent/platformShowToastEvent';

const UTILITY_ID = 'utility-1'; // what the local EnclosingUtilityId wire provides

/** A lightning-icon (the base component) for the shell's own chrome. */
export function icon(iconName: string, size: 'xx-small' | 'x-small' | 'small', alternativeText = ''): HTMLElement {
    const el = createElement('lightning-icon', { is: LightningIcon });
    el.iconName = iconName;
    el.size = size;
    el.alternativeText = alternativeText;
    return el;
}

/**
 * Binds one utility bar item and its panel; returns the latest attributes seen and a way to
 * open or close it. `labelEl` follows updateUtility() calls for the panel in utility-1 (the
 * rep's Omni-Channel utility); pass null for an item whose component does not call it.
 */
export function bindUtility(
    item: HTMLButtonElement,
    panel: HTMLElement,
    labelEl: HTMLElement | null
): { latest: UtilityAttributes; setOpen(open: boolean): void; onOpen(listener: () => void): void } {
    const openListeners: Array<() => void> = [];
    const setOpen = (open: boolean) => {
        panel.hidden = !open;
        item.setAttribute('aria-expanded', String(open));
        item.classList.toggle('utility-item_open', open);
        if (open) openListeners.forEach((listener) => listener());
    };
    const state = { latest: {} as UtilityAttributes, setOpen, onOpen: (listener: () => void) => void openListeners.push(listener) };
    item.addEventListener('click', () => setOpen(panel.hidden));
    panel.querySelector('[data-action="minimize"]')?.addEventListener('click', () => {
        setOpen(false);
        item.focus();
    });
    onUtilityUpdate((utilityId, attributes) => {
        if (utilityId !== UTILITY_ID || !labelEl) return;
        state.latest = { ...state.latest, ...attributes };
        if (attributes.label !== undefined) {
            labelEl.textContent = attributes.label;
            panel.querySelector('[data-id="utility-title"]')!.textContent = attributes.label;
        }
        if (attributes.highlighted !== undefined) item.classList.toggle('utility-item_highlighted', attributes.highlighted);
    });
    setOpen(!panel.hidden);
    return state;
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
