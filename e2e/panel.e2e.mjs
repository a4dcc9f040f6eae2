// The rep's day on the demo floor (the page's default scenario): the panel as a rep uses
// it, with routing, other agents and a supervisor played from the control pane.
// Decline with reroute, supervisor flag, connection error and recovery.
import { eventually, expect, openConsole } from './harness.mjs';

export default async function panelFlow(ctx) {
    const step = ctx.group('rep flow on the demo floor');
    const c = await openConsole(ctx);
    const { pane, panel } = c;

    await step('page loads: you are Available with Case 00001026 in progress, utility label "Available 1/5"', async () => {
        await c.row('00001026').getByText('Printer on fire').waitFor();
        await eventually('status', c.status, (t) => t === 'Available');
        await c.row('00001026').getByRole('button', { name: 'Close' }).waitFor();
        await eventually('utility label', c.utilityLabel, (t) => t === 'Available 1/5');
        await eventually(
            'capacity',
            () => panel.locator('c-omni-capacity-gauge [data-id="used"]').textContent(),
            (t) => t === '1 of 5 used'
        );
        await eventually(
            'control pane: your load',
            () => c.agent('You').locator('[data-id="agent-load"]').textContent(),
            (t) => t === 'Load 1/5'
        );
        await eventually(
            'control pane: Bob',
            () => c.agent('Bob').locator('[data-id="agent-status"]').textContent(),
            (t) => t === 'Available'
        );
    });

    await step('add a case for you (preferred, required): a row with Accept appears, the utility item is highlighted', async () => {
        await c.addWork({ preferred: 'You (you)', required: true });
        await c.row('00001027').getByRole('button', { name: 'Accept' }).waitFor();
        await c.row('00001027').getByText('Cannot log in to the customer portal').waitFor();
        await eventually('utility label', c.utilityLabel, (t) => t === 'Available 2/5');
        await eventually(
            'utility highlighted',
            () => c.utilityHighlighted(),
            (h) => h === true
        );
    });

    await step('Accept: the row shows Close, the toolkit got acceptAgentWork with the 15-character id', async () => {
        await c.row('00001027').getByRole('button', { name: 'Accept' }).click();
        await c.row('00001027').getByRole('button', { name: 'Close' }).waitFor();
        await c.row('00001027').getByText('In progress').waitFor();
        // The console opens the accepted record in a workspace tab, in front.
        await c.page.locator('#workspace-tabs .console-tabs__tab_active').getByText('00001027').waitFor();
        await c.page.locator('#record-area').getByText('Cannot log in to the customer portal').waitFor();
        const calls = await c.toolkitCalls('acceptAgentWork');
        expect(calls.length === 1 && /^0Bz[0-9A-Za-z]{12}$/.test(calls[0].workId), `acceptAgentWork calls: ${JSON.stringify(calls)}`);
        await eventually(
            'control pane',
            () => c.agentWorks('You'),
            (works) => works.some((w) => w.includes('00001027') && w.includes('in progress'))
        );
    });

    await step('decline with reroute: you decline a new case with a reason; it goes to Bob, never back to you', async () => {
        await c.addWork({ preferred: 'You (you)', required: false });
        const declined = c.row('00001028');
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
        const calls = await c.toolkitCalls('declineAgentWork');
        expect(calls.length === 1 && calls[0].declineReason === 'Needs another skill', `declineAgentWork calls: ${JSON.stringify(calls)}`);
        await eventually(
            'Bob has it',
            () => c.agentWorks('Bob'),
            (works) => works.some((w) => w.includes('00001028') && w.includes('Declined by You'))
        );
        await eventually(
            'your load',
            () => c.agent('You').locator('[data-id="agent-load"]').textContent(),
            (t) => t === 'Load 2/5'
        );
        // The event log shows the reroute as a router sees it: the PSR back to IsPushed false.
        const log = pane.locator('[data-id="event-log"]');
        await log.getByText('00001028 declined by You (Needs another skill)').waitFor();
        expect((await log.getByText('PSR 00001028').count()) === 0, 'PSR changes shown before asking');
        await pane.locator('label', { hasText: 'Show PendingServiceRouting changes' }).click();
        await log
            .getByText(/PSR 00001028 updated \(IsPushed false/)
            .first()
            .waitFor();
        // Bob (acted for from the pane) accepts it: it stays his.
        await c.agent('Bob').getByRole('button', { name: 'Accept 00001028 for Bob' }).click();
        await eventually(
            'Bob accepted',
            () => c.agentWorks('Bob'),
            (works) => works.some((w) => w.includes('00001028') && w.includes('in progress'))
        );
        expect((await c.row('00001028').count()) === 0, 'the declined case came back to you');
    });

    await step("supervisor flag: raised on your case, shown as your supervisor's; lowered, shown as lowered by them", async () => {
        await pane.getByLabel('Work in progress', { exact: true }).selectOption({ label: '00001027 \u2014 You (in progress)' });
        await pane.getByLabel('Flag message', { exact: true }).fill('Customer asked for a manager');
        await pane.getByRole('button', { name: 'Raise flag (supervisor)' }).click();
        await c.row('00001027').getByText('Flag raised by your supervisor').waitFor();
        await c.row('00001027').getByText('Customer asked for a manager', { exact: false }).waitFor();
        await eventually(
            'control pane flag',
            () => c.agentWorks('You'),
            (works) => works.some((w) => w.includes('00001027') && w.includes('Flag (supervisor)'))
        );
        await pane.getByRole('button', { name: 'Lower flag (supervisor)' }).click();
        await c.row('00001027').getByText('Your supervisor lowered the flag').waitFor();
    });

    await step(
        'connection error and recovery: the alert shows; meanwhile nothing reaches the panel and its actions are refused; restoring clears it and re-seeds',
        async () => {
            await pane.getByRole('button', { name: 'Connection error' }).click();
            const alert = panel.locator('[data-id="connection-error"]');
            await alert.waitFor();
            await eventually(
                'control pane',
                () => c.agent('You').textContent(),
                (t) => t.includes('Connection lost')
            );
            // A supervisor flags your case meanwhile: the floor has it, your cut-off console does not.
            await pane.getByRole('button', { name: 'Raise flag (supervisor)' }).click();
            await eventually(
                'control pane flag',
                () => c.agentWorks('You'),
                (works) => works.some((w) => w.includes('00001027') && w.includes('Flag (supervisor)'))
            );
            // Closing the case is refused by the toolkit: the panel says why and the case stays open.
            const closes = (await c.toolkitCalls('closeAgentWork')).length;
            await c.row('00001027').getByRole('button', { name: 'Close' }).click();
            await eventually(
                'action error',
                () =>
                    panel
                        .locator('[data-id="action-error"]')
                        .textContent()
                        .catch(() => ''),
                (t) => t.includes('Omni-Channel is not connected to the server')
            );
            expect((await c.toolkitCalls('closeAgentWork')).length === closes + 1, 'the panel did not try closeAgentWork');
            expect(
                (await c.row('00001027').getByText('Flag raised by your supervisor').count()) === 0,
                'the flag reached the cut-off panel'
            );
            expect((await c.row('00001027').count()) === 1, 'the case left the panel');
            await eventually(
                'still open on the floor',
                () => c.agentWorks('You'),
                (works) => works.some((w) => w.includes('00001027') && w.includes('in progress'))
            );
            await alert.waitFor();
            const seedsBefore = (await c.toolkitCalls('getAgentWorks')).length;
            await pane.getByRole('button', { name: 'Restore connection' }).click();
            await alert.waitFor({ state: 'detached' });
            await eventually(
                're-seed',
                async () => (await c.toolkitCalls('getAgentWorks')).length,
                (n) => n > seedsBefore
            );
            await eventually(
                'rows after re-seed',
                () => c.rows.count(),
                (n) => n === 2
            );
        }
    );

    await step('no console errors or uncaught exceptions in the page', () => c.noPageErrors());
    await c.close();
}
