/**
 * Compiled event schemas by schema id. A schema id is a fingerprint of the schema, so an
 * entry never goes stale; concurrent asks for one id share one GetSchema call, and a failed
 * fetch is forgotten so the next event tries again.
 */
import { compileSchema, type CompiledSchema } from './avro.js';

/** Fetches a schema's JSON by id (GetSchema). */
export type SchemaFetcher = (schemaId: string) => Promise<string>;

export class SchemaCache {
    private readonly entries = new Map<string, Promise<CompiledSchema>>();

    get(schemaId: string, fetch: SchemaFetcher): Promise<CompiledSchema> {
        let entry = this.entries.get(schemaId);
        if (!entry) {
            entry = fetch(schemaId).then((json) => compileSchema(schemaId, json));
            this.entries.set(schemaId, entry);
            entry.catch(() => this.entries.delete(schemaId));
        }
        return entry;
    }

    get size(): number {
        return this.entries.size;
    }
}
