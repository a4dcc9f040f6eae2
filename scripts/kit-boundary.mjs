// The kit/demo boundary: the kit package directory (force-app) must not name a component the demo
// package directory (demo) defines, or the kit would not deploy (or build as an unlocked package)
// without the demo. A package version's metadata must resolve inside the package or its declared
// dependencies: https://developer.salesforce.com/docs/atlas.en-us.sfdx_dev.meta/sfdx_dev/sfdx_dev_unlocked_pkg_plan_pkg_dependencies.htm
// sf project convert source does not resolve references, so this check is what catches one offline.
import fs from 'node:fs';
import path from 'node:path';
import { listFiles } from './util.mjs';
import { globToRegExp } from './check-code-analyzer-report.mjs';

/**
 * Metadata folders whose files do not define a nameable component: Settings are named by their
 * type (OmniChannel.settings is "the Omni-Channel settings", not a component anyone references).
 */
const NOT_COMPONENTS = new Set(['settings']);

/**
 * Every component the demo directory defines: its fullName (the file name before the first dot)
 * -> the file defining it (relative to `from`). A custom field under objects/<Object>/fields also
 * counts by its field name alone (a permission set names it as Case.<field>, which the word match finds).
 * @param {string} demoDir
 * @param {string} from folder the returned paths are relative to
 * @returns {Map<string, string>}
 */
export function demoComponentNames(demoDir, from) {
    const names = new Map();
    for (const file of listFiles(demoDir)) {
        if (!file.endsWith('-meta.xml')) continue;
        const parts = path.relative(demoDir, file).split(path.sep);
        if (parts.some((part) => NOT_COMPONENTS.has(part))) continue;
        const name = path.basename(file).split('.')[0];
        if (name) names.set(name, toPosix(path.relative(from, file)));
    }
    return names;
}

/** The project's .forceignore as a predicate over root-relative posix paths (what never deploys is not checked). */
export function forceIgnored(root) {
    const file = path.join(root, '.forceignore');
    const globs = fs.existsSync(file)
        ? fs
              .readFileSync(file, 'utf8')
              .split('\n')
              .map((line) => line.trim())
              .filter((line) => line && !line.startsWith('#'))
              .map(globToRegExp)
        : [];
    return (relPath) => globs.some((glob) => glob.test(relPath) || glob.test(path.posix.basename(relPath)));
}

/**
 * Every line of a deployable kit file naming a demo component, as a whole word ("Omni_Console_Kit"
 * matches `<application>Omni_Console_Kit</application>`, not `Omni_Console_Kit_User`).
 * @param {string} kitDir
 * @param {Map<string, string>} names from demoComponentNames
 * @param {{ root: string, ignored?: (relPath: string) => boolean }} options
 * @returns {string[]} "file:line: names the demo's X (defined in demo/...)"
 */
export function kitNamesDemo(kitDir, names, { root, ignored = () => false }) {
    if (names.size === 0) return [];
    const escaped = [...names.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const word = new RegExp(`(?<![A-Za-z0-9_])(${escaped.join('|')})(?![A-Za-z0-9_])`, 'g');
    const problems = [];
    for (const file of listFiles(kitDir)) {
        const relPath = toPosix(path.relative(root, file));
        if (ignored(relPath)) continue;
        const lines = fs.readFileSync(file, 'utf8').split('\n');
        lines.forEach((line, i) => {
            for (const match of line.matchAll(word)) {
                problems.push(`${relPath}:${i + 1}: names the demo's ${match[1]} (defined in ${names.get(match[1])})`);
            }
        });
    }
    return problems;
}

function toPosix(p) {
    return p.split(path.sep).join('/');
}
