/**
 * A local lightning/platformShowToastEvent for the browser preview. As on the platform,
 * ShowToastEvent is an event a component dispatches (bubbles, composed); the page's shell
 * listens for TOAST_EVENT_NAME and shows the toast (the preview's host does, see
 * sim/host). Without a listener nothing happens, as in a page with no toast container.
 * The name and detail match sfdx-lwc-jest's stub, so the same tests read either.
 */
export const TOAST_EVENT_NAME = 'lightning__showtoast';

export type ToastVariant = 'info' | 'success' | 'warning' | 'error';
export type ToastMode = 'dismissible' | 'pester' | 'sticky';

export interface ToastDetail {
    title?: string;
    message?: string;
    messageData?: unknown[];
    variant?: ToastVariant;
    mode?: ToastMode;
}

export class ShowToastEvent extends CustomEvent<Required<Pick<ToastDetail, 'variant' | 'mode'>> & ToastDetail> {
    constructor(toast: ToastDetail) {
        super(TOAST_EVENT_NAME, {
            bubbles: true,
            composed: true,
            cancelable: true,
            detail: { ...toast, variant: toast.variant ?? 'info', mode: toast.mode ?? 'dismissible' }
        });
    }
}
