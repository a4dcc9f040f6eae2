/**
 * A tiny SOQL evaluator for the local stand-ins of Salesforce (tests, demo, bench): enough
 * for the router's own queries, i.e. `SELECT f, g FROM Object [WHERE a = 'x' AND b IN ('y','z')
 * AND c = true]`. Anything else is rejected with MALFORMED_QUERY, as Salesforce would.
 */
export type Row = Record<string, unknown>;

export class SoqlError extends Error {
    readonly errorCode = 'MALFORMED_QUERY';
    constructor(message: string) {
        super(message);
        this.name = 'SoqlError';
    }
}

interface Condition {
    field: string;
    values: unknown[];
}

export interface ParsedQuery {
    fields: string[];
    object: string;
    where: Condition[];
}

function literal(text: string): unknown {
    const t = text.trim();
    if (/^'.*'$/s.test(t)) return t.slice(1, -1).replace(/\\'/g, "'");
    if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
    if (/^null$/i.test(t)) return null;
    if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
    throw new SoqlError(`unsupported literal ${t}`);
}

export function parseSoql(soql: string): ParsedQuery {
    const m = /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?\s*$/is.exec(soql);
    if (!m) throw new SoqlError(`unsupported query: ${soql}`);
    const fields = m[1].split(',').map((f) => f.trim());
    const where: Condition[] = [];
    if (m[3]) {
        for (const part of m[3].split(/\s+AND\s+/i)) {
            const eq = /^\s*(\w+)\s*=\s*(.+?)\s*$/s.exec(part);
            const inList = /^\s*(\w+)\s+IN\s*\((.*)\)\s*$/is.exec(part);
            if (inList) where.push({ field: inList[1], values: inList[2].split(',').map(literal) });
            else if (eq) where.push({ field: eq[1], values: [literal(eq[2])] });
            else throw new SoqlError(`unsupported condition: ${part}`);
        }
    }
    return { fields, object: m[2], where };
}

export function runSoql(soql: string, tables: (object: string) => Iterable<Row>): Row[] {
    const q = parseSoql(soql);
    const out: Row[] = [];
    for (const row of tables(q.object)) {
        if (!q.where.every((c) => c.values.some((v) => (row[c.field] ?? null) === v))) continue;
        const picked: Row = { attributes: { type: q.object } };
        for (const f of q.fields) picked[f] = row[f] ?? null;
        out.push(picked);
    }
    return out;
}
