// Scenarios in the page: a shipped one from the URL played step by step, one loaded from
// the pane's select, and a malformed file refused with file:line: path: problem while the
// page keeps what it had; JSON files; the pane's clock (Run / Pause) and Add agent.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventually, expect, openConsole } from './harness.mjs';

const BAD_SCENARIO = `name: Broken on purpose
agents:
    - { name: Ann, status: Available, queues: [Cases] }
steps:
    - { at: 0s, addWork: { title: 'X-1', channel: Cases, queue: Nowhere } }
    - { at: soon, accept: { agent: Ann, work: 'X-1' } }
`;

export default async function scenarios(ctx) {
    // One shipped scenario per capacity model and one for interruptible work, played whole in
    // the page: every expectation holds, the pane shows the settings that decided the routing
    // and the event log names the rule that picked each rep.
    for (const [name, setting] of [
        ['capacity-tab-based', { table: 'channels', row: 'Chat', text: 'Tab-based' }],
        ['capacity-status-based', { table: 'channels', row: 'Cases', text: 'Status-based' }],
        ['interruptible-capacity', { table: 'routing-configs', row: 'Back_Office', text: 'interruptible' }]
    ]) {
        const step = ctx.group(`?scenario=${name}, played whole`);
        const c = await openConsole(ctx, `?scenario=${name}`);
        await step('Play all steps: every expectation holds', async () => {
            await c.pane.getByRole('button', { name: 'Play all steps' }).click();
            await eventually(
                'steps',
                () => c.pane.locator('[data-id="steps"] li').evaluateAll((items) => items.map((i) => i.dataset.state)),
                (states) => states.length > 0 && states.every((s) => s !== 'pending')
            );
            const failed = await c.pane.locator('[data-id="steps"] li[data-state="failed"]').allTextContents();
            expect(failed.length === 0, `failed steps: ${JSON.stringify(failed)}`);
        });
        await step(`the pane's routing settings show ${setting.row}: ${setting.text}; the log names the rule`, async () => {
            const row = c.pane.locator(`[data-id="routing-settings"] [data-id="${setting.table}"] tr`, { hasText: setting.row }).first();
            await eventually(
                'settings row',
                () => row.textContent(),
                (t) => t.includes(setting.text)
            );
            await eventually(
                'event log',
                () => c.pane.locator('[data-id="event-log"]').textContent(),
                (t) => /assigned to \w+ \((only eligible rep|most available|least active|tie: [a-z ]+|preferred rep)/.test(t)
            );
        });
        await step('no console errors', () => c.noPageErrors());
        await c.close();
    }

    {
        const step = ctx.group('?scenario=decline-reroute, played step by step');
        const c = await openConsole(ctx, '?scenario=decline-reroute');
        await step('loads with Ann as you; the steps at 0 s have played: the case is yours', async () => {
            await c.page.locator('#scenario-title').getByText('Decline with reroute').waitFor();
            await c.row('00001026').getByRole('button', { name: 'Accept' }).waitFor();
            expect((await c.agent('Ann').textContent()).includes('you'), 'Ann is not marked as you');
        });
        await step('Next step: Ann declines at 00:00:05; the case waits (Bob is on break), not back to Ann', async () => {
            await c.pane.getByRole('button', { name: /^Next step \(decline/ }).click();
            await eventually(
                'row gone',
                () => c.row('00001026').count(),
                (n) => n === 0
            );
            await eventually('clock', c.clockTime, (t) => t === '00:00:05');
            await eventually('waiting', c.waiting, (w) => w.some((t) => t.includes('00001026') && t.includes('Declined by Ann')));
        });
        await step('Play all steps: Bob becomes Available and gets it; every expectation passes', async () => {
            await c.pane.getByRole('button', { name: 'Play all steps' }).click();
            await eventually(
                'Bob',
                () => c.agentWorks('Bob'),
                (w) => w.some((t) => t.includes('00001026'))
            );
            const states = await c.pane.locator('[data-id="steps"] li').evaluateAll((items) => items.map((i) => i.dataset.state));
            expect(
                states.every((s) => s === 'ok'),
                `step results: ${states.join(', ')}`
            );
            expect((await c.row('00001026').count()) === 0, 'the case came back to Ann');
        });
        await step('no console errors', () => c.noPageErrors());
        await c.close();
    }

    {
        const step = ctx.group('malformed scenario file');
        const c = await openConsole(ctx);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omni-e2e-scenario-'));
        const file = path.join(dir, 'broken.yaml');
        fs.writeFileSync(file, BAD_SCENARIO);
        try {
            await step('loading it shows an error naming file:line, the path and the problem', async () => {
                await c.row('00001026').waitFor();
                await c.pane.locator('[data-id="scenario-file"]').setInputFiles(file);
                const alert = c.pane.locator('[data-id="scenario-problems"] [role="alert"]');
                await alert.getByText('Scenario not loaded: broken.yaml').waitFor();
                const problems = await alert.locator('li').allTextContents();
                expect(
                    problems.some((p) => /^broken\.yaml:5:\d+: steps\[0\]\.addWork\.queue: unknown queue "Nowhere"/.test(p)),
                    `problems: ${JSON.stringify(problems)}`
                );
                expect(
                    problems.some((p) => /^broken\.yaml:6:\d+: steps\[1\]\.at: /.test(p)),
                    `problems: ${JSON.stringify(problems)}`
                );
            });
            await step('the page keeps its state: same scenario, same agents, the case still in your panel', async () => {
                expect((await c.page.locator('#scenario-title').textContent()) === 'Demo floor', 'the scenario changed');
                expect((await c.pane.locator('li.sim-agent').count()) === 3, 'the agents changed');
                expect((await c.pane.locator('li.sim-agent[data-agent="Ann"]').count()) === 0, 'Ann was half-loaded');
                await c.row('00001026').getByRole('button', { name: 'Close' }).waitFor();
            });
            await step('a shipped scenario from the select replaces it cleanly', async () => {
                await c.pane.getByLabel('Shipped scenario', { exact: true }).selectOption('supervisor-flag');
                await c.pane.getByRole('button', { name: 'Load the chosen shipped scenario' }).click();
                await eventually(
                    'title',
                    () => c.page.locator('#scenario-title').textContent(),
                    (t) => t !== 'Demo floor'
                );
                expect((await c.pane.locator('[data-id="scenario-problems"] [role="alert"]').count()) === 0, 'the old error stayed');
                await eventually(
                    'old case gone',
                    () => c.row('00001026').count(),
                    (n) => n === 0
                );
            });
            await step('no console errors', () => c.noPageErrors());
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
            await c.close();
        }
    }

    {
        const step = ctx.group('control pane: add an agent, run the clock, JSON scenario files');
        const c = await openConsole(ctx);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omni-e2e-json-'));
        try {
            await step('Add agent: Dana, capacity 2, Available on Cases, shows in the floor list', async () => {
                await c.row('00001026').waitFor();
                const form = c.pane.getByRole('form', { name: 'Add an agent' });
                await form.getByLabel('Name', { exact: true }).fill('Dana');
                await form.getByLabel('Capacity', { exact: true }).selectOption('2');
                await form.getByRole('button', { name: 'Add agent' }).click();
                await eventually(
                    'Dana',
                    () => c.agent('Dana').locator('[data-id="agent-load"]').textContent(),
                    (t) => t === 'Load 0/2'
                );
                expect((await c.agent('Dana').locator('[data-id="agent-status"]').textContent()) === 'Available', 'Dana is not Available');
            });
            await step('Run at 60x moves the virtual clock; Pause stops it', async () => {
                await c.pane.getByLabel('Speed', { exact: true }).selectOption('60');
                await c.pane.getByRole('button', { name: 'Run' }).click();
                await eventually('clock', c.clockTime, (t) => t >= '00:00:10', 5000);
                await c.pane.getByRole('button', { name: 'Pause' }).click();
                const paused = await c.clockTime();
                await c.page.waitForTimeout(600);
                expect((await c.clockTime()) === paused, 'the clock moved after Pause');
            });
            await step('a malformed JSON file is refused with its line; a valid one loads', async () => {
                const bad = path.join(dir, 'bad.json');
                fs.writeFileSync(bad, '{\n  "name": "JSON",\n  "agents": [\n    { "name": "Zed" ,, }\n  ]\n}\n');
                await c.pane.locator('[data-id="scenario-file"]').setInputFiles(bad);
                const alert = c.pane.locator('[data-id="scenario-problems"] [role="alert"]');
                await alert.getByText('Scenario not loaded: bad.json').waitFor();
                const problems = await alert.locator('li').allTextContents();
                expect(
                    problems.some((p) => /^bad\.json:4:\d+: not valid JSON or YAML/.test(p)),
                    `problems: ${JSON.stringify(problems)}`
                );
                expect((await c.page.locator('#scenario-title').textContent()) === 'Demo floor', 'the scenario changed');
                const good = path.join(dir, 'good.json');
                fs.writeFileSync(
                    good,
                    JSON.stringify({
                        name: 'From JSON',
                        agents: [{ name: 'Zed', status: 'Available', queues: ['Cases'] }],
                        steps: [{ at: '0s', addWork: { title: 'J-1', subtitle: 'Loaded from a file', channel: 'Cases', queue: 'Cases' } }]
                    })
                );
                await c.pane.locator('[data-id="scenario-file"]').setInputFiles(good);
                await c.row('J-1').getByText('Loaded from a file').waitFor();
                await eventually(
                    'title',
                    () => c.page.locator('#scenario-title').textContent(),
                    (t) => t === 'From JSON'
                );
                await eventually('clock reset', c.clockTime, (t) => t === '00:00:00');
                expect((await alert.count()) === 0, 'the old error stayed');
            });
            await step('no console errors', () => c.noPageErrors());
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
            await c.close();
        }
    }

    {
        const step = ctx.group('every shipped scenario, played to the end in the page');
        const c = await openConsole(ctx);
        await step('each loads from the select, plays all its steps with every expectation met, no page errors', async () => {
            await c.row('00001026').waitFor();
            const names = await c.pane
                .getByLabel('Shipped scenario', { exact: true })
                .locator('option')
                .evaluateAll((os) => os.map((o) => o.value));
            expect(names.length >= 13, `only ${names.length} shipped scenarios`);
            for (const name of names) {
                await c.pane.getByLabel('Shipped scenario', { exact: true }).selectOption(name);
                // Every shipped scenario has its own name: the header changes when the new one is in.
                const before = await c.page.locator('#scenario-title').textContent();
                await c.pane.getByRole('button', { name: 'Load the chosen shipped scenario' }).click();
                await eventually(
                    `${name} loaded`,
                    () => c.page.locator('#scenario-title').textContent(),
                    (t) => t !== before
                );
                const playAll = c.pane.getByRole('button', { name: 'Play all steps' });
                if (await playAll.isEnabled()) await playAll.click();
                await eventually(
                    `${name} played`,
                    () => c.pane.getByRole('button', { name: 'No steps left' }).count(),
                    (n) => n === 1
                );
                const states = await c.pane.locator('[data-id="steps"] li').evaluateAll((items) => items.map((i) => i.dataset.state));
                expect(states.length > 0 && states.every((s) => s === 'ok'), `${name}: step results ${states.join(', ')}`);
            }
            await c.noPageErrors();
        });
        await c.close();
    }
}
