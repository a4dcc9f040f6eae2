/**
 * Mounts the real omniBridgeCore (hidden, as the Aura utility item hosts it) with the
 * small scripted toolkit (sim/fakes/toolkit.ts) and the real omniWorkloadPanel. The
 * benchmark page (benchPage.ts) uses it: it needs raw events at full speed with nothing
 * else on the page. The preview page plays the simulator engine instead (consoleMount.ts).
 */
import { createElement } from 'lwc';
import OmniBridgeCore from 'c/omniBridgeCore';
import OmniWorkloadPanel from 'c/omniWorkloadPanel';
import { createOmniSim, type OmniSim, type RawParams } from '../fakes/toolkit';
import { serveToolkitCalls } from '../../platform/aura/serveToolkitCalls';

/** omniBridgeCore's @api surface, as the Aura bridge uses it. */
export interface BridgeElement extends HTMLElement {
    toolkit: ((method: string, args?: Record<string, string>) => Promise<unknown>) | null;
    handleOmniEvent(eventName: string, params: unknown): void;
}

export interface PanelElement extends HTMLElement {
    showPresence: boolean;
    showCapacity: boolean;
    showWorks: boolean;
    compactMode: boolean;
}

export interface Preview {
    sim: OmniSim;
    bridge: BridgeElement;
    panel: PanelElement;
    /** Every raw event sent to the bridge, in order (for tests). */
    events: Array<{ eventName: string; params: RawParams }>;
}

export function mountPreview({
    bridgeHost,
    panelHost,
    initialWorks = 1,
    eventDelayMs = 0,
    capacity,
    recordEvents = true
}: {
    bridgeHost: HTMLElement;
    panelHost: HTMLElement;
    initialWorks?: number;
    eventDelayMs?: number;
    capacity?: number;
    recordEvents?: boolean;
}): Preview {
    const bridge = createElement('c-omni-bridge-core', { is: OmniBridgeCore }) as unknown as BridgeElement;
    const events: Preview['events'] = [];
    const sim = createOmniSim({
        initialWorks,
        eventDelayMs,
        capacity,
        emit: (eventName, params) => {
            if (recordEvents) events.push({ eventName, params });
            // What the Aura bridge's helper.forward() does with each lightning:omniChannel* event.
            bridge.handleOmniEvent(eventName, params);
        }
    });
    // What c:omniBridgeHost does: answers the core's toolkitcall events (data only, no function handed over).
    serveToolkitCalls(bridge, sim.invoke);
    bridgeHost.appendChild(bridge);

    const panel = createElement('c-omni-workload-panel', { is: OmniWorkloadPanel }) as unknown as PanelElement;
    panelHost.appendChild(panel);
    return { sim, bridge, panel, events };
}
