// Accessibility of the real omniWorkloadPanel as Chromium renders it with SLDS: axe-core's
// WCAG 2.0 and 2.1 level A and AA rules (color-contrast included: jsdom cannot compute it,
// so the jest axe checks cannot) on the panel in its main states, and one flow done with the
// keyboard only, as a rep who does not use a mouse would.
//
// What axe checks here is what a machine can: names and roles of controls, ARIA use,
// contrast of the text as rendered, landmarks and structure inside the panel. It does not
// judge reading order, focus order or whether announcements make sense; the keyboard flow
// below and the jest tests (focus after actions, the status region) cover parts of that.
/* global window, document, CSS -- the functions passed to page.evaluate run in the page */
import { createRequire } from 'node:module';
import { eventually, expect, openConsole } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');
const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MAX_TABS = 40;

/** Runs axe on the panel; fails with each violation, its rule, help and first nodes. */
async function expectNoViolations(page, state) {
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE_SCRIPT });
    const result = await page.evaluate(async (tags) => {
        // The page runs LWC's synthetic shadow, whose shadow roots throw on getElementById, and
        // axe's color-contrast rule calls it (it would skip itself). The synthetic root lets a
        // page assign its own getElementById: a querySelector by id, only while axe runs.
        const roots = [];
        const collect = (root) => {
            for (const element of root.querySelectorAll('*')) {
                if (!element.shadowRoot) continue;
                roots.push(element.shadowRoot);
                collect(element.shadowRoot);
            }
        };
        collect(document);
        for (const root of roots) root.getElementById = (id) => root.querySelector(`[id="${CSS.escape(id)}"]`);
        let run;
        try {
            run = await window.axe.run(
                { include: [['c-omni-workload-panel']] },
                { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }
            );
        } finally {
            for (const root of roots) delete root.getElementById;
        }
        return {
            // A rule that threw is reported as incomplete with an error: count it as not run.
            checked: [...run.passes, ...run.violations, ...run.incomplete.filter((r) => !r.error)].map((r) => r.id),
            errors: run.incomplete.filter((r) => r.error).map((r) => `${r.id}: ${r.error.message}`),
            violations: run.violations.map((v) => ({
                rule: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' > ')}: ${n.failureSummary}`)
            }))
        };
    }, WCAG_A_AA);
    expect(result.errors.length === 0, `${state}: axe rules failed to run: ${result.errors.join('; ')}`);
    expect(
        result.checked.includes('color-contrast'),
        `${state}: axe did not check color-contrast (rules run: ${result.checked.join(', ')})`
    );
    expect(result.violations.length === 0, `${state}: ${JSON.stringify(result.violations, null, 2)}`);
}

/**
 * What has keyboard focus, through the components' shadow roots: the label of the focused
 * base button or combobox and the text of the work row it is in.
 */
function focused(page) {
    return page.evaluate(() => {
        let element = document.activeElement;
        while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
        const found = { control: null, label: null, row: null };
        for (let node = element; node; node = node.parentElement ?? node.getRootNode()?.host ?? null) {
            const tag = node.tagName?.toLowerCase();
            if (!found.control && (tag === 'lightning-button' || tag === 'lightning-combobox')) {
                found.control = tag;
                found.label = node.label ?? null;
            }
            if (tag === 'c-omni-work-row') {
                // A host's own textContent is empty under synthetic shadow: read its shadow root.
                found.row = (node.shadowRoot ?? node).textContent.replace(/\s+/g, ' ').trim();
                break;
            }
        }
        return found;
    });
}

/** The option a focused combobox points at (aria-activedescendant), by its text. */
function activeOption(page) {
    return page.evaluate(() => {
        let element = document.activeElement;
        while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
        const id = element?.getAttribute('aria-activedescendant');
        const option = id ? element.getRootNode().querySelector(`[id="${CSS.escape(id)}"]`) : null;
        if (!option) return null;
        // The option (lightning-base-combobox-item) keeps its text in its own shadow root.
        const text = option.textContent.trim() || option.shadowRoot?.textContent || '';
        return text.replace(/\s+/g, ' ').trim();
    });
}

/** Presses Tab until `matches(focused)` holds; fails after MAX_TABS. */
async function tabTo(page, description, matches) {
    let seen;
    for (let i = 0; i < MAX_TABS; i++) {
        await page.keyboard.press('Tab');
        seen = await focused(page);
        if (matches(seen)) return seen;
    }
    throw new Error(`${description}: not reached with ${MAX_TABS} Tabs (last focus: ${JSON.stringify(seen)})`);
}

const isButton = (label, rowText) => (f) => f.control === 'lightning-button' && f.label === label && (f.row ?? '').includes(rowText);

export default async function accessibility(ctx) {
    {
        const step = ctx.group('accessibility: axe (WCAG 2.0/2.1 A and AA, with contrast) on the panel in Chromium');
        const c = await openConsole(ctx);
        await step('with work waiting and work in progress, capacity and the utility label', async () => {
            await c.row('00001026').getByRole('button', { name: 'Close' }).waitFor();
            await c.addWork({ preferred: 'You (you)', required: true });
            await c.row('00001027').getByRole('button', { name: 'Accept' }).waitFor();
            await c.row('00001027').getByText('Cannot log in to the customer portal').waitFor();
            await expectNoViolations(c.page, 'with work');
        });
        await step('with the decline form open', async () => {
            await c.row('00001027').getByRole('button', { name: 'Decline' }).click();
            await c.row('00001027').getByRole('combobox', { name: 'Decline reason' }).waitFor();
            await expectNoViolations(c.page, 'decline form');
            await c.row('00001027').getByRole('button', { name: 'Cancel' }).click();
        });
        await step('with a flag raised by the supervisor, and the flag form open', async () => {
            await c.pane.getByLabel('Work in progress', { exact: true }).selectOption({ label: '00001026 \u2014 You (in progress)' });
            await c.pane.getByLabel('Flag message', { exact: true }).fill('Customer asked for a manager');
            await c.pane.getByRole('button', { name: 'Raise flag (supervisor)' }).click();
            await c.row('00001026').getByText('Flag raised by your supervisor').waitFor();
            await expectNoViolations(c.page, 'supervisor flag');
            await c.pane.getByRole('button', { name: 'Lower flag (supervisor)' }).click();
            await c.row('00001026').getByRole('button', { name: 'Raise flag' }).click();
            await c.row('00001026').getByRole('textbox', { name: 'Message for your supervisor' }).waitFor();
            await expectNoViolations(c.page, 'flag form');
            await c.row('00001026').getByRole('button', { name: 'Cancel' }).click();
        });
        await step('with a connection error', async () => {
            await c.pane.getByRole('button', { name: 'Connection error' }).click();
            await c.panel.locator('[data-id="connection-error"]').waitFor();
            await expectNoViolations(c.page, 'connection error');
            await c.pane.getByRole('button', { name: 'Restore connection' }).click();
            await c.panel.locator('[data-id="connection-error"]').waitFor({ state: 'detached' });
        });
        await step('no console errors', () => c.noPageErrors());
        await c.close();
    }

    {
        const step = ctx.group('accessibility: keyboard only (Tab, Enter, arrow keys)');
        const c = await openConsole(ctx);
        await step('Tab to Accept on new work, Enter: accepted, and focus lands on its Close button', async () => {
            await c.row('00001026').getByRole('button', { name: 'Close' }).waitFor();
            await c.addWork({ preferred: 'You (you)', required: true });
            await c.row('00001027').getByRole('button', { name: 'Accept' }).waitFor();
            // Start from the panel's Work heading (focusable by script, not in the Tab order).
            await c.panel.locator('[data-id="works-heading"]').focus();
            await tabTo(c.page, 'Accept of 00001027', isButton('Accept', '00001027'));
            await c.page.keyboard.press('Enter');
            await c.row('00001027').getByRole('button', { name: 'Close' }).waitFor();
            const calls = await c.toolkitCalls('acceptAgentWork');
            expect(calls.length === 1, `acceptAgentWork calls: ${JSON.stringify(calls)}`);
            await eventually('focus on Close of 00001027', () => focused(c.page), isButton('Close', '00001027'));
        });
        await step(
            'Tab to Decline on the next new work, Enter, pick a reason with the arrow keys, Tab to Confirm decline, Enter',
            async () => {
                await c.addWork({ preferred: 'You (you)', required: false });
                await c.row('00001028').getByRole('button', { name: 'Decline' }).waitFor();
                await c.panel.locator('[data-id="works-heading"]').focus();
                await tabTo(c.page, 'Decline of 00001028', isButton('Decline', '00001028'));
                await c.page.keyboard.press('Enter');
                // The form opens with focus on the reason.
                await eventually(
                    'focus on the reason',
                    () => focused(c.page),
                    (f) => f.control === 'lightning-combobox' && f.label === 'Decline reason'
                );
                const reason = c.row('00001028').getByRole('combobox', { name: 'Decline reason' });
                // ArrowDown opens the list on its first option; each further ArrowDown moves down one.
                // Each press waits for the list to show its effect (the combobox renders
                // asynchronously), so a busy machine cannot make presses overtake the list.
                await c.page.keyboard.press('ArrowDown');
                let active = await eventually(
                    'list open',
                    () => activeOption(c.page),
                    (option) => option !== null
                );
                for (let i = 0; i < 6 && active !== 'Needs another skill'; i++) {
                    const before = active;
                    await c.page.keyboard.press('ArrowDown');
                    active = await eventually(
                        'next option',
                        () => activeOption(c.page),
                        (option) => option !== before
                    );
                }
                await c.page.keyboard.press('Enter');
                await eventually(
                    'reason chosen',
                    () => reason.textContent(),
                    (t) => t.trim() === 'Needs another skill'
                );
                await tabTo(c.page, 'Confirm decline of 00001028', isButton('Confirm decline', '00001028'));
                await c.page.keyboard.press('Enter');
                await eventually(
                    'declined row',
                    () => c.row('00001028').count(),
                    (n) => n === 0
                );
                const calls = await c.toolkitCalls('declineAgentWork');
                expect(
                    calls.length === 1 && calls[0].declineReason === 'Needs another skill',
                    `declineAgentWork calls: ${JSON.stringify(calls)}`
                );
            }
        );
        await step('no console errors', () => c.noPageErrors());
        await c.close();
    }
}
