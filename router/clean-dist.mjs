// Empties router/dist before a build, so a compiled file whose source was moved or deleted
// (a test, above all) cannot linger and run. Part of `npm run router:build`.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

rmSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist'), { recursive: true, force: true });
