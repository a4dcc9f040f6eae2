/**
 * Browser build of the kit's real LWC components for the local preview (and the e2e tests
 * and the panel benchmark that drive it): rollup 4 + @lwc/rollup-plugin, base components
 * from lightning-base-components, synthetic shadow, SLDS CSS. Writes a folder:
 *
 *   <outDir>/index.html, host.css          the console-like preview page (sim/host)
 *   <outDir>/bench.html                     the bare page the panel benchmark drives
 *   <outDir>/js/*.js                        ES modules (a dir: base components use import())
 *   <outDir>/slds/styles, slds/images       SLDS from @salesforce-ux/design-system
 *
 * Only build code lives here; the page itself is sim/host, the fakes are sim/fakes.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { rollup } from 'rollup';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { ROOT, LWC_DIR, EXAMPLES_DIR, lwcEnginePaths, orgModulesPlugin, typeScriptPlugin } from './orgModules.mjs';
import { examplesPlugin } from './examplesModule.mjs';
import { shippedScenariosPlugin } from './scenariosModule.mjs';
import { consoleMetadataPlugin } from './consoleModule.mjs';

/**
 * Where `npm start` builds to. Not build/ (gitignored too) because ESLint's config does not
 * ignore build/ yet, so `npm run lint` would lint the bundles; node_modules/ it ignores.
 */
export const DEFAULT_OUT_DIR = path.join(ROOT, 'node_modules/.cache/omni-console-kit/preview');
const SLDS_DIR = path.join(ROOT, 'node_modules/@salesforce-ux/design-system/assets');
const HOST_DIR = path.join(ROOT, 'sim/host');
const SIM_LWC_DIR = path.join(ROOT, 'sim/lwc');

const ENTRIES = {
    host: path.join(HOST_DIR, 'main.ts'),
    bench: path.join(HOST_DIR, 'benchPage.ts')
};
const STATIC_FILES = ['index.html', 'bench.html', 'host.css'];

/**
 * Builds the preview into outDir (emptied first).
 * mode 'development' keeps LWC's dev-mode checks and warnings (the preview, e2e);
 * 'production' is what an org runs (the benchmark).
 * examples (default: in development mode) bundles examples/<example>/lwc/* as c/<name>, so
 * a flexipage may place them (examples/flexipages); the production build leaves them out.
 */
export async function buildPreview({
    outDir = DEFAULT_OUT_DIR,
    mode = 'development',
    examples = mode === 'development',
    log = () => {}
} = {}) {
    const started = performance.now();
    const warnings = [];
    const bundle = await rollup({
        input: ENTRIES,
        plugins: [
            orgModulesPlugin({
                // lightning-combobox would call attachInternals(), which synthetic shadow refuses
                // ("attachInternals API is not supported in synthetic shadow").
                closedGates: ['bc.260.enableComboboxElementInternals'],
                examples
            }),
            examplesPlugin({ examples }),
            shippedScenariosPlugin(),
            consoleMetadataPlugin(),
            typeScriptPlugin(),
            lwc({
                // No <dir>/<namespace>/<name> folders of our own: c/* is resolved above, and
                // preview-only components (sim/lwc) are imported by relative path.
                rootDir: path.join(ROOT, 'sim/build'),
                modules: [{ npm: 'lightning-base-components' }],
                // lwc, @lwc/synthetic-shadow and @lwc/wire-service come from orgModulesPlugin.
                defaultModules: [],
                // Components only (ours, base components, the plugin's empty implicit CSS/HTML);
                // the engine and the platform modules need no LWC compilation.
                include: [
                    `${LWC_DIR}/**`,
                    `${SIM_LWC_DIR}/**`,
                    `${EXAMPLES_DIR}/*/lwc/**`,
                    '**/node_modules/lightning-base-components/**',
                    /@lwc[\\/]resources[\\/]/
                ],
                apiVersion: 64,
                sourcemap: mode !== 'production'
            }),
            nodeResolve({ browser: true }),
            replace({
                preventAssignment: true,
                values: {
                    'process.env.NODE_ENV': JSON.stringify(mode),
                    'process.env.SKIP_LWC_VERSION_MISMATCH_CHECK': 'false',
                    'process.env.FORCE_NATIVE_SHADOW_MODE_FOR_TEST': 'false',
                    'import.meta.env.SSR': 'false'
                }
            })
        ],
        onwarn(warning) {
            // Base components ship `this` at the top level of a few modules and circular imports.
            if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
            warnings.push(warning);
        }
    });
    await fs.rm(outDir, { recursive: true, force: true });
    await bundle.write({
        dir: path.join(outDir, 'js'),
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        sourcemap: mode !== 'production'
    });
    await bundle.close();

    for (const file of STATIC_FILES) await fs.copyFile(path.join(HOST_DIR, file), path.join(outDir, file));
    await fs.mkdir(path.join(outDir, 'slds/styles'), { recursive: true });
    await fs.copyFile(
        path.join(SLDS_DIR, 'styles/salesforce-lightning-design-system.min.css'),
        path.join(outDir, 'slds/styles/salesforce-lightning-design-system.min.css')
    );
    await fs.cp(path.join(SLDS_DIR, 'images'), path.join(outDir, 'slds/images'), { recursive: true });

    const seconds = (performance.now() - started) / 1000;
    for (const w of warnings) log(`warning: ${w.message}`);
    const engine = lwcEnginePaths();
    log(
        `built ${path.relative(process.cwd(), outDir) || outDir} (${mode}${examples ? ', with the examples' : ''}, LWC engine ${engine.lwc.version}) in ${seconds.toFixed(1)} s`
    );
    return { outDir, mode, examples, seconds, warnings };
}
