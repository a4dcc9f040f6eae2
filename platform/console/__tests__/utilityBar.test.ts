/**
 * The utility bar's rules, each shown biting with a recording component factory: what exists
 * when, what hears application events, and what a background item gets.
 */
import { createConsoleUtilityBar, UtilityBarError, type UtilityBarHosts } from '../utilityBar';
import type { UtilityBarApi, UtilityComponentFactory, UtilityItemSpec, UtilityMountContext } from '../types';

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

interface Created {
    spec: UtilityItemSpec;
    context: UtilityMountContext;
    heard: string[];
    connected: boolean;
    destroyed: boolean;
}

/** A factory that records what it created and what each component heard, and mounts a child element. */
function recordingFactory(): { factory: UtilityComponentFactory; created: Created[] } {
    const created: Created[] = [];
    const factory: UtilityComponentFactory = (s, context) => {
        const record: Created = { spec: s, context, heard: [], connected: false, destroyed: false };
        // What an LWC child would do: it runs its connectedCallback only once in the document.
        const child = document.createElement('div');
        context.container?.append(child);
        record.connected = child.isConnected;
        created.push(record);
        return {
            fireApplicationEvent: (descriptor) => void record.heard.push(descriptor),
            destroy: () => {
                record.destroyed = true;
                child.remove();
            }
        };
    };
    return { factory, created };
}

function hosts(): UtilityBarHosts & { errors: unknown[] } {
    const errors: unknown[] = [];
    return {
        errors,
        createPanel() {
            const panel = document.createElement('section');
            const body = document.createElement('div');
            panel.append(body);
            document.body.append(panel);
            return { panel, body };
        },
        onError: (_utility, error) => void errors.push(error)
    };
}

afterEach(() => {
    document.body.innerHTML = '';
});

