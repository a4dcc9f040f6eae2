// Runs every offline check in order and prints one summary, so `npm test` answers
// "is this tree deployable and green?" without an org. It keeps going after a failure so
// all problems show in one run; exit code 1 if any step failed.
//
// Usage: node scripts/test-all.mjs [--skip=lint,format]
// To add a step (e.g. browser e2e tests), add a package.json script and a line to STEPS.
// Before the first step, when the e2e step is part of the run, it makes sure Debian's Chromium
// is installed (installing it as root or with password-less sudo), or stops with the one
// command to run (scripts/ensure-chromium.mjs): a fresh machine then fails at once, not after
// ten green steps.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium, systemDeps } from './ensure-chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Each step runs `npm run <script> [-- args]`, so package.json stays the one place for commands.
const STEPS = [
    { name: 'build', script: 'build' }, // tsc -p tsconfig.build.json: .ts -> .js beside it
    { name: 'typecheck', script: 'typecheck' }, // tsc -p tsconfig.json (noEmit), tests and platform/ included
    { name: 'lint', script: 'lint' },
    { name: 'format', script: 'format:check' },
    { name: 'check:lwc', script: 'check:lwc' },
    { name: 'check:xml', script: 'check:xml' },
    { name: 'check:metadata', script: 'check:metadata' }, // every -meta.xml against the Metadata API's types
    { name: 'check:apex', script: 'check:apex' },
    { name: 'check:convert', script: 'check:convert' },
    { name: 'check:docs', script: 'check:docs' }, // relative links, anchors, images and npm/node commands in the Markdown
    // Salesforce Code Analyzer (PMD, ESLint, Retire.js, Regex, Flow: Recommended + AppExchange; Graph Engine) on the built force-app and demo
    { name: 'check:analyzer', script: 'check:analyzer' },
    { name: 'jest', script: 'test:unit', args: ['--', '--ci'] }, // sfdx-lwc-jest passes what follows its own `--` to jest
    { name: 'scripts', script: 'test:scripts' }, // node --test scripts/__tests__ (metadata checker, docs checker, Chromium install logic)
    { name: 'router', script: 'router:test' }, // the external routing service (node --test on router/dist)
    { name: 'e2e', script: 'test:e2e' } // the simulator page in headless Chromium (needs /usr/bin/chromium)
];

function parseSkip(argv) {
    const skip = new Set();
    for (const arg of argv) {
        if (arg === '--help' || arg === '-h') {
            console.log(`Usage: node scripts/test-all.mjs [--skip=step,step]\nSteps: ${STEPS.map((s) => s.name).join(', ')}`);
            process.exit(0);
        }
        const match = /^--skip=(.*)$/.exec(arg);
        if (!match) {
            console.error(`test-all: unknown argument ${arg} (expected --skip=step,step)`);
            process.exit(2);
        }
        for (const name of match[1].split(',').filter(Boolean)) {
            const step = STEPS.find((s) => s.name === name || s.script === name);
            if (!step) {
                console.error(`test-all: --skip: no step named "${name}"; steps: ${STEPS.map((s) => s.name).join(', ')}`);
                process.exit(2);
            }
            skip.add(step.name);
        }
    }
    return skip;
}

const skip = parseSkip(process.argv.slice(2));
if (!skip.has('e2e')) {
    const code = ensureChromium(systemDeps());
    if (code !== 0) {
        console.error('test-all: stopped before the first step: the e2e step needs Chromium (see above; --skip=e2e runs the rest)');
        process.exit(code);
    }
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const results = [];

for (const step of STEPS) {
    if (skip.has(step.name)) {
        results.push({ name: step.name, status: 'skipped', seconds: 0 });
        continue;
    }
    const npmArgs = ['run', step.script, ...(step.args ? ['--', ...step.args] : [])];
    console.log(`\n=== ${step.name}: npm ${npmArgs.join(' ')}`);
    const started = Date.now();
    // stdin ignored: no step may wait for input (CI has none).
    const run = spawnSync(npm, npmArgs, {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
        shell: process.platform === 'win32'
    });
    const seconds = (Date.now() - started) / 1000;
    const ok = !run.error && run.status === 0;
    if (run.error) console.error(`test-all: could not start ${step.name}: ${run.error.message}`);
    else if (!ok) console.error(`test-all: step ${step.name} FAILED (exit code ${run.status ?? run.signal})`);
    results.push({ name: step.name, status: ok ? 'ok' : 'FAILED', seconds });
}

const width = Math.max(...results.map((r) => r.name.length));
console.log('\n=== summary');
for (const r of results) {
    const time = r.status === 'skipped' ? '' : `${r.seconds.toFixed(1).padStart(6)} s`;
    console.log(`${r.name.padEnd(width)}  ${r.status.padEnd(7)}  ${time}`.trimEnd());
}
const passed = results.filter((r) => r.status === 'ok').length;
const failed = results.filter((r) => r.status === 'FAILED').length;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
