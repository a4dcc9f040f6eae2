/**
 * A Lightning console's utility bar, built from a UtilityBar flexipage's items
 * (readUtilityBarFlexipage), with the platform's rules for when each item's component exists:
 *
 * - A utility set to start automatically (the utility's "Start automatically" option in the
 *   app's Utility Items, written to the flexipage as the decorator `eager`; Salesforce Help,
 *   *Add a Utility Bar to Lightning Apps*, whose exact wording the stored copies here do not
 *   hold) is created when the console starts and rendered hidden: its container is in the
 *   document but not shown until the rep opens it. Its components are connected, so they run
 *   from the start.
 * - Any other utility is created only when the rep first opens it: the utility bar API
 *   reports this as utilityInfo's `isLoaded` (*getUtilityInfo() for Lightning Experience*,
 *   https://developer.salesforce.com/docs/service/api-console/guide/sforce-api-console-lightning-getutilityinfo.html).
 *   Before that it does not exist: it hears nothing.
 * - A background utility item is "created when the app loads, and runs code without
 *   rendering itself in the app UI" (*lightning:backgroundUtilityItem*,
 *   https://developer.salesforce.com/docs/component-library/bundle/lightning:backgroundUtilityItem),
 *   and background items "don't appear in the utility bar" (*Using Background Utility Items*,
 *   https://developer.salesforce.com/docs/service/api-console/guide/sforce-api-console-js-lightning-background-utility-item.html):
 *   it is created at start with no container, so an LWC inside it is never connected to the
 *   document. It has no panel and no utility bar button.
 * - "Only one utility can be open at a time. If another utility is already open,
 *   openUtility() minimizes the utility" (*openUtility() for Lightning Experience*,
 *   https://developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_lightning_openUtility.htm).
 * - Aura application events (the lightning:omniChannel* events) reach every component that
 *   exists: background items and eager utilities from the start, lazy ones once opened.
 * - lightning:utilityBarAPI called from within a utility acts on that utility without an id
 *   ("Optional when called within a utility", *setUtilityHighlighted() for Lightning
 *   Experience*, https://developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_lightning_setUtilityHighlighted.htm):
 *   each created utility gets an API bound to it.
 *
 * Pure TypeScript over the DOM: jest and the simulator run the same rules.
 */
import type { MountedUtilityComponent, UtilityBarApi, UtilityComponentFactory, UtilityItemSpec } from './types';

export class UtilityBarError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'UtilityBarError';
    }
}

/** One utility as the console shows it. */
export interface ConsoleUtility {
    /** The console's id for it (`utility-<n>`, in the flexipage's order). */
    readonly id: string;
    readonly spec: UtilityItemSpec;
    /** The utility bar button's text: the label decorator until the component sets another. */
    label: string;
    icon: string | undefined;
    highlighted: boolean;
    /** Its panel is shown (only one at a time). */
    open: boolean;
    /** Its component exists (created at start, or on first open for a lazy utility). */
    created: boolean;
    /** The panel chrome the host made for it (null until created, and always for a background item). */
    panel: HTMLElement | null;
    /** Where its component renders (inside `panel`); null for a background item. */
    container: HTMLElement | null;
    /** Why its component could not be created or failed, in words; null when all is well. */
    failure: string | null;
}

export interface UtilityBarHosts {
    /**
     * Makes the panel of a utility being created (hidden by the bar until opened) and returns
     * it with the element inside it where the component renders. The host puts it in the
     * document; the bar shows and hides `panel` (its `hidden` property).
     */
    createPanel(utility: Readonly<ConsoleUtility>): { panel: HTMLElement; body: HTMLElement };
    /** A component failed (creation, an event handler): defaults to console.error. */
    onError?(utility: Readonly<ConsoleUtility>, error: unknown): void;
}

export interface ConsoleUtilityBar {
    /** Every item, utilities in the bar's order then background items. */
    readonly utilities: ReadonlyArray<Readonly<ConsoleUtility>>;
    utility(id: string): Readonly<ConsoleUtility>;
    /** The utility of a flexipage identifier (undefined when the page has none). */
    byIdentifier(identifier: string): Readonly<ConsoleUtility> | undefined;
    /** Opens a utility (creating it first when it is lazy and new) and minimizes the one open. */
    open(id: string): void;
    minimize(id: string): void;
    /** What a click on its utility bar button does: opens it, or minimizes it when open. */
    toggle(id: string): void;
    /** Delivers an Aura application event to every component that exists. */
    fireApplicationEvent(descriptor: string, params: Readonly<Record<string, unknown>>): void;
    /** Called after any change of label, icon, highlight, open state or creation. */
    onChange(listener: (utility: Readonly<ConsoleUtility>) => void): () => void;
    /** Destroys every component (the console closing or reloading). */
    destroy(): void;
}

interface Slot {
    state: ConsoleUtility;
    component: MountedUtilityComponent | null;
    /** From the start of its creation (a component may use the API while it is created) to destroy. */
    alive: boolean;
}

/**
 * Builds the utility bar and starts it: background items and eager utilities are created now
 * (eager ones rendered hidden), lazy ones wait for their first open.
 */
