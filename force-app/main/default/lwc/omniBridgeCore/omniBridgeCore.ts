/**
 * The LWC half of the Omni bridge. The Aura component omniBridge hosts it next to
 * lightning:omniToolkitAPI, hands it every toolkit event and a function that runs
 * toolkit methods; this component connects that to the OmniConsoleKit__c channel.
 * It renders nothing.
 */
import { LightningElement, api, wire } from 'lwc';
import { APPLICATION_SCOPE, MessageContext, publish, subscribe, unsubscribe, type Subscription } from 'lightning/messageService';
import OMNI_CHANNEL from '@salesforce/messageChannel/OmniConsoleKit__c';
import { OmniBridgeEngine, type ToolkitInvoker } from './bridgeEngine';
import { storageWorkTimes } from './workTimes';

export default class OmniBridgeCore extends LightningElement {
    @wire(MessageContext)
    messageContext: unknown;

    private engine: OmniBridgeEngine | null = null;
    private subscription: Subscription | null = null;
    private toolkitInvoker: ToolkitInvoker | null = null;

    /** Set by the Aura bridge: runs a lightning:omniToolkitAPI method and returns its promise. */
    @api
    get toolkit(): ToolkitInvoker | null {
        return this.toolkitInvoker;
    }
    set toolkit(invoker: ToolkitInvoker | null) {
        this.toolkitInvoker = typeof invoker === 'function' ? invoker : null;
        if (this.engine && this.toolkitInvoker) this.engine.attachToolkit(this.toolkitInvoker);
    }

    /** Called by the Aura bridge for each lightning:omniChannel* event with its raw params. */
    @api
    handleOmniEvent(eventName: string, params: unknown): void {
        this.engine?.handleRawEvent(eventName, params);
    }

    connectedCallback(): void {
        const engine = new OmniBridgeEngine({
            publish: (message) => publish(this.messageContext, OMNI_CHANNEL, message),
            workTimes: storageWorkTimes(typeof sessionStorage === 'undefined' ? undefined : sessionStorage)
        });
        this.engine = engine;
        this.subscription = subscribe(this.messageContext, OMNI_CHANNEL, (message) => engine.handleMessage(message), {
            scope: APPLICATION_SCOPE
        });
        engine.start();
        if (this.toolkitInvoker) engine.attachToolkit(this.toolkitInvoker);
    }

    disconnectedCallback(): void {
        this.engine?.stop();
        this.engine = null;
        if (this.subscription) unsubscribe(this.subscription);
        this.subscription = null;
    }
}
