/**
 * Declines work offered while the rep is in a status without channels (a "busy" status that
 * still had an offer pushed just before the change), and declines what is waiting when the
 * rep moves to such a status. Only when the presence configuration lets the rep decline.
 * A port of sf-kiwi-cpat/OmniDeclineWorkWhenBusy (see examples/README.md for the bugs it avoids).
 */
import { LightningElement, api, wire } from 'lwc';
import { MessageContext } from 'lightning/messageService';
import { createOmniKit, thrownText, type OmniAgentSnapshot, type OmniKit } from 'c/omniKit';

/** In a status with no channels the rep takes no work. Channels null: not known yet, so not busy. */
export function isBusy(snapshot: OmniAgentSnapshot): boolean {
    const channels = snapshot.presence?.channels;
    return snapshot.loginState === 'loggedIn' && Array.isArray(channels) && channels.length === 0;
}

export default class OmniDeclineWhenBusy extends LightningElement {
    /** Sent as declineReason when set (one of the presence configuration's decline reasons). */
    @api declineReason: string | undefined;
    @wire(MessageContext) messageContext: unknown;
    private omni: OmniKit | null = null;

    connectedCallback(): void {
        const omni = createOmniKit({ messageContext: this.messageContext });
        this.omni = omni;
        omni.onEachOffer(async (work, snapshot) => {
            if (isBusy(snapshot) && (await this.mayDecline())) {
                await omni.declineAgentWork(
                    this.declineReason ? { workId: work.workId, declineReason: this.declineReason } : { workId: work.workId }
                );
            }
        });
        omni.on('statusChanged', (event, snapshot) => {
            if (isBusy(snapshot)) this.declineWaiting();
        });
    }

    disconnectedCallback(): void {
        this.omni?.dispose();
        this.omni = null;
    }

    private async declineWaiting(): Promise<void> {
        const omni = this.omni;
        if (!omni || !(await this.mayDecline())) return;
        const { failed } = await omni.declineAllWaiting(this.declineReason || undefined);
        for (const { workId, error } of failed) console.error('[omniDeclineWhenBusy] could not decline', workId, thrownText(error));
    }

    /** The presence configuration's "Allow agents to decline requests" (read once from Apex). */
    private async mayDecline(): Promise<boolean> {
        try {
            return (await this.omni!.getCapabilities()).declineAllowed;
        } catch (error) {
            console.error('[omniDeclineWhenBusy] decline settings unavailable', thrownText(error));
            return false;
        }
    }
}
