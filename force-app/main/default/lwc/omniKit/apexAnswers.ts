/**
 * OmniPanelController's answers, checked and typed: the rep's decline settings (the presence
 * configuration's "Allow agents to decline requests" and decline reasons), the statuses
 * granted to the rep, and each offered work's push time-out (getPushTimeouts). A malformed answer is an OmniPayloadError naming the field, never a
 * half-read value.
 */
import { OmniPayloadError, toId18, type SalesforceId } from 'c/omniClient';

export interface OmniDeclineReason {
    reasonId: SalesforceId;
    label: string;
    developerName: string;
}

export interface OmniCapabilities {
    /** The presence configuration lets the rep decline offers. */
    declineAllowed: boolean;
    /** A decline must (may) carry one of `declineReasons`. */
    declineReasonsEnabled: boolean;
    declineReasons: OmniDeclineReason[];
    /**
     * Ms a rep has to accept any offer before Omni pushes it elsewhere, when the kit was given
     * one (the pushTimeoutMs option, an override); null otherwise. Each work's own time-out,
     * from its routing configuration, is getPushTimeout(workId) / pushTimeouts.
     */
    pushTimeoutMs: number | null;
    /**
     * The push time-outs read from Apex so far (OmniPanelController.getPushTimeouts), by
     * AgentWork id: the routing configuration each offer came through. A live view: it grows
     * as offers arrive.
     */
    pushTimeouts: ReadonlyMap<SalesforceId, OmniWorkPushTimeout>;
    capacity: number | null;
    configName: string | null;
}

/** The push time-out of one offered work, from its queue's routing configuration (QueueRoutingConfig). */
export interface OmniWorkPushTimeout {
    workId: SalesforceId;
    /** Null when Apex could not tell (accepted work, no queue, no access to the routing setup). */
    routingConfigId: SalesforceId | null;
    routingConfigName: string | null;
    /** Ms (QueueRoutingConfig.PushTimeout is in seconds); 0 = the configuration has none; null = unknown. */
    pushTimeoutMs: number | null;
}

export interface OmniStatusOption {
    statusId: SalesforceId;
    label: string;
    /** The status's API (developer) name, as setStatusByApiName takes it. */
    apiName: string;
    /** Has channels: the rep receives work in it. */
    isOnline: boolean;
    channels: Array<{ channelId: SalesforceId; developerName: string | null; label: string | null }>;
}

const SOURCE = 'OmniPanelController';

function fail(path: string, problem: string): never {
    throw new OmniPayloadError(SOURCE, path, problem);
}

function record(value: unknown, path: string): Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(path, 'must be an object');
    return value as Record<string, unknown>;
}

function text(value: unknown, path: string): string {
    if (typeof value !== 'string') fail(path, 'must be a string');
    return value;
}

function optionalText(value: unknown, path: string): string | null {
    return value === undefined || value === null ? null : text(value, path);
}

function id(value: unknown, path: string): SalesforceId {
    return toId18(value) ?? fail(path, 'must be a Salesforce id');
}

function optionalCount(value: unknown, path: string): number | null {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) fail(path, 'must be a whole number >= 0');
    return value;
}

function optionalId(value: unknown, path: string): SalesforceId | null {
    return value === undefined || value === null ? null : id(value, path);
}

/** getPushTimeouts' answer: one entry per work, seconds turned into ms. */
export function parsePushTimeouts(answer: unknown): OmniWorkPushTimeout[] {
    if (!Array.isArray(answer)) fail('getPushTimeouts', 'must be a list');
    return answer.map((item, i) => {
        const path = `getPushTimeouts[${i}]`;
        const x = record(item, path);
        const seconds = optionalCount(x.pushTimeoutSeconds, `${path}.pushTimeoutSeconds`);
        return {
            workId: id(x.workId, `${path}.workId`),
            routingConfigId: optionalId(x.routingConfigId, `${path}.routingConfigId`),
            routingConfigName: optionalText(x.routingConfigName, `${path}.routingConfigName`),
            pushTimeoutMs: seconds === null ? null : seconds * 1000
        };
    });
}

/** getDeclineSettings' answer; the kit adds pushTimeoutMs (its option) and pushTimeouts (its cache). */
export function parseCapabilities(answer: unknown): Omit<OmniCapabilities, 'pushTimeouts'> {
    const r = record(answer, 'getDeclineSettings');
    if (typeof r.declineAllowed !== 'boolean') fail('getDeclineSettings.declineAllowed', 'must be a boolean');
    const reasonsEnabled = r.reasonsEnabled === true;
    const reasons = r.reasons === undefined || r.reasons === null ? [] : r.reasons;
    if (!Array.isArray(reasons)) fail('getDeclineSettings.reasons', 'must be a list');
    return {
        declineAllowed: r.declineAllowed,
        declineReasonsEnabled: reasonsEnabled,
        declineReasons: reasons.map((reason, i) => {
            const path = `getDeclineSettings.reasons[${i}]`;
            const x = record(reason, path);
            return {
                reasonId: id(x.reasonId, `${path}.reasonId`),
                label: text(x.label, `${path}.label`),
                developerName: text(x.developerName, `${path}.developerName`)
            };
        }),
        pushTimeoutMs: optionalCount(r.pushTimeoutMs, 'getDeclineSettings.pushTimeoutMs'),
        capacity: optionalCount(r.capacity, 'getDeclineSettings.capacity'),
        configName: optionalText(r.configName, 'getDeclineSettings.configName')
    };
}

export function parseStatuses(answer: unknown): OmniStatusOption[] {
    if (!Array.isArray(answer)) fail('getAvailableStatuses', 'must be a list');
    return answer.map((item, i) => {
        const path = `getAvailableStatuses[${i}]`;
        const s = record(item, path);
        const channels = s.channels === undefined || s.channels === null ? [] : s.channels;
        if (!Array.isArray(channels)) fail(`${path}.channels`, 'must be a list');
        return {
            statusId: id(s.statusId, `${path}.statusId`),
            label: text(s.label, `${path}.label`),
            apiName: text(s.developerName, `${path}.developerName`),
            isOnline: s.isOnline === true,
            channels: channels.map((c, j) => {
                const x = record(c, `${path}.channels[${j}]`);
                return {
                    channelId: id(x.channelId, `${path}.channels[${j}].channelId`),
                    developerName: optionalText(x.developerName, `${path}.channels[${j}].developerName`),
                    label: optionalText(x.label, `${path}.channels[${j}].label`)
                };
            })
        };
    });
}
