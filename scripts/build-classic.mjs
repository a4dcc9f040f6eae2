// Builds the Salesforce Classic adaptor (classic/src, TypeScript) into the static resource
// the Visualforce page OmniClassicBridge loads: one IIFE exposing `OmniClassicKit`, with the
// same bridge engine, parsers and typed client the LWC bundles ship. Run by `npm run build`;
// the output is generated (see .gitignore) like the .js tsc writes beside LWC sources.
import path from 'node:path';
import * as esbuild from 'esbuild';
import { lwcModulesPlugin, ROOT } from '../bench/lib/bundle.mjs';

const outfile = path.join(ROOT, 'force-app/main/default/staticresources/OmniClassicKit.js');

const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'classic/src/classicKit.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'OmniClassicKit',
    // Classic consoles run in the browsers Salesforce supports; ES2019 needs no polyfills there.
    // ES2019 keeps `catch {` as written: lowering it to ES2018 invents unused `catch (e)` bindings
    // that Code Analyzer's ESLint reports (no-unused-vars, severity 2) in the deployed resource.
    target: 'es2019',
    // Object.freeze has no side effect worth keeping when its result is unused: lets esbuild drop
    // unused frozen constants of bundled modules (Code Analyzer: no-unused-vars).
    pure: ['Object.freeze'],
    // Readable in the org (Setup, Static Resources): not minified.
    minify: false,
    legalComments: 'none',
    banner: { js: '/* Omni Console Kit for Salesforce Classic. Generated from classic/src by `npm run build`; do not edit. */' },
    // The Visualforce page reads the global; saying so explicitly also shows Code Analyzer's ESLint
    // (which parses the file as a module) that the IIFE's variable is used (no-unused-vars, severity 2).
    footer: { js: 'window.OmniClassicKit = OmniClassicKit;' },
    outfile,
    logLevel: 'warning',
    // c/* from force-app; lightning/messageService is bundled but unused (Classic uses an in-page bus).
    plugins: [lwcModulesPlugin({ platform: 'local' })]
});
if (result.errors.length) process.exit(1);
console.log(`build-classic: ${path.relative(ROOT, outfile)}`);
