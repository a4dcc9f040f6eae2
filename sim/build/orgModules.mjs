/**
 * Rollup plugins that give the kit's LWC sources the module names they have in an org,
 * for a browser build without an org:
 *
 *   c/<name>                               force-app/main/default/lwc/<name>/<name>.ts (or .js); with
 *                                          examples: true, else examples/<example>/lwc/<name>/<name>.ts
 *                                          (the four examples, not deployed by default, see
 *                                          examples/README.md); a name in both is refused
 *   lightning/<name>                       platform/lightning/<name>/<name>.ts when it exists
 *                                          (local implementations of platform modules); every
 *                                          other lightning/* is a base component (lwc plugin)
 *   @salesforce/label/c.<Name>             the label's value from CustomLabels.labels-meta.xml
 *   @salesforce/apex/<Class>.<method>      sim/fakes/apex/<Class>.ts, export <method>
 *   @salesforce/messageChannel/<Name>      the string '<Name>' (what the in-page LMS keys on)
 *   @salesforce/gate/<name>                closed, for the names in closedGates (base component
 *                                          gates are otherwise all open: lightning-base-components'
 *                                          stub)
 *   lwc, @lwc/synthetic-shadow,            the engine packages of the `lwc` dependency, so the
 *   @lwc/wire-service                      engine matches @lwc/rollup-plugin's compiler (both
 *                                          9.4.3; the top-level @lwc/* 8.x belong to jest)
 *
 * and transpile TypeScript before the LWC compiler sees it (typeScriptPlugin).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { XMLParser } from 'fast-xml-parser';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const LWC_DIR = path.join(ROOT, 'force-app/main/default/lwc');
export const EXAMPLES_DIR = path.join(ROOT, 'examples');
export const LABELS_FILE = path.join(ROOT, 'force-app/main/default/labels/CustomLabels.labels-meta.xml');
const PLATFORM_DIR = path.join(ROOT, 'platform/lightning');
const APEX_DIR = path.join(ROOT, 'sim/fakes/apex');

const VIRTUAL = '\0omni-org:';

/** Entry files of the engine packages that `lwc` (9.4.3) depends on, wherever npm put them. */
export function lwcEnginePaths() {
    // `lwc` exports no ./package.json; its main file sits at the package root.
    const fromLwc = createRequire(createRequire(path.join(ROOT, 'package.json')).resolve('lwc'));
    const entry = (pkg) => {
        const pkgJson = fromLwc.resolve(`${pkg}/package.json`);
        const meta = JSON.parse(fs.readFileSync(pkgJson, 'utf8'));
        return { file: path.join(path.dirname(pkgJson), meta.module ?? meta.main), version: meta.version };
    };
    return {
        lwc: entry('@lwc/engine-dom'),
        '@lwc/synthetic-shadow': entry('@lwc/synthetic-shadow'),
        '@lwc/wire-service': entry('@lwc/wire-service')
    };
}

/** Custom label values by name, read from the labels metadata file. */
export function readLabels(file = LABELS_FILE) {
    const parsed = new XMLParser({ isArray: (name) => name === 'labels', parseTagValue: false }).parse(fs.readFileSync(file, 'utf8'));
    const labels = new Map();
    for (const label of parsed.CustomLabels?.labels ?? []) labels.set(String(label.fullName), String(label.value ?? ''));
    return labels;
}

function firstExisting(...files) {
    return files.find((f) => fs.existsSync(f));
}

/**
 * The LWC bundles of examples/<example>/lwc/<name>, by name: { name, example, file }
 * (<name>.ts, else <name>.js). A name two examples share is an error naming both.
 */
