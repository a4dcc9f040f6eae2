/**
 * The simulator's demo org (sim/scenario/defaultOrg.ts) routes as the deployed demo metadata
 * (demo/main/default) does, so `npm start` rehearses what a deploy gives: every
 * routing-relevant field of each deployed channel, presence status, presence configuration,
 * routing configuration and queue is read from its -meta.xml and compared with its simulated
 * twin. A deployed item without a twin fails too, so the two cannot drift apart again.
 *
 * Field meanings and defaults: Metadata API Developer Guide, ServiceChannel
 * (https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_servicechannel.htm),
 * PresenceUserConfig (.../meta_presenceuserconfig.htm), QueueRoutingConfig
 * (.../meta_queueroutingconfig.htm), ServicePresenceStatus (.../meta_servicepresencestatus.htm):
 * pushTimeout and dropAdditionalSkillsTimeout are seconds; isInterruptible defaults to false;
 * a presence status with no channels is away; interruptibleCapacity "defaults to the value
 * in the capacity field" when empty and exists only with the Interruptible Capacity feature.
 *
 * Scope: the folders in TWINS. The routing flow, its skills and WorkSkillRouting are compared by
 * routingFlowMatchesSkills.test.ts (DEMO_CASE_ROUTING). Not compared, having no twin in the engine:
 * settings/OmniChannel (the engine always routes by skills when a work names skills) and
 * omniSupervisorConfigs (who a supervisor sees is not modelled by the engine).
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { XMLParser } from 'fast-xml-parser';
import type { SimSetup } from '../../engine/engine';
import type { CapacityModel, CapacityType, RoutingModel } from '../../engine/model';
import { isInterruptibleWork } from '../../engine/engine';
import { DEFAULT_ORG } from '../defaultOrg';

type Org = Omit<SimSetup, 'agents'>;
type Xml = Record<string, unknown>;

const FORCE_APP = join(__dirname, '../../../demo/main/default');

/** Deployed developer name -> the simulated twin's developer name (queues: name). */
const TWINS = {
    serviceChannels: { Omni_Kit_Cases: 'Cases' },
    servicePresenceStatuses: { Omni_Kit_Available: 'Available', Omni_Kit_Break: 'Break' },
    presenceUserConfigs: { Omni_Kit_Agents: 'Standard' },
    queueRoutingConfigs: { Omni_Kit_Cases: 'Most_Available', Omni_Kit_External: 'External' },
    queues: { Omni_Kit_Cases: 'Cases', Omni_Kit_External: 'External' }
} as const;
type Folder = keyof typeof TWINS;

const ROUTING_MODEL: Record<string, RoutingModel> = {
    MOST_AVAILABLE: 'MostAvailable',
    LEAST_ACTIVE: 'LeastActive',
    EXTERNAL_ROUTING: 'ExternalRouting'
};
const CAPACITY_MODEL: Record<string, CapacityModel> = { TAB_BASED: 'TabBased', STATUS_BASED: 'StatusBased' };
const CAPACITY_TYPE: Record<string, CapacityType> = {
    INHERITED: 'Inherited',
    INTERRUPTIBLE: 'Interruptible',
    NOT_INTERRUPTIBLE: 'Primary'
};

const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    isArray: (name) => ['channel', 'declineReasons'].includes(name)
});

/** Every -meta.xml of a folder: developer name -> its root element's fields (text values). */
function readFolder(folder: Folder): Map<string, Xml> {
    const files = new Map<string, Xml>();
    for (const file of readdirSync(join(FORCE_APP, folder)).filter((f) => f.endsWith('-meta.xml'))) {
        const doc = parser.parse(readFileSync(join(FORCE_APP, folder, file), 'utf8')) as Xml;
        const root = Object.keys(doc).find((k) => k !== '?xml')!;
        files.set(file.split('.')[0], doc[root] as Xml);
    }
    return files;
}

interface Metadata {
    files: Record<Folder, Map<string, Xml>>;
}

function readMetadata(): Metadata {
    const files = {} as Record<Folder, Map<string, Xml>>;
    for (const folder of Object.keys(TWINS) as Folder[]) files[folder] = readFolder(folder);
    return { files };
}

const text = (x: Xml, field: string): string | undefined => (x[field] === undefined ? undefined : String(x[field]));
const num = (x: Xml, field: string): number | undefined => (x[field] === undefined ? undefined : Number(x[field]));
const bool = (x: Xml, field: string): boolean => x[field] === 'true';

