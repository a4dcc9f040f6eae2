/**
 * The org settings a scenario chooses, on top of the demo org: presence configurations
 * (capacity, interruptible capacity, decline, decline reasons, auto-accept, after
 * conversation work, statuses after a decline or push time-out), service channels (capacity
 * model, interruptible) and routing configurations (capacity type). These are the settings
 * orgs choose that change where work goes (docs/scenarios.md, "Routing settings").
 *
 *   presenceConfigs:
 *     - { name: Auto_Accept, capacity: 3, declineAllowed: false, autoAccept: true }
 *   channels:
 *     Chat: { capacityModel: TabBased }
 *   routingConfigs:
 *     Most_Available: { capacityType: Interruptible }
 *
 * A presence configuration named like one of the org's changes only the fields it sets; a
 * new name adds one. Contradictions Salesforce would not save (auto-accept with decline,
 * interruptible capacity above capacity...) are refused with the field's line, through the
 * engine's own check (presenceConfigurationProblems) so the two never disagree.
 */
import { presenceConfigurationProblems, type SimSetup } from '../engine/engine';
import type { CapacityModel, CapacityType, PresenceConfiguration } from '../engine/model';

type Org = Omit<SimSetup, 'agents'>;
type Path = Array<string | number>;

export interface PresenceConfigSetting {
    name: string;
    capacity?: number;
    interruptibleCapacity?: number;
    declineAllowed?: boolean;
    declineReasons?: boolean;
    autoAccept?: boolean;
    afterConversationWorkMs?: number;
    /** Status developer name, or null for "unchanged". */
    statusOnDecline?: string | null;
    statusOnPushTimeout?: string | null;
}

export interface ChannelSetting {
    name: string;
    capacityModel?: CapacityModel;
    interruptible?: boolean;
}

export interface RoutingConfigSetting {
    name: string;
    capacityType?: CapacityType;
    /** DropAdditionalSkillsTimeout; null = never. */
    dropAdditionalSkillsTimeoutMs?: number | null;
}

export interface ScenarioSettings {
    presenceConfigs: PresenceConfigSetting[];
    channels: ChannelSetting[];
    routingConfigs: RoutingConfigSetting[];
}

export const NO_SETTINGS: ScenarioSettings = { presenceConfigs: [], channels: [], routingConfigs: [] };

/** What the loader knows of the org: names, and the presence configurations' values (to check overrides). */
export interface KnownOrg {
    channels: string[];
    statuses: string[];
    queues: string[];
    configs: string[];
    routingConfigs: string[];
    configValues?: PresenceConfiguration[];
}

const CONFIG_KEYS = [
    'name',
    'capacity',
    'interruptibleCapacity',
    'declineAllowed',
    'declineReasons',
    'autoAccept',
    'afterConversationWork',
    'statusOnDecline',
    'statusOnPushTimeout'
];
/** Engine field -> scenario key, to put a contradiction on the line that set it. */
const KEY_OF: Partial<Record<keyof PresenceConfiguration, string>> = {
    capacity: 'capacity',
    interruptibleCapacity: 'interruptibleCapacity',
    autoAccept: 'autoAccept',
    declineAllowed: 'declineAllowed',
    declineReasonsEnabled: 'declineReasons',
    afterConversationWorkMs: 'afterConversationWork'
};
const CAPACITY_MODELS: CapacityModel[] = ['StatusBased', 'TabBased'];
const CAPACITY_TYPES: CapacityType[] = ['Inherited', 'Primary', 'Interruptible'];

/** A configuration a new name starts from: decline on (off with auto-accept), nothing else. */
function blankConfig(name: string, autoAccept: boolean): PresenceConfiguration {
    return {
        id: '',
        developerName: name,
        capacity: 5,
        interruptibleCapacity: 0,
        declineAllowed: !autoAccept,
        declineReasonsEnabled: false,
        statusOnDeclineId: null,
        statusOnPushTimeoutId: null,
        autoAccept,
        afterConversationWorkMs: 0
    };
}

