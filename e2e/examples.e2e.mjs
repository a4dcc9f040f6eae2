// The four examples (examples/*/lwc) in the simulated console, each from its ready flexipage
// (examples/flexipages/<example>.flexipage-meta.xml: the Omni-Channel utility, the workload
// utility that hosts the bridge, and the example, started automatically). The page is loaded
// with the project's flexipage, then switched to the example's with omniPreview.loadFlexipage,
// as the control pane's "Load a file" does; `npm start -- --example <name>` starts with it.
// The examples talk to the simulated Omni through c/omniKit like any LWC in an org.
/* global document -- the functions passed to page.evaluate run in the page */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually, expect, openConsole } from './harness.mjs';

const FLEXIPAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../examples/flexipages');
const BUSY_LIGHT = 'http://127.0.0.1:8989/';

const EXAMPLES = [
    { name: 'acceptOneAtATime', component: 'c:omniAcceptOneAtATime', tag: 'c-omni-accept-one-at-a-time' },
    { name: 'autoLogin', component: 'c:omniAutoLogin', tag: 'c-omni-auto-login' },
    { name: 'declineWhenBusy', component: 'c:omniDeclineWhenBusy', tag: 'c-omni-decline-when-busy' },
    { name: 'busyLightSync', component: 'c:omniBusyLightSync', tag: 'c-omni-busy-light-sync' }
];

/** Opens the console (every panel closed) and switches it to the example's flexipage. */
async function openWithExample(ctx, example) {
    const c = await openConsole(ctx, '', { openWorkload: false });
    // The busy light's helper runs on the rep's machine: here the browser answers for it.
    const lightStates = [];
    await c.page.route(`${BUSY_LIGHT}**`, (route) => {
        lightStates.push(new URL(route.request().url()).searchParams.get('state'));
        return route.fulfill({ status: 200, contentType: 'text/plain', body: 'ok' });
    });
    const file = `${example.name}.flexipage-meta.xml`;
    const outcome = await c.page.evaluate(
        ([text, f]) => globalThis.omniPreview.loadFlexipage(text, f),
        [fs.readFileSync(path.join(FLEXIPAGES, file), 'utf8'), file]
    );
    expect(outcome.ok, `loadFlexipage(${file}): ${JSON.stringify(outcome)}`);
    return { c, lightStates };
}

/** The example's utility as the console holds it: created, with no problem shown. */
async function mountedUtility(c, example) {
    return eventually(
        `${example.component} created in its utility`,
        () =>
            c.page.evaluate(
                ([component, tag]) => {
                    const utility = globalThis.omniPreview.utilityBar.utilities.find((u) => u.spec.componentName === component);
                    return {
                        exists: Boolean(utility),
                        elements: document.querySelectorAll(tag).length,
                        problems: [...document.querySelectorAll('.utility-panel [role="alert"]')].map((el) => el.textContent)
                    };
                },
                [example.component, example.tag]
            ),
        (s) => s.exists && s.elements === 1
    );
}

