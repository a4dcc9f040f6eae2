/**
 * The supervisor's view on the page: the real c-omni-team-panel in a second utility item,
 * its Apex (OmniTeamController) answered by sim/fakes/apex/OmniTeamController.ts from the
 * same engine the rep's console plays. A new scenario gets a new team panel, as the rep
 * gets a new console.
 */
import { createElement } from 'lwc';
import OmniTeamPanel from 'c/omniTeamPanel';
import { useTeamWorld } from '../fakes/apex/OmniTeamController';
import type { PageWorld } from './world';

interface TeamPanelElement extends HTMLElement {
    refreshInterval: number;
}

export interface MountedTeam {
    dispose(): void;
}

/** Polls every 5 s (the panel's minimum), so the page shows routing as it happens. */
const REFRESH_SECONDS = 5;

export function mountTeam(world: PageWorld, host: HTMLElement): MountedTeam {
    // Before the panel mounts: its first Apex call needs the world.
    useTeamWorld({ engine: world.engine, queues: world.org.queues, queueIdsOf: (userId) => world.engine.queuesOf(userId) });
    const panel = createElement('c-omni-team-panel', { is: OmniTeamPanel }) as unknown as TeamPanelElement;
    panel.refreshInterval = REFRESH_SECONDS;
    host.append(panel);
    return {
        dispose() {
            panel.remove(); // disconnectedCallback stops its polling
            useTeamWorld(null);
        }
    };
}
