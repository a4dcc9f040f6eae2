/**
 * Logs the rep in to Omni-Channel with a chosen status (by API name) when the console
 * starts, unless Omni restores a status itself: whenReady() waits until Omni has finished
 * starting (a logged-out state right after a reload can be temporary). A port of
 * sf-kiwi-cpat/OmniChannelAutoLogin (see examples/README.md for the bugs it avoids).
 */
import { LightningElement, api, wire } from 'lwc';
import { MessageContext } from 'lightning/messageService';
import { createOmniKit, thrownText, type OmniKit } from 'c/omniKit';

export default class OmniAutoLogin extends LightningElement {
    /** The status to log in with, by API name (Setup > Presence Statuses). */
    @api statusApiName = 'Available';
    @wire(MessageContext) messageContext: unknown;
    /** Why the last login attempt failed, or null (read by tests and admins in the console). */
    @api lastError: string | null = null;
    private omni: OmniKit | null = null;

    connectedCallback(): void {
        const omni = createOmniKit({ messageContext: this.messageContext });
        this.omni = omni;
        omni.whenReady()
            .then((snapshot) => (snapshot.loginState === 'loggedOut' ? omni.setStatusByApiName(this.statusApiName) : null))
            .catch((error: unknown) => {
                // An unknown status name is an OmniArgumentError naming it, before anything is sent.
                this.lastError = thrownText(error);
                console.error('[omniAutoLogin]', this.lastError);
            });
    }

    disconnectedCallback(): void {
        this.omni?.dispose();
        this.omni = null;
    }
}
