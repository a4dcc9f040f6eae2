// Builds and serves the local preview, opens it in headless Chromium and saves screenshots
// of the Omni-Channel utility panel to docs/screenshots/:
//   panel-with-work.png        after "Assign new case": a new work waiting, with Accept/Decline
//   panel-decline-reasons.png  after Decline on it: the reason picker, opened
//   panel-flag.png             after "Supervisor raises flag" on the work in progress
// Fails (exit 1) on any console error or uncaught exception in the page.
//
// Usage: node scripts/browser-screenshots.mjs [--out <dir>] [--no-build]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../sim/build/orgModules.mjs';
import { DEFAULT_OUT_DIR } from '../sim/build/build.mjs';
import { collectPageErrors, launchChromium, servePreview } from '../sim/testing/browser.mjs';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outDir = outIndex >= 0 ? path.resolve(args[outIndex + 1]) : path.join(ROOT, 'docs/screenshots');
const noBuild = args.includes('--no-build');
const log = (message) => console.log(`browser-screenshots: ${message}`);

const buildDir = noBuild ? DEFAULT_OUT_DIR : fs.mkdtempSync(path.join(os.tmpdir(), 'omni-preview-'));
const preview = await servePreview({ outDir: buildDir, build: !noBuild, log });
const browser = await launchChromium({ viewport: { width: 1100, height: 720 }, deviceScaleFactor: 2 });
let failed = false;
try {
    const page = await browser.context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(preview.url);
    const panel = page.locator('#utility-panel-omni');
    const rows = panel.locator('c-omni-work-row');
    await rows.first().getByText('00001026').waitFor();

    /** The utility panel and its utility bar item, as one picture. */
    async function shot(name) {
        await page.waitForTimeout(150); // let focus rings and the progress bar transition settle
        const boxes = [await panel.boundingBox(), await page.locator('#utility-omni').boundingBox()];
        const x = Math.min(...boxes.map((b) => b.x));
        const y = Math.min(...boxes.map((b) => b.y));
        const clip = {
            x,
            y,
            width: Math.max(...boxes.map((b) => b.x + b.width)) - x,
            height: Math.max(...boxes.map((b) => b.y + b.height)) - y
        };
        const file = path.join(outDir, name);
        await page.screenshot({ path: file, clip, animations: 'disabled' });
        log(`wrote ${path.relative(process.cwd(), file)}`);
    }

    fs.mkdirSync(outDir, { recursive: true });
    await page.getByRole('button', { name: 'Assign new case' }).click();
    // The new work: Case 00001027 (the demo org's second Case), waiting with Accept / Decline.
    const waiting = rows.filter({ hasText: '00001027' });
    await waiting.getByRole('button', { name: 'Accept' }).waitFor();
    await shot('panel-with-work.png');

    await waiting.getByRole('button', { name: 'Decline' }).click();
    const reason = waiting.locator('lightning-combobox[data-id="reason"]');
    await reason.waitFor();
    await reason.getByRole('combobox').click();
    await reason.getByRole('option', { name: 'Needs another skill' }).waitFor();
    // The row at the top of the panel, so the open list fits above the utility bar.
    await waiting.evaluate((row) => row.scrollIntoView({ block: 'start' }));
    await page.mouse.move(900, 100); // no hover highlight on an option
    await shot('panel-decline-reasons.png');
    await page.keyboard.press('Escape'); // closes the dropdown
    await waiting.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Supervisor raises flag' }).click();
    const flag = panel.getByText('Flag raised by your supervisor');
    await flag.waitFor();
    await rows.filter({ hasText: 'Flag raised by your supervisor' }).evaluate((row) => row.scrollIntoView({ block: 'end' }));
    await shot('panel-flag.png');

    if (errors.length) {
        failed = true;
        for (const e of errors) console.error(`browser-screenshots: page error: ${e}`);
    }
} catch (error) {
    failed = true;
    console.error(`browser-screenshots: FAILED: ${error.message}`);
} finally {
    await browser.close();
    await preview.close();
    if (!noBuild) fs.rmSync(buildDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
