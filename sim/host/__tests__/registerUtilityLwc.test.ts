/**
 * The page registers the examples (examples/<example>/lwc, bundled by sim/build/examplesModule.mjs) as
 * utility LWCs: a flexipage naming `c:<name>` then gets the component with its design
 * attributes, as the kit's own LWCs; a clash or a malformed name is refused, nothing replaced.
 */
import { LightningElement, api } from 'lwc';
import type { PageWorld } from '../world';
import { SimComponentError, UTILITY_LWCS, createSimComponentFactory, registerUtilityLwc, registeredUtilityLwcs } from '../components';

class FakeExample extends LightningElement {
    @api statusApiName: string | undefined;
    @api retries: number | undefined;
}

const quiet = () => ({ fireApplicationEvent: () => undefined, destroy: () => undefined });

afterEach(() => {
    document.body.innerHTML = '';
});

describe('registerUtilityLwc', () => {
    it('a registered example is placed by a flexipage with its design attributes (typed as App Builder gives them)', () => {
        registerUtilityLwc('c:fakeExample', FakeExample as unknown as typeof LightningElement);
        expect(registeredUtilityLwcs()).toContain('c:fakeExample');
        const factory = createSimComponentFactory({ world: {} as PageWorld, auraBundles: [], aura: quiet });
        const container = document.body.appendChild(document.createElement('div'));
        const mounted = factory(
            {
                identifier: 'c_fakeExample',
                componentName: 'c:fakeExample',
                region: 'utility',
                label: 'Fake',
                eager: true,
                properties: { statusApiName: 'Available', retries: '3' }
            },
            { utilityId: 'utility-1', container, utilityBar: null }
        );
        const element = container.querySelector('c-fake-example') as HTMLElement & { statusApiName: string; retries: number };
        expect(element).not.toBeNull();
        expect(element.statusApiName).toBe('Available');
        expect(element.retries).toBe(3);
        mounted.destroy();
        expect(container.querySelector('c-fake-example')).toBeNull();
    });

    it("refuses a name the console already knows (the kit's LWCs, or registered twice) and malformed names", () => {
        const ctor = FakeExample as unknown as typeof LightningElement;
        expect(() => registerUtilityLwc('c:omniTeamPanel', ctor)).toThrow(SimComponentError);
        expect(UTILITY_LWCS['c:omniTeamPanel']).not.toBe(ctor);
        registerUtilityLwc('c:fakeExampleTwice', ctor);
        expect(() => registerUtilityLwc('c:fakeExampleTwice', ctor)).toThrow(/already a utility component/);
        expect(() => registerUtilityLwc('fakeExample', ctor)).toThrow(/is not a c:<name> component name/);
        expect(() => registerUtilityLwc('c:other', undefined as never)).toThrow(/no component constructor/);
    });
});
