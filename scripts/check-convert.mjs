// Converts force-app to Metadata API format with the sf CLI, offline, into a temporary folder.
// Why: it is the closest thing to a deploy without an org: it reads sfdx-project.json and
// .forceignore and resolves every file to a metadata type. Then we check that what would be
// deployed is what we mean to deploy: a package.xml, no TypeScript sources, no tests, and the
// compiled <name>.js of every LWC bundle (a .ts-only bundle fails to deploy: forcedotcom/cli#3011).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, rel, listFiles, finish } from './util.mjs';

const sf = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'sf.cmd' : 'sf');
if (!fs.existsSync(sf)) {
    console.error(`check-convert: ${rel(sf)} not found; run \`npm ci\` first`);
    process.exit(1);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-convert-'));
const outDir = path.join(tmp, 'mdapi');
const problems = [];
let fileCount = 0;
try {
    const args = ['project', 'convert', 'source', '--root-dir', 'force-app', '--output-dir', outDir, '--json'];
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
        problems.push(`force-app: \`sf ${args.join(' ')}\` exited with ${run.status}: ${message}`);
    } else {
        const files = listFiles(outDir);
        fileCount = files.length;
        if (!fs.existsSync(path.join(outDir, 'package.xml'))) problems.push('force-app: the converted output has no package.xml');
        for (const file of files) {
            const inOutput = path.relative(outDir, file).split(path.sep).join('/');
            if (file.endsWith('.ts')) problems.push(`${inOutput}: TypeScript source in the deploy payload (check .forceignore)`);
            if (inOutput.split('/').includes('__tests__'))
                problems.push(`${inOutput}: test file in the deploy payload (check .forceignore)`);
        }
        const lwcOut = path.join(outDir, 'lwc');
        for (const name of fs.existsSync(lwcOut) ? fs.readdirSync(lwcOut) : []) {
            if (!fs.existsSync(path.join(lwcOut, name, `${name}.js`))) {
                problems.push(`lwc/${name}: converted bundle has no ${name}.js (run \`npm run build\` before converting or deploying)`);
            }
        }
    }
} finally {
    fs.rmSync(tmp, { recursive: true, force: true });
}

finish('check-convert', problems, `sf project convert source ok: ${fileCount} file(s) incl. package.xml, no .ts or tests in the payload`);
