/**
 * Compiling an event's Avro schema (the JSON that GetSchema returns) into what decoding needs:
 * the avsc type, the field layout for the CDC bitmaps, and a per-field converter that turns
 * avsc's values into plain JSON-like values (union branches unwrapped, records as plain objects).
 *
 * Library: avsc (pure JavaScript, maintained, the most used Avro implementation for Node, and
 * it compiles a schema into a fast specialised reader); avro-js is Apache's port of an older
 * avsc and is slower. Unions: avsc leaves `["null", X]` unwrapped already but wraps ambiguous
 * unions as `{ branch: value }`; the converters undo that so callers never see wrapping.
 */
import * as avro from 'avsc';
import type { FieldLayout } from './bitmap.js';

export type Converter = (value: unknown) => unknown;

export interface CompiledSchema {
    id: string;
    type: avro.Type;
    /** Top-level field names, in schema order, and the layouts of compound fields. */
    layout: FieldLayout;
    /** One converter per top-level field (same order). */
    converters: Converter[];
    /** Top-level field positions by name. */
    indexOf: ReadonlyMap<string, number>;
    /** Position of ChangeEventHeader among the top-level fields. */
    headerIndex: number;
}

export class SchemaError extends Error {
    constructor(message: string, options?: { cause?: unknown }) {
        super(message, options);
        this.name = 'SchemaError';
    }
}

const identity: Converter = (value) => value;

function isType(type: avro.Type, name: string): boolean {
    return type.typeName === name;
}

/** Builds a converter for a type; identity where avsc's value is already plain. */
export function converterFor(type: avro.Type): Converter {
    if (isType(type, 'union:wrapped')) {
        const branches = new Map((type as avro.types.WrappedUnionType).types.map((t) => [t.branchName ?? t.typeName, converterFor(t)]));
        return (value) => {
            if (value === null || value === undefined) return null;
            const [branch, inner] = Object.entries(value as Record<string, unknown>)[0] ?? [];
            const convert = branch === undefined ? undefined : branches.get(branch);
            return convert ? convert(inner) : inner;
        };
    }
    if (isType(type, 'union:unwrapped')) {
        // avsc only leaves a union unwrapped when its branches differ in JavaScript shape, so
        // there is at most one array branch and one object (record or map) branch to convert.
        const branches = (type as avro.types.UnwrappedUnionType).types;
        const array = branches.find((t) => isType(t, 'array'));
        const object = branches.find((t) => isType(t, 'record') || isType(t, 'map'));
        const convertArray = array ? converterFor(array) : identity;
        const convertObject = object ? converterFor(object) : identity;
        if (convertArray === identity && convertObject === identity) return identity;
        return (value) => {
            if (Array.isArray(value)) return convertArray(value);
            if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) return convertObject(value);
            return value;
        };
    }
    if (isType(type, 'record')) {
        const fields = (type as avro.types.RecordType).fields.map((f) => [f.name, converterFor(f.type)] as const);
        return (value) => {
            if (value === null || value === undefined) return value;
            const source = value as Record<string, unknown>;
            const out: Record<string, unknown> = {};
            for (const [name, convert] of fields) out[name] = convert(source[name]);
            return out;
        };
    }
    if (isType(type, 'array')) {
        const convert = converterFor((type as avro.types.ArrayType).itemsType);
        return convert === identity
            ? (value) => (Array.isArray(value) ? [...value] : value)
            : (value) => (Array.isArray(value) ? value.map(convert) : value);
    }
    if (isType(type, 'map')) {
        const convert = converterFor((type as avro.types.MapType).valuesType as avro.Type);
        return (value) =>
            value === null || value === undefined
                ? value
                : Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, convert(v)]));
    }
    return identity;
}

/** The record inside a compound field's type (`["null", {record}]` or a bare record), if any. */
function recordOf(type: avro.Type): avro.types.RecordType | undefined {
    if (isType(type, 'record')) return type as avro.types.RecordType;
    if (type.typeName.startsWith('union')) {
        const branches = (type as avro.types.UnwrappedUnionType).types.filter((t) => isType(t, 'record'));
        return branches.length === 1 ? (branches[0] as avro.types.RecordType) : undefined;
    }
    return undefined;
}

function layoutOf(record: avro.types.RecordType): FieldLayout {
    const nested = new Map<number, FieldLayout>();
    record.fields.forEach((field, index) => {
        const inner = recordOf(field.type);
        if (inner) nested.set(index, layoutOf(inner));
    });
    return { names: record.fields.map((f) => f.name), nested };
}

/** Parses and compiles a schema; throws SchemaError when it is not a CDC event record. */
export function compileSchema(id: string, schemaJson: string): CompiledSchema {
    let type: avro.Type;
    try {
        type = avro.Type.forSchema(JSON.parse(schemaJson) as avro.Schema);
    } catch (cause) {
        throw new SchemaError(`schema ${id} is not a valid Avro schema: ${(cause as Error).message}`, { cause });
    }
    if (!isType(type, 'record')) throw new SchemaError(`schema ${id} is a ${type.typeName}, not a record`);
    const record = type as avro.types.RecordType;
    const headerIndex = record.fields.findIndex((f) => f.name === 'ChangeEventHeader');
    if (headerIndex < 0) throw new SchemaError(`schema ${id} (${record.name ?? 'unnamed'}) has no ChangeEventHeader: not a change event`);
    return {
        id,
        type,
        layout: layoutOf(record),
        converters: record.fields.map((f) => converterFor(f.type)),
        indexOf: new Map(record.fields.map((f, i) => [f.name, i])),
        headerIndex
    };
}