/** What differs between the simulated org and the deployed metadata; [] when they route alike. */
function differences(org: Org, metadata: Metadata): string[] {
    const found: string[] = [];
    const same = (where: string, field: string, deployed: unknown, simulated: unknown) => {
        if (JSON.stringify(deployed) !== JSON.stringify(simulated))
            found.push(`${where}: ${field} is ${JSON.stringify(deployed)} in demo, ${JSON.stringify(simulated)} in the simulator`);
    };
    const twin = <T>(folder: Folder, name: string, list: T[], key: (t: T) => string): T | undefined => {
        const twinName = (TWINS[folder] as Record<string, string>)[name];
        const found_ = twinName === undefined ? undefined : list.find((t) => key(t) === twinName);
        if (!found_) found.push(`${folder}/${name}: no simulated twin (add one to defaultOrg.ts and to TWINS)`);
        return found_;
    };
    const statusName = (id: string | null) => (id === null ? null : (org.statuses.find((s) => s.id === id)?.developerName ?? id));
    const deployedStatus = (name: string | undefined) =>
        name === undefined ? null : ((TWINS.servicePresenceStatuses as Record<string, string>)[name] ?? `(no twin for ${name})`);
    const channelTwin = (name: string) => (TWINS.serviceChannels as Record<string, string>)[name] ?? `(no twin for ${name})`;

    for (const [name, x] of metadata.files.serviceChannels) {
        const c = twin('serviceChannels', name, org.channels, (each) => each.developerName);
        if (!c) continue;
        const where = `serviceChannels/${name} vs channel ${c.developerName}`;
        same(where, 'relatedEntityType', text(x, 'relatedEntityType'), c.relatedEntity);
        same(where, 'isInterruptible', bool(x, 'isInterruptible'), c.isInterruptible);
        // Stated in demo, so an org's default never decides it.
        const model = text(x, 'capacityModel');
        if (model === undefined) found.push(`${where}: demo names no capacityModel (the org's default would decide)`);
        else same(where, 'capacityModel', CAPACITY_MODEL[model] ?? model, c.capacityModel ?? 'StatusBased');
    }

    for (const [name, x] of metadata.files.servicePresenceStatuses) {
        const s = twin('servicePresenceStatuses', name, org.statuses, (each) => each.developerName);
        if (!s) continue;
        const where = `servicePresenceStatuses/${name} vs status ${s.developerName}`;
        const channels = ((x.channels as Xml | undefined)?.channel as string[] | undefined) ?? [];
        const simulatedChannels = s.channelIds.map((id) => org.channels.find((c) => c.id === id)?.developerName);
        // Away in both, or online for every deployed channel (the simulator adds channels demo lacks: voice, messaging, chat).
        same(where, 'away (no channels)', channels.length === 0, s.channelIds.length === 0);
        for (const ch of channels)
            if (!simulatedChannels.includes(channelTwin(ch)))
                found.push(`${where}: takes ${ch} in demo, not ${channelTwin(ch)} in the simulator`);
    }

    for (const [name, x] of metadata.files.presenceUserConfigs) {
        const c = twin('presenceUserConfigs', name, org.configs, (each) => each.developerName);
        if (!c) continue;
        const where = `presenceUserConfigs/${name} vs configuration ${c.developerName}`;
        same(where, 'capacity', num(x, 'capacity'), c.capacity);
        // Only with the Interruptible Capacity feature; compared when demo sets it (the deployed
        // channels and routing configurations route no interruptible work: checked below).
        if (x.interruptibleCapacity !== undefined)
            same(where, 'interruptibleCapacity', num(x, 'interruptibleCapacity'), c.interruptibleCapacity);
        same(where, 'enableDecline', bool(x, 'enableDecline'), c.declineAllowed);
        same(where, 'enableDeclineReason', bool(x, 'enableDeclineReason'), c.declineReasonsEnabled);
        same(where, 'enableAutoAccept', bool(x, 'enableAutoAccept'), c.autoAccept ?? false);
        same(where, 'afterConvoWorkMaxTime (s)', num(x, 'afterConvoWorkMaxTime') ?? 0, (c.afterConversationWorkMs ?? 0) / 1000);
        same(where, 'presenceStatusOnDecline', deployedStatus(text(x, 'presenceStatusOnDecline')), statusName(c.statusOnDeclineId));
        same(
            where,
            'presenceStatusOnPushTimeout',
            deployedStatus(text(x, 'presenceStatusOnPushTimeout')),
            statusName(c.statusOnPushTimeoutId)
        );
    }

    for (const [name, x] of metadata.files.queueRoutingConfigs) {
        const r = twin('queueRoutingConfigs', name, org.routingConfigs, (each) => each.developerName);
        if (!r) continue;
        const where = `queueRoutingConfigs/${name} vs routing configuration ${r.developerName}`;
        same(where, 'routingModel', ROUTING_MODEL[text(x, 'routingModel') ?? ''] ?? text(x, 'routingModel'), r.routingModel);
        same(where, 'routingPriority', num(x, 'routingPriority'), r.routingPriority);
        same(where, 'pushTimeout (s)', num(x, 'pushTimeout') ?? 0, r.pushTimeoutMs / 1000);
        same(where, 'capacityWeight', num(x, 'capacityWeight') ?? null, r.capacityWeight);
        same(where, 'capacityPercentage', num(x, 'capacityPercentage') ?? null, r.capacityPercentage);
        same(where, 'capacityType', CAPACITY_TYPE[text(x, 'capacityType') ?? 'INHERITED'], r.capacityType ?? 'Inherited');
        same(
            where,
            'dropAdditionalSkillsTimeout (s)',
            num(x, 'dropAdditionalSkillsTimeout') ?? null,
            r.dropAdditionalSkillsTimeoutMs == null ? null : r.dropAdditionalSkillsTimeoutMs / 1000
        );
    }

    for (const [name, x] of metadata.files.queues) {
        const q = twin('queues', name, org.queues, (each) => each.name);
        if (!q) continue;
        const where = `queues/${name} vs queue ${q.name}`;
        const deployedConfig = text(x, 'queueRoutingConfig');
        const simulatedConfig = org.routingConfigs.find((r) => r.id === q.routingConfigId)?.developerName;
        same(
            where,
            'queueRoutingConfig',
            deployedConfig === undefined ? null : ((TWINS.queueRoutingConfigs as Record<string, string>)[deployedConfig] ?? deployedConfig),
            simulatedConfig ?? null
        );
        // Work routed through this queue on the deployed channel is primary in both (no interruptible capacity in play).
        const channel = org.channels.find((c) => c.developerName === 'Cases');
        const config = org.routingConfigs.find((r) => r.id === q.routingConfigId);
        if (channel && config && isInterruptibleWork(channel, config))
            found.push(`${where}: its cases are interruptible in the simulator; demo routes them as primary work`);
    }
    return found;
}

