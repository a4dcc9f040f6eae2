// Converts each package directory of sfdx-project.json (the kit in force-app, the demo in demo) to
// Metadata API format on its own with the sf CLI, offline, into a temporary folder.
// Why: it is the closest thing to a deploy without an org: it reads sfdx-project.json and
// .forceignore and resolves every file to a metadata type. Converting each directory alone proves
// the kit is a payload by itself (`sf project deploy start --source-dir force-app`). Then we check
// that what would be deployed is what we mean to deploy: a package.xml, no TypeScript sources, no
// tests, and the compiled <name>.js of every LWC bundle (a .ts-only bundle fails to deploy:
// forcedotcom/cli#3011); and that no deployable kit file names a component the demo defines
// (scripts/kit-boundary.mjs), since the converter does not resolve references.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, rel, listFiles, finish } from './util.mjs';
import { demoComponentNames, forceIgnored, kitNamesDemo } from './kit-boundary.mjs';

const KIT = 'force-app';
const DEMO = 'demo';

const sf = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'sf.cmd' : 'sf');
if (!fs.existsSync(sf)) {
    console.error(`check-convert: ${rel(sf)} not found; run \`npm ci\` first`);
    process.exit(1);
}

const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'sfdx-project.json'), 'utf8'));
const directories = project.packageDirectories.map((p) => p.path);
const problems = [];
for (const expected of [KIT, DEMO]) {
    if (!directories.includes(expected)) problems.push(`sfdx-project.json: no package directory "${expected}"`);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-convert-'));
const counts = [];
try {
    for (const dir of directories) {
        const outDir = path.join(tmp, dir.replace(/[\\/]/g, '_'));
        const args = ['project', 'convert', 'source', '--source-dir', dir, '--output-dir', outDir, '--json'];
        const run = spawnSync(sf, args, {
            cwd: ROOT,
            encoding: 'utf8',
            env: { ...process.env, SF_AUTOUPDATE_DISABLE: 'true', SF_DISABLE_TELEMETRY: 'true', SF_SKIP_NEW_VERSION_CHECK: 'true' }
        });
        if (run.error) throw run.error;
        if (run.status !== 0) {
            let message = (run.stderr || '').trim();
            try {
                message = JSON.parse(run.stdout).message || message;
            } catch {
                message = message || run.stdout.trim();
            }
            problems.push(`${dir}: \`sf ${args.join(' ')}\` exited with ${run.status}: ${message}`);
            continue;
        }
        const files = listFiles(outDir);
        counts.push(`${dir} ${files.length}`);
        if (!fs.existsSync(path.join(outDir, 'package.xml'))) problems.push(`${dir}: the converted output has no package.xml`);
        for (const file of files) {
            const inOutput = path.relative(outDir, file).split(path.sep).join('/');
            if (file.endsWith('.ts')) problems.push(`${dir}: ${inOutput}: TypeScript source in the deploy payload (check .forceignore)`);
            if (inOutput.split('/').includes('__tests__'))
                problems.push(`${dir}: ${inOutput}: test file in the deploy payload (check .forceignore)`);
        }
        const lwcOut = path.join(outDir, 'lwc');
        for (const name of fs.existsSync(lwcOut) ? fs.readdirSync(lwcOut) : []) {
            if (!fs.existsSync(path.join(lwcOut, name, `${name}.js`))) {
                problems.push(
                    `${dir}: lwc/${name}: converted bundle has no ${name}.js (run \`npm run build\` before converting or deploying)`
                );
            }
        }
    }
} finally {
    fs.rmSync(tmp, { recursive: true, force: true });
}

const demoNames = demoComponentNames(path.join(ROOT, DEMO), ROOT);
problems.push(...kitNamesDemo(path.join(ROOT, KIT), demoNames, { root: ROOT, ignored: forceIgnored(ROOT) }));

finish(
    'check-convert',
    problems,
    `sf project convert source ok per package directory (${counts.join(', ')} file(s) incl. package.xml), no .ts or tests ` +
        `in the payload; the kit names none of the demo's ${demoNames.size} component(s)`
);
