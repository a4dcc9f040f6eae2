/**
 * Sends the rep's Omni state to a busy light's local HTTP server (e.g. a Kuando Busylight
 * helper on the rep's machine) whenever it changes: offline, busy (a status without
 * channels), atCapacity (workload at or above capacity) or available. A port of
 * sf-kiwi-cpat/BusyLightOmniIntegration (see examples/README.md for the bugs it avoids).
 *
 * The org must list the URL as a CSP Trusted Site for connect-src, or the browser blocks it.
 */
import { LightningElement, api, wire } from 'lwc';
import { MessageContext } from 'lightning/messageService';
import { createOmniKit, thrownText, type OmniAgentSnapshot, type OmniKit } from 'c/omniKit';

export type LightState = 'offline' | 'busy' | 'atCapacity' | 'available';

export function lightStateOf(snapshot: OmniAgentSnapshot): LightState {
    if (snapshot.loginState !== 'loggedIn') return 'offline';
    const channels = snapshot.presence?.channels;
    if (Array.isArray(channels) && channels.length === 0) return 'busy';
    // Numbers, not the toolkit's strings: "10" >= "5" is false as text.
    const load = snapshot.workload;
    if (load && load.configuredCapacity > 0 && load.currentWorkload >= load.configuredCapacity) return 'atCapacity';
    return 'available';
}

/** Only a local helper may receive the rep's state: http(s) on localhost or 127.0.0.1. */
export function localUrl(endpoint: unknown): URL | null {
    if (typeof endpoint !== 'string') return null;
    try {
        const url = new URL(endpoint);
        const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
        return local && (url.protocol === 'http:' || url.protocol === 'https:') ? url : null;
    } catch {
        return null;
    }
}

export default class OmniBusyLightSync extends LightningElement {
    @api endpoint = 'http://localhost:8989/';
    @wire(MessageContext) messageContext: unknown;
    /** Why the light is not being updated, or null. */
    @api lastError: string | null = null;
    private omni: OmniKit | null = null;
    private lastSent: LightState | null = null;

    connectedCallback(): void {
        const url = localUrl(this.endpoint);
        if (!url) {
            this.lastError = `endpoint must be an http(s) URL on localhost or 127.0.0.1, got ${JSON.stringify(this.endpoint)}`;
            console.error('[omniBusyLightSync]', this.lastError);
            return;
        }
        const omni = createOmniKit({ messageContext: this.messageContext });
        this.omni = omni;
        omni.onSnapshot((snapshot) => this.send(url, snapshot));
        omni.whenReady().then(
            (snapshot) => this.send(url, snapshot),
            (error: unknown) => (this.lastError = thrownText(error))
        );
    }

    disconnectedCallback(): void {
        this.omni?.dispose();
        this.omni = null;
    }

    private send(base: URL, snapshot: OmniAgentSnapshot): void {
        if (!snapshot.seeded) return;
        const state = lightStateOf(snapshot);
        if (state === this.lastSent) return;
        this.lastSent = state;
        const url = new URL(base.href);
        url.searchParams.set('state', state);
        fetch(url.href, { method: 'GET', mode: 'no-cors' }).catch((error: unknown) => {
            this.lastError = `the busy light did not answer: ${thrownText(error)}`;
        });
    }
}
