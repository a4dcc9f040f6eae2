// Small helpers shared by the check scripts (Node built-ins only), so each check stays short.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (the folder above scripts/). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Path relative to the repository root, with forward slashes, for messages. */
export function rel(file) {
    return path.relative(ROOT, file).split(path.sep).join('/');
}

/** Every file under dir (recursively), skipping node_modules and dot-folders; [] if dir is missing. */
export function listFiles(dir, { skipDirs = [] } = {}) {
    if (!fs.existsSync(dir)) return [];
    const out = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name === 'node_modules' || entry.name.startsWith('.') || skipDirs.includes(entry.name)) continue;
            out.push(...listFiles(full, { skipDirs }));
        } else if (entry.isFile()) {
            out.push(full);
        }
    }
    return out.sort();
}

/** Prints the problems (one "file: message" per line) and exits 1, or prints the summary line. */
export function finish(checkName, problems, summary) {
    if (problems.length > 0) {
        for (const p of problems) console.error(`${checkName}: ${p}`);
        console.error(`${checkName}: FAILED, ${problems.length} problem(s)`);
        process.exit(1);
    }
    console.log(`${checkName}: ${summary}`);
}

/** Every LWC bundle under force-app: { dir, name } for each folder directly inside a folder named lwc. */
export function findLwcBundles(dir = path.join(ROOT, 'force-app')) {
    if (!fs.existsSync(dir)) return [];
    const bundles = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const full = path.join(dir, entry.name);
        if (entry.name !== 'lwc') {
            bundles.push(...findLwcBundles(full));
            continue;
        }
        for (const bundle of fs.readdirSync(full, { withFileTypes: true })) {
            // Skip lwc/.eslintrc-style files, dot-folders and lwc/__mocks__-style folders.
            if (bundle.isDirectory() && !bundle.name.startsWith('.') && !bundle.name.startsWith('__')) {
                bundles.push({ dir: path.join(full, bundle.name), name: bundle.name });
            }
        }
    }
    return bundles.sort((a, b) => a.dir.localeCompare(b.dir));
}
