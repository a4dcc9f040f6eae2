/**
 * A local lightning/platformUtilityBarApi (sfdx-lwc-jest ships no stub for it): the
 * EnclosingUtilityId wire adapter and updateUtility, recording what components asked for
 * so tests and the simulator can show it.
 */
export interface UtilityAttributes {
    label?: string;
    icon?: string;
    iconVariant?: string;
    highlighted?: boolean;
}

let enclosingUtilityId: string | null = 'utility-1';
/** Only the latest updates are kept: a page that runs all day must not grow this list. */
const MAX_RECORDED_UPDATES = 500;
const updates: Array<{ utilityId: string; attributes: UtilityAttributes }> = [];
const listeners = new Set<(utilityId: string, attributes: UtilityAttributes) => void>();
let failure: Error | null = null;

/** The id the next EnclosingUtilityId wire provides; null = not inside a utility (a record page). */
export function setEnclosingUtilityId(id: string | null): void {
    enclosingUtilityId = id;
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
    enclosingUtilityId = 'utility-1';
    updates.length = 0;
    failure = null;
}

export function updateUtility(utilityId: string, attributes: UtilityAttributes): Promise<boolean> {
    if (failure) return Promise.reject(failure);
    updates.push({ utilityId, attributes: { ...attributes } });
    if (updates.length > MAX_RECORDED_UPDATES) updates.splice(0, updates.length - MAX_RECORDED_UPDATES);
    listeners.forEach((listener) => listener(utilityId, attributes));
    return Promise.resolve(true);
}

/** @wire(EnclosingUtilityId) utilityId; */
export class EnclosingUtilityId {
    constructor(private readonly dataCallback: (id: string | null) => void) {}
    connect(): void {
        this.dataCallback(enclosingUtilityId);
    }
    disconnect(): void {}
    update(): void {}
}
