/**
 * The preview page: a console-like shell with the kit's real LWC components, driven by the
 * simulator. The rep's console (consoleMount.ts) plays one agent of a SimEngine world
 * (world.ts) into the real omniBridgeCore and omniWorkloadPanel; the control pane
 * (controlPane.ts) shows everyone else and plays routing, the clock, faults and a
 * supervisor. Synthetic shadow first (as on the platform), so SLDS's global classes style
 * our templates.
 *
 * URL parameters: ?scenario=<name> loads a shipped scenario (scenarios/<name>.yaml)
 * instead of the built-in demo floor; ?apexLatency=<ms> delays fake Apex answers
 * (default 150, as a round trip).
 */
import '@lwc/synthetic-shadow';
import { setApexLatency } from '../fakes/apexMethod';
import type { Scenario } from '../scenario/scenario';
import { mountConsole, type MountedConsole } from './consoleMount';
import { createControlPane } from './controlPane';
import { DEMO_SCENARIO_FILE, DEMO_SCENARIO_TEXT } from './demoScenario';
import { createRecordArea } from './recordArea';
import { parseScenario, shippedScenario } from './scenarioLoader';
import { bindUtility, icon, showToasts } from './shell';
import { mountTeam, type MountedTeam } from './teamMount';
import { PageWorld } from './world';

function numberParam(name: string, fallback: number): number {
    const raw = new URLSearchParams(location.search).get(name);
    const value = raw === null ? NaN : Number(raw);
    return Number.isFinite(value) && value >= 0 ? value : fallback;
}

function byId<T extends HTMLElement>(id: string): T {
    const el = document.getElementById(id);
    if (!el) throw new Error(`preview: #${id} is missing from index.html`);
    return el as T;
}

setApexLatency(numberParam('apexLatency', 150));
byId('utility-omni-icon').append(icon('utility:omni_channel', 'x-small'));
byId('utility-minimize-icon').append(icon('utility:minimize_window', 'x-small'));
showToasts(byId('toasts'));
byId('utility-team-icon').append(icon('utility:groups', 'x-small'));
byId('utility-team-minimize-icon').append(icon('utility:minimize_window', 'x-small'));
const utility = bindUtility(byId('utility-omni'), byId('utility-panel-omni'), byId('utility-omni-label'));
const teamUtility = bindUtility(byId('utility-team'), byId('utility-panel-team'), null);
// One utility panel open at a time, as in a console.
utility.onOpen(() => teamUtility.setOpen(false));
teamUtility.onOpen(() => utility.setOpen(false));

let world: PageWorld | null = null;
let mounted: MountedConsole | null = null;
let team: MountedTeam | null = null;
let stopListening: () => void = () => undefined;

const pane = createControlPane({
    world: () => world!,
    loadScenario: (scenario) => show(new PageWorld(scenario))
});
byId('control-pane').append(pane.element);
const recordArea = createRecordArea(byId('workspace-tabs'), byId('record-area'));

/**
 * Swaps in a new world. The caller built it first (a scenario that cannot be set up throws
 * before anything here changes), so the page never shows half of one and half of another.
 */
function show(next: PageWorld): void {
    pane.pauseClock();
    stopListening();
    mounted?.dispose();
    team?.dispose();
    world = next;
    mounted = mountConsole(next, { bridgeHost: byId('bridge-host'), panelHost: byId('utility-panel-omni-body') });
    team = mountTeam(next, byId('utility-panel-team-body'));
    byId('scenario-title').textContent = next.scenario.name;
    const render = () => {
        pane.render();
        recordArea.render(next);
    };
    stopListening = next.onChange(render);
    render();
    next.playDueSteps();
}

function load(text: string, file: string): Scenario | null {
    const outcome = parseScenario(text, file);
    if (outcome.ok) return outcome.scenario;
    pane.loader.showProblems(outcome.file, outcome.problems);
    return null;
}

const demo = load(DEMO_SCENARIO_TEXT, DEMO_SCENARIO_FILE);
if (!demo) throw new Error('preview: the built-in demo scenario does not validate');
const asked = new URLSearchParams(location.search).get('scenario');
let initial: Scenario = demo;
if (asked !== null) {
    const shipped = shippedScenario(asked);
    if (shipped) initial = load(shipped.text, shipped.file) ?? demo;
    else pane.loader.showProblems(`?scenario=${asked}`, [`?scenario=${asked}: no shipped scenario of that name; the demo floor is shown`]);
}
show(new PageWorld(initial));

// For the e2e tests, screenshots and anyone poking at the page from devtools.
Object.assign(window, {
    omniPreview: {
        get world() {
            return world;
        },
        get console() {
            return mounted;
        },
        utility,
        teamUtility
    }
});
