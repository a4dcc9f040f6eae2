// The utility bar the page builds from the project's UtilityBar flexipage, and what its
// "Start automatically" (eager) settings mean for the rep:
// - with the deployed flexipage, work that arrives before the rep ever opens a panel is
//   captured: the workload utility's label and highlight show it at once, and the panel,
//   opened later, shows the work with its assigned time counted from when it arrived;
// - with a variant whose workload utility is lazy, the same events are lost until the rep
//   opens it (the utility does not exist yet), exactly as in an org;
// - the old design (the bridge as a background utility item, the panel a plain LWC utility)
//   never starts its bridge: the panel says the bridge is missing;
// - the standalone kit utility beside the workload utility: two bridges on one page, one
//   runs each command.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { OMNI_UTILITY, TEAM_UTILITY, WORKLOAD_UTILITY, eventually, expect, openConsole } from './harness.mjs';

// The file the page was built from (sim/build/consoleModule.mjs reads OMNI_FLEXIPAGE too).
const FLEXIPAGE = process.env.OMNI_FLEXIPAGE
    ? path.resolve(process.env.OMNI_FLEXIPAGE)
    : path.resolve(
          path.dirname(fileURLToPath(import.meta.url)),
          '../demo/main/default/flexipages/Omni_Console_Kit_UtilityBar.flexipage-meta.xml'
      );

/** The flexipage's utilities as the Metadata API file has them (read here independently of the page's reader). */
function flexipageUtilities(xml) {
    const page = new XMLParser({
        parseTagValue: false,
        isArray: (n) => ['flexiPageRegions', 'itemInstances', 'componentInstanceProperties'].includes(n)
    }).parse(xml).FlexiPage;
    const utilities = page.flexiPageRegions.find((r) => r.name === 'utilityItems').itemInstances.map((i) => i.componentInstance);
    return utilities.map((c) => {
        const decorator = (name) => (c.componentInstanceProperties ?? []).find((p) => p.type === 'decorator' && p.name === name)?.value;
        return { componentName: c.componentName, label: decorator('label'), eager: decorator('eager') === 'true' };
    });
}

/** The flexipage with one decorator of the item holding `componentName` set to `value`. */
function withDecorator(xml, componentName, name, value) {
    const items = xml.split('<itemInstances>');
    const index = items.findIndex((part) => part.includes(`<componentName>${componentName}</componentName>`));
    expect(index > 0, `the flexipage has no ${componentName}`);
    const pattern = new RegExp(`(<name>${name}</name>\\s*<type>decorator</type>\\s*<value>)[^<]*(</value>)`);
    expect(pattern.test(items[index]), `${componentName} has no ${name} decorator`);
    items[index] = items[index].replace(pattern, `$1${value}$2`);
    return items.join('<itemInstances>');
}