describe('the demo org matches the deployed demo metadata (demo/main/default)', () => {
    const metadata = readMetadata();

    it('reads every deployed Omni item', () => {
        for (const folder of Object.keys(TWINS) as Folder[])
            expect([...metadata.files[folder].keys()].sort()).toEqual(Object.keys(TWINS[folder]).sort());
    });

    it('on every routing-relevant field: priority, weight, push time-out, model, capacity, decline, status on push time-out, capacity model, interruptible', () => {
        expect(differences(DEFAULT_ORG, metadata)).toEqual([]);
    });

    it('bites: each field that drifts is named, with both values', () => {
        const drifted: Org = {
            ...DEFAULT_ORG,
            channels: DEFAULT_ORG.channels.map((c) => (c.developerName === 'Cases' ? { ...c, capacityModel: 'StatusBased' as const } : c)),
            configs: DEFAULT_ORG.configs.map((c) =>
                c.developerName === 'Standard' ? { ...c, statusOnPushTimeoutId: null, declineReasonsEnabled: false } : c
            ),
            routingConfigs: DEFAULT_ORG.routingConfigs.map((r) =>
                r.developerName === 'Most_Available'
                    ? { ...r, routingPriority: 2, pushTimeoutMs: 20_000, capacityType: 'Interruptible' as const }
                    : r
            )
        };
        expect(differences(drifted, metadata)).toEqual([
            'serviceChannels/Omni_Kit_Cases vs channel Cases: capacityModel is "TabBased" in demo, "StatusBased" in the simulator',
            'presenceUserConfigs/Omni_Kit_Agents vs configuration Standard: enableDeclineReason is true in demo, false in the simulator',
            'presenceUserConfigs/Omni_Kit_Agents vs configuration Standard: presenceStatusOnPushTimeout is "Break" in demo, null in the simulator',
            'queueRoutingConfigs/Omni_Kit_Cases vs routing configuration Most_Available: routingPriority is 1 in demo, 2 in the simulator',
            'queueRoutingConfigs/Omni_Kit_Cases vs routing configuration Most_Available: pushTimeout (s) is 30 in demo, 20 in the simulator',
            'queueRoutingConfigs/Omni_Kit_Cases vs routing configuration Most_Available: capacityType is "Inherited" in demo, "Interruptible" in the simulator',
            'queues/Omni_Kit_Cases vs queue Cases: its cases are interruptible in the simulator; demo routes them as primary work'
        ]);
    });

    it('bites on a deployed item without a twin, and on a capacity model left to the org', () => {
        const extra: Metadata = {
            files: {
                ...metadata.files,
                serviceChannels: new Map([...metadata.files.serviceChannels].map(([k, v]) => [k, { ...v, capacityModel: undefined }]))
            }
        };
        extra.files.queues = new Map([...metadata.files.queues, ['Omni_Kit_Vip', { queueRoutingConfig: 'Omni_Kit_Cases' }]]);
        expect(differences(DEFAULT_ORG, extra)).toEqual([
            "serviceChannels/Omni_Kit_Cases vs channel Cases: demo names no capacityModel (the org's default would decide)",
            'queues/Omni_Kit_Vip: no simulated twin (add one to defaultOrg.ts and to TWINS)'
        ]);
    });
});
