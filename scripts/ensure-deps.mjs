// Installs dependencies when they are missing or older than package-lock.json, so
// `npm test` works on a clean clone and after a pull that changed the lock file.
// Why only Node built-ins: it runs before node_modules exists.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
    process.exit(0);
}

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
