// Checks every metadata file of the project against the Metadata API's types, offline.
// Why: `sf project convert source` and check-xml accept a misspelt element, a value outside an
// enumeration or a missing required element; only a deploy would say so, and no org is
// reachable here. This check reads the types from `@salesforce/types` (generated from the
// Metadata API WSDL) and which type a file holds from source-deploy-retrieve's registry (the
// one the sf CLI uses to read source format), so it covers any metadata type, not a list:
//   - every `*-meta.xml` under the package directories of sfdx-project.json (bundles' meta
//     files, the flexipage, the labels, Omni setup, ...), __tests__ / __mocks__ excepted;
//   - its metadata type: a strict folder (lwc, aura, staticresources, objects...) or its suffix
//     (.flexipage, .labels...), a child type in a decomposed parent (objects/X/fields/Y.field);
//   - its content against that type (check-metadata-validate.mjs).
// Usage: node scripts/check-metadata.mjs [dir ...]   (default: the package directories)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ROOT, rel, listFiles, finish } from './util.mjs';
import { loadMetadataSchema } from './check-metadata-schema.mjs';
import { validateMetadataXml } from './check-metadata-validate.mjs';

const require = createRequire(import.meta.url);
const SKIP_DIRS = ['__tests__', '__mocks__'];

/** source-deploy-retrieve's registry: suffixes, strict folder names, types with their children. */
export function loadRegistry() {
    return require('@salesforce/source-deploy-retrieve/lib/src/registry/metadataRegistry.json');
}

/**
 * The metadata type of a `-meta.xml` file, as source-deploy-retrieve resolves source format:
 * the nearest folder with a strict name decides (lwc, aura, objects...), then the suffix.
 * @returns {{ type: string } | { error: string }}
 */
export function metadataTypeOf(file, registry) {
    const base = path.basename(file);
    const match = /\.([^.]+)-meta\.xml$/.exec(base);
    if (!match) return { error: 'not a -meta.xml file' };
    const suffix = match[1];
    const dirs = path.dirname(file).split(path.sep);
    for (let i = dirs.length - 1; i >= 0; i--) {
        const strictId = registry.strictDirectoryNames[dirs[i]];
        if (!strictId) continue;
        const strict = registry.types[strictId];
        // objects/Account/fields/Name.field-meta.xml is a CustomField, a child of CustomObject.
        const childId = strict.children?.suffixes?.[suffix];
        if (childId && strict.suffix !== suffix) return { type: strict.children.types[childId].name };
        return { type: strict.name };
    }
    const id = registry.suffixes[suffix];
    // settings/OmniChannel.settings-meta.xml holds an <OmniChannelSettings>: the registry's one
    // "Settings" type stands for every <Name>Settings type of the WSDL, named by the file.
    if (id && registry.types[id]?.name === 'Settings') return { type: `${base.slice(0, -match[0].length)}Settings` };
    if (id && registry.types[id]) return { type: registry.types[id].name };
    // A child type in its own file outside a strict folder (decomposed parents list them).
    for (const parent of Object.values(registry.types)) {
        const childId = parent.children?.suffixes?.[suffix];
        if (childId) return { type: parent.children.types[childId].name };
    }
    return { error: `no metadata type has the suffix .${suffix} (source-deploy-retrieve registry)` };
}

/**
 * The package directories named in sfdx-project.json, and demo-optional/ (samples the default
 * deploy leaves out, such as the voice sample, deployed by hand with --source-dir: docs/deploy.md).
 */
function packageDirectories() {
    const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'sfdx-project.json'), 'utf8'));
    const optional = path.join(ROOT, 'demo-optional');
    return [...project.packageDirectories.map((p) => path.join(ROOT, p.path)), ...(fs.existsSync(optional) ? [optional] : [])];
}

/** Checks the `-meta.xml` files under dirs; returns { problems, checked, types }. */
export function checkMetadataDirs(dirs, { schema = loadMetadataSchema(), registry = loadRegistry() } = {}) {
    const problems = [];
    const types = new Set();
    let checked = 0;
    for (const dir of dirs) {
        for (const file of listFiles(dir, { skipDirs: SKIP_DIRS }).filter((f) => f.endsWith('-meta.xml'))) {
            const resolved = metadataTypeOf(file, registry);
            if ('error' in resolved) {
                problems.push(`${rel(file)}: ${resolved.error}`);
                continue;
            }
            checked++;
            types.add(resolved.type);
            for (const p of validateMetadataXml(fs.readFileSync(file, 'utf8'), { schema, expectedRoot: resolved.type })) {
                problems.push(`${rel(file)}: ${p}`);
            }
        }
    }
    return { problems, checked, types, source: schema.source };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
    const started = Date.now();
    const args = process.argv.slice(2);
    const dirs = args.length > 0 ? args.map((a) => path.resolve(a)) : packageDirectories();
    const { problems, checked, types, source } = checkMetadataDirs(dirs);
    finish(
        'check-metadata',
        problems,
        `${checked} metadata file(s) of ${types.size} type(s) valid against ${source} (${((Date.now() - started) / 1000).toFixed(1)} s)`
    );
}
