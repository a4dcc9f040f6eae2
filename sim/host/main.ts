/**
 * The preview page: a console-like shell with the kit's real LWC components. Synthetic
 * shadow first (as on the platform), so SLDS's global classes style our templates.
 *
 * At load the rep is Available with one Case in progress: the toolkit seeds the bridge with
 * no work, then routing assigns a Case and the rep's toolkit accepts it, through the same
 * raw events as later (so the panel knows when it was assigned and accepted).
 *
 * URL parameters: ?works=<n> works in progress at load (default 1), ?seeded=<n> works the
 * toolkit already has when the bridge starts (times unknown, as after a console reload;
 * default 0), ?apexLatency=<ms> (default 150), ?eventDelay=<ms> between a toolkit answer and
 * Omni's events (default 50).
 */
import '@lwc/synthetic-shadow';
import { setApexLatency } from '../fakes/apexMethod';
import { mountPreview } from './preview';
import { bindUtility, icon, showToasts } from './shell';

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
const utility = bindUtility(byId('utility-omni'), byId('utility-panel-omni'), byId('utility-omni-label'));
const preview = mountPreview({
    bridgeHost: byId('bridge-host'),
    panelHost: byId('utility-panel-omni-body'),
    initialWorks: numberParam('seeded', 0),
    eventDelayMs: numberParam('eventDelay', 50)
});
const { sim } = preview;
for (let i = 0; i < numberParam('works', 1); i++) {
    const work = sim.assignNewCase();
    void sim.invoke('acceptAgentWork', { workId: work.workId });
}

const log = byId('sim-log');
function note(text: string): void {
    log.textContent = text;
}

const actions: Record<string, () => void> = {
    assign: () => {
        const work = sim.assignNewCase();
        note(`omniChannelWorkAssigned: work ${work.workId}, Case ${work.workItemId}`);
    },
    flag: () => {
        const work = sim.supervisorFlag();
        note(work ? `omniChannelWorkFlagUpdated: supervisor flag on ${work.workId}` : 'No accepted work to flag');
    },
    'connection-error': () => {
        sim.connectionError();
        note('omniChannelConnectionError');
    },
    reconnect: () => {
        sim.reconnect();
        note(sim.loggedIn ? 'Reconnected: omniChannelLoginSuccess' : 'Reconnected (logged out: no event)');
    }
};
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-sim]')) {
    button.addEventListener('click', () => actions[button.dataset.sim!]?.());
}

// For the e2e tests, screenshots and anyone poking at the page from devtools.
Object.assign(window, { omniPreview: { ...preview, utility } });
