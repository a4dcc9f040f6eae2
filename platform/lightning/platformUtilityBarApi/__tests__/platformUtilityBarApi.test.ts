/** The LWC utility bar API fake's rules (Utility Bar API Method Parity, EnclosingUtilityId), each shown biting. */
import {
    EnclosingUtilityId,
    resetUtilityBar,
    setEnclosingUtilityId,
    setLightningWebSecurity,
    setUtilityPlacement,
    updateUtility,
    utilityUpdates
} from '../platformUtilityBarApi';

function wiredId(): string | null {
    let id: string | null | undefined;
    new EnclosingUtilityId((value) => (id = value)).connect();
    return id as string | null;
}

beforeEach(() => resetUtilityBar());

describe('lightning/platformUtilityBarApi', () => {
    it('inside an LWC utility with Lightning Web Security: gives the id and updates the utility', async () => {
        setUtilityPlacement('utility', 'utility-3');
        expect(wiredId()).toBe('utility-3');
        await expect(updateUtility('utility-3', { label: 'Available 1/5' })).resolves.toBe(true);
        expect(utilityUpdates()).toEqual([{ utilityId: 'utility-3', attributes: { label: 'Available 1/5' } }]);
    });

    it('outside a utility panel: the id is null and updateUtility rejects', async () => {
        setEnclosingUtilityId(null);
        expect(wiredId()).toBeNull();
        await expect(updateUtility('utility-1', { label: 'x' })).rejects.toThrow(/not inside a utility panel/);
    });

    it('without Lightning Web Security (Locker): the LWC utility bar API is unavailable', async () => {
        setLightningWebSecurity(false);
        expect(wiredId()).toBeNull();
        await expect(updateUtility('utility-1', { label: 'x' })).rejects.toThrow(/needs Lightning Web Security/);
    });

    it('nested in an Aura utility: not documented, so no id (the Aura host owns the label)', async () => {
        setUtilityPlacement('nestedInAuraUtility');
        expect(wiredId()).toBeNull();
        await expect(updateUtility('utility-1', { label: 'x' })).rejects.toThrow(/not inside a utility panel/);
    });

    it('the utilityId is required and must be the utility the component is in', async () => {
        await expect(updateUtility('utility-9', { label: 'x' })).rejects.toThrow(/no utility with id utility-9/);
        await expect(updateUtility(undefined as never, { label: 'x' })).rejects.toThrow(/no utility with id/);
        expect(utilityUpdates()).toEqual([]);
    });
});
