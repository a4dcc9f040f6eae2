/**
 * What the simulated console creates for each item of the utility bar flexipage
 * (a UtilityComponentFactory, platform/console/types.ts):
 *
 * - `runtime_service_omnichannel:omniWidget`: the stand-in for Salesforce's Omni-Channel
 *   utility (omniWidget.ts);
 * - an Aura bundle of force-app/main/default/aura (`c:<name>`): run by the Aura factory the
 *   caller passes (platform/aura), which evaluates the bundle's real markup, controller and
 *   helper; application events reach its handlers;
 * - an LWC a flexipage may place directly (`c:omniWorkloadPanel`, `c:omniTeamPanel`...):
 *   created with its design attributes and put into the utility's container; in a background
 *   region (container null) it is created but never connected, as on the platform;
 * - an LWC registered by the page (registerUtilityLwc: the examples of examples/*, which the
 *   preview build bundles in development mode), placed the same way;
 * - anything else: refused with a SimComponentError naming the component (the utility shows it).
 *
 * Design attributes arrive as the flexipage's strings; "true"/"false" and whole numbers are
 * given to an LWC as booleans and numbers, as App Builder gives Boolean and Integer properties.
 */
import { createElement, type LightningElement } from 'lwc';
import OmniBridgeCore from 'c/omniBridgeCore';
import OmniWorkloadPanel from 'c/omniWorkloadPanel';
import OmniTeamPanel from 'c/omniTeamPanel';
import type { MountedUtilityComponent, UtilityComponentFactory, UtilityItemSpec, UtilityMountContext } from '../../platform/console/types';
import { mountOmniWidget } from './omniWidget';
import type { PageWorld } from './world';

export class SimComponentError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'SimComponentError';
    }
}

/** The Omni-Channel utility Salesforce provides. */
export const OMNI_WIDGET = 'runtime_service_omnichannel:omniWidget';

type LwcConstructor = typeof LightningElement;

/** LWCs of force-app the simulator can place in a utility directly, by flexipage component name. */
export const UTILITY_LWCS: Readonly<Record<string, LwcConstructor>> = {
    'c:omniWorkloadPanel': OmniWorkloadPanel as unknown as LwcConstructor,
    'c:omniTeamPanel': OmniTeamPanel as unknown as LwcConstructor,
    'c:omniBridgeCore': OmniBridgeCore as unknown as LwcConstructor
};

/** LWCs the page added (the examples), by flexipage component name. */
const registered = new Map<string, LwcConstructor>();

/**
 * Lets a flexipage place another LWC (an example) by component name. A name the console
 * already knows, or one that is not `c:<name>`, is a SimComponentError: nothing is replaced.
 */
export function registerUtilityLwc(componentName: string, ctor: LwcConstructor): void {
    if (!/^c:[A-Za-z][A-Za-z0-9_]*$/.test(componentName))
        throw new SimComponentError(`registerUtilityLwc: "${componentName}" is not a c:<name> component name`);
    if (typeof ctor !== 'function') throw new SimComponentError(`registerUtilityLwc: ${componentName} has no component constructor`);
    if (componentName in UTILITY_LWCS || registered.has(componentName))
        throw new SimComponentError(`registerUtilityLwc: ${componentName} is already a utility component of the local console`);
    registered.set(componentName, ctor);
}

/** The component names registerUtilityLwc added, in order. */
export function registeredUtilityLwcs(): string[] {
    return [...registered.keys()];
}

/** `c:omniTeamPanel` -> `c-omni-team-panel`. */
export function tagName(componentName: string): string {
    const [namespace, name] = componentName.split(':');
    return `${namespace}-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** A design attribute's flexipage string as an LWC @api property gets it. */
export function designValue(value: string): string | boolean | number {
    if (value === 'true' || value === 'false') return value === 'true';
    if (/^-?\d+$/.test(value)) return Number(value);
    return value;
}

export function mountLwc(ctor: LwcConstructor, spec: UtilityItemSpec, context: UtilityMountContext): MountedUtilityComponent {
    const element = createElement(tagName(spec.componentName), { is: ctor }) as HTMLElement & Record<string, unknown>;
    for (const [name, value] of Object.entries(spec.properties)) element[name] = designValue(value);
    // A background item renders nothing: the element is never put in the document.
    context.container?.append(element);
    return {
        // An LWC cannot handle Aura application events (lightning:omniChannel* are Aura-only).
        fireApplicationEvent: () => undefined,
        destroy: () => element.remove()
    };
}

export interface SimFactoryOptions {
    world: PageWorld;
    /** Descriptors of the Aura bundles the console can run (`c:omniWorkloadUtility`...). */
    auraBundles: readonly string[];
    /** Runs them (platform/aura's factory). */
    aura: UtilityComponentFactory;
}

export function createSimComponentFactory({ world, auraBundles, aura }: SimFactoryOptions): UtilityComponentFactory {
    const bundles = new Set(auraBundles);
    return (spec, context) => {
        if (spec.componentName === OMNI_WIDGET) return mountOmniWidget(world, context);
        if (bundles.has(spec.componentName)) return aura(spec, context);
        const lwc = UTILITY_LWCS[spec.componentName] ?? registered.get(spec.componentName);
        if (lwc) return mountLwc(lwc, spec, context);
        throw new SimComponentError(
            `${spec.componentName} (${spec.identifier}): no Aura bundle force-app/main/default/aura/${spec.componentName.split(':')[1]} and no LWC the local console knows`
        );
    };
}
