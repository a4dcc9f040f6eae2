/**
 * A scripted Omni-Channel for the preview: platform/testing/omniFakes' fake toolkit (raw
 * answers: JSON-string lists, numbers as strings, 15-character ids), given state, plus
 * the events Omni would send. Actions the rep takes through the panel resolve like the
 * toolkit's and are followed by their events (accept -> omniChannelWorkAccepted; decline
 * and close -> omniChannelWorkDeclined / Closed + omniChannelWorkloadChanged; flags ->
 * omniChannelWorkFlagUpdated; status -> omniChannelStatusChanged); its methods play what
 * happens outside the rep's page (new work, a supervisor's flag, the network).
 *
 * The benchmark page uses it (raw events at full speed, nothing else running); the preview
 * page plays the simulator engine instead (sim/host/consoleMount.ts).
 */
import { createFakeToolkit, type FakeToolkit } from '../../platform/testing/omniFakes';
import { CASE_CHANNEL, PRESENCE_CONFIG, STATUSES, SUPERVISOR_ID, USER_ID, demoCase, demoWorkId } from './demoData';

export type RawParams = Record<string, unknown>;
type ToolkitArgs = Record<string, string> | undefined;
/** Where the events go: the Aura bridge's forward(), i.e. omniBridgeCore.handleOmniEvent. */
export type EmitEvent = (eventName: string, params: RawParams) => void;

export interface SimWork {
    workId: string;
    workItemId: string;
    accepted: boolean;
    flag: { isFlagged: boolean; message: string | null; role: 'AGENT' | 'SUPERVISOR' } | null;
}

export interface OmniSimOptions {
    emit: EmitEvent;
    /** Delay between a toolkit call resolving and Omni's events about it (ms). */
    eventDelayMs?: number;
    /** Works open when the page loads (accepted, as after a console reload). */
    initialWorks?: number;
    /** Configured capacity (default: the demo presence configuration's, 5). */
    capacity?: number;
}

export interface OmniSim {
    /** The ToolkitInvoker to give omniBridgeCore (its `toolkit` property). */
    invoke(method: string, args?: Record<string, string>): Promise<unknown>;
    readonly toolkit: FakeToolkit;
    readonly works: readonly SimWork[];
    readonly loggedIn: boolean;
    readonly connected: boolean;
    workload(): number;
    /** Routing offers the rep the next demo Case. Returns the new work. */
    assignNewCase(): SimWork;
    /** A supervisor raises (or lowers) a flag on a work; the newest accepted one by default. */
    supervisorFlag(options?: { workId?: string; isFlagged?: boolean; message?: string }): SimWork | null;
    /** Omni loses its connection; toolkit calls fail until reconnect(). */
    connectionError(message?: string): void;
    reconnect(): void;
}

const INTERRUPTIBLE_CAPACITY = String(PRESENCE_CONFIG.interruptibleCapacity);
const WORK_SIZE = 1;