function merged(base: PresenceConfiguration, s: PresenceConfigSetting, statusId: (name: string) => string): PresenceConfiguration {
    const next: PresenceConfiguration = { ...base, developerName: s.name };
    if (s.capacity !== undefined) next.capacity = s.capacity;
    if (s.interruptibleCapacity !== undefined) next.interruptibleCapacity = s.interruptibleCapacity;
    if (s.declineAllowed !== undefined) next.declineAllowed = s.declineAllowed;
    if (s.declineReasons !== undefined) next.declineReasonsEnabled = s.declineReasons;
    if (s.autoAccept !== undefined) next.autoAccept = s.autoAccept;
    if (s.afterConversationWorkMs !== undefined) next.afterConversationWorkMs = s.afterConversationWorkMs;
    if (s.statusOnDecline !== undefined) next.statusOnDeclineId = s.statusOnDecline === null ? null : statusId(s.statusOnDecline);
    if (s.statusOnPushTimeout !== undefined)
        next.statusOnPushTimeoutId = s.statusOnPushTimeout === null ? null : statusId(s.statusOnPushTimeout);
    return next;
}

/**
 * Reads the three settings sections of a scenario file, reporting every problem through
 * `fail`; returns the settings and the presence configuration names the agents may use.
 */
export function readSettings(
    data: Record<string, unknown>,
    known: KnownOrg,
    fail: (path: Path, message: string) => void,
    parseDuration: (value: unknown) => number | null
): { settings: ScenarioSettings; configNames: string[] } {
    const settings: ScenarioSettings = { presenceConfigs: [], channels: [], routingConfigs: [] };
    const configNames = [...known.configs];
    const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
    const onlyKeys = (obj: Record<string, unknown>, path: Path, allowed: string[]) => {
        for (const key of Object.keys(obj))
            if (!allowed.includes(key)) fail([...path, key], `unknown field (allowed: ${allowed.join(', ')})`);
    };
    const flag = (obj: Record<string, unknown>, path: Path, key: string): boolean | undefined => {
        if (obj[key] === undefined) return undefined;
        if (typeof obj[key] === 'boolean') return obj[key] as boolean;
        fail([...path, key], `${key} is true or false`);
        return undefined;
    };
    const units = (obj: Record<string, unknown>, path: Path, key: string): number | undefined => {
        const v = obj[key];
        if (v === undefined) return undefined;
        if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
        fail([...path, key], `${key} is a number of units, 0 or more`);
        return undefined;
    };
    const status = (obj: Record<string, unknown>, path: Path, key: string): string | null | undefined => {
        const v = obj[key];
        if (v === undefined || v === null) return v as null | undefined;
        if (typeof v === 'string' && known.statuses.includes(v)) return v;
        fail([...path, key], `unknown presence status ${JSON.stringify(v)} (known: ${known.statuses.join(', ')})`);
        return undefined;
    };

    const configs = data.presenceConfigs;
    if (configs !== undefined && !Array.isArray(configs)) fail(['presenceConfigs'], 'should be a list');
    (Array.isArray(configs) ? configs : []).forEach((entry, i) => {
        const path: Path = ['presenceConfigs', i];
        if (!isObject(entry)) return fail(path, 'should be an object');
        onlyKeys(entry, path, CONFIG_KEYS);
        const name = typeof entry.name === 'string' && entry.name.trim() ? entry.name : null;
        if (name === null) return fail([...path, 'name'], 'is required (the developer name agents use in config)');
        if (settings.presenceConfigs.some((c) => c.name === name))
            fail([...path, 'name'], `two presence configurations are called "${name}"`);
        let acw: number | undefined;
        if (entry.afterConversationWork !== undefined) {
            const ms = parseDuration(entry.afterConversationWork);
            if (ms === null) fail([...path, 'afterConversationWork'], 'afterConversationWork is a time such as 30s, or 0 for none');
            else acw = ms;
        }
        const setting: PresenceConfigSetting = {
            name,
            capacity: units(entry, path, 'capacity'),
            interruptibleCapacity: units(entry, path, 'interruptibleCapacity'),
            declineAllowed: flag(entry, path, 'declineAllowed'),
            declineReasons: flag(entry, path, 'declineReasons'),
            autoAccept: flag(entry, path, 'autoAccept'),
            afterConversationWorkMs: acw,
            statusOnDecline: status(entry, path, 'statusOnDecline'),
            statusOnPushTimeout: status(entry, path, 'statusOnPushTimeout')
        };
        const base =
            known.configValues?.find((c) => c.developerName === name) ??
            (configNames.includes(name) ? null : blankConfig(name, setting.autoAccept === true));
        if (base) {
            // The engine's own rules, pointed at the line that set the contradicting field.
            for (const problem of presenceConfigurationProblems(merged(base, setting, () => 'status')))
                fail(
                    KEY_OF[problem.field] && entry[KEY_OF[problem.field]!] !== undefined ? [...path, KEY_OF[problem.field]!] : path,
                    problem.message
                );
        }
        if (!configNames.includes(name)) configNames.push(name);
        settings.presenceConfigs.push(setting);
    });

    const byName = <T>(
        section: 'channels' | 'routingConfigs',
        names: string[],
        what: string,
        read: (name: string, body: Record<string, unknown>, path: Path) => T
    ) => {
        const value = data[section];
        if (value === undefined) return [];
        if (!isObject(value)) {
            fail([section], `${section} is a map of ${what} developer name to its settings`);
            return [];
        }
        const out: T[] = [];
        for (const [name, body] of Object.entries(value)) {
            const path: Path = [section, name];
            if (!names.includes(name)) fail(path, `unknown ${what} "${name}" (known: ${names.join(', ')})`);
            else if (!isObject(body)) fail(path, 'should be an object');
            else out.push(read(name, body, path));
        }
        return out;
    };
    settings.channels = byName('channels', known.channels, 'service channel', (name, body, path) => {
        onlyKeys(body, path, ['capacityModel', 'interruptible']);
        const model = body.capacityModel;
        if (model !== undefined && !CAPACITY_MODELS.includes(model as CapacityModel))
            fail([...path, 'capacityModel'], `capacityModel is one of ${CAPACITY_MODELS.join(', ')}`);
        return {
            name,
            capacityModel: CAPACITY_MODELS.includes(model as CapacityModel) ? (model as CapacityModel) : undefined,
            interruptible: flag(body, path, 'interruptible')
        };
    });
    settings.routingConfigs = byName('routingConfigs', known.routingConfigs, 'routing configuration', (name, body, path) => {
        onlyKeys(body, path, ['capacityType', 'dropAdditionalSkillsAfter']);
        const type = body.capacityType;
        if (type !== undefined && !CAPACITY_TYPES.includes(type as CapacityType))
            fail([...path, 'capacityType'], `capacityType is one of ${CAPACITY_TYPES.join(', ')}`);
        let drop: number | null | undefined;
        if (body.dropAdditionalSkillsAfter === null) drop = null;
        else if (body.dropAdditionalSkillsAfter !== undefined) {
            const ms = parseDuration(body.dropAdditionalSkillsAfter);
            if (ms === null)
                fail([...path, 'dropAdditionalSkillsAfter'], 'dropAdditionalSkillsAfter is a time such as 30s, or null for never');
            else drop = ms;
        }
        return {
            name,
            capacityType: CAPACITY_TYPES.includes(type as CapacityType) ? (type as CapacityType) : undefined,
            dropAdditionalSkillsTimeoutMs: drop
        };
    });
    return { settings, configNames };
}

