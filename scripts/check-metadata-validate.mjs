// Validates one metadata XML document against the Metadata API's types (the schema from
// check-metadata-schema.mjs). Pure: text in, problems out, so tests feed it strings.
//
// What it reports, each with the element's path (FlexiPage > flexiPageRegions[2] > name):
//   - an element its parent's type does not have (a misspelt or misplaced element: wrong nesting
//     shows up as an element unknown where it stands);
//   - an element that is not repeatable given more than once;
//   - a required element missing (minOccurs 1 in the WSDL; see the schema module for arrays);
//   - a value that is not of its type: an enumeration value not in the list, a number or a
//     boolean that is not one, text where child elements belong, child elements in a value;
//   - a root element other than the one the file's metadata type needs;
//   - for LightningComponentBundle's targetConfigs (a string in the WSDL, XML in source files),
//     the rules of the LWC configuration file that the WSDL cannot say (see checkTargetConfigs).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fieldsOf, resolveType } from './check-metadata-schema.mjs';

const XSI_TYPE = 'xsi:type';
const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false, // keep every value as written: "01" is not the number 1 here
    parseAttributeValue: false,
    trimValues: true,
    commentPropName: '#comment',
    ignoreDeclaration: true,
    ignorePiTags: true
});

/**
 * @param {string} text             the XML document
 * @param {object} options
 * @param {import('./check-metadata-schema.mjs').Schema} options.schema
 * @param {string} options.expectedRoot  the metadata type the file's name and folder imply
 * @returns {string[]} problems, each "<path>: <message>"
 */
export function validateMetadataXml(text, { schema, expectedRoot }) {
    const wellFormed = XMLValidator.validate(text);
    if (wellFormed !== true) return [`line ${wellFormed.err.line}: not well-formed XML: ${wellFormed.err.msg}`];
    const roots = elementsOf(parser.parse(text));
    if (roots.length !== 1) return [`expected one root element, found ${roots.length}`];
    const root = roots[0];
    const problems = [];
    if (root.name !== expectedRoot) {
        problems.push(`${root.name}: the root element must be <${expectedRoot}> for this file's metadata type`);
        return problems;
    }
    if (!schema.types.has(expectedRoot)) {
        problems.push(
            `${root.name}: ${schema.source} has no type ${expectedRoot}, so this file cannot be checked (a newer @salesforce/types may know it)`
        );
        return problems;
    }
    checkComplex(root, expectedRoot, root.name, schema, problems);
    if (expectedRoot === 'LightningComponentBundle') checkTargetConfigs(root, problems);
    return problems;
}

/** The element children of a preserveOrder node list, as { name, attrs, children, text }. */
function elementsOf(nodes) {
    const out = [];
    for (const node of nodes) {
        const name = Object.keys(node).find((k) => k !== ':@');
        if (!name || name === '#text' || name === '#comment') continue;
        const children = node[name];
        const text = children
            .filter((c) => '#text' in c)
            .map((c) => String(c['#text']))
            .join('');
        out.push({ name, attrs: node[':@'] ?? {}, children: elementsOf(children), text });
    }
    return out;
}

function checkComplex(element, typeName, where, schema, problems) {
    const fields = fieldsOf(schema, typeName);
    if (!fields) {
        problems.push(`${where}: ${schema.source} has no complex type ${typeName}`);
        return;
    }
    checkAttributes(element, where, problems);
    if (element.text.trim() !== '') {
        problems.push(`${where}: <${element.name}> (${typeName}) holds child elements, not text; found "${clip(element.text)}"`);
    }
    const counts = new Map();
    for (const child of element.children) {
        const index = (counts.get(child.name) ?? 0) + 1;
        counts.set(child.name, index);
        const field = fields.get(child.name);
        const childWhere = `${where} > ${child.name}${field?.array ? `[${index}]` : ''}`;
        if (!field) {
            problems.push(`${where}: <${child.name}> is not an element of ${typeName}${suggest(child.name, fields)}`);
            continue;
        }
        if (!field.array && index === 2) problems.push(`${childWhere}: <${child.name}> may appear once in ${typeName}`);
        checkValue(child, field.type, childWhere, schema, problems);
    }
    for (const [name, field] of fields) {
        if (!field.optional && !field.array && !counts.has(name)) {
            problems.push(`${where}: required element <${name}> (${field.type}) is missing from ${typeName}`);
        }
    }
}

