/**
 * The console's own metadata, bundled into the preview at build time as the virtual module
 * `omni-sim:console` (typed in sim/host/consoleMetadata.d.ts), so the page builds its utility
 * bar from the flexipage the project deploys and runs the Aura bundles it deploys:
 *
 *   flexipage       { file, text } of demo/main/default/flexipages/Omni_Console_Kit_UtilityBar
 *   auraBundles     each bundle of force-app/main/default/aura by descriptor ('c:<name>'):
 *                   { descriptor, markup, controller, helper } as platform/aura runs them
 *   retiredBundles  bundles the kit no longer deploys but an org may still hold (the old
 *                   background-utility bridge c:omniBridge, platform/testing/fixtures), so a
 *                   flexipage that still names one shows locally what it does in an org
 *   labels          Custom Label values by name ($A.get('$Label.c.<Name>') in Aura)
 *
 * OMNI_FLEXIPAGE=<path> builds the page with another UtilityBar flexipage (a variant to try
 * before deploying it); the page also loads one at run time (omniPreview.loadFlexipage).
 *
 * The page parses the flexipage itself (platform/console/flexipage.ts), as jest does, so a
 * flexipage mistake shows on the page as it would in an org, not as a failed build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LABELS_FILE, ROOT, readLabels } from './orgModules.mjs';

export const CONSOLE_MODULE = 'omni-sim:console';
export const FLEXIPAGE_FILE = process.env.OMNI_FLEXIPAGE
    ? path.resolve(process.env.OMNI_FLEXIPAGE)
    : path.join(ROOT, 'demo/main/default/flexipages/Omni_Console_Kit_UtilityBar.flexipage-meta.xml');
export const AURA_DIR = path.join(ROOT, 'force-app/main/default/aura');
const RETIRED = [{ name: 'omniBridge', dir: path.join(ROOT, 'platform/testing/fixtures/legacyOmniBridge') }];
const RESOLVED = '\0' + CONSOLE_MODULE;

/** One bundle folder as platform/aura's AuraBundleSource, or null when it has no <name>.cmp. */
export function readAuraBundle(dir, name) {
    const read = (file) => (fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file), 'utf8') : undefined);
    const markup = read(`${name}.cmp`);
    if (markup === undefined) return null;
    return { descriptor: `c:${name}`, markup, controller: read(`${name}Controller.js`) ?? '', helper: read(`${name}Helper.js`) };
}

/** Every Aura bundle force-app deploys, by descriptor. */
export function readAuraBundles(dir = AURA_DIR) {
    const bundles = {};
    if (!fs.existsSync(dir)) return bundles;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        if (!entry.isDirectory()) continue;
        const bundle = readAuraBundle(path.join(dir, entry.name), entry.name);
        if (bundle) bundles[bundle.descriptor] = bundle;
    }
    return bundles;
}

export function readConsoleMetadata() {
    const retiredBundles = {};
    for (const { name, dir } of RETIRED) {
        const bundle = readAuraBundle(dir, name);
        if (bundle) retiredBundles[bundle.descriptor] = bundle;
    }
    return {
        flexipage: { file: path.relative(ROOT, FLEXIPAGE_FILE), text: fs.readFileSync(FLEXIPAGE_FILE, 'utf8') },
        auraBundles: readAuraBundles(),
        retiredBundles,
        labels: Object.fromEntries(readLabels())
    };
}

export function consoleMetadataPlugin() {
    return {
        name: 'omni-console-metadata',
        resolveId(source) {
            return source === CONSOLE_MODULE ? RESOLVED : null;
        },
        load(id) {
            if (id !== RESOLVED) return null;
            this.addWatchFile(FLEXIPAGE_FILE);
            this.addWatchFile(AURA_DIR);
            this.addWatchFile(LABELS_FILE);
            const metadata = readConsoleMetadata();
            return Object.entries(metadata)
                .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
                .join('\n');
        }
    };
}
