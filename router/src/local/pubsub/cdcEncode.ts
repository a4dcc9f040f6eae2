/**
 * Encoding change events the way Salesforce sends them over the Pub/Sub API: Avro binary of
 * the event schema, with changedFields / nulledFields / diffFields as field-position bitmaps
 * ("0x..." for top-level fields, "P-0x..." for the parts of the compound field at position P).
 */
import * as avro from 'avsc';

export interface ChangeEventInput {
    changeType: string;
    recordIds: string[];
    /** Body values by field name (compound fields as objects); every other field is null. */
    values?: Record<string, unknown>;
    /** Names for the bitmaps; "Parent.Child" for parts of a compound field. */
    changed?: string[];
    nulled?: string[];
    diff?: string[];
    entityName?: string;
    commitTimestamp?: number;
    transactionKey?: string;
    sequenceNumber?: number;
}

function hexOf(bits: number[]): string {
    const top = Math.max(...bits);
    const digits: number[] = new Array(Math.floor(top / 4) + 1).fill(0);
    for (const bit of bits) digits[Math.floor(bit / 4)] |= 1 << (bit % 4);
    return (
        '0x' +
        digits
            .reverse()
            .map((d) => d.toString(16).toUpperCase())
            .join('')
    );
}

function recordOf(type: avro.Type): avro.types.RecordType | undefined {
    if (type.typeName === 'record') return type as avro.types.RecordType;
    if (type.typeName.startsWith('union'))
        return (type as avro.types.UnwrappedUnionType).types.find((t) => t.typeName === 'record') as avro.types.RecordType | undefined;
    return undefined;
}

/** Field names to the bitmap strings Salesforce would send. */
export function bitmapOf(names: readonly string[], schema: avro.types.RecordType): string[] {
    if (names.length === 0) return [];
    const top: number[] = [];
    const nested = new Map<number, number[]>();
    for (const name of names) {
        const [parent, child] = name.split('.');
        const index = schema.fields.findIndex((f) => f.name === parent);
        if (index < 0) throw new Error(`no field ${parent} in ${schema.name}`);
        if (child === undefined) {
            top.push(index);
            continue;
        }
        const inner = recordOf(schema.fields[index].type);
        const childIndex = inner?.fields.findIndex((f) => f.name === child) ?? -1;
        if (childIndex < 0) throw new Error(`no field ${name} in ${schema.name}`);
        nested.set(index, [...(nested.get(index) ?? []), childIndex]);
    }
    const out = top.length ? [hexOf(top)] : [];
    for (const [parent, bits] of nested) out.push(`${parent}-${hexOf(bits)}`);
    return out;
}

let transaction = 0;

export function encodeChangeEvent(type: avro.Type, entityName: string, input: ChangeEventInput): Buffer {
    const schema = type as avro.types.RecordType;
    const body: Record<string, unknown> = {};
    for (const field of schema.fields) body[field.name] = null;
    Object.assign(body, input.values ?? {});
    body.ChangeEventHeader = {
        entityName: input.entityName ?? entityName,
        recordIds: input.recordIds,
        changeType: input.changeType,
        changeOrigin: 'com/salesforce/api/rest/62.0',
        transactionKey: input.transactionKey ?? `0001a2b3-${String(++transaction).padStart(4, '0')}-fake`,
        sequenceNumber: input.sequenceNumber ?? 1,
        commitTimestamp: input.commitTimestamp ?? 1_750_000_000_000,
        commitNumber: 11_000_000_000_000 + transaction,
        commitUser: '005FK0000000001AAA',
        nulledFields: bitmapOf(input.nulled ?? [], schema),
        diffFields: bitmapOf(input.diff ?? [], schema),
        changedFields: bitmapOf(input.changed ?? [], schema)
    };
    return type.toBuffer(body);
}
