// Builds the local browser preview (sim/build/build.mjs), by default where `npm start` serves it
// from (node_modules/.cache/omni-console-kit/preview).
//
// Usage: node scripts/preview-build.mjs [--production] [--out <dir>] [--example <name> | --flexipage <file>]
// (--example / --flexipage choose the utility bar's flexipage: scripts/preview-flexipage.mjs)
// The LWC .ts sources are transpiled by the build itself; `npm run build` is not needed
// for it (npm start runs it anyway, as every other entry point does).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chosenFlexipage } from './preview-flexipage.mjs';

const args = process.argv.slice(2);
try {
    const flexipage = chosenFlexipage(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), args);
    // Read by sim/build/consoleModule.mjs when build.mjs is imported below.
    if (flexipage) process.env.OMNI_FLEXIPAGE = flexipage;
} catch (error) {
    console.error(`preview-build: ${error.message}`);
    process.exit(2);
}
const { buildPreview, DEFAULT_OUT_DIR } = await import('../sim/build/build.mjs');
const outIndex = args.indexOf('--out');
const outDir = outIndex >= 0 ? path.resolve(args[outIndex + 1]) : DEFAULT_OUT_DIR;
try {
    await buildPreview({
        outDir,
        mode: args.includes('--production') ? 'production' : 'development',
        log: (m) => console.log(`preview-build: ${m}`)
    });
} catch (error) {
    console.error(`preview-build: FAILED: ${error.message}`);
    if (error.id) console.error(`  in ${error.id}`);
    if (error.frame) console.error(error.frame);
    process.exit(1);
}
