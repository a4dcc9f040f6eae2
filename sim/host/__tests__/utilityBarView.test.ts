/**
 * The simulated console's utility bar as drawn from a ConsoleUtilityBar, and the component
 * factory's choices (stand-in, LWC, refusal), with small fake components.
 */
import { createConsoleUtilityBar } from '../../../platform/console/utilityBar';
import type { UtilityComponentFactory, UtilityItemSpec } from '../../../platform/console/types';
import { SimComponentError, createSimComponentFactory, designValue, mountLwc, tagName, UTILITY_LWCS } from '../components';
import { createUtilityBarView, utilityDomId } from '../utilityBarView';
import type { PageWorld } from '../world';

function spec(identifier: string, overrides: Partial<UtilityItemSpec> = {}): UtilityItemSpec {
    return {
        identifier,
        componentName: `c:${identifier}`,
        region: 'utility',
        label: identifier,
        eager: false,
        properties: {},
        ...overrides
    };
}

const quiet: UtilityComponentFactory = (_s, context) => {
    context.container?.append(document.createElement('p'));
    return { fireApplicationEvent: () => undefined, destroy: () => undefined };
};

function view() {
    const footer = document.createElement('footer');
    const layer = document.createElement('div');
    document.body.append(layer, footer);
    return { footer, layer, view: createUtilityBarView(footer, layer) };
}

afterEach(() => {
    document.body.innerHTML = '';
});

describe('utility bar view', () => {
    it("draws one button per utility in the flexipage's order, none for a background item, panels sized by the decorators", () => {
        const { footer, layer, view: v } = view();
        const bar = createConsoleUtilityBar(
            [
                spec('omni', { eager: true, label: 'Omni-Channel', width: 300, height: 200 }),
                spec('team', { label: 'Team' }),
                spec('bg', { region: 'background' })
            ],
            quiet,
            v.hosts
        );
        v.show(bar);
        const buttons = [...footer.querySelectorAll('button')];
        expect(buttons.map((b) => b.dataset.identifier)).toEqual(['omni', 'team']);
        expect(buttons.map((b) => b.querySelector('.utility-item__label')!.textContent)).toEqual(['Omni-Channel', 'Team']);
        // The eager one has its (hidden) panel; the lazy one none yet.
        const panel = layer.querySelector(`#${utilityDomId('panel', 'omni')}`) as HTMLElement;
        expect(panel.hidden).toBe(true);
        expect(panel.style.width).toBe('300px');
        expect(panel.style.height).toBe('200px');
        expect(layer.querySelector(`#${utilityDomId('panel', 'team')}`)).toBeNull();
        expect(buttons[1].hasAttribute('aria-controls')).toBe(false);
    });

    it('a click opens the panel (creating a lazy one), marks the button open and closes the other', () => {
        const { footer, layer, view: v } = view();
        const bar = createConsoleUtilityBar([spec('a', { eager: true }), spec('b')], quiet, v.hosts);
        v.show(bar);
        const [a, b] = [...footer.querySelectorAll('button')];
        a.click();
        expect(a.getAttribute('aria-expanded')).toBe('true');
        b.click();
        const panelB = layer.querySelector(`#${utilityDomId('panel', 'b')}`) as HTMLElement;
        expect(panelB.hidden).toBe(false);
        expect(b.getAttribute('aria-controls')).toBe(panelB.id);
        expect(a.getAttribute('aria-expanded')).toBe('false');
        (panelB.querySelector('[data-action="minimize"]') as HTMLButtonElement).click();
        expect(panelB.hidden).toBe(true);
        expect(b.getAttribute('aria-expanded')).toBe('false');
    });

    it('shows what a component sets through the utility bar API: label, highlight', async () => {
        const { footer, view: v } = view();
        let api: Parameters<UtilityComponentFactory>[1]['utilityBar'] = null;
        const bar = createConsoleUtilityBar(
            [spec('w', { eager: true, label: 'Omni Workload' })],
            (s, context) => {
                api = context.utilityBar;
                return quiet(s, context);
            },
            v.hosts
        );
        v.show(bar);
        await api!.setUtilityLabel({ label: 'Available 1/5' });
        await api!.setUtilityHighlighted({ highlighted: true });
        const button = footer.querySelector('button')!;
        expect(button.querySelector('.utility-item__label')!.textContent).toBe('Available 1/5');
        expect(button.classList.contains('utility-item_highlighted')).toBe(true);
    });

    it('shows a component that could not be created in its panel', () => {
        const { layer, view: v } = view();
        const errors: unknown[] = [];
        jest.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args));
        const bar = createConsoleUtilityBar(
            [spec('broken', { eager: true })],
            () => {
                throw new SimComponentError('c:broken: no Aura bundle');
            },
            v.hosts
        );
        v.show(bar);
        expect(layer.querySelector('[data-id="utility-failure"]')!.textContent).toContain('c:broken: no Aura bundle');
        expect(errors).toHaveLength(1);
    });
});

describe('simulator component factory', () => {
    const world = {} as PageWorld;
    const context = () => ({
        utilityId: 'utility-1',
        container: document.body.appendChild(document.createElement('div')),
        utilityBar: null
    });

    it('refuses a component it cannot run, naming it', () => {
        const factory = createSimComponentFactory({ world, auraBundles: [], aura: quiet });
        expect(() => factory(spec('nothingLikeThis'), context())).toThrow(SimComponentError);
        expect(() => factory(spec('nothingLikeThis'), context())).toThrow(/c:nothingLikeThis \(nothingLikeThis\): no Aura bundle/);
    });

    it('hands Aura bundles to the Aura factory', () => {
        const aura = jest.fn(quiet);
        const factory = createSimComponentFactory({ world, auraBundles: ['c:omniWorkloadUtility'], aura });
        factory(spec('omniWorkloadUtility', { componentName: 'c:omniWorkloadUtility' }), context());
        expect(aura).toHaveBeenCalledTimes(1);
    });

    it('an LWC in a background region is created but never connected', () => {
        const mounted = mountLwc(
            UTILITY_LWCS['c:omniTeamPanel'],
            spec('team', { componentName: 'c:omniTeamPanel', region: 'background' }),
            {
                utilityId: 'utility-1',
                container: null,
                utilityBar: null
            }
        );
        expect(document.querySelector('c-omni-team-panel')).toBeNull();
        mounted.destroy();
    });

    it('gives design attributes as App Builder types them', () => {
        expect(designValue('true')).toBe(true);
        expect(designValue('false')).toBe(false);
        expect(designValue('15')).toBe(15);
        expect(designValue('Cases,Urgent')).toBe('Cases,Urgent');
        expect(tagName('c:omniTeamPanel')).toBe('c-omni-team-panel');
    });
});
