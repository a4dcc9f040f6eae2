// Builds and serves the local preview, opens it in headless Chromium and saves screenshots
// to docs/screenshots/ (the README and docs/ show them):
//   console-closed.png         the whole page as the console starts, every utility panel closed:
//                              a case arrived meanwhile, the workload utility's label and highlight show it
//   console.png                the whole page: console, the workload utility opened, the control pane
//   panel-with-work.png        a case waiting to be accepted (Accept / Decline) above one in progress
//   panel-decline-reasons.png  Decline on it: the reason picker, opened
//   panel-flag.png             a flag raised by the supervisor on the work in progress
//   panel-at-capacity.png      the capacity-full scenario: 3 of 3 used, At capacity
//   panel-connection-error.png after "Connection error" in the control pane
//   pane-declined-reroute.png  the control pane after you declined a case: it went to Bob
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
const browser = await launchChromium({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
let failed = false;

// The page builds its utility bar from the UtilityBar flexipage; these are its utilities' components.
const WORKLOAD = 'c:omniWorkloadUtility';
const TEAM = 'c:omniTeamPanel';
const utilityItem = (page, component) => page.locator(`footer.utility-bar button.utility-item[data-component="${component}"]`);
const utilityPanel = (page, component) => page.locator(`section.utility-panel[data-component="${component}"]`);

/**
 * Opens the page (Apex answering fast). Unless `openWorkload` is false, opens the workload
 * utility as the rep would and waits until the panel shows its first work.
 */
async function open(query, firstWork, { openWorkload = true } = {}) {
    const page = await browser.context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${preview.url}?apexLatency=20${query}`);
    const panel = utilityPanel(page, WORKLOAD);
    const rows = panel.locator('c-omni-work-row');
    if (openWorkload) {
        await utilityItem(page, WORKLOAD).click();
        await rows.filter({ hasText: firstWork }).first().waitFor();
    }
    const pane = page.locator('aside.sim-pane');
    return { page, errors, panel, rows, pane, row: (title) => rows.filter({ hasText: title }) };
}

/** Saves the union of the elements' boxes (or the viewport when none is given). */
async function shot(page, name, locators = []) {
    await page.waitForTimeout(200); // let focus rings and the progress bar transition settle
    const file = path.join(outDir, name);
    if (locators.length === 0) {
        await page.screenshot({ path: file, animations: 'disabled' });
    } else {
        const boxes = await Promise.all(locators.map((l) => l.boundingBox()));
        const x = Math.min(...boxes.map((b) => b.x));
        const y = Math.min(...boxes.map((b) => b.y));
        const clip = {
            x,
            y,
            width: Math.max(...boxes.map((b) => b.x + b.width)) - x,
            height: Math.max(...boxes.map((b) => b.y + b.height)) - y
        };
        await page.screenshot({ path: file, clip, animations: 'disabled' });
    }
    log(`wrote ${path.relative(process.cwd(), file)}`);
}

/** Adds a case preferred for you through the control pane's form. */
async function addCaseForYou(pane) {
    const form = pane.getByRole('form', { name: 'Add work' });
    await form.getByLabel('Preferred agent', { exact: true }).selectOption({ label: 'You (you)' });
    await form.getByRole('button', { name: 'Add work' }).click();
}

function check(errors) {
    if (!errors.length) return;
    failed = true;
    for (const e of errors) console.error(`browser-screenshots: page error: ${e}`);
}

try {
    fs.mkdirSync(outDir, { recursive: true });
    {
        const { page, errors, panel, row, pane } = await open('', '00001026', { openWorkload: false });
        const workloadItem = utilityItem(page, WORKLOAD);
        // Work arrives before the rep ever opened a panel: the eager workload utility heard it.
        await addCaseForYou(pane);
        await page.waitForFunction(
            (el) => el.classList.contains('utility-item_highlighted') && el.textContent.includes('2/5'),
            await workloadItem.elementHandle()
        );
        await page.mouse.move(640, 100);
        await page.locator('#control-pane').evaluate((el) => el.scrollTo(0, 0));
        await page.locator('body').click({ position: { x: 640, y: 60 } }); // no focus ring on the form's button
        await shot(page, 'console-closed.png');

        await workloadItem.click();
        const waiting = row('00001027');
        await waiting.getByRole('button', { name: 'Accept' }).waitFor();
        await page.mouse.move(640, 100);
        await page.locator('body').click({ position: { x: 640, y: 60 } });
        await shot(page, 'console.png');
        await shot(page, 'panel-with-work.png', [panel, workloadItem]);

        await waiting.getByRole('button', { name: 'Decline' }).click();
        const reason = waiting.locator('lightning-combobox[data-id="reason"]');
        await reason.getByRole('combobox').click();
        await reason.getByRole('option', { name: 'Needs another skill' }).waitFor();
        // The row at the top of the panel, so the open list fits above the utility bar.
        await waiting.evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await page.mouse.move(640, 100); // no hover highlight on an option
        await shot(page, 'panel-decline-reasons.png', [panel, workloadItem]);
        await reason.getByRole('option', { name: 'Needs another skill' }).click();
        await waiting.getByRole('button', { name: 'Confirm decline' }).click();
        const bob = pane.locator('li.sim-agent[data-agent="Bob"]');
        await bob.getByText('Declined by You').waitFor();
        await bob.evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await shot(page, 'pane-declined-reroute.png', [pane.locator('li.sim-agent[data-agent="You"]'), bob]);

        await pane.getByLabel('Work in progress', { exact: true }).selectOption({ label: '00001026 \u2014 You (in progress)' });
        await pane.getByRole('button', { name: 'Raise flag (supervisor)' }).click();
        await row('00001026').getByText('Flag raised by your supervisor').waitFor();
        await row('00001026').evaluate((el) => el.scrollIntoView({ block: 'end' }));
        await shot(page, 'panel-flag.png', [panel, workloadItem]);

        await pane.getByRole('button', { name: 'Connection error' }).click();
        await panel.locator('[data-id="connection-error"]').waitFor();
        await panel.locator('c-omni-workload-panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await shot(page, 'panel-connection-error.png', [panel, workloadItem]);
        check(errors);
        await page.close();
    }
    {
        // The supervisor's view of the capacity-full floor (its first poll answers at once).
        const { page, errors } = await open('&scenario=capacity-full', 'C-1');
        await utilityItem(page, TEAM).click();
        const teamPanel = utilityPanel(page, TEAM);
        await teamPanel.locator('[data-id="at-capacity"]').first().waitFor();
        await shot(page, 'team-panel.png', [teamPanel, utilityItem(page, TEAM)]);
        check(errors);
        await page.close();
    }
    {
        const { page, errors, panel } = await open('&scenario=capacity-full', 'C-1');
        await panel.getByText('At capacity').waitFor();
        await shot(page, 'panel-at-capacity.png', [panel, utilityItem(page, WORKLOAD)]);
        check(errors);
        await page.close();
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
