/**
 * @salesforce/apex/OmniPanelController.getPushTimeouts in jest (the kit's jest preset maps it here): the
 * simulator's fake of the Apex class, answering for the org the testing kit's fake Omni plays
 * (createFakeOmni points it there: each offer's queue's routing configuration; the demo org,
 * which has none, otherwise).
 */
export { getPushTimeouts as default } from '../../../sim/fakes/apex/OmniPanelController';
