/**
 * Suite: what ships to an org for the typed client, the bridge core and the types.
 *
 * One tiny entry re-exports omniClient and omniBridgeCore (the LWC wrapper, which pulls in
 * bridgeEngine, workTimes; omniTypes includes the snapshot reducer) so the omniTypes code both share counts once.
 * Minified ESM, target es2020, org modules (lwc, lightning/*, @salesforce/*) external.
 * This estimates the download; the org's LWC compiler produces its own (similar) output.
 */
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleForSize, ROOT } from '../lib/bundle.mjs';
import { check } from '../lib/stats.mjs';

export const title = 'Shipped size: omniClient + omniBridgeCore + omniTypes (esbuild, minify, esm, es2020)';

const GOAL_GZIP_BYTES = 6 * 1024;
const TOP_MODULES = 10;

const ENTRIES = {
    combined: "export * from 'c/omniClient';\nexport { default as OmniBridgeCore } from 'c/omniBridgeCore';",
    clientOnly: "export * from 'c/omniClient';",
    bridgeOnly: "export { default as OmniBridgeCore } from 'c/omniBridgeCore';"
};

async function measure(contents) {
    const { code, metafile } = await bundleForSize({ contents, target: 'es2020' });
    return { minBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, metafile };
}

export async function run(ctx) {
    ctx.log('shipped size: bundling');
    const combined = await measure(ENTRIES.combined);
    const clientOnly = await measure(ENTRIES.clientOnly);
    const bridgeOnly = await measure(ENTRIES.bridgeOnly);

    // esbuild's metafile: bytes each source contributes to the minified output.
    const [output] = Object.values(combined.metafile.outputs);
    const modules = Object.entries(output.inputs)
        .map(([file, info]) => ({ file: path.relative(ROOT, path.resolve(ROOT, file)), bytes: info.bytesInOutput }))
        .sort((a, b) => b.bytes - a.bytes);

    const kb = (bytes) => bytes / 1024;
    const rows = [
        { section: 'combined bundle', metric: 'minified', value: kb(combined.minBytes), unit: 'KB', note: `${combined.minBytes} bytes` },
        {
            section: 'combined bundle',
            metric: 'gzip -9',
            value: kb(combined.gzipBytes),
            unit: 'KB',
            goal: '<= 6 KB',
            status: check(combined.gzipBytes, '<=', GOAL_GZIP_BYTES),
            note: `${combined.gzipBytes} bytes`
        },
        {
            section: 'per entry (informational)',
            metric: 'omniClient + omniTypes, gzip',
            value: kb(clientOnly.gzipBytes),
            unit: 'KB',
            note: `min ${clientOnly.minBytes} B`
        },
        {
            section: 'per entry (informational)',
            metric: 'omniBridgeCore + omniTypes, gzip',
            value: kb(bridgeOnly.gzipBytes),
            unit: 'KB',
            note: `min ${bridgeOnly.minBytes} B`
        },
        ...modules.slice(0, TOP_MODULES).map((m) => ({
            section: `top ${TOP_MODULES} modules by minified bytes in the combined bundle`,
            metric: m.file,
            value: m.bytes,
            unit: 'B',
            note: `${((100 * m.bytes) / combined.minBytes).toFixed(1)}%`
        }))
    ];
    return {
        rows,
        data: {
            goalGzipBytes: GOAL_GZIP_BYTES,
            combined: { minBytes: combined.minBytes, gzipBytes: combined.gzipBytes },
            clientOnly: { minBytes: clientOnly.minBytes, gzipBytes: clientOnly.gzipBytes },
            bridgeOnly: { minBytes: bridgeOnly.minBytes, gzipBytes: bridgeOnly.gzipBytes },
            modules
        }
    };
}
