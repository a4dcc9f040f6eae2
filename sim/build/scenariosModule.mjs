/**
 * The scenario files shipped in scenarios/, bundled into the preview at build time as the
 * virtual module `omni-sim:scenarios` (typed in sim/host/shippedScenarios.d.ts): an array
 * of { name, file, text }, sorted by name. The page validates them like any file it loads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './orgModules.mjs';

export const SCENARIOS_MODULE = 'omni-sim:scenarios';
export const SCENARIOS_DIR = path.join(ROOT, 'scenarios');
const RESOLVED = '\0' + SCENARIOS_MODULE;

export function readShippedScenarios(dir = SCENARIOS_DIR) {
    return fs
        .readdirSync(dir)
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .sort()
        .map((f) => ({ name: f.replace(/\.(ya?ml|json)$/, ''), file: `scenarios/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

export function shippedScenariosPlugin() {
    return {
        name: 'omni-shipped-scenarios',
        resolveId(source) {
            return source === SCENARIOS_MODULE ? RESOLVED : null;
        },
        load(id) {
            if (id !== RESOLVED) return null;
            this.addWatchFile(SCENARIOS_DIR);
            return `export default ${JSON.stringify(readShippedScenarios())};`;
        }
    };
}