export function createConsoleUtilityBar(
    items: readonly UtilityItemSpec[],
    factory: UtilityComponentFactory,
    hosts: UtilityBarHosts
): ConsoleUtilityBar {
    const slots: Slot[] = items.map((spec, index) => ({
        state: {
            id: `utility-${index + 1}`,
            spec,
            label: spec.label ?? spec.componentName,
            icon: spec.icon,
            highlighted: false,
            open: false,
            created: false,
            panel: null,
            container: null,
            failure: null
        },
        component: null,
        alive: false
    }));
    const byId = new Map(slots.map((slot) => [slot.state.id, slot]));
    const listeners = new Set<(utility: Readonly<ConsoleUtility>) => void>();
    let destroyed = false;

    const report = (slot: Slot, error: unknown) => {
        slot.state.failure = error instanceof Error ? error.message : String(error);
        if (hosts.onError) hosts.onError(slot.state, error);
        else console.error(`utility ${slot.state.id} (${slot.state.spec.componentName}):`, error);
    };
    const changed = (slot: Slot) => listeners.forEach((listener) => listener(slot.state));

    const slotOf = (id: string): Slot => {
        const slot = byId.get(id);
        if (!slot) throw new UtilityBarError(`no utility ${id} in this utility bar`);
        return slot;
    };

    const show = (slot: Slot, open: boolean) => {
        slot.state.open = open;
        if (slot.state.panel) slot.state.panel.hidden = !open;
    };

    /** lightning:utilityBarAPI as a component inside this utility gets it. */
    const apiFor = (slot: Slot): UtilityBarApi => {
        const guard = () => {
            if (destroyed || !slot.alive) throw new UtilityBarError(`utility ${slot.state.id} no longer exists`);
        };
        const act = (fn: () => void): Promise<boolean> => {
            try {
                guard();
                fn();
                changed(slot);
                return Promise.resolve(true);
            } catch (error) {
                return Promise.reject(error);
            }
        };
        return {
            setUtilityLabel: ({ label }) =>
                act(() => {
                    if (typeof label !== 'string' || label === '')
                        throw new UtilityBarError('setUtilityLabel: label must be a non-empty string');
                    slot.state.label = label;
                }),
            setUtilityHighlighted: ({ highlighted }) =>
                act(() => {
                    if (typeof highlighted !== 'boolean')
                        throw new UtilityBarError('setUtilityHighlighted: highlighted must be true or false');
                    slot.state.highlighted = highlighted;
                }),
            setUtilityIcon: ({ icon }) =>
                act(() => {
                    if (typeof icon !== 'string' || icon === '')
                        throw new UtilityBarError('setUtilityIcon: icon must be a non-empty string');
                    slot.state.icon = icon;
                }),
            // eslint-disable-next-line @typescript-eslint/no-use-before-define -- apiFor, create and openSlot call each other
            openUtility: () => act(() => openSlot(slot)),
            minimizeUtility: () => act(() => show(slot, false))
        };
    };

    const create = (slot: Slot) => {
        const { state } = slot;
        state.created = true;
        slot.alive = true;
        if (state.spec.region === 'utility') {
            const { panel, body } = hosts.createPanel(state);
            state.panel = panel;
            state.container = body;
            panel.hidden = !state.open;
        }
        try {
            // The API object is handed over before the component exists; it checks on each call.
            const utilityBar = state.spec.region === 'utility' ? apiFor(slot) : null;
            slot.component = factory(state.spec, { utilityId: state.id, container: state.container, utilityBar });
        } catch (error) {
            report(slot, error);
        }
        changed(slot);
    };

    const openSlot = (slot: Slot) => {
        if (slot.state.spec.region === 'background')
            throw new UtilityBarError(`${slot.state.spec.identifier} is a background utility item: it has no panel to open`);
        for (const other of slots)
            if (other !== slot && other.state.open) {
                show(other, false);
                changed(other);
            }
        show(slot, true);
        if (!slot.state.created) create(slot);
    };

    for (const slot of slots) if (slot.state.spec.region === 'background' || slot.state.spec.eager) create(slot);

    return {
        get utilities() {
            return slots.map((slot) => slot.state);
        },
        utility: (id) => slotOf(id).state,
        byIdentifier: (identifier) => slots.find((slot) => slot.state.spec.identifier === identifier)?.state,
        open(id) {
            const slot = slotOf(id);
            if (destroyed) throw new UtilityBarError('the utility bar was destroyed');
            openSlot(slot);
            changed(slot);
        },
        minimize(id) {
            const slot = slotOf(id);
            show(slot, false);
            changed(slot);
        },
        toggle(id) {
            const slot = slotOf(id);
            if (slot.state.open) this.minimize(id);
            else this.open(id);
        },
        fireApplicationEvent(descriptor, params) {
            if (destroyed) return;
            for (const slot of slots) {
                if (!slot.component) continue;
                try {
                    slot.component.fireApplicationEvent(descriptor, params);
                } catch (error) {
                    report(slot, error);
                    changed(slot);
                }
            }
        },
        onChange(listener) {
            listeners.add(listener);
            return () => listeners.delete(listener);
        },
        destroy() {
            if (destroyed) return;
            destroyed = true;
            for (const slot of slots) {
                const component = slot.component;
                slot.component = null;
                slot.alive = false;
                try {
                    component?.destroy();
                } catch (error) {
                    report(slot, error);
                }
                slot.state.panel?.remove();
            }
            listeners.clear();
        }
    };
}
