// Bundles the demo (router sources, the simulator engine and agent console, and the kit's
// omniBridgeCore engine and omniClient, all TypeScript) into one file that plain Node runs:
// router/dist/demo/demo.cjs. Part of `npm run router:build`.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const lwc = path.join(root, 'force-app', 'main', 'default', 'lwc');

/** The org's module names, mapped as jest.config.js and tsconfig.json map them. */
const orgModules = {
    name: 'org-modules',
    setup(b) {
        b.onResolve({ filter: /^c\/[A-Za-z0-9_]+$/ }, (args) => ({ path: path.join(lwc, args.path.slice(2), `${args.path.slice(2)}.ts`) }));
        // omniClient imports the message service for its default transport; the demo gives each rep a bus of its own.
        b.onResolve({ filter: /^lightning\/messageService$/ }, () => ({
            path: path.join(root, 'platform', 'lightning', 'messageService', 'messageService.ts')
        }));
        b.onResolve({ filter: /^@salesforce\/messageChannel\/.+$/ }, (args) => ({ path: args.path, namespace: 'sf-message-channel' }));
        b.onLoad({ filter: /.*/, namespace: 'sf-message-channel' }, (args) => ({
            contents: `export default ${JSON.stringify(args.path.split('/').pop())};`,
            loader: 'js'
        }));
    }
};

await build({
    entryPoints: [path.join(here, 'demo.ts')],
    outfile: path.join(here, '..', 'dist', 'demo', 'demo.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Loaded from node_modules at run time: faye (the Streaming client and server), and gRPC
    // with its proto loader and avsc (the Pub/Sub transport and the fake Pub/Sub server).
    external: ['faye', '@grpc/grpc-js', '@grpc/proto-loader', 'avsc'],
    plugins: [orgModules],
    sourcemap: true,
    logLevel: 'warning'
});
// The Pub/Sub API proto, beside the bundle (router/src/transport/pubsub/proto.ts looks there).
copyFileSync(
    path.join(here, '..', 'src', 'transport', 'pubsub', 'proto', 'pubsub_api.proto'),
    path.join(here, '..', 'dist', 'demo', 'pubsub_api.proto')
);
