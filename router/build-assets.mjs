// Copies what tsc does not into router/dist, so router/dist runs on its own: the vendored
// Pub/Sub API proto (loaded at run time by @grpc/proto-loader). Part of `npm run router:build`.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const PROTO = path.join('src', 'transport', 'pubsub', 'proto', 'pubsub_api.proto');
const target = path.join(here, 'dist', PROTO);
mkdirSync(path.dirname(target), { recursive: true });
copyFileSync(path.join(here, PROTO), target);
