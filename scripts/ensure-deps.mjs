// Installs dependencies when they are missing or older than package-lock.json, so
// `npm test` works on a clean clone and after a pull that changed the lock file.
// With --browser it also makes sure Debian's Chromium is there for the browser tests (e2e, the
// bench's panel suite), installing it when this user may (scripts/ensure-chromium.mjs), or
// stops with the one command to run. `npm start` only serves a page, so it does not ask for it.
//   node scripts/ensure-deps.mjs [--browser]
// Why only Node built-ins: it runs before node_modules exists.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureChromium, systemDeps } from './ensure-chromium.mjs';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--browser');
if (unknown.length > 0) {
    console.error(`ensure-deps: unknown argument ${unknown[0]} (expected --browser or nothing)`);
    process.exit(2);
}
const wantBrowser = args.includes('--browser');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lockFile = path.join(root, 'package-lock.json');
const installedLock = path.join(root, 'node_modules', '.package-lock.json'); // written by npm after each install

function reasonToInstall() {
    if (!fs.existsSync(lockFile)) {
        console.error('ensure-deps: package-lock.json is missing; `npm ci` needs it (run `npm install` once and commit it)');
        process.exit(1);
    }
    if (!fs.existsSync(path.join(root, 'node_modules'))) return 'node_modules is missing';
    if (!fs.existsSync(installedLock)) return 'node_modules/.package-lock.json is missing (incomplete install)';
    if (fs.statSync(lockFile).mtimeMs > fs.statSync(installedLock).mtimeMs) {
        return 'package-lock.json is newer than node_modules/.package-lock.json';
    }
    return null;
}

const reason = reasonToInstall();
if (!reason) {
    console.log('ensure-deps: node_modules is up to date with package-lock.json');
} else {
    console.log(`ensure-deps: ${reason}; running \`npm ci --no-audit --no-fund\``);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const run = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    if (run.error || run.status !== 0) {
        console.error(
            `ensure-deps: \`npm ci\` failed (${run.error ? run.error.message : `exit code ${run.status}`}); see the npm output above`
        );
        process.exit(run.status || 1);
    }
    console.log('ensure-deps: dependencies installed');
}

if (wantBrowser) process.exit(ensureChromium(systemDeps()));
