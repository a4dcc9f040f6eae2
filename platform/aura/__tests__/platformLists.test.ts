/**
 * The local Aura runtime keeps its own lists of what lightning:omniToolkitAPI and the
 * Omni-Channel application events offer (the platform's side); the kit keeps its own
 * (c/omniTypes). Both come from the Console Developer Guide's method and event pages: this
 * test keeps either from drifting without the other.
 */
import { AURA_EVENT_TYPES, OMNI_METHODS } from 'c/omniTypes';
import { OMNI_APPLICATION_EVENTS, OMNI_TOOLKIT_METHODS } from '@platform/aura';

describe('the fake platform and the kit name the same Omni surface', () => {
    it('the twelve toolkit methods', () => {
        expect([...OMNI_TOOLKIT_METHODS].sort()).toEqual([...OMNI_METHODS].sort());
        expect(OMNI_TOOLKIT_METHODS).toHaveLength(12);
    });

    it('the ten application events', () => {
        const kitEvents = Object.keys(AURA_EVENT_TYPES).map((name) => `lightning:${name}`);
        expect([...OMNI_APPLICATION_EVENTS].sort()).toEqual(kitEvents.sort());
        expect(OMNI_APPLICATION_EVENTS).toHaveLength(10);
    });
});
