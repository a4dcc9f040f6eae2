/**
 * The rep's console on the page: the real omniBridgeCore (hidden, as the Aura utility item
 * hosts it) fed by the simulator's agent console for the rep (createAgentConsole: engine
 * events as raw lightning:omniChannel* params, toolkit calls answered by the engine), and
 * the real omniWorkloadPanel in the utility panel. The fake Apex answers from the same
 * engine (statuses, the rep's presence configuration, work item titles).
 *
 * A new scenario gets a new console (dispose, then mount): bridge and panel start clean,
 * as after a console reload, rather than carrying the previous org's works.
 */
import { createElement } from 'lwc';
import OmniBridgeCore from 'c/omniBridgeCore';
import OmniWorkloadPanel from 'c/omniWorkloadPanel';
import { createAgentConsole, type RawParams } from '../console/agentConsole';
import { PRESENCE_CONFIG } from '../fakes/demoData';
import { useOrgSource, type OrgSource } from '../fakes/orgSource';
import type { BridgeElement, PanelElement } from './preview';
import type { PageWorld } from './world';

export interface MountedConsole {
    bridge: BridgeElement;
    panel: PanelElement;
    /** Every raw event sent to the bridge, in order (for tests). */
    events: Array<{ eventName: string; params: RawParams }>;
    /** Every toolkit call the bridge made, in order (for tests). */
    toolkitCalls: Array<{ method: string; args: Record<string, string> | undefined }>;
    dispose(): void;
}

/** The bridge keeps work times in sessionStorage by work id; a new engine reuses ids. */
const WORK_TIMES_PREFIX = 'omniConsoleKit.workTimes.';

function forgetWorkTimes(): void {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(WORK_TIMES_PREFIX)) sessionStorage.removeItem(key);
}

/** What OmniPanelController answers for this world's rep. */
export function worldOrgSource(world: PageWorld): OrgSource {
    const engine = world.engine;
    return {
        statuses: () =>
            engine
                .statusesFor()
                .map((s) => ({ statusId: s.id, label: s.label, developerName: s.developerName, isOnline: s.channelIds.length > 0 })),
        presenceConfig: () => {
            const config = engine.configOf(world.repId);
            // The engine has no decline reasons: the org's PresenceDeclineReason records (force-app metadata).
            return {
                configName: config.developerName,
                capacity: config.capacity,
                declineAllowed: config.declineAllowed,
                reasonsEnabled: config.declineReasonsEnabled,
                reasons: config.declineReasonsEnabled ? PRESENCE_CONFIG.reasons : []
            };
        },
        record: (workItemId15) => {
            const item = engine.getWorkItem(workItemId15);
            return item ? { title: item.title, subtitle: item.subtitle } : null;
        }
    };
}

export function mountConsole(world: PageWorld, hosts: { bridgeHost: HTMLElement; panelHost: HTMLElement }): MountedConsole {
    forgetWorkTimes();
    useOrgSource(worldOrgSource(world));
    const bridge = createElement('c-omni-bridge-core', { is: OmniBridgeCore }) as unknown as BridgeElement;
    const events: MountedConsole['events'] = [];
    const toolkitCalls: MountedConsole['toolkitCalls'] = [];
    const agentConsole = createAgentConsole(world.engine, world.repId, (eventName, params) => {
        events.push({ eventName, params });
        // What the Aura bridge's helper.forward() does with each lightning:omniChannel* event.
        bridge.handleOmniEvent(eventName, params);
    });
    bridge.toolkit = (method, args) => {
        toolkitCalls.push({ method, args });
        return agentConsole.invoke(method, args);
    };
    hosts.bridgeHost.appendChild(bridge);
    const panel = createElement('c-omni-workload-panel', { is: OmniWorkloadPanel }) as unknown as PanelElement;
    hosts.panelHost.appendChild(panel);
    return {
        bridge,
        panel,
        events,
        toolkitCalls,
        dispose() {
            agentConsole.dispose();
            panel.remove();
            bridge.remove();
        }
    };
}
