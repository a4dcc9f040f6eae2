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
    // Classic consoles run in the browsers Salesforce supports; ES2018 needs no polyfills there.
    target: 'es2018',
    // Readable in the org (Setup, Static Resources): not minified.
    minify: false,
    legalComments: 'none',
    banner: { js: '/* Omni Console Kit for Salesforce Classic. Generated from classic/src by `npm run build`; do not edit. */' },
    outfile,
    logLevel: 'warning',
    // c/* from force-app; lightning/messageService is bundled but unused (Classic uses an in-page bus).
    plugins: [lwcModulesPlugin({ platform: 'local' })]
});
if (result.errors.length) process.exit(1);
console.log(`build-classic: ${path.relative(ROOT, outfile)}`);