export function createOmniSim(options: OmniSimOptions): OmniSim {
    const { emit } = options;
    const eventDelayMs = options.eventDelayMs ?? 0;
    const capacity = String(options.capacity ?? PRESENCE_CONFIG.capacity);
    let works: SimWork[] = [];
    let statusId: string | null = STATUSES[0].statusId;
    let connected = true;
    let nextCase = 1;

    const workload = () => works.length * WORK_SIZE;
    const status = (id: string | null) => STATUSES.find((s) => s.statusId === id) ?? null;
    const channelsOf = (id: string | null) => JSON.stringify(status(id)?.isOnline ? [CASE_CHANNEL] : []);
    const later = (fn: () => void) => setTimeout(fn, eventDelayMs);

    function newWork(accepted: boolean): SimWork {
        const n = nextCase++;
        return { workId: demoWorkId(n), workItemId: demoCase(n).caseId, accepted, flag: null };
    }

    function workloadEvent(previous: number): void {
        emit('omniChannelWorkloadChanged', {
            configuredCapacity: capacity,
            previousWorkload: String(previous),
            newWorkload: String(workload()),
            configuredInterruptibleCapacity: INTERRUPTIBLE_CAPACITY,
            previousInterruptibleWorkload: '0',
            newInterruptibleWorkload: '0'
        });
    }

    function find(args: ToolkitArgs, method: string): SimWork {
        const work = works.find((w) => w.workId === args?.workId);
        if (!work) throw new Error(`${method}: no work with id ${String(args?.workId)}`);
        return work;
    }

    function online(method: string): void {
        if (!connected) throw new Error(`${method}: Omni-Channel is not connected`);
    }

    /** Removes a work (declined or closed) and reports it as Omni does. */
    function finish(work: SimWork, eventName: string): void {
        const previous = workload();
        works = works.filter((w) => w !== work);
        later(() => {
            emit(eventName, { workId: work.workId, workItemId: work.workItemId });
            workloadEvent(previous);
        });
    }

    function setStatus(id: string, reason: string): RawParams {
        const s = status(id);
        if (!s) throw new Error(`Invalid status id: ${id}`);
        statusId = id;
        return { statusId: id, statusName: s.label, statusApiName: s.developerName, channels: channelsOf(id), reason };
    }

    for (let i = 0; i < (options.initialWorks ?? 1); i++) works.push(newWork(true));

    const toolkit = createFakeToolkit({
        getServicePresenceStatusId: () => {
            online('getServicePresenceStatusId');
            const s = status(statusId);
            // The toolkit rejects when the rep is not logged in.
            if (!s) throw new Error('The agent is not logged in to Omni-Channel');
            return { statusId: s.statusId, statusName: s.label, statusApiName: s.developerName };
        },
        getServicePresenceStatusChannels: () => ({ channels: channelsOf(statusId) }),
        getAgentWorks: () => {
            online('getAgentWorks');
            return {
                works: JSON.stringify(works.map((w) => ({ workItemId: w.workItemId, workId: w.workId, isEngaged: w.accepted })))
            };
        },
        getAgentWorkload: () => {
            online('getAgentWorkload');
            return {
                configuredCapacity: capacity,
                currentWorkload: String(workload()),
                configuredInterruptibleCapacity: INTERRUPTIBLE_CAPACITY,
                currentInterruptibleWorkload: '0'
            };
        },
        acceptAgentWork: (args: ToolkitArgs) => {
            online('acceptAgentWork');
            const work = find(args, 'acceptAgentWork');
            if (work.accepted) throw new Error('acceptAgentWork: the work is already accepted');
            work.accepted = true;
            later(() => emit('omniChannelWorkAccepted', { workId: work.workId, workItemId: work.workItemId }));
            return true;
        },
        declineAgentWork: (args: ToolkitArgs) => {
            online('declineAgentWork');
            const work = find(args, 'declineAgentWork');
            if (work.accepted) throw new Error('declineAgentWork: accepted work cannot be declined');
            finish(work, 'omniChannelWorkDeclined');
            return true;
        },
        closeAgentWork: (args: ToolkitArgs) => {
            online('closeAgentWork');
            const work = find(args, 'closeAgentWork');
            finish(work, 'omniChannelWorkClosed');
            return true;
        },
        raiseAgentWorkFlag: (args: ToolkitArgs) => {
            online('raiseAgentWorkFlag');
            const work = find(args, 'raiseAgentWorkFlag');
            work.flag = { isFlagged: true, message: args?.message ?? null, role: 'AGENT' };
            later(() =>
                emit('omniChannelWorkFlagUpdated', {
                    workId: work.workId,
                    isFlagged: true,
                    message: args?.message ?? '',
                    roleUpdatedBy: 'AGENT',
                    updatedBy: USER_ID
                })
            );
            return true;
        },
        lowerAgentWorkFlag: (args: ToolkitArgs) => {
            online('lowerAgentWorkFlag');
            const work = find(args, 'lowerAgentWorkFlag');
            work.flag = { isFlagged: false, message: null, role: 'AGENT' };
            later(() =>
                emit('omniChannelWorkFlagUpdated', { workId: work.workId, isFlagged: false, roleUpdatedBy: 'AGENT', updatedBy: USER_ID })
            );
            return true;
        },
        setServicePresenceStatus: (args: ToolkitArgs) => {
            online('setServicePresenceStatus');
            if (statusId === null) throw new Error('setServicePresenceStatus: log in first');
            const params = setStatus(String(args?.statusId), 'OmniToolkitStatusChange');
            later(() => emit('omniChannelStatusChanged', params));
            const { statusId: id, statusName, statusApiName, channels } = params;
            return { statusId: id, statusName, statusApiName, channels };
        },
        login: (args: ToolkitArgs) => {
            online('login');
            const params = setStatus(String(args?.statusId), 'OmniLoginStatusChange');
            later(() => {
                emit('omniChannelLoginSuccess', { statusId: params.statusId });
                emit('omniChannelStatusChanged', params);
            });
            return true;
        },
        logout: () => {
            online('logout');
            statusId = null;
            // Work not yet accepted goes back to routing; accepted work stays open.
            const previous = workload();
            works = works.filter((w) => w.accepted);
            later(() => {
                emit('omniChannelLogout', {});
                if (workload() !== previous) workloadEvent(previous);
            });
            return true;
        }
    });

    return {
        invoke: (method, args) => toolkit.invoke(method, args),
        toolkit,
        get works() {
            return works;
        },
        get loggedIn() {
            return statusId !== null;
        },
        get connected() {
            return connected;
        },
        workload,
        assignNewCase() {
            const previous = workload();
            const work = newWork(false);
            works.push(work);
            emit('omniChannelWorkAssigned', { workId: work.workId, workItemId: work.workItemId });
            workloadEvent(previous);
            return work;
        },
        supervisorFlag({ workId, isFlagged = true, message = 'Customer asked for a manager' } = {}) {
            const work = workId ? works.find((w) => w.workId === workId) : [...works].reverse().find((w) => w.accepted);
            if (!work) return null;
            work.flag = { isFlagged, message: isFlagged ? message : null, role: 'SUPERVISOR' };
            emit('omniChannelWorkFlagUpdated', {
                workId: work.workId,
                isFlagged,
                message: isFlagged ? message : '',
                roleUpdatedBy: 'SUPERVISOR',
                updatedBy: SUPERVISOR_ID
            });
            return work;
        },
        connectionError(message = 'Omni-Channel lost its connection to the server.') {
            connected = false;
            emit('omniChannelConnectionError', { error: message });
        },
        reconnect() {
            connected = true;
            // Omni logs the rep back in; the bridge takes the event as proof the connection is back.
            if (statusId) emit('omniChannelLoginSuccess', { statusId });
        }
    };
}
