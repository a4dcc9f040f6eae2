// The Metadata API's types as a schema the metadata checker can walk, read from the
// `@salesforce/types` package (TypeScript declarations generated from the Metadata API WSDL).
//
// What the declarations say, and how it is read here:
//   export type PresenceUserConfig = Metadata & { capacity: number; assignments?: PresenceConfigAssignments; declineReasons: string[]; ... }
//     -> a complex type: its fields, each with a type name, whether it repeats (T[]) and
//        whether it may be left out (`?`). The parts of an intersection (Metadata, FlowNode...)
//        are its base types: their fields belong to it too.
//   export type RoutingModel = 'LEAST_ACTIVE' | 'MOST_AVAILABLE' | 'EXTERNAL_ROUTING';
//     -> an enumeration: only these values.
//   string / number / boolean / any -> simple values (any: not checked).
// A field without `?` that is not an array is minOccurs="1" in the WSDL: required. An array
// field is written without `?` whether or not the WSDL requires an element (the generator
// drops minOccurs for arrays), so repeated fields are never reported as missing.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import ts from 'typescript';

const require = createRequire(import.meta.url);

/**
 * @typedef {{ type: string, array: boolean, optional: boolean }} Field
 * @typedef {{ kind: 'complex', name: string, bases: string[], fields: Map<string, Field> }} ComplexType
 * @typedef {{ kind: 'enum', name: string, values: Set<string> }} EnumType
 * @typedef {{ kind: 'alias', name: string, target: string }} AliasType
 * @typedef {ComplexType | EnumType | AliasType} SchemaType
 * @typedef {{ source: string, version: string, types: Map<string, SchemaType> }} Schema
 */

/** Simple types of the declarations, and what a value of each looks like in XML. */
export const PRIMITIVES = new Set(['string', 'number', 'boolean', 'any']);

/** Where the installed @salesforce/types keeps the Metadata API declarations, and its version. */
export function metadataTypesLocation() {
    const js = require.resolve('@salesforce/types/metadata'); // lib/metadata.js (the package exports no package.json)
    const dts = path.join(path.dirname(js), 'metadata.d.ts');
    const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(js), '..', 'package.json'), 'utf8'));
    return { dts, version: pkg.version };
}

/** Reads @salesforce/types' metadata.d.ts into a schema. */
export function loadMetadataSchema() {
    const { dts, version } = metadataTypesLocation();
    return parseDeclarations(fs.readFileSync(dts, 'utf8'), `@salesforce/types@${version}`, version);
}

/**
 * Parses declarations in the form @salesforce/types generates. Anything else in the file (an
 * interface, a generic) is a sign the generator changed: it throws rather than guess.
 * @returns {Schema}
 */
export function parseDeclarations(text, source = 'declarations', version = '') {
    const file = ts.createSourceFile('metadata.d.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    /** @type {Map<string, SchemaType>} */
    const types = new Map();
    for (const statement of file.statements) {
        if (!ts.isTypeAliasDeclaration(statement)) continue;
        const name = statement.name.text;
        types.set(name, readTypeNode(name, statement.type, file));
    }
    return { source, version, types };
}

function readTypeNode(name, node, file) {
    if (ts.isUnionTypeNode(node) && node.types.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
        return { kind: 'enum', name, values: new Set(node.types.map((t) => t.literal.text)) };
    }
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return { kind: 'enum', name, values: new Set([node.literal.text]) };
    if (ts.isTypeLiteralNode(node)) return { kind: 'complex', name, bases: [], fields: readMembers(name, node, file) };
    if (ts.isIntersectionTypeNode(node)) {
        const bases = [];
        let fields = new Map();
        for (const part of node.types) {
            if (ts.isTypeReferenceNode(part)) bases.push(part.typeName.getText(file));
            else if (ts.isTypeLiteralNode(part)) fields = readMembers(name, part, file);
            else throw new Error(`check-metadata: unexpected part in type ${name}: ${part.getText(file)}`);
        }
        return { kind: 'complex', name, bases, fields };
    }
    return { kind: 'alias', name, target: simpleTypeName(name, node, file) };
}

function readMembers(owner, literal, file) {
    const fields = new Map();
    for (const member of literal.members) {
        if (!ts.isPropertySignature(member) || !member.type) continue; // call signatures of the API's own operations
        const fieldName = member.name.getText(file);
        let typeNode = member.type;
        let array = false;
        if (ts.isArrayTypeNode(typeNode)) {
            array = true;
            typeNode = typeNode.elementType;
        }
        fields.set(fieldName, {
            type: simpleTypeName(`${owner}.${fieldName}`, typeNode, file),
            array,
            optional: Boolean(member.questionToken)
        });
    }
    return fields;
}

function simpleTypeName(where, node, file) {
    switch (node.kind) {
        case ts.SyntaxKind.StringKeyword:
            return 'string';
        case ts.SyntaxKind.NumberKeyword:
            return 'number';
        case ts.SyntaxKind.BooleanKeyword:
            return 'boolean';
        case ts.SyntaxKind.AnyKeyword:
            return 'any';
        default:
            if (ts.isTypeReferenceNode(node) && !node.typeArguments) return node.typeName.getText(file);
            throw new Error(`check-metadata: unexpected type at ${where}: ${node.getText(file)}`);
    }
}

/**
 * A type's fields, its bases' included (Metadata's fullName, FlowNode's ...), nearest last.
 * @returns {Map<string, Field> | undefined}
 */
export function fieldsOf(schema, typeName, seen = new Set()) {
    const type = schema.types.get(typeName);
    if (!type || type.kind !== 'complex' || seen.has(typeName)) return undefined;
    seen.add(typeName);
    const fields = new Map();
    for (const base of type.bases) for (const [k, v] of fieldsOf(schema, base, seen) ?? []) fields.set(k, v);
    for (const [k, v] of type.fields) fields.set(k, v);
    return fields;
}

/** Follows aliases (`type Foo = string`) to a primitive, an enumeration or a complex type name. */
export function resolveType(schema, typeName) {
    let name = typeName;
    for (let i = 0; i < 10; i++) {
        if (PRIMITIVES.has(name)) return name;
        const type = schema.types.get(name);
        if (!type || type.kind !== 'alias') return name;
        name = type.target;
    }
    return name;
}
