/**
 * The twelve lightning:omniToolkitAPI methods: their arguments, what they resolve to
 * once normalised, and argument checks that stop the classic wrapper bugs (a bare
 * string instead of {workId}, `reason` instead of `declineReason`, a status name or
 * the whole status object instead of its id, a workItemId where a workId belongs).
 */
import { KEY_PREFIX, toId18, type SalesforceId } from './ids';
import { OmniArgumentError } from './errors';
import type { OmniChannel, OmniStatusInfo, OmniWorkload, OmniWorkSummary } from './model';

export interface WorkIdArgs {
    workId: string;
}
export interface DeclineArgs extends WorkIdArgs {
    declineReason?: string;
}
export interface RaiseFlagArgs extends WorkIdArgs {
    message?: string;
}
export interface StatusIdArgs {
    statusId: string;
}

export interface OmniCommandSpec {
    acceptAgentWork: { args: WorkIdArgs; result: true };
    declineAgentWork: { args: DeclineArgs; result: true };
    closeAgentWork: { args: WorkIdArgs; result: true };
    getAgentWorks: { args: undefined; result: OmniWorkSummary[] };
    getAgentWorkload: { args: undefined; result: OmniWorkload };
    getServicePresenceStatusChannels: { args: undefined; result: OmniChannel[] };
    getServicePresenceStatusId: { args: undefined; result: OmniStatusInfo };
    login: { args: StatusIdArgs; result: true };
    logout: { args: undefined; result: true };
    raiseAgentWorkFlag: { args: RaiseFlagArgs; result: true };
    lowerAgentWorkFlag: { args: WorkIdArgs; result: true };
    setServicePresenceStatus: { args: StatusIdArgs; result: OmniStatusInfo & { channels: OmniChannel[] } };
}

export type OmniMethod = keyof OmniCommandSpec;
export type OmniArgs<M extends OmniMethod> = OmniCommandSpec[M]['args'];
export type OmniResult<M extends OmniMethod> = OmniCommandSpec[M]['result'];

type ArgRule = 'workId' | 'statusId' | 'optionalText';

/** For each method, its allowed argument keys and what each must be; null = takes no argument. */
const ARG_RULES: Readonly<Record<OmniMethod, Readonly<Record<string, ArgRule>> | null>> = {
    acceptAgentWork: { workId: 'workId' },
    declineAgentWork: { workId: 'workId', declineReason: 'optionalText' },
    closeAgentWork: { workId: 'workId' },
    getAgentWorks: null,
    getAgentWorkload: null,
    getServicePresenceStatusChannels: null,
    getServicePresenceStatusId: null,
    login: { statusId: 'statusId' },
    logout: null,
    raiseAgentWorkFlag: { workId: 'workId', message: 'optionalText' },
    lowerAgentWorkFlag: { workId: 'workId' },
    setServicePresenceStatus: { statusId: 'statusId' }
};

export const OMNI_METHODS = Object.keys(ARG_RULES) as OmniMethod[];

export function isOmniMethod(value: unknown): value is OmniMethod {
    return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ARG_RULES, value);
}

function checkId(method: string, key: string, value: unknown, prefix: string, what: string): SalesforceId {
    const id = toId18(value);
    if (id === null) {
        throw new OmniArgumentError(method, `${key} must be a 15- or 18-character ${what} id, got ${preview(value)}`);
    }
    if (id.slice(0, 3) !== prefix) {
        throw new OmniArgumentError(method, `${key} must be a ${what} id (starting ${prefix}), got ${id.slice(0, 3)}...`);
    }
    return id;
}

function preview(value: unknown): string {
    if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
    if (value === null || typeof value !== 'object') return String(value);
    return Array.isArray(value) ? 'an array' : 'an object';
}

/**
 * Returns the arguments to hand to the toolkit (ids in 18-character form, unknown keys
 * refused), or throws OmniArgumentError naming what is wrong.
 */
export function validateCommandArgs<M extends OmniMethod>(method: M, args: unknown): OmniArgs<M> {
    if (!isOmniMethod(method)) throw new OmniArgumentError(String(method), 'is not a toolkit method');
    const rules = ARG_RULES[method];
    if (rules === null) {
        if (args !== undefined && args !== null && !(typeof args === 'object' && Object.keys(args).length === 0)) {
            throw new OmniArgumentError(method, 'takes no arguments');
        }
        return undefined as OmniArgs<M>;
    }
    if (args === null || typeof args !== 'object' || Array.isArray(args)) {
        throw new OmniArgumentError(method, `expects an object such as { ${Object.keys(rules)[0]} }, got ${preview(args)}`);
    }
    const input = args as Record<string, unknown>;
    const out: Record<string, string> = {};
    for (const key of Object.keys(input)) {
        if (!(key in rules) && input[key] !== undefined) {
            throw new OmniArgumentError(method, `unknown argument "${key}" (allowed: ${Object.keys(rules).join(', ')})`);
        }
    }
    for (const [key, rule] of Object.entries(rules)) {
        const value = input[key];
        if (rule === 'workId') out[key] = checkId(method, key, value, KEY_PREFIX.agentWork, 'AgentWork');
        else if (rule === 'statusId') out[key] = checkId(method, key, value, KEY_PREFIX.servicePresenceStatus, 'ServicePresenceStatus');
        else if (value !== undefined && value !== null) {
            if (typeof value !== 'string') throw new OmniArgumentError(method, `${key} must be a string`);
            if (value.length > 0) out[key] = value;
        }
    }
    return out as unknown as OmniArgs<M>;
}
