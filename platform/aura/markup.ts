/**
 * Parses an Aura bundle's .cmp markup into a small typed tree, refusing what the local Aura
 * runtime does not implement (strict: an element or expression it cannot honour is an error
 * that names it, never silently ignored). Comments are dropped; text other than white space
 * is refused (the kit's hosts render components, not text).
 */
import { XMLParser } from 'fast-xml-parser';

export interface MarkupElement {
    tag: string;
    attributes: Record<string, string>;
    children: MarkupElement[];
}

export class AuraMarkupError extends Error {
    constructor(descriptor: string, element: string, problem: string) {
        super(`${descriptor}: <${element}> ${problem}`);
        this.name = 'AuraMarkupError';
    }
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    preserveOrder: true,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    allowBooleanAttributes: false
});

function toElement(descriptor: string, node: OrderedNode): MarkupElement | null {
    const tag = Object.keys(node).find((key) => key !== ':@');
    if (!tag) return null;
    if (tag === '#text') {
        const text = String(node['#text'] ?? '');
        if (text.trim() !== '')
            throw new AuraMarkupError(descriptor, 'text', `"${text.trim().slice(0, 40)}" is not supported by the local Aura runtime`);
        return null;
    }
    if (tag.startsWith('?')) return null; // <?xml ...?>
    const content = node[tag];
    const children: MarkupElement[] = [];
    if (Array.isArray(content)) {
        for (const child of content as OrderedNode[]) {
            const element = toElement(descriptor, child);
            if (element) children.push(element);
        }
    }
    return { tag, attributes: { ...(node[':@'] ?? {}) }, children };
}

/** The root <aura:component> of a bundle's markup. */
export function parseMarkup(descriptor: string, markup: string): MarkupElement {
    let nodes: OrderedNode[];
    try {
        nodes = parser.parse(markup) as OrderedNode[];
    } catch (error) {
        throw new AuraMarkupError(descriptor, 'markup', `is not well-formed: ${(error as Error).message}`);
    }
    const roots = nodes.map((node) => toElement(descriptor, node)).filter((node): node is MarkupElement => node !== null);
    if (roots.length !== 1 || roots[0].tag !== 'aura:component') {
        throw new AuraMarkupError(descriptor, roots[0]?.tag ?? 'markup', 'must be a single <aura:component> root');
    }
    return roots[0];
}

/** An attribute value: a literal, {!v.name}, {!c.action} or {!this}. */
export type Expression = { kind: 'literal'; value: string } | { kind: 'v'; name: string } | { kind: 'c'; name: string } | { kind: 'this' };

const EXPRESSION = /^\{[!#]\s*([^}]*?)\s*\}$/;

export function parseExpression(descriptor: string, element: string, attribute: string, raw: string): Expression {
    const match = EXPRESSION.exec(raw.trim());
    if (!match) {
        if (raw.includes('{!') || raw.includes('{#')) {
            throw new AuraMarkupError(
                descriptor,
                element,
                `${attribute}="${raw}": only a whole {!v.name}, {!c.action} or {!this} is supported`
            );
        }
        return { kind: 'literal', value: raw };
    }
    const body = match[1];
    if (body === 'this') return { kind: 'this' };
    const reference = /^([vc])\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(body);
    if (!reference) {
        throw new AuraMarkupError(
            descriptor,
            element,
            `${attribute}="${raw}": the expression is not supported (only {!v.name}, {!c.action}, {!this})`
        );
    }
    return reference[1] === 'v' ? { kind: 'v', name: reference[2] } : { kind: 'c', name: reference[2] };
}
