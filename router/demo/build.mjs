// Bundles the demo (router sources + the simulator engine, both TypeScript) into one file
// that plain Node runs: router/dist/demo/demo.cjs. Part of `npm run router:build`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
await build({
    entryPoints: [path.join(here, 'demo.ts')],
    outfile: path.join(here, '..', 'dist', 'demo', 'demo.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['faye'],
    sourcemap: true,
    logLevel: 'warning'
});
