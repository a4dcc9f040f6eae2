/**
 * Salesforce Classic's Omni-Channel API (Console Integration Toolkit,
 * `sforce.console.presence.*`, callback style) in the shape the bridge engine expects from
 * `lightning:omniToolkitAPI`: a function that runs a method by name and returns a Promise,
 * and the Lightning event names with their raw params.
 *
 * Differences this file absorbs (see ../shared/docs/omni-reference.md section 4):
 * - methods take positional arguments and a callback whose result carries `success`;
 * - there are no flag methods and no connection-error or flag events;
 * - events are `sforce.console.ConsoleEvent.PRESENCE.*` constants, and the workload event
 *   is documented with capitalised fields (ConfiguredCapacity...), so both spellings are
 *   accepted.
 * Everything else (JSON-string lists, 15-character ids, numbers as strings) is left to the
 * bridge engine's parsers, exactly as in Lightning.
 */
import type { OmniMethod } from '../../force-app/main/default/lwc/omniTypes/commands';

/** What a Classic toolkit callback receives. */
export interface ClassicResult {
    success?: boolean;
    [field: string]: unknown;
}
type Callback = (result: ClassicResult) => void;

/** The part of `sforce.console` this adaptor uses (integration.js, API 35.0 or later). */
export interface SforceConsoleLike {
    presence: {
        acceptAgentWork(workId: string, callback: Callback): void;
        declineAgentWork(workId: string, declineReason: string | undefined, callback: Callback): void;
        closeAgentWork(workId: string, callback: Callback): void;
        getAgentWorks(callback: Callback): void;
        getAgentWorkload(callback: Callback): void;
        getServicePresenceStatusChannels(callback: Callback): void;
        getServicePresenceStatusId(callback: Callback): void;
        login(statusId: string, callback: Callback): void;
        logout(callback: Callback): void;
        setServicePresenceStatus(statusId: string, callback: Callback): void;
    };
    addEventListener(eventType: unknown, handler: (result: ClassicResult) => void): void;
    removeEventListener?(eventType: unknown, handler: (result: ClassicResult) => void): void;
    ConsoleEvent: { PRESENCE: Record<string, unknown> };
}

/** Raised for a method Classic's toolkit does not have (flags) or a console without it. */
export class ClassicToolkitUnsupportedError extends Error {
    readonly method: string;
    constructor(method: string, message: string) {
        super(message);
        this.name = 'ClassicToolkitUnsupportedError';
        this.method = method;
    }
}

/** Classic PRESENCE event -> the Lightning event name the bridge engine parses. */
export const CLASSIC_EVENTS: Readonly<Record<string, string>> = {
    LOGIN_SUCCESS: 'omniChannelLoginSuccess',
    STATUS_CHANGED: 'omniChannelStatusChanged',
    LOGOUT: 'omniChannelLogout',
    WORK_ASSIGNED: 'omniChannelWorkAssigned',
    WORK_ACCEPTED: 'omniChannelWorkAccepted',
    WORK_DECLINED: 'omniChannelWorkDeclined',
    WORK_CLOSED: 'omniChannelWorkClosed',
    WORKLOAD_CHANGED: 'omniChannelWorkloadChanged'
};

const WORKLOAD_FIELDS = [
    'configuredCapacity',
    'previousWorkload',
    'newWorkload',
    'configuredInterruptibleCapacity',
    'previousInterruptibleWorkload',
    'newInterruptibleWorkload'
] as const;

/** Methods that answer `true` in Lightning; Classic answers `{ success: true }`. */
const ANSWERS_TRUE: ReadonlySet<OmniMethod> = new Set<OmniMethod>([
    'acceptAgentWork',
    'declineAgentWork',
    'closeAgentWork',
    'login',
    'logout'
]);

function describeFailure(method: string, result: ClassicResult): string {
    const detail = typeof result.errorMessage === 'string' ? result.errorMessage : typeof result.message === 'string' ? result.message : '';
    return detail ? `${method} failed in the Classic console: ${detail}` : `${method} failed in the Classic console (success: false)`;
}

