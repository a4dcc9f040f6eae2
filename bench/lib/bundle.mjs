/**
 * Shared esbuild helpers for every bench.
 *
 * Why the benches bundle the TypeScript themselves: the LWC sources import modules by
 * their org names ('c/omniTypes', 'lightning/messageService',
 * '@salesforce/messageChannel/OmniConsoleKit__c', 'lwc'), which Node cannot resolve, and
 * the .js files tsc writes beside the sources may be stale or missing (scripts/build-lwc.mjs
 * may not have run). So each bench bundles straight from the .ts with the plugin below,
 * which maps those names the way jest.config.js and tsconfig.json do.
 */
import * as esbuild from 'esbuild';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const LWC_DIR = path.join(ROOT, 'force-app/main/default/lwc');

/** Absolute path of a file in an LWC bundle; by default the bundle's entry module. */
export function lwcPath(bundleName, file = `${bundleName}.ts`) {
    return path.join(LWC_DIR, bundleName, file);
}

// Platform modules that have an in-page implementation in this repo (used by jest too).
const LOCAL_PLATFORM = {
    'lightning/messageService': path.join(ROOT, 'platform/lightning/messageService/messageService.ts')
};

/**
 * Resolves org module names.
 * platform 'local': lightning/* from platform/, message channels as virtual modules whose
 *   default export is the channel's API name (what the platform's import gives you: an
 *   opaque token; a string is enough for the in-page message service).
 * platform 'external': lwc, lightning/*, @salesforce/* stay imports (the org provides them),
 *   which is what we want when measuring the size of what we ship.
 */
export function lwcModulesPlugin({ platform = 'local' } = {}) {
    return {
        name: 'omni-lwc-modules',
        setup(build) {
            build.onResolve({ filter: /^c\/[A-Za-z0-9_]+$/ }, (args) => ({ path: lwcPath(args.path.slice(2)) }));
            if (platform === 'external') {
                build.onResolve({ filter: /^(lwc|lightning\/.+|@salesforce\/.+)$/ }, (args) => ({ path: args.path, external: true }));
                return;
            }
            build.onResolve({ filter: /^lightning\/.+$/ }, (args) =>
                LOCAL_PLATFORM[args.path]
                    ? { path: LOCAL_PLATFORM[args.path] }
                    : { errors: [{ text: `no local implementation of ${args.path} (add one under platform/)` }] }
            );
            build.onResolve({ filter: /^@salesforce\/messageChannel\/.+$/ }, (args) => ({
                path: args.path,
                namespace: 'sf-message-channel'
            }));
            build.onLoad({ filter: /.*/, namespace: 'sf-message-channel' }, (args) => ({
                contents: `export default ${JSON.stringify(args.path.split('/').pop())};`,
                loader: 'js'
            }));
            // The runtime benches drive the engines directly; a LightningElement cannot run in Node.
            build.onResolve({ filter: /^lwc$/ }, () => ({
                errors: [{ text: "runtime benches cannot load 'lwc' components: import the engine module (e.g. bridgeEngine.ts) instead" }]
            }));
        }
    };
}

/**
 * Bundles `contents` (an ESM entry; may import org names or absolute paths) for Node,
 * writes it to ctx.tmpDir and imports it. Not minified, so CPU profiles show real names.
 */
export async function bundleAndImport(ctx, { name, contents }) {
    const outfile = path.join(ctx.tmpDir, `${name}.mjs`);
    const result = await esbuild.build({
        stdin: { contents, resolveDir: ROOT, sourcefile: `${name}-entry.ts`, loader: 'ts' },
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        write: false,
        logLevel: 'silent',
        plugins: [lwcModulesPlugin({ platform: 'local' })]
    });
    await writeFile(outfile, result.outputFiles[0].contents);
    return import(pathToFileURL(outfile).href);
}

/**
 * Bundles `contents` the way we estimate shipped size: minified ESM, org modules external.
 * Returns the code and esbuild's metafile (per-input byte counts).
 *
 * `supported: { decorators: true }` keeps @api/@wire as written: tsc emits them unchanged
 * (see omniBridgeCore.js) and the org's LWC compiler turns them into metadata, so letting
 * esbuild lower them would count ~2 KB of decorator helpers that never ship.
 */
export async function bundleForSize({ contents, target = 'es2020' }) {
    const result = await esbuild.build({
        stdin: { contents, resolveDir: ROOT, sourcefile: 'size-entry.ts', loader: 'ts' },
        bundle: true,
        format: 'esm',
        target,
        minify: true,
        write: false,
        metafile: true,
        outfile: 'size.js',
        supported: { decorators: true },
        logLevel: 'silent',
        plugins: [lwcModulesPlugin({ platform: 'external' })]
    });
    const output = result.outputFiles.find((f) => f.path.endsWith('.js'));
    return { code: output.contents, metafile: result.metafile };
}

export const esbuildVersion = esbuild.version;
