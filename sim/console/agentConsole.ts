/**
 * One agent's Lightning console, played by the simulator: engine events for this agent
 * become lightning:omniChannel* events with exactly the toolkit's raw shapes (JSON-string
 * `works` and `channels`, 15-character ids, numbers as strings in workload events), and
 * toolkit calls are answered from the engine. Feed `deliver` into omniBridgeCore's
 * handleOmniEvent and use `invoke` as its toolkit: the kit's real parsing, state and
 * command code then runs against the simulated org.
 *
 * A lost connection is played as a console cut off from Omni's server: after
 * omniChannelConnectionError every toolkit call rejects and nothing reaches the console
 * until the connection returns. Events of the meantime are dropped, not held back: the
 * console then hears where the agent stands now (omniChannelStatusChanged, or
 * omniChannelLogout if they were logged out meanwhile) and the bridge re-reads works and
 * workload from the toolkit, as it does in an org.
 *
 * getAgentWorkload answers numbers on one call and strings on the next: the toolkit's
 * documentation gives both types and orgs have sent both, so the kit's coercion runs on
 * every page that asks twice.
 */
import { SimError, type SimEngine, type SimEvent } from '../engine/engine';
import type { LogoutReason } from '../engine/model';

export type RawParams = Record<string, unknown>;
export type DeliverEvent = (auraEventName: string, params: RawParams) => void;
export type ToolkitInvoker = (method: string, args: Record<string, string> | undefined) => Promise<unknown>;

export interface AgentConsole {
    userId: string;
    invoke: ToolkitInvoker;
    dispose(): void;
}

/** What every toolkit call rejects with while the console is cut off from Omni's server. */
export const NOT_CONNECTED = 'Omni-Channel is not connected to the server';

/** The toolkit hands ids back in 15 or 18 characters; the engine's are 15. */
const id15 = (id: string | undefined): string => (id ?? '').slice(0, 15);

