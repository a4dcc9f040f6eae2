// Runs every e2e/*.e2e.mjs against one build of the preview, in one headless Chromium
// (one page per test group). Each file exports `default async function (ctx)` with
// ctx = { browser, url, collectPageErrors, group }. Prints `N passed, M failed`; exit
// code 1 when any failed.
//
// Usage: node e2e/run.mjs [--no-build] [name...]   (names filter the files: `node e2e/run.mjs panel`;
//        --no-build serves the last `npm start` build as it is)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_OUT_DIR } from '../sim/build/build.mjs';
import { collectPageErrors, launchChromium, servePreview } from '../sim/testing/browser.mjs';
import { createRecorder } from './harness.mjs';

const started = performance.now();
const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const filters = args.filter((a) => !a.startsWith('--'));
const here = path.dirname(fileURLToPath(import.meta.url));
const files = fs
    .readdirSync(here)
    .filter((f) => f.endsWith('.e2e.mjs'))
    .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
    .sort();

const recorder = createRecorder();
const buildDir = noBuild ? DEFAULT_OUT_DIR : fs.mkdtempSync(path.join(os.tmpdir(), 'omni-e2e-'));
let preview = null;
let browser = null;
try {
    preview = await servePreview({ outDir: buildDir, build: !noBuild, log: (m) => console.log(`e2e: ${m}`) });
    browser = await launchChromium();
    console.log(`e2e: ${preview.url}, ${files.length} file(s)`);
    const ctx = { browser, url: preview.url, collectPageErrors, group: recorder.group };
    for (const file of files) {
        const { default: run } = await import(pathToFileURL(path.join(here, file)).href);
        try {
            await run(ctx);
        } catch (error) {
            recorder.results.push({ name: file, ok: false });
            console.log(`  FAIL  ${file}: ${error.message}`);
        }
    }
} catch (error) {
    recorder.results.push({ name: 'setup (build, serve, launch Chromium)', ok: false });
    console.log(`  FAIL  setup: ${error.message}`);
} finally {
    await browser?.close();
    await preview?.close();
    if (!noBuild) fs.rmSync(buildDir, { recursive: true, force: true });
}

const passed = recorder.results.filter((r) => r.ok).length;
const failed = recorder.results.length - passed;
console.log(`\ne2e: ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || recorder.results.length === 0 ? 1 : 0);