/** "Assigned 0:07 ago · ..." -> 7 (seconds); null when the row has no assigned time. */
function assignedSeconds(timesText) {
    const match = /Assigned (?:(\d+):)?(\d+):(\d\d) ago/.exec(timesText);
    if (!match) return null;
    return Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

export default async function utilityBar(ctx) {
    const xml = fs.readFileSync(FLEXIPAGE, 'utf8');
    const declared = flexipageUtilities(xml);

    {
        const step = ctx.group('utility bar from the deployed flexipage: work captured before any panel is opened');
        const c = await openConsole(ctx, '', { openWorkload: false });

        await step("the bar has the flexipage's utilities in its order; eager ones exist at start, hidden; no panel is open", async () => {
            const components = await c.page
                .locator('footer.utility-bar button.utility-item')
                .evaluateAll((els) => els.map((el) => el.dataset.component));
            expect(
                JSON.stringify(components) === JSON.stringify(declared.map((u) => u.componentName)),
                `buttons ${JSON.stringify(components)} vs flexipage ${JSON.stringify(declared.map((u) => u.componentName))}`
            );
            const workload = declared.find((u) => u.componentName === WORKLOAD_UTILITY);
            expect(
                workload?.eager === true,
                `the deployed workload utility is not set to start automatically: ${JSON.stringify(workload)}`
            );
            const state = await c.page.evaluate(() =>
                globalThis.omniPreview.utilityBar.utilities.map((u) => ({
                    component: u.spec.componentName,
                    created: u.created,
                    open: u.open
                }))
            );
            for (const utility of declared) {
                const s = state.find((x) => x.component === utility.componentName);
                expect(
                    s.created === utility.eager && s.open === false,
                    `${utility.componentName}: ${JSON.stringify(s)} (eager ${utility.eager})`
                );
            }
            expect(await c.utilityPanel(WORKLOAD_UTILITY).isHidden(), 'the workload panel is shown before the rep opened it');
            expect(
                (await c.utilityItem(WORKLOAD_UTILITY).getAttribute('aria-expanded')) === 'false',
                'the workload utility says it is open'
            );
            // The panel's components run hidden: the bridge seeded from the toolkit already.
            await eventually(
                'utility label',
                () => c.utilityLabel(),
                (t) => t === 'Available 1/5'
            );
            expect((await c.toolkitCalls('getAgentWorks')).length >= 1, 'the bridge did not seed before the panel was opened');
        });

        let arrivedAt = 0;
        await step('work arrives for you: the closed utility says "Available 2/5" and is highlighted', async () => {
            await c.addWork({ preferred: 'You (you)', required: true, title: 'EARLY-1' });
            arrivedAt = Date.now();
            await eventually(
                'utility label',
                () => c.utilityLabel(),
                (t) => t === 'Available 2/5'
            );
            await eventually(
                'highlight',
                () => c.utilityHighlighted(),
                (h) => h === true
            );
            expect(await c.utilityPanel(WORKLOAD_UTILITY).isHidden(), 'the panel opened by itself');
        });

        await step('opened 4 s later, the panel shows the work waiting, its assigned time counted from when it arrived', async () => {
            const wait = 4000 - (Date.now() - arrivedAt);
            if (wait > 0) await c.page.waitForTimeout(wait);
            const openedAt = Date.now();
            await c.openUtility(WORKLOAD_UTILITY);
            const row = c.row('EARLY-1');
            await row.getByRole('button', { name: 'Accept' }).waitFor();
            // The panel's timers tick once a second: within two ticks it shows at least the 4 s since arrival.
            const times = await eventually(
                'assigned time',
                () => row.locator('[data-id="times"]').textContent(),
                (t) => (assignedSeconds(t) ?? -1) >= 4,
                2500
            );
            const seconds = assignedSeconds(times);
            const sinceArrival = (Date.now() - arrivedAt) / 1000;
            const sinceOpen = (Date.now() - openedAt) / 1000;
            expect(
                seconds <= sinceArrival + 1 && seconds > sinceOpen,
                `"${times}": ${seconds} s; arrived ${sinceArrival} s ago, panel opened ${sinceOpen} s ago`
            );
            expect((await c.row('00001026').count()) === 1, 'the case in progress is missing');
        });

        await step('the other utilities are there as the flexipage declares them', async () => {
            if (declared.some((u) => u.componentName === OMNI_UTILITY)) {
                await c.openUtility(OMNI_UTILITY);
                await eventually(
                    'Omni-Channel stand-in',
                    () => c.utilityPanel(OMNI_UTILITY).locator('[data-id="omni-widget-status"]').textContent(),
                    (t) => t === 'Available'
                );
                expect(await c.utilityPanel(WORKLOAD_UTILITY).isHidden(), 'two utility panels open at once');
            }
            if (declared.some((u) => u.componentName === TEAM_UTILITY)) {
                await c.openUtility(TEAM_UTILITY);
                await c.utilityPanel(TEAM_UTILITY).locator('c-omni-team-panel').waitFor();
            }
        });

        await step('no console errors', () => c.noPageErrors());
        await c.close();
    }

    {
        const step = ctx.group('flexipage variant: the workload utility not set to start automatically loses the early events');
        const c = await openConsole(ctx, '', { openWorkload: false });
        const lazy = withDecorator(xml, WORKLOAD_UTILITY, 'eager', 'false');
        const label = declared.find((u) => u.componentName === WORKLOAD_UTILITY).label;

        await step('the variant, loaded from the control pane, rebuilds the console: the workload utility does not exist yet', async () => {
            await c.pane
                .locator('[data-id="flexipage-file"]')
                .setInputFiles({ name: 'lazy-workload.flexipage-meta.xml', mimeType: 'text/xml', buffer: Buffer.from(lazy) });
            await c.pane.getByText('Built from lazy-workload.flexipage-meta.xml').waitFor();
            await c.pane
                .locator('[data-id="flexipage-items"]')
                .getByText(`${label} (${WORKLOAD_UTILITY}): created when first opened`)
                .waitFor();
            const created = await c.page.evaluate(
                (component) => globalThis.omniPreview.utilityBar.utilities.find((u) => u.spec.componentName === component).created,
                WORKLOAD_UTILITY
            );
            expect(created === false, 'the lazy workload utility was created at start');
            expect((await c.utilityPanel(WORKLOAD_UTILITY).count()) === 0, 'the lazy utility has a panel before it was opened');
            expect((await c.utilityLabel()) === label, `label ${await c.utilityLabel()}`);
        });

        await step('work arrives for you: the label and highlight say nothing (no component heard it)', async () => {
            await c.addWork({ preferred: 'You (you)', required: true, title: 'LOST-1' });
            await eventually(
                'the floor has it',
                () => c.agentWorks('You'),
                (w) => w.some((t) => t.includes('LOST-1'))
            );
            await c.page.waitForTimeout(1000);
            expect((await c.utilityLabel()) === label, `label became ${await c.utilityLabel()}`);
            expect((await c.utilityHighlighted()) === false, 'highlighted before the utility existed');
        });

        await step('opened, it is created and seeds from the toolkit: the work shows, but its assigned time is unknown', async () => {
            await c.page.waitForTimeout(1500);
            await c.openUtility(WORKLOAD_UTILITY);
            const row = c.row('LOST-1');
            await row.getByRole('button', { name: 'Accept' }).waitFor();
            const times = await row.locator('[data-id="times"]').textContent();
            expect(assignedSeconds(times) === null && times.includes('before this console session'), `times: "${times}"`);
            await eventually(
                'utility label',
                () => c.utilityLabel(),
                (t) => t === 'Available 2/5'
            );
        });

        await step('a flexipage the console cannot read is refused with its problem; the console keeps its bar', async () => {
            const broken = withDecorator(xml, WORKLOAD_UTILITY, 'eager', 'sometimes');
            const outcome = await c.page.evaluate(
                (text) => globalThis.omniPreview.loadFlexipage(text, 'broken.flexipage-meta.xml'),
                broken
            );
            expect(!outcome.ok && outcome.problem.includes('"sometimes" is not true or false'), JSON.stringify(outcome));
            await c.page.locator('[data-id="flexipage-problem"]').getByText('broken.flexipage-meta.xml').waitFor();
            expect((await c.row('LOST-1').count()) === 1, 'the console lost its panel');
        });

        await step('no console errors', () => c.noPageErrors());
        await c.close();
    }

    {
        const step = ctx.group('the old design: the bridge as a background utility item never starts');
        const c = await openConsole(ctx, '', { openWorkload: false });
        const decorators = (label, eager) =>
            `<componentInstanceProperties><name>eager</name><type>decorator</type><value>${eager}</value></componentInstanceProperties>` +
            `<componentInstanceProperties><name>label</name><type>decorator</type><value>${label}</value></componentInstanceProperties>`;
        const old = `<?xml version="1.0" encoding="UTF-8"?>
<FlexiPage xmlns="http://soap.sforce.com/2006/04/metadata">
    <flexiPageRegions>
        <itemInstances><componentInstance>${decorators('Omni-Channel', true)}<componentName>${OMNI_UTILITY}</componentName><identifier>omni</identifier></componentInstance></itemInstances>
        <itemInstances><componentInstance>${decorators('Omni Workload', true)}<componentName>c:omniWorkloadPanel</componentName><identifier>c_omniWorkloadPanel</identifier></componentInstance></itemInstances>
        <name>utilityItems</name>
        <type>Region</type>
    </flexiPageRegions>
    <flexiPageRegions>
        <itemInstances><componentInstance><componentName>c:omniBridge</componentName><identifier>c_omniBridge</identifier></componentInstance></itemInstances>
        <name>backgroundComponents</name>
        <type>Background</type>
    </flexiPageRegions>
    <masterLabel>Old design</masterLabel>
    <template><name>one:utilityBarTemplateDesktop</name></template>
    <type>UtilityBar</type>
</FlexiPage>`;

        await step(
            'the console reloads with the old utility bar: the background bridge renders nothing, and the new fakes refuse its function-passing markup',
            async () => {
                const outcome = await c.page.evaluate(
                    (text) => globalThis.omniPreview.loadFlexipage(text, 'old-background-bridge.flexipage-meta.xml'),
                    old
                );
                expect(outcome.ok, JSON.stringify(outcome));
                const bridge = await c.page.evaluate(() => {
                    const u = globalThis.omniPreview.utilityBar.byIdentifier('c_omniBridge');
                    return { created: u.created, container: u.container, failure: u.failure };
                });
                // Refused twice over: a background utility item renders nothing (its LWC never connects), and its markup
                // hands omniBridgeCore a function (toolkit="{!v.toolkitInvoker}"), not a documented Aura/LWC contract.
                expect(
                    bridge.created && bridge.container === null && /has no public property toolkit/.test(bridge.failure ?? ''),
                    JSON.stringify(bridge)
                );
                expect((await c.page.locator('c-omni-bridge-core').count()) === 0, 'a bridge core is in the document');
            }
        );

        await step('the panel says the bridge is missing; no toolkit call was ever made', async () => {
            await c.openUtility('c:omniWorkloadPanel');
            await c.utilityPanel('c:omniWorkloadPanel').locator('[data-id="bridge-missing"]').waitFor({ timeout: 15000 });
            expect((await c.page.evaluate(() => globalThis.omniPreview.console.toolkitCalls.length)) === 0, 'the toolkit was called');
        });
        await c.close();
    }

    {
        const step = ctx.group('flexipage variant: the kit utility beside the workload utility (two bridges on one page)');
        const c = await openConsole(ctx, '', { openWorkload: false });
        const KIT = 'c:omniKitUtility';
        const kitItem =
            '<itemInstances><componentInstance>' +
            '<componentInstanceProperties><name>eager</name><type>decorator</type><value>true</value></componentInstanceProperties>' +
            '<componentInstanceProperties><name>label</name><type>decorator</type><value>Omni Kit</value></componentInstanceProperties>' +
            `<componentName>${KIT}</componentName><identifier>c_omniKitUtility</identifier></componentInstance></itemInstances>`;
        const withKit = xml.replace(/(\s*<name>utilityItems<\/name>)/, `${kitItem}$1`);

        await step('both utilities start with the console; the kit panel shows its bridge and the connection', async () => {
            const outcome = await c.page.evaluate(
                (text) => globalThis.omniPreview.loadFlexipage(text, 'with-kit.flexipage-meta.xml'),
                withKit
            );
            expect(outcome.ok, JSON.stringify(outcome));
            await c.openUtility(KIT);
            const kit = c.utilityPanel(KIT).locator('c-omni-kit-status');
            await eventually(
                'connection',
                () => kit.locator('[data-id="connection"]').textContent(),
                (t) => t.trim() === 'Connected'
            );
            // Two bridges meet through the election: this one leads or stands by, naming itself.
            await eventually(
                'bridge',
                () => kit.locator('[data-id="bridge"]').textContent(),
                (t) => /bridge (leads|stands by) \(/.test(t)
            );
            await eventually(
                'workload label',
                () => c.utilityLabel(),
                (t) => t === 'Available 1/5'
            );
        });

        await step('work arrives and is accepted from the panel: one toolkit call, one row', async () => {
            await c.addWork({ preferred: 'You (you)', required: true, title: 'TWO-1' });
            await eventually(
                'workload label',
                () => c.utilityLabel(),
                (t) => t === 'Available 2/5'
            );
            await c.openUtility(WORKLOAD_UTILITY);
            await c.row('TWO-1').getByRole('button', { name: 'Accept' }).click();
            await c.row('TWO-1').getByRole('button', { name: 'Close' }).waitFor();
            expect((await c.row('TWO-1').count()) === 1, 'the work shows twice');
            const calls = await c.toolkitCalls('acceptAgentWork');
            expect(calls.length === 1, `acceptAgentWork calls: ${JSON.stringify(calls)}`);
        });

        await step('no console errors', () => c.noPageErrors());
        await c.close();
    }
}
