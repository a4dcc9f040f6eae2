// Shared by the e2e files: steps with pass/fail/skip bookkeeping, polling assertions, and
// a page of the preview opened the way each test wants it, with locators for the rep's
// panel (the real omniWorkloadPanel) and the simulator's control pane.

export const TIMEOUT_MS = 10000;

/**
 * The utilities of the project's UtilityBar flexipage, by component name: the page builds its
 * utility bar from that file (sim/host/utilityBarView.ts marks each button and panel with
 * data-component and data-identifier).
 */
export const WORKLOAD_UTILITY = 'c:omniWorkloadUtility';
export const TEAM_UTILITY = 'c:omniTeamPanel';
export const OMNI_UTILITY = 'runtime_service_omnichannel:omniWidget';

/** Polls `read` until `accept(value)` holds; fails with the last value seen. */
export async function eventually(description, read, accept, timeout = TIMEOUT_MS) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
        last = await read();
        if (accept(last)) return last;
        if (Date.now() > end) throw new Error(`${description}: still ${JSON.stringify(last)} after ${timeout} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

export function expect(condition, message) {
    if (!condition) throw new Error(message);
}

/**
 * A group of steps that build on each other: after a failure the rest of the group is
 * skipped (and counted as failed); other groups still run.
 */
export function createRecorder(log = console.log) {
    const results = [];
    return {
        results,
        group(name) {
            log(`\n${name}`);
            let broken = false;
            return async function step(stepName, fn) {
                const full = `${name}: ${stepName}`;
                if (broken) {
                    results.push({ name: full, ok: false, skipped: true });
                    log(`  SKIP  ${stepName} (an earlier step failed)`);
                    return;
                }
                const t0 = performance.now();
                try {
                    await fn();
                    results.push({ name: full, ok: true });
                    log(`  ok    ${stepName} (${Math.round(performance.now() - t0)} ms)`);
                } catch (error) {
                    broken = true;
                    results.push({ name: full, ok: false });
                    log(`  FAIL  ${stepName}\n        ${String(error.message).split('\n').slice(0, 8).join('\n        ')}`);
                }
            };
        }
    };
}

/**
 * Opens the preview in a new page of the shared browser. `query` is the URL's search
 * (e.g. '?scenario=capacity-full'); Apex answers fast unless the query says otherwise.
 * The console starts as an org's does, every utility panel closed; then the rep opens the
 * workload utility, unless `openWorkload` is false.
 */
export async function openConsole(ctx, query = '', { openWorkload = true } = {}) {
    const page = await ctx.browser.context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    const errors = ctx.collectPageErrors(page);
    const search = new URLSearchParams(query);
    if (!search.has('apexLatency')) search.set('apexLatency', '20');
    await page.goto(`${ctx.url}?${search}`);
    const panel = page.locator('c-omni-workload-panel');
    const rows = panel.locator('c-omni-work-row');
    const pane = page.locator('aside.sim-pane');
    const agent = (name) => pane.locator(`li.sim-agent[data-agent="${name}"]`);
    const utilityItem = (component) => page.locator(`footer.utility-bar button.utility-item[data-component="${component}"]`);
    const utilityPanel = (component) => page.locator(`section.utility-panel[data-component="${component}"]`);
    const c = {
        page,
        /** The utility bar button of the utility holding `component` (a flexipage componentName). */
        utilityItem,
        /** Its panel (absent until the utility is created). */
        utilityPanel,
        /** Opens a utility as the rep does: a click on its button, when its panel is not shown. */
        async openUtility(component = WORKLOAD_UTILITY) {
            if ((await utilityItem(component).getAttribute('aria-expanded')) !== 'true') await utilityItem(component).click();
            await utilityPanel(component).waitFor();
        },
        utilityHighlighted: (component = WORKLOAD_UTILITY) =>
            utilityItem(component).evaluate((el) => el.classList.contains('utility-item_highlighted')),
        errors,
        panel,
        rows,
        pane,
        agent,
        /** The panel's row for a work titled `title` (a case number...). */
        row: (title) => rows.filter({ hasText: title }),
        utilityLabel: (component = WORKLOAD_UTILITY) => utilityItem(component).locator('.utility-item__label').textContent(),
        status: () =>
            panel
                .getByRole('combobox', { name: 'Status' })
                .textContent()
                .then((t) => t.trim()),
        agentWorks: (name) => agent(name).locator('li.sim-work').allTextContents(),
        waiting: () => pane.locator('[data-id="waiting"] li.sim-work').allTextContents(),
        clockTime: () => pane.locator('[data-id="clock-time"]').textContent(),
        /** Toolkit calls the bridge made for method (args as the bridge sent them). */
        toolkitCalls: (method) =>
            page.evaluate(
                (m) => globalThis.omniPreview.console.toolkitCalls.filter((call) => call.method === m).map((call) => call.args),
                method
            ),
        async addWork({ channel = 'Cases', queue = 'Cases', preferred = null, required = false, title = '', subtitle = '' } = {}) {
            const form = pane.getByRole('form', { name: 'Add work' });
            await form.getByLabel('Channel', { exact: true }).selectOption(channel);
            await form.getByLabel('Queue', { exact: true }).selectOption(queue);
            await form.getByLabel('Preferred agent', { exact: true }).selectOption(preferred ? { label: preferred } : '');
            // The SLDS checkbox hides the input behind its label: click the label, as a person does.
            const box = form.getByLabel('Preferred agent required (no one else)', { exact: true });
            if ((await box.isChecked()) !== required) await form.locator('label.slds-checkbox__label').click();
            await form.getByLabel('Title', { exact: true }).fill(title);
            await form.getByLabel('Subtitle', { exact: true }).fill(subtitle);
            await form.getByRole('button', { name: 'Add work' }).click();
        },
        async step(label) {
            await pane.getByRole('button', { name: label }).click();
        },
        async noPageErrors() {
            expect(errors.length === 0, errors.join('\n'));
        },
        close: () => page.close()
    };
    if (openWorkload) {
        await c.openUtility(WORKLOAD_UTILITY);
        await c.status().catch(() => undefined);
    }
    return c;
}
