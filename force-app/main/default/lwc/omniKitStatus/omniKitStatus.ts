/**
 * The panel of the standalone kit utility (c:omniKitUtility), for apps that use only the
 * client: the connection to Omni-Channel, whether this utility's bridge leads, the last
 * events and a diagnostics text to copy for the admin. The Aura host gives it its bridge's
 * state and any problem (bridgeState, bridgeProblem: data only); it reads Omni-Channel through
 * the typed client on its wired MessageContext, and asks the host for the utility's label and
 * highlight with a `utilitystate` event.
 */
import { LightningElement, api, wire } from 'lwc';
import { MessageContext } from 'lightning/messageService';
import { createOmniClient, type OmniAgentSnapshot, type OmniClient, type OmniEvent } from 'c/omniClient';
import { LABELS as PANEL_LABELS, formatLabel } from 'c/omniPanelLabels';
import KitHeading from '@salesforce/label/c.OmniKit_KitHeading';
import KitConnection from '@salesforce/label/c.OmniKit_KitConnection';
import KitConnected from '@salesforce/label/c.OmniKit_KitConnected';
import KitWaiting from '@salesforce/label/c.OmniKit_KitWaiting';
import KitBridgeLeads from '@salesforce/label/c.OmniKit_KitBridgeLeads';
import KitBridgeStandsBy from '@salesforce/label/c.OmniKit_KitBridgeStandsBy';
import KitBridgeStopped from '@salesforce/label/c.OmniKit_KitBridgeStopped';
import KitLastEvents from '@salesforce/label/c.OmniKit_KitLastEvents';
import KitNoEvents from '@salesforce/label/c.OmniKit_KitNoEvents';
import KitCopyDiagnostics from '@salesforce/label/c.OmniKit_KitCopyDiagnostics';
import KitCopied from '@salesforce/label/c.OmniKit_KitCopied';
import KitCopyFailed from '@salesforce/label/c.OmniKit_KitCopyFailed';
import KitDiagnostics from '@salesforce/label/c.OmniKit_KitDiagnostics';
import KitUtilityLabel from '@salesforce/label/c.OmniKit_KitUtilityLabel';
import KitNeedsAttention from '@salesforce/label/c.OmniKit_KitNeedsAttention';
import Warning from '@salesforce/label/c.OmniKit_Warning';

/** What c:omniBridgeHost reports about its core (bridgestate event). */
export interface KitBridgeState {
    running: boolean;
    bridgeId: string | null;
    leading: boolean;
}

interface EventLine {
    key: string;
    at: number;
    type: string;
    workId: string | null;
}

/** How many events the panel keeps: enough to see what just happened, bounded for an all-day console. */
export const MAX_EVENTS = 10;

interface ClipboardLike {
    writeText(text: string): Promise<void>;
}

function clipboard(): ClipboardLike | null {
    const nav = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { clipboard?: ClipboardLike });
    return nav?.clipboard ?? null;
}

export default class OmniKitStatus extends LightningElement {
    /** Why the host cannot run its bridge (a Custom Label's text), or empty. */
    @api
    get bridgeProblem(): string | null {
        return this.hostProblem;
    }
    set bridgeProblem(value: string | null) {
        this.hostProblem = typeof value === 'string' && value !== '' ? value : null;
        this.reportUtility();
    }
    /**
     * Advice from the host while Omni-Channel has not answered (a Custom Label's text), or empty.
     * The bridge keeps running (a logged-out rep may get the same refusals): shown, never
     * counted as trouble for the utility's label and highlight.
     */
    @api
    get bridgeNotice(): string | null {
        return this.hostNotice;
    }
    set bridgeNotice(value: string | null) {
        this.hostNotice = typeof value === 'string' && value !== '' ? value : null;
    }
    @api bridgeState: KitBridgeState | null = null;

    @wire(MessageContext) messageContext: unknown;

    labels = {
        heading: KitHeading,
        connection: KitConnection,
        lastEvents: KitLastEvents,
        noEvents: KitNoEvents,
        copyDiagnostics: KitCopyDiagnostics,
        diagnostics: KitDiagnostics,
        warning: Warning
    };
    snapshot: OmniAgentSnapshot | null = null;
    events: EventLine[] = [];
    bridgeUnavailable = false;
    copyResult: 'copied' | 'failed' | null = null;

    private hostProblem: string | null = null;
    private hostNotice: string | null = null;
    private client: OmniClient | null = null;
    private stops: Array<() => void> = [];
    private eventCounter = 0;
    private lastUtility = '';

