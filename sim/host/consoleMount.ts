/**
 * The rep's console on the page, as a deploy of the project's utility bar flexipage gives it:
 * the utility bar (platform/console) built from the flexipage's items, each item's component
 * created by the simulator's factory (components.ts) when the platform would create it, and
 * the simulator's agent console for the rep (createAgentConsole) playing Omni-Channel:
 * its raw lightning:omniChannel* events go to every component that exists as Aura
 * application events, its `invoke` answers the toolkit calls of lightning:omniToolkitAPI.
 * The fake Apex answers from the same engine (statuses, the rep's presence configuration,
 * work item titles; the supervisor's OmniTeamController).
 *
 * A new scenario gets a new console (dispose, then mount): every component starts clean, as
 * after a console reload, rather than carrying the previous org's works.
 */
import { auraBundles, labels, retiredBundles } from 'omni-sim:console';
import OmniBridgeCore from 'c/omniBridgeCore';
import OmniWorkloadPanel from 'c/omniWorkloadPanel';
import OmniTeamPanel from 'c/omniTeamPanel';
import OmniKitStatus from 'c/omniKitStatus';
import { createAuraComponentFactory } from '../../platform/aura/index';
import { createConsoleUtilityBar, type ConsoleUtilityBar } from '../../platform/console/utilityBar';
import type { UtilityComponentFactory, UtilityItemSpec } from '../../platform/console/types';
import { createAgentConsole, type RawParams, type ToolkitInvoker } from '../console/agentConsole';
import { useTeamWorld } from '../fakes/apex/OmniTeamController';
import { PRESENCE_CONFIG } from '../fakes/demoData';
import { useOrgSource, type OrgSource } from '../fakes/orgSource';
import { workRoutingOf } from '../fakes/apex/workRouting';
import { createSimComponentFactory } from './components';
import type { UtilityBarView } from './utilityBarView';
import type { PageWorld } from './world';

export interface MountedConsole {
    utilityBar: ConsoleUtilityBar;
    /** Every raw event the console delivered, in order (for tests). */
    events: Array<{ eventName: string; params: RawParams }>;
    /** Every toolkit call a component made, in order (for tests). */
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
            // The engine has no decline reasons: the org's PresenceDeclineReason records (demo/ metadata).
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
        },
        workRouting: (agentWorkId15) => workRoutingOf(engine, world.org, world.repId, agentWorkId15)
    };
}

/** The LWCs the kit's Aura bundles nest (c:omniBridgeCore in c:omniBridgeHost...), by descriptor. */
const AURA_CHILD_LWCS: Record<string, unknown> = {
    'c:omniBridgeCore': OmniBridgeCore,
    'c:omniWorkloadPanel': OmniWorkloadPanel,
    'c:omniTeamPanel': OmniTeamPanel,
    'c:omniKitStatus': OmniKitStatus
};

/** The kit's bundles, and the retired ones an org may still hold (a deployed bundle wins). */
const BUNDLES = { ...retiredBundles, ...auraBundles };

/**
 * Aura bundles run in platform/aura's runtime: their real markup, controller and helper, with
 * lightning:omniToolkitAPI answered by the simulator's agent console.
 */
function auraFactory(omniToolkit: ToolkitInvoker): UtilityComponentFactory {
    return createAuraComponentFactory({
        omniToolkit: (method, args) => omniToolkit(method, args as Record<string, string> | undefined),
        lwc: AURA_CHILD_LWCS,
        bundles: { ...BUNDLES },
        labels,
        // What @salesforce/messageChannel/OmniConsoleKit__c is in this build (sim/build/orgModules.mjs).
        messageChannels: { OmniConsoleKit__c: 'OmniConsoleKit__c' }
    });
}

export function mountConsole(world: PageWorld, options: { items: readonly UtilityItemSpec[]; view: UtilityBarView }): MountedConsole {
    forgetWorkTimes();
    useOrgSource(worldOrgSource(world));
    // Before any team panel mounts: its first Apex call needs the world.
    useTeamWorld({ engine: world.engine, queues: world.org.queues, queueIdsOf: (userId) => world.engine.queuesOf(userId) });
    const events: MountedConsole['events'] = [];
    const toolkitCalls: MountedConsole['toolkitCalls'] = [];
    let bar: ConsoleUtilityBar | null = null;
    const agentConsole = createAgentConsole(world.engine, world.repId, (eventName, params) => {
        events.push({ eventName, params });
        // Omni-Channel fires lightning:omniChannel* as Aura application events: every component that exists hears them.
        bar?.fireApplicationEvent(`lightning:${eventName}`, params);
    });
    const omniToolkit: ToolkitInvoker = (method, args) => {
        toolkitCalls.push({ method, args });
        return agentConsole.invoke(method, args);
    };
    const factory = createSimComponentFactory({ world, auraBundles: Object.keys(BUNDLES), aura: auraFactory(omniToolkit) });
    bar = createConsoleUtilityBar(options.items, factory, options.view.hosts);
    options.view.show(bar);
    const utilityBar = bar;
    return {
        utilityBar,
        events,
        toolkitCalls,
        dispose() {
            agentConsole.dispose();
            utilityBar.destroy();
            useTeamWorld(null);
        }
    };
}
