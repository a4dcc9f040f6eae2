/**
 * @salesforce/apex/OmniPanelController.getDeclineSettings in jest (the kit's jest preset maps it here): the
 * simulator's fake of the Apex class, answering for the org the testing kit's fake Omni plays
 * (createFakeOmni points it there; the demo org otherwise).
 */
export { getDeclineSettings as default } from '../../../sim/fakes/apex/OmniPanelController';
