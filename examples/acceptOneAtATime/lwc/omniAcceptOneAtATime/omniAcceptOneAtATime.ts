/**
 * Accepts every work Omni offers the rep, one at a time: the next accept starts only once
 * the previous one has answered, and each offer is accepted exactly once however many
 * arrive together (c/omniKit's onEachOffer with oneAtATime). A port of
 * pavan-yaramati/Salesforce-omni-automation (see examples/README.md for the bugs it avoids).
 */
import { LightningElement, wire } from 'lwc';
import { MessageContext } from 'lightning/messageService';
import { createOmniKit, type OmniKit } from 'c/omniKit';

export default class OmniAcceptOneAtATime extends LightningElement {
    @wire(MessageContext) messageContext: unknown;
    private omni: OmniKit | null = null;

    connectedCallback(): void {
        const omni = createOmniKit({ messageContext: this.messageContext });
        this.omni = omni;
        omni.onEachOffer((work) => omni.acceptAgentWork({ workId: work.workId }), { oneAtATime: true });
    }

    disconnectedCallback(): void {
        this.omni?.dispose();
        this.omni = null;
    }
}
