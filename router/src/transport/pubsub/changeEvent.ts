/**
 * One CDC event (Avro payload + its compiled schema) to a RoutingChange.
 *
 * What `fields` holds, by change type (Pub/Sub change events carry every field, unchanged
 * ones as null, so the header's bitmaps say which values mean something):
 * - UPDATE: the fields named by changedFields (and nulledFields), with their values; a nulled
 *   field is present with null. diffFields (large text sent as a diff) are named in
 *   changedFields but their value is left out: a diff is not the field's value.
 * - CREATE / UNDELETE: every non-null field of the record (the whole record is news).
 * - DELETE and GAP_*: no fields; GAP_* tell the router to re-read `recordIds`.
 * Compound fields' parts are named "Parent.Child" (from the "P-0x.." bitmap form).
 */
import { MalformedEventError, type ChangeEntity, type ChangeType, type RoutingChange } from '../contract.js';
import type { CompiledSchema } from './avro.js';
import { BitmapError, fieldNamesOf } from './bitmap.js';

const ENTITIES: ReadonlySet<string> = new Set<ChangeEntity>(['PendingServiceRouting', 'AgentWork', 'UserServicePresence']);

const CHANGE_TYPES: Readonly<Record<string, ChangeType>> = {
    CREATE: 'CREATE',
    UPDATE: 'UPDATE',
    DELETE: 'DELETE',
    UNDELETE: 'UNDELETE',
    GAP_CREATE: 'GAP',
    GAP_UPDATE: 'GAP',
    GAP_DELETE: 'GAP',
    GAP_UNDELETE: 'GAP',
    GAP_OVERFLOW: 'GAP_OVERFLOW'
};

interface ChangeEventHeader {
    entityName: string;
    recordIds: string[];
    changeType: string;
    commitTimestamp?: number;
    changedFields?: string[];
    nulledFields?: string[];
    diffFields?: string[];
}

/** A decoded event whose entity the router does not listen to (skipped, not an error). */
export interface ForeignChange {
    foreign: true;
    entityName: string;
}

function isStringArray(value: unknown): value is string[] {
    return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function headerOf(value: unknown, position: string): ChangeEventHeader {
    const h = value as Partial<ChangeEventHeader> | null;
    const bad = (what: string) => new MalformedEventError(`change event header ${what}`, position);
    if (!h || typeof h !== 'object') throw bad('is missing');
    if (typeof h.entityName !== 'string' || !h.entityName) throw bad('has no entityName');
    if (!isStringArray(h.recordIds)) throw bad('has no recordIds');
    if (typeof h.changeType !== 'string') throw bad('has no changeType');
    for (const key of ['changedFields', 'nulledFields', 'diffFields'] as const)
        if (h[key] !== undefined && !isStringArray(h[key])) throw bad(`${key} is not a list`);
    return h as ChangeEventHeader;
}

/** The converted value of a field ("Name" or "Name.LastName"), converting only that field. */
function valueAt(schema: CompiledSchema, decoded: Record<string, unknown>, path: string): unknown {
    const dot = path.indexOf('.');
    const top = dot < 0 ? path : path.slice(0, dot);
    const index = schema.indexOf.get(top);
    if (index === undefined) return null;
    const value = schema.converters[index](decoded[top]) ?? null;
    if (dot < 0) return value;
    return value && typeof value === 'object' ? ((value as Record<string, unknown>)[path.slice(dot + 1)] ?? null) : null;
}

/**
 * Decodes `payload` with `schema`. Throws MalformedEventError (with `position`) when the bytes
 * do not decode or the event is not a well-formed change event.
 */
export function decodeChangeEvent(schema: CompiledSchema, payload: Buffer, position: string): RoutingChange | ForeignChange {
    let decoded: Record<string, unknown>;
    try {
        decoded = schema.type.fromBuffer(payload) as Record<string, unknown>;
    } catch (cause) {
        throw new MalformedEventError(`payload does not decode with schema ${schema.id}: ${(cause as Error).message}`, position, { cause });
    }
    const names = schema.layout.names;
    // Only the header and the fields reported are converted: most of a change event is nulls.
    const header = headerOf(schema.converters[schema.headerIndex](decoded[names[schema.headerIndex]]), position);

    if (!ENTITIES.has(header.entityName)) return { foreign: true, entityName: header.entityName };
    const changeType = CHANGE_TYPES[header.changeType];
    if (!changeType) throw new MalformedEventError(`unknown changeType ${JSON.stringify(header.changeType)}`, position);

    let changed: string[];
    let nulled: Set<string>;
    let diff: Set<string>;
    try {
        changed = fieldNamesOf(header.changedFields ?? [], schema.layout);
        nulled = new Set(fieldNamesOf(header.nulledFields ?? [], schema.layout));
        diff = new Set(fieldNamesOf(header.diffFields ?? [], schema.layout));
    } catch (cause) {
        if (cause instanceof BitmapError) throw new MalformedEventError(cause.message, position, { cause });
        throw cause;
    }

    const fields: Record<string, unknown> = {};
    if (changeType === 'CREATE' || changeType === 'UNDELETE') {
        names.forEach((name, i) => {
            const value = decoded[name];
            if (i !== schema.headerIndex && value !== null && value !== undefined) fields[name] = schema.converters[i](value);
        });
    }
    if (changeType !== 'GAP' && changeType !== 'GAP_OVERFLOW' && changeType !== 'DELETE') {
        for (const name of changed) if (!diff.has(name)) fields[name] = nulled.has(name) ? null : valueAt(schema, decoded, name);
        for (const name of nulled) fields[name] = null;
    }
    const changedFields = [...new Set([...Object.keys(fields), ...changed])];

    return {
        entity: header.entityName as ChangeEntity,
        changeType,
        recordIds: header.recordIds,
        fields,
        changedFields,
        ...(typeof header.commitTimestamp === 'number' ? { commitTimestamp: header.commitTimestamp } : {}),
        position
    };
}
