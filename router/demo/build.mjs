// Bundles the demo (router sources + the simulator engine, both TypeScript) into one file
// that plain Node runs: router/dist/demo/demo.cjs. Part of `npm run router:build`.
import { copyFileSync } from 'node:fs';
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
    // Loaded from node_modules at run time: faye (the Streaming client and server), and gRPC
    // with its proto loader and avsc (the Pub/Sub transport and the fake Pub/Sub server).
    external: ['faye', '@grpc/grpc-js', '@grpc/proto-loader', 'avsc'],
    sourcemap: true,
    logLevel: 'warning'
});
// The Pub/Sub API proto, beside the bundle (router/src/transport/pubsub/proto.ts looks there).
copyFileSync(
    path.join(here, '..', 'src', 'transport', 'pubsub', 'proto', 'pubsub_api.proto'),
    path.join(here, '..', 'dist', 'demo', 'pubsub_api.proto')
);
