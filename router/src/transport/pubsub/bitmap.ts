/**
 * CDC bitmap fields (ChangeEventHeader.changedFields / nulledFields / diffFields) to field names.
 *
 * Over the Pub/Sub API these arrive undecoded: an array of hexadecimal strings where bit i
 * (counting from the least significant bit) set means "the field at position i of the event's
 * Avro schema". The first element, "0x...", covers the top-level fields; further elements
 * "P-0x..." cover the fields of the compound field at top-level position P (e.g. Name), whose
 * names are reported as "Parent.Child". See Salesforce's "Event Deserialization
 * Considerations" in the Pub/Sub API guide.
 */

/** The part of a record schema the decoder needs: its fields' names, and nested records. */
export interface FieldLayout {
    names: readonly string[];
    /** For compound fields: the layout of the record inside (null-union unwrapped). */
    nested: ReadonlyMap<number, FieldLayout>;
}

export class BitmapError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'BitmapError';
    }
}

const TOP = /^0x([0-9a-f]+)$/i;
const NESTED = /^(\d+)-0x([0-9a-f]+)$/i;

/** Indexes of the set bits of a hex string, ascending. */
export function setBits(hex: string): number[] {
    const bits: number[] = [];
    for (let digit = 0; digit < hex.length; digit++) {
        const value = parseInt(hex[hex.length - 1 - digit], 16);
        for (let bit = 0; bit < 4; bit++) if (value & (1 << bit)) bits.push(digit * 4 + bit);
    }
    return bits;
}

function namesAt(layout: FieldLayout, hex: string, prefix: string, bitmap: string): string[] {
    return setBits(hex).map((index) => {
        const name = layout.names[index];
        if (name === undefined)
            throw new BitmapError(`bitmap ${bitmap} names field #${index}, but the schema has ${layout.names.length} fields`);
        return prefix + name;
    });
}

/** Decodes one bitmap field (an array of strings) into field names, top-level first. */
export function fieldNamesOf(bitmaps: readonly string[], layout: FieldLayout): string[] {
    const names: string[] = [];
    for (const bitmap of bitmaps) {
        const top = TOP.exec(bitmap);
        if (top) {
            names.push(...namesAt(layout, top[1], '', bitmap));
            continue;
        }
        const nested = NESTED.exec(bitmap);
        if (!nested) throw new BitmapError(`not a field bitmap: ${JSON.stringify(bitmap)}`);
        const parent = Number(nested[1]);
        const inner = layout.nested.get(parent);
        const parentName = layout.names[parent];
        if (parentName === undefined || !inner)
            throw new BitmapError(`bitmap ${bitmap} points at field #${parent}, which is not a compound field`);
        names.push(...namesAt(inner, nested[2], parentName + '.', bitmap));
    }
    return names;
}
