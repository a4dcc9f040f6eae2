/**
 * Shared by the e2e test, the screenshot script and the panel benchmark: build and serve
 * the preview, and drive the machine's Chromium (/usr/bin/chromium) with playwright-core.
 * Never downloads a browser. CHROMIUM_PATH overrides the executable.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { buildPreview } from '../build/build.mjs';
import { startStaticServer } from '../server/staticServer.mjs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
    '--no-sandbox',
    '--headless',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync'
];

/**
 * Launches Chromium with a fresh profile (a temp --user-data-dir, removed on close).
 * Resolves with { context, close() }; make pages with context.newPage().
 */
export async function launchChromium({ viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1 } = {}) {
    if (!fs.existsSync(CHROMIUM_PATH)) {
        throw new Error(
            `no Chromium at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CHROMIUM_PATH; playwright browsers are not downloaded`
        );
    }
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'omni-chromium-'));
    // launchPersistentContext is playwright's way to pass --user-data-dir.
    const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport,
        deviceScaleFactor
    });
    return {
        context,
        async close() {
            await context.close().catch(() => undefined);
            fs.rmSync(userDataDir, { recursive: true, force: true });
        }
    };
}

/**
 * Builds the preview (unless build: false) and serves it on a free port. Resolves with
 * { url, outDir, close() }. crossOriginIsolated: see sim/server/staticServer.mjs.
 */
export async function servePreview({ outDir, mode = 'development', build = true, crossOriginIsolated = false, log = () => {} } = {}) {
    if (build) await buildPreview({ outDir, mode, log });
    const server = await startStaticServer({ root: outDir, crossOriginIsolated });
    return { url: server.url, outDir, close: server.close };
}

/** Collects console errors and uncaught exceptions of a page (a test fails on any). */
export function collectPageErrors(page) {
    const errors = [];
    page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
    return errors;
}
