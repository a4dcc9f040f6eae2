/**
 * The preview page: a console-like shell with the kit's real components, driven by the
 * simulator. The utility bar is built from the project's own UtilityBar flexipage
 * (platform/console: items, order, labels, icons, sizes, "Start automatically", the
 * background region, design attributes), so the page starts what a deploy starts, when it
 * starts it. The rep's console (consoleMount.ts) plays one agent of a SimEngine world
 * (world.ts) into those components; the control pane (controlPane.ts) shows everyone else
 * and plays routing, the clock, faults and a supervisor. Synthetic shadow first (as on the
 * platform), so SLDS's global classes style our templates.
 *
 * URL parameters: ?scenario=<name> loads a shipped scenario (scenarios/<name>.yaml)
 * instead of the built-in demo floor; ?apexLatency=<ms> delays fake Apex answers
 * (default 150, as a round trip).
 */
import '@lwc/synthetic-shadow';
import { setApexLatency } from '../fakes/apexMethod';
import type { Scenario } from '../scenario/scenario';
import { flexipage as shippedFlexipage } from 'omni-sim:console';
import { exampleLwcs } from 'omni-sim:examples';
import { FlexipageError, readUtilityBarFlexipage } from '../../platform/console/flexipage';
import type { UtilityItemSpec } from '../../platform/console/types';
import { registerUtilityLwc } from './components';
import { mountConsole, type MountedConsole } from './consoleMount';
import { createControlPane } from './controlPane';
import { DEMO_SCENARIO_FILE, DEMO_SCENARIO_TEXT } from './demoScenario';
import { createRecordArea } from './recordArea';
import { parseScenario, shippedScenario } from './scenarioLoader';
import { showToasts } from './shell';
import { createUtilityBarView } from './utilityBarView';
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
// The examples (examples/*/lwc, bundled in development builds): a flexipage may place them.
for (const [componentName, ctor] of Object.entries(exampleLwcs)) registerUtilityLwc(componentName, ctor);
showToasts(byId('toasts'));
const utilityBarView = createUtilityBarView(byId('utility-bar'), byId('utility-panels'));

/** The utility bar's items and the file they came from. */
interface LoadedFlexipage {
    file: string;
    items: readonly UtilityItemSpec[];
}

/** Shows why a flexipage could not be used (or clears it); the page keeps the bar it had. */
function showFlexipageProblem(file: string, problem: string | null): void {
    const box = byId('flexipage-problem');
    box.hidden = problem === null;
    box.replaceChildren();
    if (problem === null) return;
    const alert = document.createElement('div');
    alert.className = 'slds-notify slds-notify_alert slds-alert_error flexipage-problem';
    alert.setAttribute('role', 'alert');
    alert.dataset.id = 'flexipage-problem';
    alert.textContent = `${file}: ${problem}`;
    box.append(alert);
}

function readFlexipage(text: string, file: string): LoadedFlexipage | FlexipageError {
    try {
        return { file, items: readUtilityBarFlexipage(text) };
    } catch (error) {
        if (error instanceof FlexipageError) return error;
        throw error;
    }
}

const deployed = readFlexipage(shippedFlexipage.text, shippedFlexipage.file);
let flexipage: LoadedFlexipage = deployed instanceof FlexipageError ? { file: shippedFlexipage.file, items: [] } : deployed;
if (deployed instanceof FlexipageError) showFlexipageProblem(shippedFlexipage.file, deployed.message);

let world: PageWorld | null = null;
let mounted: MountedConsole | null = null;
let stopListening: () => void = () => undefined;

const pane = createControlPane({
    world: () => world!,
    loadScenario: (scenario) => show(new PageWorld(scenario)),
    flexipage: () => flexipage,
    loadFlexipage: (text, file) => loadFlexipage(text, file)
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
    // The rep keeps the utility they had open (a scenario loaded from the pane reloads the console under it).
    const wasOpen = mounted?.utilityBar.utilities.find((u) => u.open)?.spec.identifier;
    mounted?.dispose();
    world = next;
    mounted = mountConsole(next, { items: flexipage.items, view: utilityBarView });
    const reopen = wasOpen ? mounted.utilityBar.byIdentifier(wasOpen) : undefined;
    if (reopen) mounted.utilityBar.open(reopen.id);
    byId('scenario-title').textContent = next.scenario.name;
    const render = () => {
        pane.render();
        recordArea.render(next);
    };
    stopListening = next.onChange(render);
    render();
    next.playDueSteps();
}

/**
 * Rebuilds the console from another UtilityBar flexipage (a variant to try), replaying the
 * current scenario from its start so the new bar sees everything from the first second.
 * A flexipage that cannot be read is refused with its problem; the page keeps its bar.
 */
function loadFlexipage(text: string, file = 'flexipage'): { ok: true } | { ok: false; problem: string } {
    const next = readFlexipage(text, file);
    if (next instanceof FlexipageError) {
        showFlexipageProblem(file, next.message);
        return { ok: false, problem: next.message };
    }
    showFlexipageProblem(file, null);
    flexipage = next;
    mounted?.dispose();
    mounted = null;
    show(new PageWorld(world!.scenario));
    return { ok: true };
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
        get utilityBar() {
            return mounted?.utilityBar ?? null;
        },
        get flexipage() {
            return flexipage;
        },
        loadFlexipage
    }
});