export default async function examples(ctx) {
    for (const example of EXAMPLES) {
        const step = ctx.group(`example ${example.name} in the simulated console`);
        const { c, lightStates } = await openWithExample(ctx, example);

        await step(`${example.component} is a utility of the bar, started automatically, with no problem shown`, async () => {
            const state = await mountedUtility(c, example);
            expect(state.problems.length === 0, `problems: ${JSON.stringify(state.problems)}`);
            const button = c.utilityItem(example.component);
            expect((await button.count()) === 1, `no utility bar button for ${example.component}`);
        });

        if (example.name === 'acceptOneAtATime') {
            await step('three offers arriving together: each accepted exactly once, all three opened', async () => {
                const ids = await c.page.evaluate(() => {
                    const world = globalThis.omniPreview.world;
                    // Added in one task: the rep's Omni offers all three before the example's kit hears of any.
                    return ['MANY-1', 'MANY-2', 'MANY-3'].map((title) =>
                        world.addWork({
                            channel: 'Cases',
                            queue: 'Cases',
                            routingConfig: null,
                            skills: [],
                            preferredAgentId: world.repId,
                            preferredRequired: true,
                            title
                        })
                    );
                });
                expect(ids.length === 3, `work ids ${JSON.stringify(ids)}`);
                const opened = await eventually(
                    'the three works opened by the rep',
                    () =>
                        c.page.evaluate((items) => {
                            const world = globalThis.omniPreview.world;
                            return world.engine
                                .listAgentWorks()
                                .filter((w) => items.includes(w.workItemId) && w.userId === world.repId)
                                .map((w) => ({ id: w.id, status: w.status }));
                        }, ids),
                    (works) => works.length === 3 && works.every((w) => w.status === 'Opened')
                );
                const accepts = (await c.toolkitCalls('acceptAgentWork')).map((args) => args.workId);
                const offered = opened.map((w) => w.id.slice(0, 15)).sort();
                expect(
                    JSON.stringify([...accepts].map((id) => id.slice(0, 15)).sort()) === JSON.stringify(offered),
                    `acceptAgentWork calls ${JSON.stringify(accepts)} vs offered ${JSON.stringify(offered)}`
                );
            });
        }

        if (example.name === 'autoLogin') {
            await step(
                'a console that starts with you logged out: the example logs you in as Available once Omni has started',
                async () => {
                    // A scenario where you start offline (loaded as from the control pane: the console restarts with it).
                    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omni-e2e-example-'));
                    const file = path.join(dir, 'you-offline.yaml');
                    fs.writeFileSync(file, 'name: You offline\nagents:\n    - { name: You, queues: [Cases] }\nsteps: []\n');
                    await c.pane.locator('[data-id="scenario-file"]').setInputFiles(file);
                    fs.rmSync(dir, { recursive: true, force: true });
                    const statusCalls = await eventually(
                        'setServicePresenceStatus from the example',
                        () => c.toolkitCalls('setServicePresenceStatus'),
                        (calls) => calls.length === 1
                    );
                    const available = await c.page.evaluate(
                        () => globalThis.omniPreview.world.engine.statusesFor().find((s) => s.developerName === 'Available').id
                    );
                    expect(statusCalls[0].statusId.slice(0, 15) === available.slice(0, 15), `status ${JSON.stringify(statusCalls)}`);
                    await eventually(
                        'you, logged in',
                        () =>
                            c.page.evaluate(
                                () => globalThis.omniPreview.world.engine.agentView(globalThis.omniPreview.world.repId).loggedIn
                            ),
                        (loggedIn) => loggedIn === true
                    );
                }
            );
        }

        if (example.name === 'declineWhenBusy') {
            await step('an offer waits; you move to a status without channels (On break): the example declines it', async () => {
                const workItemId = await c.page.evaluate(() => {
                    const world = globalThis.omniPreview.world;
                    return world.addWork({
                        channel: 'Cases',
                        queue: 'Cases',
                        routingConfig: null,
                        skills: [],
                        preferredAgentId: world.repId,
                        preferredRequired: false,
                        title: 'BUSY-1'
                    });
                });
                // Available: the offer is left alone.
                await new Promise((resolve) => setTimeout(resolve, 300));
                expect((await c.toolkitCalls('declineAgentWork')).length === 0, 'declined while Available');
                await c.page.evaluate(() => globalThis.omniPreview.world.setStatus(globalThis.omniPreview.world.repId, 'Break'));
                const declines = await eventually(
                    'declineAgentWork from the example',
                    () => c.toolkitCalls('declineAgentWork'),
                    (calls) => calls.length === 1
                );
                const declined = await c.page.evaluate(
                    ([id, item]) =>
                        globalThis.omniPreview.world.engine
                            .listAgentWorks()
                            .find((w) => w.id.slice(0, 15) === id.slice(0, 15) && w.workItemId === item)?.status,
                    [declines[0].workId, workItemId]
                );
                expect(declined === 'Declined', `the offer of BUSY-1 is ${declined}`);
            });
        }

        if (example.name === 'busyLightSync') {
            await step('the light is told "available" (the rep is Available with room) through its local URL', async () => {
                await eventually(
                    'states sent to the light',
                    () => Promise.resolve([...lightStates]),
                    (states) => states.includes('available')
                );
            });
        }

        await step('no console errors', () => c.noPageErrors());
        await c.close();
    }
}
