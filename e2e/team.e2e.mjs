// The supervisor's view: the real omniTeamPanel in the "Omni Supervisor" utility, its Apex
// answered from the same simulated floor the rep works on. It polls every 5 s, so each
// check waits for a refresh rather than for an event.
import { eventually, expect, openConsole } from './harness.mjs';

const REFRESH_WAIT_MS = 12000; // two 5 s polls and the fake Apex latency

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
            await c.page.locator('#utility-panel-omni').isHidden(),
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
