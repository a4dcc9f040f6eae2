// Offline Apex check: syntax of every .cls/.trigger under force-app, plus the project's
// sharing rule. Why: without an org nothing compiles Apex before deploy;
// prettier-plugin-apex ships a native Apex parser (no Java, no network) that reports
// syntax errors, so it doubles as a syntax checker.
// Project security rule: every top-level class declares `with sharing` or `inherited sharing`
// (@IsTest classes included); a missing keyword or `without sharing` fails.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as prettier from 'prettier';
import * as apexPlugin from 'prettier-plugin-apex';
import { ROOT, rel, listFiles, finish } from './util.mjs';

// The demo-setup scripts (scripts/apex/*.apex) are Anonymous Apex, parsed with the plugin's
// apex-anonymous parser: a syntax error there would only show when an admin runs them.
const files = [
    ...listFiles(path.join(ROOT, 'force-app')).filter((f) => f.endsWith('.cls') || f.endsWith('.trigger')),
    ...listFiles(path.join(ROOT, 'scripts', 'apex')).filter((f) => f.endsWith('.apex'))
];
if (files.length === 0) {
    console.log('check-apex: no Apex files yet');
    process.exit(0);
}

const problems = [];
for (const file of files) {
    const source = fs.readFileSync(file, 'utf8');
    try {
        // apexStandaloneParser 'native': the plugin's bundled executable, no Java.
        const parser = file.endsWith('.apex') ? 'apex-anonymous' : 'apex';
        await prettier.format(source, { parser, plugins: [apexPlugin], apexStandaloneParser: 'native' });
    } catch (error) {
        for (const p of syntaxErrorLocations(source, error)) problems.push(`${rel(file)}:${p}`);
        continue;
    }
    if (file.endsWith('.cls')) {
        const sharingProblem = checkSharing(source);
        if (sharingProblem) problems.push(`${rel(file)}:${sharingProblem}`);
    }
}

/**
 * prettier-plugin-apex reports only the parser's messages ("Unexpected token ';'."), without
 * their position. The same native parser returns them with line/column when run directly,
 * so ask it for positions; fall back to the plugin's message when that is not possible.
 */
function syntaxErrorLocations(source, error) {
    const fallback = [`1: Apex syntax error: ${String(error.message).trim()}`];
    const binary = nativeParserPath();
    if (!binary) return fallback;
    const run = spawnSync(binary, [], { input: source, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    try {
        const output = JSON.parse(run.stdout);
        const parseErrors = output['apex.jorje.semantic.compiler.parser.ParserOutput']?.parseErrors ?? [];
        const located = parseErrors.map((e) => {
            const loc = findLoc(e);
            return `${loc ? `${loc.line}:${loc.column}` : '1'}: Apex syntax error: ${e.message}`;
        });
        return located.length > 0 ? located : fallback;
    } catch {
        return fallback;
    }
}

function findLoc(node) {
    if (!node || typeof node !== 'object') return null;
    if (typeof node.line === 'number') return node;
    for (const value of Object.values(node)) {
        const loc = findLoc(value);
        if (loc) return loc;
    }
    return null;
}

/** The executable prettier-plugin-apex uses as its native parser, or null. */
function nativeParserPath() {
    const platform = `${process.platform}-${process.arch}`;
    const name = `apex-ast-serializer-${platform}`;
    try {
        const requireFromPlugin = createRequire(createRequire(import.meta.url).resolve('prettier-plugin-apex'));
        return requireFromPlugin.resolve(`@prettier-apex/${name}/${name}${process.platform === 'win32' ? '.exe' : ''}`);
    } catch {
        return null;
    }
}

/**
 * Returns "line: message" when the top-level class lacks `with sharing`/`inherited sharing`,
 * or null. The declaration header is everything before the first `{` once comments and
 * string literals are blanked out (annotations such as @IsTest(SeeAllData=false) included).
 */
function checkSharing(source) {
    const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'/g, (m) => m.replace(/[^\n]/g, ' '));
    const braceAt = code.indexOf('{');
    const header = braceAt < 0 ? code : code.slice(0, braceAt);
    const classMatch = /\bclass\s+\w+/i.exec(header);
    if (!classMatch) return null; // a top-level interface or enum: sharing does not apply
    const line = header.slice(0, classMatch.index).split('\n').length;
    const sharing = /\b(with|without|inherited)\s+sharing\b/i.exec(header);
    if (!sharing) return `${line}: class declares no sharing mode; add \`with sharing\` or \`inherited sharing\` (project security rule)`;
    if (sharing[1].toLowerCase() === 'without') {
        return `${line}: class is \`without sharing\`; the project requires \`with sharing\` or \`inherited sharing\``;
    }
    return null;
}

finish('check-apex', problems, `${files.length} Apex file(s) parsed, sharing declared on every class`);
