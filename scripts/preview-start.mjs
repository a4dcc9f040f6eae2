// `npm start`: the local console preview, no org needed.
//   1. installs dependencies when missing or stale (scripts/ensure-deps.mjs)
//   2. `npm run build` (tsc: .ts -> .js beside it, as for every other entry point)
//   3. builds the browser preview (sim/build) into node_modules/.cache/omni-console-kit/preview
//   4. serves it on http://127.0.0.1:<PORT>/ (PORT, default 4400; HOST, default 127.0.0.1)
// The utility bar comes from the project's UtilityBar flexipage, or (scripts/preview-flexipage.mjs):
//   npm start -- --example acceptOneAtATime    an example in the console (examples/flexipages)
//   npm start -- --flexipage <file>            any UtilityBar flexipage variant
// Ctrl+C stops it. Node built-ins only until step 3: this runs before node_modules exists.
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 4400);
const host = process.env.HOST ?? '127.0.0.1';
const isWindows = process.platform === 'win32';

function run(label, command, args) {
    console.log(`\nstart: ${label}: ${[command, ...args].join(' ')}`);
    const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: isWindows });
    if (result.error || result.status !== 0) {
        console.error(`start: ${label} failed (${result.error ? result.error.message : `exit code ${result.status}`})`);
        process.exit(result.status || 1);
    }
}

if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`start: PORT=${process.env.PORT} is not a port number`);
    process.exit(2);
}
const { chosenFlexipage } = await import(pathToFileURL(path.join(root, 'scripts/preview-flexipage.mjs')).href);
try {
    const flexipage = chosenFlexipage(root, process.argv.slice(2));
    // Read by sim/build/consoleModule.mjs when build.mjs is imported below.
    if (flexipage) process.env.OMNI_FLEXIPAGE = flexipage;
} catch (error) {
    console.error(`start: ${error.message}`);
    process.exit(2);
}
run('dependencies', process.execPath, [path.join(root, 'scripts/ensure-deps.mjs')]);
run('TypeScript build', isWindows ? 'npm.cmd' : 'npm', ['run', 'build']);

const { buildPreview, DEFAULT_OUT_DIR } = await import(pathToFileURL(path.join(root, 'sim/build/build.mjs')).href);
const { startStaticServer } = await import(pathToFileURL(path.join(root, 'sim/server/staticServer.mjs')).href);
console.log('\nstart: building the browser preview');
try {
    await buildPreview({ outDir: DEFAULT_OUT_DIR, mode: 'development', log: (m) => console.log(`start: ${m}`) });
} catch (error) {
    console.error(`start: preview build failed: ${error.message}${error.id ? `\n  in ${error.id}` : ''}`);
    process.exit(1);
}

let server;
try {
    server = await startStaticServer({ root: DEFAULT_OUT_DIR, port, host });
} catch (error) {
    const hint = error.code === 'EADDRINUSE' ? ` (port ${port} is taken: try PORT=${port + 1} npm start)` : '';
    console.error(`start: cannot listen on ${host}:${port}: ${error.message}${hint}`);
    process.exit(1);
}
console.log(`\nOmni Console Kit preview: ${server.url}`);
console.log('  the real LWC components on the simulated Omni-Channel, with a control pane; Ctrl+C to stop');
for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
        server.close().then(() => process.exit(0));
        setTimeout(() => process.exit(0), 1000).unref();
    });
}