describe('console utility bar', () => {
    it('creates an eager utility at start, rendered hidden: in the document, connected, not shown', () => {
        const { factory, created } = recordingFactory();
        const bar = createConsoleUtilityBar([spec('workload', { eager: true })], factory, hosts());
        expect(created.map((c) => c.spec.identifier)).toEqual(['workload']);
        const utility = bar.utility('utility-1');
        expect(utility.created).toBe(true);
        expect(utility.open).toBe(false);
        expect(utility.container!.isConnected).toBe(true);
        expect(utility.panel!.hidden).toBe(true);
        expect(created[0].connected).toBe(true);
        bar.open('utility-1');
        expect(utility.panel!.hidden).toBe(false);
        expect(created).toHaveLength(1);
    });

    it('does not create a lazy utility until it is first opened', () => {
        const { factory, created } = recordingFactory();
        const bar = createConsoleUtilityBar([spec('workload')], factory, hosts());
        expect(created).toHaveLength(0);
        expect(bar.utility('utility-1').created).toBe(false);
        expect(bar.utility('utility-1').container).toBeNull();
        bar.open('utility-1');
        expect(created).toHaveLength(1);
        expect(bar.utility('utility-1').panel!.hidden).toBe(false);
        bar.minimize('utility-1');
        bar.open('utility-1');
        expect(created).toHaveLength(1); // created once; minimizing keeps it
    });

    it('a lazy utility misses application events fired before its first open; an eager one hears them all', () => {
        const { factory, created } = recordingFactory();
        const bar = createConsoleUtilityBar([spec('eagerOne', { eager: true }), spec('lazyOne')], factory, hosts());
        bar.fireApplicationEvent('lightning:omniChannelWorkAssigned', { workId: '0Bz1' });
        bar.open('utility-2');
        bar.fireApplicationEvent('lightning:omniChannelWorkAccepted', { workId: '0Bz1' });
        const heard = Object.fromEntries(created.map((c) => [c.spec.identifier, c.heard]));
        expect(heard.eagerOne).toEqual(['lightning:omniChannelWorkAssigned', 'lightning:omniChannelWorkAccepted']);
        expect(heard.lazyOne).toEqual(['lightning:omniChannelWorkAccepted']);
    });

    it('creates a background item at start with a null container and no utility bar API: its LWC never connects', () => {
        const { factory, created } = recordingFactory();
        const bar = createConsoleUtilityBar([spec('visible'), spec('bridge', { region: 'background' })], factory, hosts());
        expect(created.map((c) => c.spec.identifier)).toEqual(['bridge']);
        expect(created[0].context.container).toBeNull();
        expect(created[0].context.utilityBar).toBeNull();
        expect(created[0].connected).toBe(false);
        const background = bar.byIdentifier('bridge')!;
        expect(background.panel).toBeNull();
        // It still hears application events: it exists.
        bar.fireApplicationEvent('lightning:omniChannelLoginSuccess', {});
        expect(created[0].heard).toEqual(['lightning:omniChannelLoginSuccess']);
        expect(() => bar.open(background.id)).toThrow(UtilityBarError);
    });

    it('keeps one panel open at a time', () => {
        const { factory } = recordingFactory();
        const bar = createConsoleUtilityBar([spec('a', { eager: true }), spec('b')], factory, hosts());
        bar.open('utility-1');
        bar.open('utility-2');
        expect(bar.utility('utility-1').open).toBe(false);
        expect(bar.utility('utility-1').panel!.hidden).toBe(true);
        expect(bar.utility('utility-2').open).toBe(true);
        bar.toggle('utility-2');
        expect(bar.utilities.filter((u) => u.open)).toHaveLength(0);
    });

    it("binds lightning:utilityBarAPI to the component's own utility: label, highlight, icon, open and minimize", async () => {
        let api: UtilityBarApi | null = null;
        const factory: UtilityComponentFactory = (_s, context) => {
            api = context.utilityBar;
            return { fireApplicationEvent: () => undefined, destroy: () => undefined };
        };
        const bar = createConsoleUtilityBar(
            [spec('other', { eager: true }), spec('workload', { eager: true, label: 'Omni Workload' })],
            factory,
            hosts()
        );
        const changes: string[] = [];
        bar.onChange((u) => changes.push(`${u.id}:${u.label}:${u.highlighted}`));
        const workload = bar.byIdentifier('workload')!;
        expect(workload.label).toBe('Omni Workload');
        await expect(api!.setUtilityLabel({ label: 'Available 1/5' })).resolves.toBe(true);
        await api!.setUtilityHighlighted({ highlighted: true });
        await api!.setUtilityIcon({ icon: 'warning' });
        expect(workload).toMatchObject({ label: 'Available 1/5', highlighted: true, icon: 'warning' });
        expect(bar.byIdentifier('other')!.label).toBe('other');
        expect(changes).toContain('utility-2:Available 1/5:true');
        await api!.openUtility();
        expect(workload.open).toBe(true);
        await api!.minimizeUtility();
        expect(workload.open).toBe(false);
        await expect(api!.setUtilityLabel({ label: '' })).rejects.toThrow(UtilityBarError);
        bar.destroy();
        await expect(api!.setUtilityLabel({ label: 'late' })).rejects.toThrow('no longer exists');
    });

    it('a component that fails to be created is reported on its utility; the others still start', () => {
        const { factory, created } = recordingFactory();
        const failing: UtilityComponentFactory = (s, context) => {
            if (s.identifier === 'broken') throw new Error('no such bundle');
            return factory(s, context);
        };
        const h = hosts();
        const bar = createConsoleUtilityBar([spec('broken', { eager: true }), spec('fine', { eager: true })], failing, h);
        expect(bar.byIdentifier('broken')!.failure).toBe('no such bundle');
        expect(h.errors).toHaveLength(1);
        expect(created.map((c) => c.spec.identifier)).toEqual(['fine']);
        bar.fireApplicationEvent('lightning:omniChannelLogout', {});
        expect(created[0].heard).toEqual(['lightning:omniChannelLogout']);
    });

    it('a component whose event handler throws does not keep the event from the others', () => {
        const h = hosts();
        const heard: string[] = [];
        const factory: UtilityComponentFactory = (s) => ({
            fireApplicationEvent: () => {
                if (s.identifier === 'a') throw new Error('handler failed');
                heard.push(s.identifier);
            },
            destroy: () => undefined
        });
        const bar = createConsoleUtilityBar([spec('a', { eager: true }), spec('b', { eager: true })], factory, h);
        bar.fireApplicationEvent('lightning:omniChannelWorkAssigned', {});
        expect(heard).toEqual(['b']);
        expect(bar.byIdentifier('a')!.failure).toBe('handler failed');
    });

    it('destroy destroys every component and removes the panels', () => {
        const { factory, created } = recordingFactory();
        const bar = createConsoleUtilityBar([spec('a', { eager: true }), spec('bg', { region: 'background' })], factory, hosts());
        const panel = bar.byIdentifier('a')!.panel!;
        bar.destroy();
        expect(created.every((c) => c.destroyed)).toBe(true);
        expect(panel.isConnected).toBe(false);
        bar.fireApplicationEvent('lightning:omniChannelLogout', {});
        expect(created.every((c) => c.heard.length === 0)).toBe(true);
    });
});
