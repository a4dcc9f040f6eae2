// The documented Omni behaviours a rep meets, each on a fresh page of the demo floor,
// driven from the control pane and checked in the rep's panel: push time-out, transfer,
// capacity full, interruptible voice, duplicate login and maintenance logout.
import { eventually, expect, openConsole } from './harness.mjs';

const load = (c, name) => c.agent(name).locator('[data-id="agent-load"]').textContent();

export default async function behaviours(ctx) {
    {
        const step = ctx.group('push time-out');
        const c = await openConsole(ctx);
        await step("a case waits for you to accept; the clock passes Most_Available's 30 s push time-out", async () => {
            await c.row('00001026').waitFor();
            await c.addWork({ preferred: 'You (you)', required: false });
            await c.row('00001027').getByRole('button', { name: 'Accept' }).waitFor();
            await c.step('Step the clock 10 seconds');
            await c.step('Step the clock 10 seconds');
            expect((await c.row('00001027').count()) === 1, 'the work left before its push time-out');
            await c.step('Step the clock 10 seconds');
            await eventually('clock', c.clockTime, (t) => t === '00:00:30');
        });
        await step('the work leaves you, goes to Bob, and your status is On break (Standard: status on push time-out)', async () => {
            await eventually(
                'row gone',
                () => c.row('00001027').count(),
                (n) => n === 0
            );
            await eventually('status', c.status, (t) => t === 'On break');
            await eventually(
                'Bob',
                () => c.agentWorks('Bob'),
                (w) => w.some((t) => t.includes('00001027') && t.includes('Declined by You (push time-out)'))
            );
            await c.pane.locator('[data-id="event-log"]').getByText('00001027 timed out with You').waitFor();
        });
        await step('no console errors', () => c.noPageErrors());
        await c.close();
    }

    {
        const step = ctx.group('transfer');
        const c = await openConsole(ctx);
        await step('the supervisor transfers your case to Bob: it leaves your panel and reaches Bob', async () => {
            await c.row('00001026').getByRole('button', { name: 'Close' }).waitFor();
            await c.pane.getByLabel('Work in progress', { exact: true }).selectOption({ label: '00001026 \u2014 You (in progress)' });
            await c.pane.getByLabel('Transfer to agent', { exact: true }).selectOption({ label: 'Bob' });
            await c.pane.getByRole('button', { name: 'Transfer to agent (supervisor)' }).click();
            await eventually(
                'row gone',
                () => c.row('00001026').count(),
                (n) => n === 0
            );
            await eventually(
                'Bob',
                () => c.agentWorks('Bob'),
                (w) => w.some((t) => t.includes('00001026'))
            );
            await eventually(
                'your load',
                () => load(c, 'You'),
                (t) => t === 'Load 0/5'
            );
        });
        await step('Bob accepts; the supervisor transfers it to the Urgent queue, where only you are: it comes to you', async () => {
            await c.agent('Bob').getByRole('button', { name: 'Accept 00001026 for Bob' }).click();
            await eventually(
                'Bob accepted',
                () => c.agentWorks('Bob'),
                (w) => w.some((t) => t.includes('00001026') && t.includes('in progress'))
            );
            await c.pane.getByLabel('Work in progress', { exact: true }).selectOption({ label: '00001026 \u2014 Bob (in progress)' });
            await c.pane.getByLabel('Transfer to queue', { exact: true }).selectOption('Urgent');
            await c.pane.getByRole('button', { name: 'Transfer to queue (supervisor)' }).click();
            await c.row('00001026').getByRole('button', { name: 'Accept' }).waitFor();
            // Urgent takes 40% of capacity: 2 of 5 units.
            await eventually('utility label', c.utilityLabel, (t) => t === 'Available 2/5');
        });
        await step('no console errors', () => c.noPageErrors());
        await c.close();
    }

    {
        const step = ctx.group('capacity full');
        const c = await openConsole(ctx, '?scenario=capacity-full');
        await step('Cat (No_Decline, capacity 3) gets three cases; the fourth waits in the queue', async () => {
            await c.pane.getByRole('button', { name: /^Next step/ }).waitFor();
            await eventually(
                'rows',
                () => c.rows.count(),
                (n) => n === 3
            );
            await eventually(
                'at capacity',
                () => c.panel.locator('c-omni-capacity-gauge').textContent(),
                (t) => t.includes('At capacity')
            );
            await eventually('utility label', c.utilityLabel, (t) => t === 'Available 3/3');
            await eventually('waiting', c.waiting, (w) => w.length === 1 && w[0].includes('C-4') && w[0].includes('queue Cases'));
            expect((await c.agent('Cat').textContent()).includes('At capacity'), 'the pane does not say Cat is at capacity');
        });
        await step('you accept and close C-1: C-4 is assigned to you', async () => {
            await c.row('C-1').getByRole('button', { name: 'Accept' }).click();
            await c.row('C-1').getByRole('button', { name: 'Close' }).click();
            await c.row('C-4').getByRole('button', { name: 'Accept' }).waitFor();
            await eventually('waiting', c.waiting, (w) => w.length === 0);
            await eventually(
                'rows',
                () => c.rows.count(),
                (n) => n === 3
            );
        });
        await step('no console errors', () => c.noPageErrors());
        await c.close();
    }

    {
        // interruptible-voice.yaml: your case is interruptible (Back_Office's capacity type), so
        // it uses your interruptible capacity and a call still finds your primary capacity free.
        const step = ctx.group('interruptible voice');
        const c = await openConsole(ctx, '?scenario=interruptible-voice');
        await step('with an interruptible case on you, a call arrives on top of it', async () => {
            await c.row('BO-1').waitFor();
            await c.pane.getByRole('button', { name: 'Play all steps' }).click();
            await c.row('CALL-1').getByRole('button', { name: 'Accept' }).waitFor();
            await eventually(
                'rows',
                () => c.rows.count(),
                (n) => n === 2
            );
            await eventually(
                'interruptible load',
                () => c.panel.locator('c-omni-capacity-gauge').textContent(),
                (t) => /Interruptible: 1 of 2/.test(t)
            );
            const failed = await c.pane.locator('[data-id="steps"] li[data-state="failed"]').allTextContents();
            expect(failed.length === 0, `failed steps: ${JSON.stringify(failed)}`);
        });
        await step('no console errors', () => c.noPageErrors());
        await c.close();
    }

    {
        const step = ctx.group('duplicate login and maintenance logout');
        const c = await openConsole(ctx);
        await step('duplicate login: the panel shows you logged out, with the reason', async () => {
            await c.row('00001026').waitFor();
            await c.pane.getByRole('button', { name: 'Duplicate login' }).click();
            // The panel words the reason (Custom Label OmniKit_LogoutDuplicateLogin).
            await c.panel.locator('[data-id="logout-reason"]').getByText('because you logged in somewhere else').waitFor();
            await eventually(
                'pane',
                () => c.agent('You').locator('[data-id="agent-status"]').textContent(),
                (t) => t === 'Offline'
            );
        });
        await step('log back in from the panel, then a maintenance logout: logged out with that reason', async () => {
            await c.agent('You').getByLabel('Status of You', { exact: true }).selectOption('Available');
            await eventually('status', c.status, (t) => t === 'Available');
            await c.pane.getByRole('button', { name: 'Maintenance logout' }).click();
            await c.panel.locator('[data-id="logout-reason"]').getByText('logged you out for maintenance').waitFor();
        });
        await step('no console errors', () => c.noPageErrors());
        await c.close();
    }
}