    connectedCallback(): void {
        const client = createOmniClient({ messageContext: this.messageContext });
        this.client = client;
        this.stops.push(
            client.onSnapshot((snapshot) => this.applySnapshot(snapshot)),
            client.onAny((event) => this.record(event))
        );
        client
            .getSnapshot()
            .then((snapshot) => this.applySnapshot(snapshot))
            .catch((error: unknown) => {
                if (this.client !== client) return;
                if ((error as { code?: string } | null)?.code === 'BRIDGE_UNAVAILABLE') {
                    this.bridgeUnavailable = true;
                    this.reportUtility();
                }
            });
    }

    disconnectedCallback(): void {
        this.stops.forEach((stop) => stop());
        this.stops = [];
        this.client?.dispose();
        this.client = null;
    }

    // ----- what the template shows

    /** The host's reason when it cannot run its bridge, else "no bridge answered" when none did. */
    get problemText(): string | null {
        if (this.hostProblem) return this.hostProblem;
        return this.bridgeUnavailable ? PANEL_LABELS.BridgeMissing : null;
    }

    get connectionText(): string {
        const connection = this.snapshot?.connection;
        if (connection?.state === 'error') return formatLabel(PANEL_LABELS.ConnectionError, connection.message ?? '');
        if (this.snapshot) return KitConnected;
        return KitWaiting;
    }

    get bridgeText(): string {
        const state = this.bridgeState;
        if (!state?.running || !state.bridgeId) return KitBridgeStopped;
        return formatLabel(state.leading ? KitBridgeLeads : KitBridgeStandsBy, state.bridgeId);
    }

    get hasEvents(): boolean {
        return this.events.length > 0;
    }

    get copyResultText(): string {
        if (this.copyResult === 'copied') return KitCopied;
        if (this.copyResult === 'failed') return KitCopyFailed;
        return '';
    }

    get showDiagnosticsText(): boolean {
        return this.copyResult === 'failed';
    }

    /** Plain text for an admin or a support case: no secrets, only what the panel knows. */
    get diagnostics(): string {
        const snapshot = this.snapshot;
        const lines = [
            `Omni Console Kit diagnostics ${new Date().toISOString()}`,
            `problem: ${this.problemText ?? 'none'}`,
            `notice: ${this.hostNotice ?? 'none'}`,
            `bridge: ${JSON.stringify(this.bridgeState ?? null)}`,
            `connection: ${snapshot ? JSON.stringify(snapshot.connection) : 'no snapshot'}`,
            `login: ${snapshot?.loginState ?? 'unknown'}; status: ${snapshot?.presence?.statusApiName ?? 'none'}; works: ${snapshot?.works.length ?? 0}; seeded: ${snapshot?.seeded ?? false}; revision: ${snapshot?.revision ?? 0}`,
            `last events: ${this.events.map((e) => `${new Date(e.at).toISOString()} ${e.type}${e.workId ? ` ${e.workId}` : ''}`).join(' | ') || 'none'}`
        ];
        return lines.join('\n');
    }

    // ----- actions

    handleCopy(): void {
        const board = clipboard();
        const text = this.diagnostics;
        if (!board) {
            this.copyResult = 'failed';
            return;
        }
        board.writeText(text).then(
            () => {
                this.copyResult = 'copied';
            },
            () => {
                this.copyResult = 'failed';
            }
        );
    }

    // ----- state

    private applySnapshot(snapshot: OmniAgentSnapshot): void {
        this.snapshot = snapshot;
        this.bridgeUnavailable = false;
        this.reportUtility();
    }

    private record(event: OmniEvent): void {
        this.eventCounter += 1;
        const workId = 'workId' in event && typeof event.workId === 'string' ? event.workId : null;
        const line: EventLine = { key: `e${this.eventCounter}`, at: Date.now(), type: event.type, workId };
        this.events = [line, ...this.events].slice(0, MAX_EVENTS);
    }

    /** The utility's label says the connection state; it is highlighted while something needs the admin or the rep. */
    private reportUtility(): void {
        const trouble = this.problemText !== null || this.snapshot?.connection.state === 'error';
        const label = formatLabel(KitUtilityLabel, trouble ? KitNeedsAttention : this.connectionText);
        const key = `${label}|${trouble}`;
        if (key === this.lastUtility) return;
        this.lastUtility = key;
        this.dispatchEvent(new CustomEvent('utilitystate', { detail: { label, highlighted: trouble } }));
    }
}