/** Params as the Lightning event would carry them: drops `success`, renames capitalised workload fields. */
export function toLightningParams(classicEvent: string, result: ClassicResult | undefined): Record<string, unknown> {
    const params: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(result ?? {})) if (key !== 'success') params[key] = value;
    if (classicEvent === 'WORKLOAD_CHANGED') {
        for (const field of WORKLOAD_FIELDS) {
            const capitalised = field[0].toUpperCase() + field.slice(1);
            if (params[field] === undefined && params[capitalised] !== undefined) params[field] = params[capitalised];
            delete params[capitalised];
        }
    }
    return params;
}

export interface ClassicToolkit {
    /** A ToolkitInvoker for OmniBridgeEngine.attachToolkit. */
    invoke(method: OmniMethod, args: Record<string, string> | undefined): Promise<unknown>;
    /** Forwards every Classic PRESENCE event as (Lightning event name, params); returns a stop function. */
    listen(deliver: (eventName: string, params: Record<string, unknown>) => void): () => void;
}

export function createClassicToolkit(sforceConsole: SforceConsoleLike): ClassicToolkit {
    const presence = sforceConsole.presence;

    function call(method: OmniMethod, run: (callback: Callback) => void): Promise<unknown> {
        return new Promise((resolve, reject) => {
            run((result) => {
                if (!result || result.success !== true) reject(new Error(describeFailure(method, result ?? {})));
                else resolve(ANSWERS_TRUE.has(method) ? true : result);
            });
        });
    }

    function invoke(method: OmniMethod, args: Record<string, string> | undefined): Promise<unknown> {
        const workId = args?.workId ?? '';
        const statusId = args?.statusId ?? '';
        try {
            switch (method) {
                case 'acceptAgentWork':
                    return call(method, (cb) => presence.acceptAgentWork(workId, cb));
                case 'declineAgentWork':
                    return call(method, (cb) => presence.declineAgentWork(workId, args?.declineReason, cb));
                case 'closeAgentWork':
                    return call(method, (cb) => presence.closeAgentWork(workId, cb));
                case 'getAgentWorks':
                    return call(method, (cb) => presence.getAgentWorks(cb));
                case 'getAgentWorkload':
                    return call(method, (cb) => presence.getAgentWorkload(cb));
                case 'getServicePresenceStatusChannels':
                    return call(method, (cb) => presence.getServicePresenceStatusChannels(cb));
                case 'getServicePresenceStatusId':
                    return call(method, (cb) => presence.getServicePresenceStatusId(cb));
                case 'login':
                    return call(method, (cb) => presence.login(statusId, cb));
                case 'logout':
                    return call(method, (cb) => presence.logout(cb));
                case 'setServicePresenceStatus':
                    return call(method, (cb) => presence.setServicePresenceStatus(statusId, cb));
                case 'raiseAgentWorkFlag':
                case 'lowerAgentWorkFlag':
                    return Promise.reject(
                        new ClassicToolkitUnsupportedError(
                            method,
                            `${method} is not available in Salesforce Classic (no flag methods in the Console Integration Toolkit)`
                        )
                    );
                default:
                    return Promise.reject(new ClassicToolkitUnsupportedError(String(method), `unknown toolkit method ${String(method)}`));
            }
        } catch (error) {
            // A console whose integration.js predates the method (getAgentWorkload needs API 35.0).
            return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
    }

    function listen(deliver: (eventName: string, params: Record<string, unknown>) => void): () => void {
        const registered: Array<[unknown, (result: ClassicResult) => void]> = [];
        for (const [classicEvent, lightningEvent] of Object.entries(CLASSIC_EVENTS)) {
            const eventType = sforceConsole.ConsoleEvent.PRESENCE[classicEvent];
            if (eventType === undefined) continue; // an older integration.js without this event
            const handler = (result: ClassicResult) => deliver(lightningEvent, toLightningParams(classicEvent, result));
            sforceConsole.addEventListener(eventType, handler);
            registered.push([eventType, handler]);
        }
        return () => {
            for (const [eventType, handler] of registered) sforceConsole.removeEventListener?.(eventType, handler);
            registered.length = 0;
        };
    }

    return { invoke, listen };
}
