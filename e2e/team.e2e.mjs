// The supervisor's view: the real omniTeamPanel in the "Omni Supervisor" utility, its Apex
// answered from the same simulated floor the rep works on. It polls at its refresh interval,
// so each check waits for a refresh rather than for an event.
import { WORKLOAD_UTILITY, eventually, expect, openConsole } from './harness.mjs';

// Two polls at the panel's default 15 s (the demo utility bar flexipage sets no refreshInterval) and the fake Apex latency.
const REFRESH_WAIT_MS = 35000;

export default async function team(ctx) {
    const step = ctx.group('supervisor view (omniTeamPanel)');
    const c = await openConsole(ctx);
    const team = c.page.locator('c-omni-team-panel');
    const agentRow = (name) =>
        team.locator('li[data-user-id]').filter({ has: c.page.locator('[data-id="agent-name"]', { hasText: name }) });
    const agentLoad = (name) => agentRow(name).locator('[data-id="agent-load"]').textContent();

    await step('opening the Omni Supervisor utility shows the floor: who is online and each load', async () => {
        await c.row('00001026').waitFor();
        await c.page.getByRole('button', { name: 'Omni Supervisor' }).click();
        expect(
            await c.utilityPanel(WORKLOAD_UTILITY).isHidden(),
            "opening the supervisor's utility closes the rep's panel (one utility panel open at a time)"
        );
        await eventually(
            'summary',
            () => team.locator('[data-id="summary"]').textContent(),
            (t) => t.startsWith('2 online')
        );
        await eventually(
            'your load',
            () => agentLoad('You'),
            (t) => t.trim() === '1/5'
        );
        await eventually(
            'Bob',
            () => agentLoad('Bob'),
            (t) => t.trim() === '0/5'
        );
        expect((await agentRow('You').locator('[data-id="work-title"]').allTextContents()).includes('00001026'), 'your case is listed');
    });

    await step('work routed to Bob shows under Bob with his load at the next refresh', async () => {
        await c.addWork({ preferred: 'Bob', required: true, title: 'T-77' });
        await eventually(
            'Bob has it',
            () => agentRow('Bob').locator('[data-id="work-title"]').allTextContents(),
            (t) => t.includes('T-77'),
            REFRESH_WAIT_MS
        );
        await eventually(
            'Bob load',
            () => agentLoad('Bob'),
            (t) => t.trim() === '1/5',
            REFRESH_WAIT_MS
        );
    });

    await step('no console errors', () => c.noPageErrors());
    await c.close();
}