export function createAgentConsole(
    engine: SimEngine,
    userId: string,
    deliver: DeliverEvent,
    // Omni events reach the console after the call that caused them has returned.
    schedule: (task: () => void) => void = (task) => queueMicrotask(task)
): AgentConsole {
    const send = (name: string, params: RawParams) => schedule(() => deliver(name, params));

    const channelsJson = (statusId: string) =>
        JSON.stringify(
            (engine.getStatus(statusId)?.channelIds ?? []).map((channelId) => ({
                channelId,
                developerName: engine.getChannel(channelId)?.developerName ?? ''
            }))
        );

    const statusResult = (statusId: string) => {
        const status = engine.getStatus(statusId)!;
        return { statusId: status.id, statusName: status.label, statusApiName: status.developerName };
    };

    const toRaw = (event: SimEvent): [string, RawParams] | null => {
        if (!('userId' in event) || event.userId !== userId) return null;
        switch (event.type) {
            case 'login':
                return ['omniChannelLoginSuccess', { statusId: event.statusId }];
            case 'statusChanged':
                return [
                    'omniChannelStatusChanged',
                    { ...statusResult(event.statusId), channels: channelsJson(event.statusId), reason: event.reason }
                ];
            case 'logout':
                return ['omniChannelLogout', event.reason ? { reason: event.reason } : {}];
            case 'connectionError':
                return ['omniChannelConnectionError', { error: event.message }];
            case 'workAssigned':
                return ['omniChannelWorkAssigned', { workItemId: event.work.workItemId, workId: event.work.id }];
            case 'workAccepted':
                return ['omniChannelWorkAccepted', { workItemId: event.work.workItemId, workId: event.work.id }];
            case 'workDeclined':
                return ['omniChannelWorkDeclined', { workItemId: event.work.workItemId, workId: event.work.id }];
            case 'workClosed':
                return ['omniChannelWorkClosed', { workItemId: event.work.workItemId, workId: event.work.id }];
            case 'workFlagUpdated':
                return [
                    'omniChannelWorkFlagUpdated',
                    {
                        workId: event.work.id,
                        isFlagged: event.flag.isFlagged,
                        message: event.flag.message ?? '',
                        roleUpdatedBy: event.flag.roleUpdatedBy,
                        updatedBy: event.flag.updatedBy
                    }
                ];
            case 'workloadChanged':
                return [
                    'omniChannelWorkloadChanged',
                    {
                        configuredCapacity: String(event.configuredCapacity),
                        previousWorkload: String(event.previousWorkload),
                        newWorkload: String(event.newWorkload),
                        configuredInterruptibleCapacity: String(event.configuredInterruptibleCapacity),
                        previousInterruptibleWorkload: String(event.previousInterruptibleWorkload),
                        newInterruptibleWorkload: String(event.newInterruptibleWorkload)
                    }
                ];
            default:
                return null;
        }
    };

    const view = () => engine.agentView(userId);
    const isConnected = () => view().connected;
    /** The reason of a logout that happened while the console was cut off (undefined: none). */
    let missedLogout: LogoutReason | undefined;

    const stop = engine.on((event) => {
        if (!('userId' in event) || event.userId !== userId) return;
        if (event.type === 'connectionRestored') {
            // Logged out meanwhile: the console learns it now (logged in, the engine sends the status).
            if (!view().loggedIn) send('omniChannelLogout', missedLogout ? { reason: missedLogout } : {});
            missedLogout = undefined;
            return;
        }
        if (event.type !== 'connectionError' && !isConnected()) {
            if (event.type === 'logout') missedLogout = event.reason ?? undefined;
            if (event.type === 'login') missedLogout = undefined;
            return;
        }
        const raw = toRaw(event);
        if (raw) send(raw[0], raw[1]);
    });
    let workloadCalls = 0;

    const requireOnline = () => {
        const v = view();
        if (!v.loggedIn || !v.statusId) throw new SimError('NOT_LOGGED_IN', 'The agent is not logged in to Omni-Channel');
        return v.statusId;
    };

    const methods: Record<string, (args: Record<string, string>) => unknown> = {
        acceptAgentWork: (args) => (engine.accept(userId, id15(args.workId)), true),
        declineAgentWork: (args) => (engine.decline(userId, id15(args.workId), args.declineReason ?? null), true),
        closeAgentWork: (args) => (engine.close(userId, id15(args.workId)), true),
        getAgentWorks: () => ({
            works: JSON.stringify(view().works.map((w) => ({ workItemId: w.workItemId, workId: w.id, isEngaged: w.status === 'Opened' })))
        }),
        getAgentWorkload: () => {
            const v = view();
            const figure = workloadCalls++ % 2 === 0 ? (n: number) => n : (n: number) => String(n);
            return {
                configuredCapacity: figure(v.configuredCapacity),
                currentWorkload: figure(v.currentWorkload),
                configuredInterruptibleCapacity: figure(v.configuredInterruptibleCapacity),
                currentInterruptibleWorkload: figure(v.currentInterruptibleWorkload)
            };
        },
        getServicePresenceStatusChannels: () => ({ channels: channelsJson(requireOnline()) }),
        getServicePresenceStatusId: () => statusResult(requireOnline()),
        login: (args) => (engine.login(userId, id15(args.statusId)), true),
        logout: () => (engine.logout(userId), true),
        raiseAgentWorkFlag: (args) => (engine.raiseFlag(id15(args.workId), { userId, role: 'AGENT' }, args.message ?? null), true),
        lowerAgentWorkFlag: (args) => (engine.lowerFlag(id15(args.workId), { userId, role: 'AGENT' }), true),
        setServicePresenceStatus: (args) => {
            engine.setStatus(userId, id15(args.statusId), 'OmniToolkitStatusChange');
            const statusId = requireOnline();
            return { ...statusResult(statusId), channels: channelsJson(statusId) };
        }
    };

    return {
        userId,
        invoke(method, args) {
            const run = methods[method];
            if (!run) return Promise.reject(new Error(`Unknown toolkit method ${method}`));
            if (!isConnected()) return Promise.reject(new Error(NOT_CONNECTED));
            try {
                return Promise.resolve(run(args ?? {}));
            } catch (error) {
                // The toolkit rejects with an error; the kit's OmniToolkitError carries its message.
                return Promise.reject(error instanceof Error ? new Error(error.message) : error);
            }
        },
        dispose: stop
    };
}
