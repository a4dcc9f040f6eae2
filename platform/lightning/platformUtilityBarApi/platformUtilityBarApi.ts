/**
 * A local lightning/platformUtilityBarApi (sfdx-lwc-jest ships no stub for it): the
 * EnclosingUtilityId wire adapter and updateUtility, recording what components asked for
 * so tests and the simulator can show it. It is as strict as the platform's documentation:
 *
 * - "Before you can use the utility bar API with LWC, Lightning Web Security must be enabled in
 *   your organization." With LWS off, EnclosingUtilityId gives null and updateUtility rejects.
 *   (*Utility Bar API Method Parity*, Console Developer Guide,
 *   https://developer.salesforce.com/docs/service/api-console/guide/sforce-api-console-js-utility-parity.html)
 * - "If a caller component isn't using the wire adapter inside a panel, the enclosing utility
 *   ID is null." Outside a utility, updateUtility rejects (there is no utility to update).
 *   (*EnclosingUtilityId Context Wire Adapter*, Console Developer Guide,
 *   https://developer.salesforce.com/docs/atlas.en-us.254.0.api_console.meta/api_console/sforce_api_console_lwc_enclosingUtilityId.htm)
 * - An LWC nested inside an Aura utility: whether it gets an id is not documented, so the fake
 *   gives null (the worst case) and the kit's Aura hosts own the utility's label and highlight
 *   through lightning:utilityBarAPI instead.
 * - "For LWC, the utilityId parameter is always required": updateUtility with another id than
 *   the enclosing utility's rejects.
 */
export interface UtilityAttributes {
    label?: string;
    icon?: string;
    iconVariant?: string;
    highlighted?: boolean;
}

/** Where the component under test lives. */
export type UtilityPlacement = 'utility' | 'outside' | 'nestedInAuraUtility';

const DEFAULT_UTILITY_ID = 'utility-1';
let placement: UtilityPlacement = 'utility';
let utilityId = DEFAULT_UTILITY_ID;
let lightningWebSecurity = true;
/** Only the latest updates are kept: a page that runs all day must not grow this list. */
const MAX_RECORDED_UPDATES = 500;
const updates: Array<{ utilityId: string; attributes: UtilityAttributes }> = [];
const listeners = new Set<(utilityId: string, attributes: UtilityAttributes) => void>();
let failure: Error | null = null;

/** The id the next EnclosingUtilityId wire provides; null = not inside a utility (a record page). */
export function setEnclosingUtilityId(id: string | null): void {
    if (id === null) placement = 'outside';
    else {
        placement = 'utility';
        utilityId = id;
    }
}

/** Places the components mounted next: in an LWC utility (with its id), outside any utility, or nested in an Aura utility. */
export function setUtilityPlacement(next: UtilityPlacement, id = DEFAULT_UTILITY_ID): void {
    placement = next;
    utilityId = id;
}

/** Lightning Web Security on (the default) or off (Lightning Locker): the LWC utility bar API needs it on. */
export function setLightningWebSecurity(enabled: boolean): void {
    lightningWebSecurity = enabled;
}

/** Makes updateUtility reject (to test that a failing utility bar never breaks a panel). */
export function failUtilityUpdates(error: Error | null): void {
    failure = error;
}

/** The latest updates (at most 500), oldest first. */
export function utilityUpdates(): ReadonlyArray<{ utilityId: string; attributes: UtilityAttributes }> {
    return updates;
}

export function onUtilityUpdate(listener: (utilityId: string, attributes: UtilityAttributes) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
}

export function resetUtilityBar(): void {
    placement = 'utility';
    utilityId = DEFAULT_UTILITY_ID;
    lightningWebSecurity = true;
    updates.length = 0;
    failure = null;
}

function enclosingId(): string | null {
    return lightningWebSecurity && placement === 'utility' ? utilityId : null;
}

export function updateUtility(id: string, attributes: UtilityAttributes): Promise<boolean> {
    if (!lightningWebSecurity) return Promise.reject(new Error('updateUtility: the LWC utility bar API needs Lightning Web Security'));
    if (placement !== 'utility') return Promise.reject(new Error('updateUtility: this component is not inside a utility panel'));
    if (typeof id !== 'string' || id !== utilityId) return Promise.reject(new Error(`updateUtility: no utility with id ${String(id)}`));
    if (failure) return Promise.reject(failure);
    updates.push({ utilityId: id, attributes: { ...attributes } });
    if (updates.length > MAX_RECORDED_UPDATES) updates.splice(0, updates.length - MAX_RECORDED_UPDATES);
    listeners.forEach((listener) => listener(id, attributes));
    return Promise.resolve(true);
}

/** @wire(EnclosingUtilityId) utilityId; */
export class EnclosingUtilityId {
    constructor(private readonly dataCallback: (id: string | null) => void) {}
    connect(): void {
        this.dataCallback(enclosingId());
    }
    disconnect(): void {}
    update(): void {}
}
