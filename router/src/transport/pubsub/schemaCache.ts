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
    private readonly ready = new Map<string, CompiledSchema>();

    /** The compiled schema if it is already here: lets the hot path skip a promise per event. */
    peek(schemaId: string): CompiledSchema | undefined {
        return this.ready.get(schemaId);
    }

    get(schemaId: string, fetch: SchemaFetcher): Promise<CompiledSchema> {
        let entry = this.entries.get(schemaId);
        if (!entry) {
            entry = fetch(schemaId).then((json) => {
                const compiled = compileSchema(schemaId, json);
                this.ready.set(schemaId, compiled);
                return compiled;
            });
            this.entries.set(schemaId, entry);
            entry.catch(() => this.entries.delete(schemaId));
        }
        return entry;
    }

    get size(): number {
        return this.entries.size;
    }
}
