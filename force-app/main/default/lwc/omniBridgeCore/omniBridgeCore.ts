/**
 * The LWC half of the Omni bridge. An Aura host that renders (c:omniBridgeHost, inside the
 * kit's utilities) holds it next to lightning:omniToolkitAPI; this component connects the
 * toolkit to the OmniConsoleKit__c channel. It renders nothing.
 *
 * Only documented Aura/LWC interop crosses to the host, and only data
 * (*Send Events to an Enclosing Aura Component*, LWC Developer Guide,
 * https://developer.salesforce.com/docs/platform/lwc/guide/events-sending-to-aura-components.html):
 * - Aura to LWC: @api handleOmniEvent(name, rawParams) for each lightning:omniChannel* event;
 *   @api completeToolkitCall(callId, ok, valueOrMessage) with a toolkit call's outcome;
 *   @api hostProblem, the text of a problem that keeps the host from running the bridge.
 * - LWC to Aura: a `toolkitcall` CustomEvent ({ callId, method, args }) the host handles with
 *   ontoolkitcall="{!c.onToolkitCall}"; a `bridgestate` CustomEvent ({ running, bridgeId,
 *   leading }) when that changes, for a status panel.
 * No function crosses the boundary: not a documented contract under Lightning Web Security
 * or Locker.
 *
 * It starts when it is connected to the document (the host rendered): from API 61.0
 * connectedCallback runs only then, and @wire(MessageContext) provides its context only then.
 */
import { LightningElement, api, wire } from 'lwc';
import {
    APPLICATION_SCOPE,
    MessageContext,
    createMessageContext,
    publish,
    releaseMessageContext,
    subscribe,
    unsubscribe,
    type Subscription
} from 'lightning/messageService';
import OMNI_CHANNEL from '@salesforce/messageChannel/OmniConsoleKit__c';
import { OmniBridgeEngine, type ToolkitInvoker } from './bridgeEngine';
import { storageWorkTimes } from './workTimes';

interface PendingCall {
    resolve(value: unknown): void;
    reject(reason: Error): void;
}

export interface BridgeState {
    running: boolean;
    bridgeId: string | null;
    leading: boolean;
}

let callCounter = 0;

export default class OmniBridgeCore extends LightningElement {
    /** Subscriptions need the wired context: only it can subscribe with APPLICATION_SCOPE. */
    @wire(MessageContext)
    messageContext: unknown;

    private engine: OmniBridgeEngine | null = null;
    private subscription: Subscription | null = null;
    /**
     * Publishing goes through a context this component owns: LWC disconnects wire adapters
     * (releasing the wired context) before disconnectedCallback runs, and the bridge must still
     * say `bye` then, so clients hand over to another bridge at once instead of timing out.
     * The *Message Service* reference meant createMessageContext() for service components; it
     * is used here only to publish (scope concerns subscribers), and released in
     * disconnectedCallback as that page asks.
     */
    private publishContext: unknown = null;
    private readonly pending = new Map<string, PendingCall>();
    private retire: (() => void) | null = null;
    private problem: string | null = null;
    private connected = false;
    private lastState = '';

    /** Set by the Aura host: why it cannot run the bridge (a Custom Label's text), or null. While set, no bridge runs. */
    @api
    get hostProblem(): string | null {
        return this.problem;
    }
    set hostProblem(value: string | null) {
        const next = typeof value === 'string' && value !== '' ? value : null;
        if (next === this.problem) return;
        this.problem = next;
        if (!this.connected) return;
        if (next) this.stopEngine();
        else this.startEngine();
    }

    /** Called by the Aura host for each lightning:omniChannel* event with its raw params. */
    @api
    handleOmniEvent(eventName: string, params: unknown): void {
        this.engine?.handleRawEvent(eventName, params);
        this.reportState();
    }

    /** Called by the Aura host with the outcome of a toolkit call it was asked to run: the value, or the rejection's message. */
    @api
    completeToolkitCall(callId: string, ok: boolean, valueOrMessage: unknown): void {
        const call = this.pending.get(callId);
        if (!call) return; // answered already, or the bridge stopped meanwhile
        this.pending.delete(callId);
        if (ok === true) call.resolve(valueOrMessage);
        else call.reject(new Error(typeof valueOrMessage === 'string' ? valueOrMessage : 'lightning:omniToolkitAPI rejected the call'));
    }

    connectedCallback(): void {
        this.connected = true;
        this.publishContext = createMessageContext();
        this.subscription = subscribe(this.messageContext, OMNI_CHANNEL, (message) => this.receive(message), {
            scope: APPLICATION_SCOPE
        });
        if (!this.problem) this.startEngine();
    }

    disconnectedCallback(): void {
        this.connected = false;
        this.stopEngine();
        if (this.subscription) unsubscribe(this.subscription);
        this.subscription = null;
        if (this.publishContext) releaseMessageContext(this.publishContext);
        this.publishContext = null;
    }

    private receive(message: unknown): void {
        this.engine?.handleMessage(message);
        this.reportState();
    }

    private startEngine(): void {
        if (this.engine) return;
        const context = this.publishContext;
        let live = true;
        const engine = new OmniBridgeEngine({
            // A stopped engine may still finish a command it was running: nobody is told any more.
            publish: (message) => {
                if (live) publish(context, OMNI_CHANNEL, message);
            },
            workTimes: storageWorkTimes(typeof sessionStorage === 'undefined' ? undefined : sessionStorage)
        });
        this.engine = engine;
        this.retire = () => {
            engine.stop(); // says bye
            live = false;
        };
        engine.start();
        engine.attachToolkit(this.invoker);
        this.reportState();
    }

    private stopEngine(): void {
        const retire = this.retire;
        this.engine = null;
        this.retire = null;
        retire?.();
        // Calls still waiting for the host end now: their engine is gone.
        for (const call of this.pending.values()) call.reject(new Error('The Omni bridge stopped before the toolkit answered.'));
        this.pending.clear();
        this.reportState();
    }

    /** Runs a toolkit method through the host: a `toolkitcall` event, answered by completeToolkitCall. */
    private readonly invoker: ToolkitInvoker = (method, args) =>
        new Promise((resolve, reject) => {
            callCounter += 1;
            const callId = `t${callCounter}`;
            this.pending.set(callId, { resolve, reject });
            try {
                this.dispatchEvent(new CustomEvent('toolkitcall', { detail: { callId, method, args: args ?? null } }));
            } catch (error) {
                this.pending.delete(callId);
                reject(error instanceof Error ? error : new Error(String(error)));
            }
        });

    private reportState(): void {
        const engine = this.engine;
        const state: BridgeState = { running: engine !== null, bridgeId: engine?.bridgeId ?? null, leading: engine?.isLeader ?? false };
        const key = `${state.running}|${state.bridgeId}|${state.leading}`;
        if (key === this.lastState) return;
        this.lastState = key;
        this.dispatchEvent(new CustomEvent('bridgestate', { detail: state }));
    }
}
