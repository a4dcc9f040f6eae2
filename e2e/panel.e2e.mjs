// Browser smoke test of the workload panel in the local preview, as a rep uses it:
// the kit's real LWC components (omniBridgeCore, omniWorkloadPanel...) built for the
// browser, the scripted toolkit and fake Apex behind them, headless Chromium in front.
//
// Steps run in order (each builds on the last); a console error or uncaught exception in
// the page fails the run. Prints `N passed, M failed`; exit code 1 when any failed.
//
// Usage: node e2e/panel.e2e.mjs [--no-build]   (--no-build serves the last `npm start` build as it is)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_OUT_DIR } from '../sim/build/build.mjs';
import { collectPageErrors, launchChromium, servePreview } from '../sim/testing/browser.mjs';

const TIMEOUT_MS = 10000;
const started = performance.now();
const noBuild = process.argv.includes('--no-build');
const results = [];

/** Polls `read` until `accept(value)` holds; fails with the last value seen. */
async function eventually(description, read, accept, timeout = TIMEOUT_MS) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
        last = await read();
        if (accept(last)) return last;
        if (Date.now() > end) throw new Error(`${description}: still ${JSON.stringify(last)} after ${timeout} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

async function step(name, fn) {
    if (results.some((r) => !r.ok)) {
        results.push({ name, ok: false, skipped: true });
        console.log(`  SKIP  ${name} (an earlier step failed)`);
        return;
    }
    const t0 = performance.now();
    try {
        await fn();
        results.push({ name, ok: true });
        console.log(`  ok    ${name} (${Math.round(performance.now() - t0)} ms)`);
    } catch (error) {
        results.push({ name, ok: false });
        console.log(`  FAIL  ${name}\n        ${String(error.message).split('\n').slice(0, 6).join('\n        ')}`);
    }
}

const buildDir = noBuild ? DEFAULT_OUT_DIR : fs.mkdtempSync(path.join(os.tmpdir(), 'omni-e2e-'));
let preview = null;
let browser = null;
try {
    preview = await servePreview({ outDir: buildDir, build: !noBuild, log: (m) => console.log(`e2e: ${m}`) });
    browser = await launchChromium();
    const page = await browser.context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    const pageErrors = collectPageErrors(page);

    const panel = page.locator('c-omni-workload-panel');
    const rows = panel.locator('c-omni-work-row');
    const utilityLabel = () => page.locator('#utility-omni-label').textContent();
    const highlighted = () => page.locator('#utility-omni').evaluate((el) => el.classList.contains('utility-item_highlighted'));
    const row = (caseNumber) => rows.filter({ hasText: caseNumber });
    const toolkitCalls = (method) =>
        page.evaluate((m) => globalThis.omniPreview.sim.toolkit.calls.filter((c) => c.method === m).map((c) => c.args), method);

    console.log(`e2e: ${preview.url}`);
    await step('page loads: status Available, one work in progress, utility label "Available 1/5"', async () => {
        await page.goto(preview.url);
        await row('00001026').getByText('Printer on fire').waitFor();
        await eventually(
            'status',
            () => panel.getByRole('combobox', { name: 'Status' }).textContent(),
            (t) => t.trim() === 'Available'
        );
        await eventually(
            'rows',
            () => rows.count(),
            (n) => n === 1
        );
        await row('00001026').getByRole('button', { name: 'Close' }).waitFor();
        await eventually(
            'works heading',
            () => panel.locator('[data-id="works-heading"]').textContent(),
            (t) => /\(1\)/.test(t)
        );
        await eventually('utility label', utilityLabel, (t) => t === 'Available 1/5');
        await eventually(
            'capacity',
            () => panel.locator('c-omni-capacity-gauge [data-id="used"]').textContent(),
            (t) => t === '1 of 5 used'
        );
    });

    await step('"Assign new case": a row with Accept appears, utility label "Available 2/5", highlighted', async () => {
        await page.getByRole('button', { name: 'Assign new case' }).click();
        await row('00001027').getByRole('button', { name: 'Accept' }).waitFor();
        await row('00001027').getByText('Cannot log in to the customer portal').waitFor();
        await row('00001027').getByText('Waiting to be accepted').waitFor();
        await eventually('utility label', utilityLabel, (t) => t === 'Available 2/5');
        await eventually('utility highlighted', highlighted, (h) => h === true);
    });

    await step('Accept: the row shows Close, the toolkit got acceptAgentWork, the highlight goes', async () => {
        await row('00001027').getByRole('button', { name: 'Accept' }).click();
        await row('00001027').getByRole('button', { name: 'Close' }).waitFor();
        await eventually(
            'Accept button',
            () => row('00001027').getByRole('button', { name: 'Accept' }).count(),
            (n) => n === 0
        );
        await row('00001027').getByText('In progress').waitFor();
        const calls = await toolkitCalls('acceptAgentWork');
        if (calls.length !== 2) throw new Error(`expected 2 acceptAgentWork calls (load + click), got ${JSON.stringify(calls)}`);
        if (!/^0Bz[0-9A-Za-z]{12}$/.test(calls[1].workId))
            throw new Error(`acceptAgentWork got ${calls[1].workId}, not the toolkit's 15-character id`);
        await eventually('utility highlighted', highlighted, (h) => h === false);
    });

    await step('Decline another new case with a reason: reason picker, Confirm decline, the row goes', async () => {
        await page.getByRole('button', { name: 'Assign new case' }).click();
        const declined = row('00001028');
        await declined.getByRole('button', { name: 'Decline' }).click();
        const reason = declined.getByRole('combobox', { name: 'Decline reason' });
        await reason.click();
        await declined.getByRole('option', { name: 'Needs another skill' }).click();
        await eventually(
            'reason',
            () => reason.textContent(),
            (t) => t.trim() === 'Needs another skill'
        );
        await declined.getByRole('button', { name: 'Confirm decline' }).click();
        await eventually(
            'declined row',
            () => declined.count(),
            (n) => n === 0
        );
        const calls = await toolkitCalls('declineAgentWork');
        if (calls.length !== 1 || calls[0].declineReason !== 'Needs another skill')
            throw new Error(`declineAgentWork calls: ${JSON.stringify(calls)}`);
        await eventually(
            'rows',
            () => rows.count(),
            (n) => n === 2
        );
        await eventually('utility label', utilityLabel, (t) => t === 'Available 2/5');
    });

    await step('"Supervisor raises flag": the flag shows on the newest work in progress', async () => {
        await page.getByRole('button', { name: 'Supervisor raises flag' }).click();
        await row('00001027').getByText('Flag raised by your supervisor').waitFor();
        await row('00001027').getByText('Customer asked for a manager', { exact: false }).waitFor();
        await row('00001027').getByRole('button', { name: 'Lower flag' }).waitFor();
    });

    await step('"Connection error" shows the alert; "Reconnect" clears it', async () => {
        await page.getByRole('button', { name: 'Connection error' }).click();
        const alert = panel.locator('[data-id="connection-error"]');
        await alert.waitFor();
        await page.getByRole('button', { name: 'Reconnect' }).click();
        await alert.waitFor({ state: 'detached' });
        await eventually(
            'rows after re-seed',
            () => rows.count(),
            (n) => n === 2
        );
    });

    await step('no console errors or uncaught exceptions in the page', async () => {
        if (pageErrors.length) throw new Error(pageErrors.join('\n'));
    });
} catch (error) {
    results.push({ name: 'setup (build, serve, launch Chromium)', ok: false });
    console.log(`  FAIL  setup: ${error.message}`);
} finally {
    await browser?.close();
    await preview?.close();
    if (!noBuild) fs.rmSync(buildDir, { recursive: true, force: true });
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`e2e: ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