export function exampleBundles(dir = EXAMPLES_DIR) {
    const bundles = new Map();
    if (!fs.existsSync(dir)) return bundles;
    for (const example of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const lwcDir = path.join(dir, example.name, 'lwc');
        if (!example.isDirectory() || !fs.existsSync(lwcDir)) continue;
        for (const bundle of fs.readdirSync(lwcDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            if (!bundle.isDirectory()) continue;
            const file = firstExisting(
                path.join(lwcDir, bundle.name, `${bundle.name}.ts`),
                path.join(lwcDir, bundle.name, `${bundle.name}.js`)
            );
            if (!file) continue;
            const taken = bundles.get(bundle.name);
            if (taken) throw new Error(`examples: two bundles named ${bundle.name} (${taken.example} and ${example.name})`);
            bundles.set(bundle.name, { name: bundle.name, example: example.name, file });
        }
    }
    return bundles;
}

/** Resolves org module names (see the file comment). */
export function orgModulesPlugin({ closedGates = [], examples = false } = {}) {
    const engine = lwcEnginePaths();
    let labels = null;
    const extra = examples ? exampleBundles() : new Map();
    return {
        name: 'omni-org-modules',
        buildStart() {
            labels = readLabels();
            this.addWatchFile(LABELS_FILE);
        },
        resolveId(source) {
            if (engine[source]) return engine[source].file;
            let match = /^c\/([A-Za-z][A-Za-z0-9_]*)$/.exec(source);
            if (match) {
                const name = match[1];
                const kit = firstExisting(path.join(LWC_DIR, name, `${name}.ts`), path.join(LWC_DIR, name, `${name}.js`));
                const example = extra.get(name);
                // An org has one c namespace: an example may not shadow (or be shadowed by) a kit bundle.
                if (kit && example)
                    this.error(`${source}: both force-app/main/default/lwc/${name} and examples/${example.example}/lwc/${name} exist`);
                const file = kit ?? example?.file;
                if (!file)
                    this.error(
                        `${source}: no bundle force-app/main/default/lwc/${name} with ${name}.ts or ${name}.js` +
                            (examples ? ' (nor examples/*/lwc/' + name + ')' : '')
                    );
                // The query tells @lwc/rollup-plugin the component's namespace and name (c, <name>).
                return `${file}?specifier=${source}`;
            }
            match = /^lightning\/([A-Za-z][A-Za-z0-9_]*)$/.exec(source);
            if (match) {
                // A local implementation of a platform module wins; otherwise a base component.
                return firstExisting(path.join(PLATFORM_DIR, match[1], `${match[1]}.ts`)) ?? null;
            }
            if (/^@salesforce\/(label\/c\.|apex\/|messageChannel\/)/.test(source)) return VIRTUAL + source;
            if (source.startsWith('@salesforce/gate/') && closedGates.includes(source.slice('@salesforce/gate/'.length)))
                return VIRTUAL + source;
            return null;
        },
        load(id) {
            if (!id.startsWith(VIRTUAL)) return null;
            const source = id.slice(VIRTUAL.length);
            let match = /^@salesforce\/label\/c\.(.+)$/.exec(source);
            if (match) {
                if (!labels.has(match[1])) this.error(`${source}: no custom label ${match[1]} in ${path.relative(ROOT, LABELS_FILE)}`);
                return `export default ${JSON.stringify(labels.get(match[1]))};`;
            }
            // lightning-base-components' own stub opens every gate; these stay closed here.
            if (source.startsWith('@salesforce/gate/')) return 'export default { isOpen: () => false };';
            match = /^@salesforce\/messageChannel\/(.+)$/.exec(source);
            if (match) return `export default ${JSON.stringify(match[1])};`;
            match = /^@salesforce\/apex\/([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)$/.exec(source);
            if (match) {
                const file = firstExisting(path.join(APEX_DIR, `${match[1]}.ts`));
                if (!file) this.error(`${source}: no fake Apex class ${path.relative(ROOT, path.join(APEX_DIR, match[1]))}.ts`);
                return `export { ${match[2]} as default } from ${JSON.stringify(file)};`;
            }
            return this.error(`${source}: not an org module this build knows`);
        }
    };
}

const TS_OPTIONS = {
    // As tsconfig.json: ESNext keeps the standard @api/@wire decorators for the LWC compiler.
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    experimentalDecorators: false,
    useDefineForClassFields: true,
    isolatedModules: true,
    sourceMap: true,
    inlineSources: true
};

/** Strips TypeScript (ts.transpileModule, per file) before the LWC compiler sees the code. */
export function typeScriptPlugin() {
    return {
        name: 'omni-typescript',
        transform(code, id) {
            const file = id.split('?')[0];
            if (!file.endsWith('.ts') || file.endsWith('.d.ts')) return null;
            const out = ts.transpileModule(code, { compilerOptions: TS_OPTIONS, fileName: file, reportDiagnostics: true });
            const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
            if (errors.length) this.error(`${path.relative(ROOT, file)}: ${ts.flattenDiagnosticMessageText(errors[0].messageText, '\n')}`);
            return { code: out.outputText.replace(/\n\/\/# sourceMappingURL=.*$/, ''), map: out.sourceMapText };
        }
    };
}
