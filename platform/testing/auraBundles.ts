/**
 * Jest helpers for the local Aura runtime (platform/aura): loads Aura bundles from their
 * files (force-app's, or a test fixture's folder) and the Custom Labels' English values, as
 * the simulator's build does from the same files.
 */
import { existsSync, readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { XMLParser } from 'fast-xml-parser';
import type { AuraBundleSource } from '../aura/auraRuntime';

export const KIT_AURA_DIR = join(__dirname, '../../force-app/main/default/aura');
export const LEGACY_BRIDGE_DIR = join(__dirname, 'fixtures/legacyOmniBridge');
const LABELS_FILE = join(__dirname, '../../force-app/main/default/labels/CustomLabels.labels-meta.xml');

/** One bundle from a folder holding <name>.cmp, <name>Controller.js and (optionally) <name>Helper.js. */
export function loadAuraBundle(folder: string, name: string, namespace = 'c'): AuraBundleSource {
    const read = (file: string) => (existsSync(join(folder, file)) ? readFileSync(join(folder, file), 'utf8') : undefined);
    const markup = read(`${name}.cmp`);
    if (markup === undefined) throw new Error(`No ${name}.cmp in ${folder}`);
    return { descriptor: `${namespace}:${name}`, markup, controller: read(`${name}Controller.js`) ?? '', helper: read(`${name}Helper.js`) };
}

/** Every Aura bundle force-app deploys, by descriptor. */
export function loadKitAuraBundles(): Record<string, AuraBundleSource> {
    const bundles: Record<string, AuraBundleSource> = {};
    for (const name of readdirSync(KIT_AURA_DIR)) {
        if (existsSync(join(KIT_AURA_DIR, name, `${name}.cmp`))) bundles[`c:${name}`] = loadAuraBundle(join(KIT_AURA_DIR, name), name);
    }
    return bundles;
}

/**
 * The retired background-utility bridge (a test fixture outside force-app), as c:omniBridge.
 * Its .js files are committed with `git add -f`: the repository ignores .js under platform/
 * (what tsc writes there), and a fresh clone must still have the fixture.
 */
export function loadLegacyBridgeBundle(): AuraBundleSource {
    const bundle = loadAuraBundle(LEGACY_BRIDGE_DIR, 'omniBridge');
    if (!bundle.controller)
        throw new Error(`${LEGACY_BRIDGE_DIR}: omniBridgeController.js is missing (force-added to git; see its README)`);
    return bundle;
}

/** Custom Label values by name (without the c. prefix). */
export function loadLabels(): Record<string, string> {
    const parsed = new XMLParser({ isArray: (name) => name === 'labels' }).parse(readFileSync(LABELS_FILE, 'utf8'));
    const labels: Record<string, string> = {};
    for (const label of parsed.CustomLabels.labels as Array<{ fullName: string; value: string }>)
        labels[label.fullName] = String(label.value);
    return labels;
}
