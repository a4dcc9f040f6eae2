/**
 * Contract between the local Lightning console's utility bar (platform/console, built from
 * the project's UtilityBar flexipage) and the components it hosts (Aura bundles through
 * platform/aura, or a plain LWC). Shared by jest and the simulator, so both meet the same
 * platform rules: eager utilities are created at console start and rendered hidden, lazy ones
 * only when first opened, background utility items are created but never rendered.
 */

/** One item of a UtilityBar flexipage, as its metadata declares it. */
export interface UtilityItemSpec {
    /** The flexipage's itemInstance identifier (unique within the page). */
    identifier: string;
    /** e.g. 'c:omniWorkloadUtility', 'runtime_service_omnichannel:omniWidget'. */
    componentName: string;
    /** 'utilityItems' (a utility the rep opens) or the background region (never rendered). */
    region: 'utility' | 'background';
    /** Decorators (label, icon, width, height, eager); absent ones are undefined. */
    label?: string;
    icon?: string;
    width?: number;
    height?: number;
    eager: boolean;
    /** Design attributes (componentInstanceProperties without a decorator type), as strings. */
    properties: Readonly<Record<string, string>>;
}

/** What lightning:utilityBarAPI (Aura) does for the utility a component lives in. */
export interface UtilityBarApi {
    setUtilityLabel(args: { label: string }): Promise<boolean>;
    setUtilityHighlighted(args: { highlighted: boolean }): Promise<boolean>;
    setUtilityIcon(args: { icon: string }): Promise<boolean>;
    openUtility(): Promise<boolean>;
    minimizeUtility(): Promise<boolean>;
}

export interface UtilityMountContext {
    /** The console's id for this utility (what EnclosingUtilityId would give inside it). */
    utilityId: string;
    /** Where the component renders; null for a background utility item, which renders nothing. */
    container: HTMLElement | null;
    /** lightning:utilityBarAPI bound to this utility; null for a background item. */
    utilityBar: UtilityBarApi | null;
}

export interface MountedUtilityComponent {
    /** Delivers an Aura application event (e.g. 'lightning:omniChannelWorkAssigned') with its raw params. */
    fireApplicationEvent(descriptor: string, params: Readonly<Record<string, unknown>>): void;
    destroy(): void;
}

/** Creates the component of one utility item; the console calls it at start (eager) or on first open (lazy). */
export type UtilityComponentFactory = (spec: UtilityItemSpec, context: UtilityMountContext) => MountedUtilityComponent;
