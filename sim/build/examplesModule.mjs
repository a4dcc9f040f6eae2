/**
 * The examples (examples/<example>/lwc/<name>), bundled into the preview as the virtual
 * module `omni-sim:examples` (typed in sim/host/examplesModule.d.ts), so the simulated
 * console can place them in its utility bar as an org's App Builder would (a flexipage
 * naming `c:<name>`; ready ones are in examples/flexipages):
 *
 *   exampleLwcs   { 'c:<name>': <the component's constructor> } for every example bundle
 *
 * With examples off (the production build the benchmark measures) the module exports an
 * empty record, so nothing of the examples is bundled.
 */
import { exampleBundles } from './orgModules.mjs';

export const EXAMPLES_MODULE = 'omni-sim:examples';
const RESOLVED = '\0' + EXAMPLES_MODULE;

/** The module's source: one import per example bundle (resolved as c/<name> by orgModulesPlugin). */
export function examplesModuleSource(bundles) {
    const list = [...bundles.values()];
    const imports = list.map((b, i) => `import Example${i} from ${JSON.stringify(`c/${b.name}`)};`);
    const entries = list.map((b, i) => `    ${JSON.stringify(`c:${b.name}`)}: Example${i}`);
    return `${imports.join('\n')}\nexport const exampleLwcs = {\n${entries.join(',\n')}\n};\n`;
}

export function examplesPlugin({ examples = false } = {}) {
    return {
        name: 'omni-examples',
        resolveId(source) {
            return source === EXAMPLES_MODULE ? RESOLVED : null;
        },
        load(id) {
            if (id !== RESOLVED) return null;
            return examplesModuleSource(examples ? exampleBundles() : new Map());
        }
    };
}