function checkValue(element, declaredType, where, schema, problems) {
    // xsi:type names the actual type where the WSDL declares a base type (or xsd:anyType).
    const xsiType = element.attrs[XSI_TYPE];
    let typeName = resolveType(schema, declaredType);
    if (xsiType) {
        const local = xsiType.replace(/^\w+:/, '');
        typeName =
            {
                string: 'string',
                boolean: 'boolean',
                int: 'number',
                double: 'number',
                long: 'number',
                date: 'string',
                dateTime: 'string',
                time: 'string'
            }[local] ?? resolveType(schema, local);
        if (!['string', 'boolean', 'number'].includes(typeName) && !schema.types.has(typeName)) {
            problems.push(`${where}: xsi:type="${xsiType}" is not a type ${schema.source} knows`);
            return;
        }
    }
    const type = schema.types.get(typeName);
    if (type?.kind === 'complex') {
        checkComplex(element, typeName, where, schema, problems);
        return;
    }
    if (typeName === 'any') return;
    checkAttributes(element, where, problems);
    if (element.children.length > 0) {
        // LightningComponentBundle.targetConfigs is a string holding XML; checkTargetConfigs reads it.
        if (where === 'LightningComponentBundle > targetConfigs') return;
        problems.push(
            `${where}: <${element.name}> is a ${describe(typeName, type)} value, not a container; found <${element.children[0].name}> inside`
        );
        return;
    }
    const value = element.text.trim();
    if (typeName === 'string') return;
    if (typeName === 'boolean') {
        if (value !== 'true' && value !== 'false') problems.push(`${where}: "${clip(value)}" is not a boolean (true or false)`);
        return;
    }
    if (typeName === 'number') {
        if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value)) problems.push(`${where}: "${clip(value)}" is not a number`);
        return;
    }
    if (type?.kind === 'enum') {
        if (!type.values.has(value)) {
            problems.push(`${where}: "${clip(value)}" is not a value of ${typeName} (${listOf([...type.values])})`);
        }
        return;
    }
    problems.push(`${where}: ${schema.source} has no type ${typeName}`);
}

/** Metadata elements carry no attributes but xsi:type / xsi:nil (and the root's namespaces). */
function checkAttributes(element, where, problems) {
    for (const name of Object.keys(element.attrs)) {
        if (name === 'xmlns' || name.startsWith('xmlns:') || name === XSI_TYPE || name === 'xsi:nil') continue;
        problems.push(
            `${where}: attribute ${name}="${clip(element.attrs[name])}" is not allowed on <${element.name}> (metadata values are elements)`
        );
    }
}

/**
 * LightningComponentBundle.targetConfigs is declared as a string (the API carries the XML as
 * text), so the WSDL says nothing about it. The rules checked here are the LWC Developer
 * Guide's ("XML Configuration File Elements",
 * https://developer.salesforce.com/docs/platform/lwc/guide/reference-configuration-tags.html):
 * targetConfigs holds targetConfig elements; each has a targets attribute whose page types are
 * all listed under <targets>; a property has a name; a supportedFormFactor's type is Small or
 * Large. Other children of targetConfig depend on the target and are not checked.
 */
function checkTargetConfigs(root, problems) {
    const targetsElement = root.children.find((c) => c.name === 'targets');
    const declared = new Set((targetsElement?.children ?? []).filter((c) => c.name === 'target').map((c) => c.text.trim()));
    const configs = root.children.filter((c) => c.name === 'targetConfigs');
    for (const configsElement of configs) {
        let index = 0;
        for (const config of configsElement.children) {
            const where = `LightningComponentBundle > targetConfigs > ${config.name}[${++index}]`;
            if (config.name !== 'targetConfig') {
                problems.push(`LightningComponentBundle > targetConfigs: <${config.name}> is not allowed here (only <targetConfig>)`);
                continue;
            }
            const targets = (config.attrs.targets ?? '')
                .split(',')
                .map((t) => t.trim())
                .filter(Boolean);
            if (targets.length === 0) problems.push(`${where}: a targetConfig needs a targets attribute`);
            for (const target of targets) {
                if (!declared.has(target)) problems.push(`${where}: target ${target} is not listed under <targets>`);
            }
            for (const child of config.children) {
                if (child.name === 'property' && !child.attrs.name) problems.push(`${where} > property: a property needs a name attribute`);
                if (child.name === 'supportedFormFactors') {
                    for (const factor of child.children) {
                        if (factor.name !== 'supportedFormFactor') {
                            problems.push(
                                `${where} > supportedFormFactors: <${factor.name}> is not allowed here (only <supportedFormFactor>)`
                            );
                        } else if (!['Small', 'Large'].includes(factor.attrs.type)) {
                            problems.push(`${where} > supportedFormFactors: type="${factor.attrs.type ?? ''}" is not Small or Large`);
                        }
                    }
                }
            }
        }
    }
}

function describe(typeName, type) {
    return type?.kind === 'enum' ? `${typeName} (enumeration)` : typeName;
}

function suggest(name, fields) {
    const lower = name.toLowerCase();
    const close = [...fields.keys()].filter((f) => f.toLowerCase() === lower || distance(f.toLowerCase(), lower) <= 2);
    if (close.length > 0) return ` (did you mean <${close[0]}>?)`;
    const names = [...fields.keys()].filter((f) => f !== 'fullName' && f !== 'module');
    return names.length <= 12 ? ` (its elements: ${names.join(', ')})` : '';
}

function listOf(values) {
    return values.length <= 12 ? values.join(', ') : `${values.slice(0, 12).join(', ')}, ... ${values.length - 12} more`;
}

function clip(text) {
    const s = String(text);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Levenshtein distance, for "did you mean". */
function distance(a, b) {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let prev = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const keep = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
            prev = keep;
        }
    }
    return row[b.length];
}
