// Compiles every LWC bundle with the LWC compiler, as the platform does on deploy.
// Why: `sf project convert source` and tsc do not run the LWC compiler, so template errors,
// invalid decorators or bad CSS would only show up at deploy time, and there is no org here.
// The LWC compiler does not understand TypeScript, so it compiles the .js that
// `npm run build` (tsc -p tsconfig.build.json) writes beside each .ts.
import fs from 'node:fs';
import path from 'node:path';
import { transformSync, version as compilerVersion } from '@lwc/compiler';
import { rel, listFiles, finish, findLwcBundles } from './util.mjs';

const NAMESPACE = 'c';
const COMPILED_EXTENSIONS = new Set(['.js', '.html', '.css']);
// LWC compiler diagnostic levels: 0 fatal, 1 error, 2 warning, 3 log.
const ERROR_LEVEL = 1;

const problems = [];
const warnings = [];
const bundles = findLwcBundles();
let fileCount = 0;

for (const { dir, name } of bundles) checkBundle(dir, name);

function checkBundle(dir, name) {
    const files = listFiles(dir, { skipDirs: ['__tests__', '__mocks__'] });
    const bundleProblems = [];

    // Every TypeScript source needs its generated, up-to-date JavaScript.
    for (const ts of files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))) {
        const js = ts.slice(0, -3) + '.js';
        if (!fs.existsSync(js)) {
            bundleProblems.push(`${rel(ts)}: no ${path.basename(js)} beside it; run \`npm run build\` first`);
        } else if (fs.statSync(js).mtimeMs < fs.statSync(ts).mtimeMs) {
            bundleProblems.push(`${rel(js)}: older than ${path.basename(ts)}; run \`npm run build\` first`);
        }
    }
    // In this TypeScript project every LWC .js is tsc output (.gitignore ignores them all), so a
    // .js without its .ts is left over from a renamed or deleted source and would be deployed.
    for (const js of files.filter((f) => f.endsWith('.js'))) {
        if (!fs.existsSync(js.slice(0, -3) + '.ts')) {
            bundleProblems.push(
                `${rel(js)}: no ${path.basename(js, '.js')}.ts beside it (left over from a renamed or deleted .ts?); delete it`
            );
        }
    }
    const main = path.join(dir, `${name}.js`);
    if (!fs.existsSync(main) && !fs.existsSync(path.join(dir, `${name}.ts`))) {
        bundleProblems.push(`${rel(dir)}: bundle has no ${name}.ts or ${name}.js main module`);
    }

    for (const file of files.filter((f) => COMPILED_EXTENSIONS.has(path.extname(f)))) {
        fileCount++;
        try {
            const result = transformSync(fs.readFileSync(file, 'utf8'), file, { namespace: NAMESPACE, name });
            for (const w of result.warnings ?? []) {
                const where = w.location ? `:${w.location.line}:${w.location.column}` : '';
                const line = `${rel(file)}${where}: ${w.message}`;
                (w.level <= ERROR_LEVEL ? bundleProblems : warnings).push(line);
            }
        } catch (error) {
            const loc = error.location ?? error.loc;
            const where = loc && loc.line ? `:${loc.line}:${loc.column ?? 0}` : '';
            // The first line of the message; the rest is a code frame.
            const message = String(error.message).split('\n')[0].replace(`${file}: `, '');
            bundleProblems.push(`${rel(file)}${where}: ${message}`);
        }
    }

    problems.push(...bundleProblems.map((p) => `[${NAMESPACE}/${name}] ${p}`));
}

for (const w of warnings) console.warn(`check-lwc-compile: warning: ${w}`);
if (bundles.length === 0) {
    console.log('check-lwc-compile: no LWC bundles under force-app');
} else {
    finish(
        'check-lwc-compile',
        problems,
        `${bundles.length} bundle(s), ${fileCount} file(s) compiled with @lwc/compiler ${compilerVersion}, no errors`
    );
}