/** The org a scenario runs against: the base org with the scenario's settings applied. */
export function orgWithSettings(org: Org, settings: ScenarioSettings): Org {
    if (settings.presenceConfigs.length + settings.channels.length + settings.routingConfigs.length === 0) return org;
    const statusId = (name: string) => org.statuses.find((s) => s.developerName === name)!.id;
    const configs = [...org.configs];
    settings.presenceConfigs.forEach((s, i) => {
        const index = configs.findIndex((c) => c.developerName === s.name);
        if (index >= 0) configs[index] = merged(configs[index], s, statusId);
        else
            configs.push({
                ...merged(blankConfig(s.name, s.autoAccept === true), s, statusId),
                id: `0NdSC${String(i + 1).padStart(10, '0')}`
            });
    });
    const channels = org.channels.map((c) => {
        const s = settings.channels.find((x) => x.name === c.developerName);
        if (!s) return c;
        return {
            ...c,
            ...(s.capacityModel ? { capacityModel: s.capacityModel } : {}),
            ...(s.interruptible !== undefined ? { isInterruptible: s.interruptible } : {})
        };
    });
    const routingConfigs = org.routingConfigs.map((r) => {
        const s = settings.routingConfigs.find((x) => x.name === r.developerName);
        if (!s) return r;
        return {
            ...r,
            ...(s.capacityType ? { capacityType: s.capacityType } : {}),
            ...(s.dropAdditionalSkillsTimeoutMs !== undefined ? { dropAdditionalSkillsTimeoutMs: s.dropAdditionalSkillsTimeoutMs } : {})
        };
    });
    return { ...org, configs, channels, routingConfigs };
}
