import { idsEqual, toId15, toId18 } from 'c/omniTypes';

describe('Salesforce id normalisation', () => {
    // Known pairs: the 18-character form of a 15-character id adds a case checksum.
    const pairs: Array<[string, string]> = [
        // The example Salesforce's own documentation uses:
        ['001A0000006Vm9r', '001A0000006Vm9rIAC'],
        ['0BzRM0000000001', '0BzRM00000000010AA'],
        ['500RM000000A1nv', '500RM000000A1nvYAC'],
        ['001000000000000', '001000000000000AAA'],
        ['aBcDeFgHiJkLmNo', 'aBcDeFgHiJkLmNoKVK']
    ];

    it.each(pairs)('turns the 15-character id %s into %s', (id15, id18) => {
        expect(toId18(id15)).toBe(id18);
        expect(toId15(id18)).toBe(id15);
    });

    it('keeps a canonical 18-character id as it is', () => {
        expect(toId18('500RM000000A1nvYAC')).toBe('500RM000000A1nvYAC');
    });

    it('restores the case of an 18-character id that was lower- or upper-cased on the way', () => {
        expect(toId18('500rm000000a1nvyac')).toBe('500RM000000A1nvYAC');
        expect(toId18('500RM000000A1NVYAC')).toBe('500RM000000A1nvYAC');
    });

    it('compares a 15-character id with an 18-character one of the same record', () => {
        expect(idsEqual('500RM000000A1nv', '500rm000000a1nvyac')).toBe(true);
        expect(idsEqual('500RM000000A1nv', '500RM000000A1nV')).toBe(false);
    });

    it.each([
        [''],
        ['500RM000000A1n'],
        ['500RM000000A1nvAA'],
        ['500RM000000A1nv-AC'],
        ['500RM000000A1nvAA9'],
        [42],
        [null],
        [undefined],
        [{}]
    ])('rejects %p as an id', (value) => {
        expect(toId18(value)).toBeNull();
        expect(idsEqual(value, value)).toBe(false);
    });

    it('rejects an 18-character id whose checksum marks a digit as upper case', () => {
        // suffix "BAA" says character 1 is upper case, but it is the digit 0.
        expect(toId18('000000000000000BAA')).toBeNull();
    });
});
