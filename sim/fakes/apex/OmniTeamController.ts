/**
 * A fake of force-app's OmniTeamController (classes/OmniTeamController.cls), answering from
 * the simulator engine as the Apex class answers from UserServicePresence, AgentWork and
 * PendingServiceRouting: ids of 18 characters, the same field names, Datetimes as ISO text
 * on the engine's (virtual) clock with asOf = engine.now, load as the sum of the work's
 * capacity units, at-capacity and oldest unaccepted work decided the same way, and the same
 * refusals (null list, a non-queue id, more than 50 queues).
 *
 * How it reaches the engine: the host calls useTeamWorld() with the engine and what the
 * engine does not expose (queue names and memberships) before it mounts c-omni-team-panel.
 * Why not sim/fakes/orgSource.ts: that source describes the rep's own org view (statuses,
 * presence configuration, records); a team needs the whole floor.
 */
import { toId18 } from 'c/omniTypes';
import type { SimEngine } from '../../engine/engine';
import type { AgentWork } from '../../engine/model';
import { apexMethod, ApexFault } from '../apexMethod';

export interface TeamQueue {
    id: string;
    name: string;
}

/** What the fake needs from the page's world. */
export interface TeamWorld {
    engine: SimEngine;
    queues: readonly TeamQueue[];
    /** The queues an agent is a member of (the engine keeps memberships to itself). */
    queueIdsOf(userId: string): readonly string[];
    /** The supervisor's own queues, for an empty queue list; all queues when absent. */
    supervisorQueueIds?: readonly string[];
}

const MAX_QUEUES = 50;
const QUEUE_PREFIX = '00G';

let world: TeamWorld | null = null;
let stopListening: (() => void) | null = null;
/** When each agent's current status began: the engine does not keep it, so it is heard from its events. */
const statusSince = new Map<string, number>();
/** Engine time when the world was wired: the start of any status that began before it was heard. */
let wiredAt = 0;

/**
 * Points the fake at a world (null: none). Call it before the world plays its first steps,
 * so logins at the start are heard; an agent already online when wired counts from then.
 */
export function useTeamWorld(next: TeamWorld | null): void {
    stopListening?.();
    stopListening = null;
    statusSince.clear();
    world = next;
    if (!next) return;
    const engine = next.engine;
    wiredAt = engine.now;
    stopListening = engine.on((event) => {
        if (event.type === 'login' || event.type === 'statusChanged') statusSince.set(event.userId, engine.now);
        else if (event.type === 'logout') statusSince.delete(event.userId);
    });
}

function current(): TeamWorld {
    if (!world) throw new ApexFault('The simulator has no team: the page must call useTeamWorld() before mounting c-omni-team-panel.');
    return world;
}

function id18(id: string): string {
    const out = toId18(id);
    if (!out) throw new ApexFault(`Invalid id: ${id}`);
    return out;
}

const key = (id: string) => id.slice(0, 15);
const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());

export const getSupervisedQueues = apexMethod('getSupervisedQueues', () => {
    const w = current();
    const mine = new Set((w.supervisorQueueIds ?? w.queues.map((q) => q.id)).map(key));
    return [...w.queues]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((q) => ({ queueId: id18(q.id), name: q.name, developerName: q.name, isMember: mine.has(key(q.id)) }));
});

function requestedQueues(w: TeamWorld, raw: unknown): TeamQueue[] {
    if (raw === null || raw === undefined)
        throw new ApexFault(
            'getTeamState needs a list of queue ids (an empty list means the queues you are a member of); it received null.'
        );
    if (!Array.isArray(raw)) throw new ApexFault('getTeamState takes a list of queue ids.');
    const ids = new Set<string>();
    for (const value of raw) {
        if (value === null || value === undefined) continue;
        const id = toId18(value);
        if (!id) throw new ApexFault(`Invalid id: ${String(value)}`);
        if (!id.startsWith(QUEUE_PREFIX)) throw new ApexFault(`getTeamState takes queue ids (Group, 00G...); ${id} is not a queue id.`);
        ids.add(key(id));
    }
    if (ids.size > MAX_QUEUES) throw new ApexFault(`getTeamState accepts at most ${MAX_QUEUES} queues per call; it received ${ids.size}.`);
    const wanted = ids.size > 0 ? ids : new Set((w.supervisorQueueIds ?? w.queues.map((q) => q.id)).map(key));
    return w.queues.filter((q) => wanted.has(key(q.id))).sort((a, b) => a.name.localeCompare(b.name));
}

function workState(engine: SimEngine, work: AgentWork) {
    const channel = engine.getChannel(work.serviceChannelId);
    return {
        workId: id18(work.id),
        workItemId: id18(work.workItemId),
        workItemName: engine.getWorkItem(work.workItemId)?.title ?? null,
        channelLabel: channel?.developerName ?? null,
        channelDeveloperName: channel?.developerName ?? null,
        status: work.status,
        // The engine has already turned percentages into units.
        capacityWeight: work.capacityWeight,
        capacityPercentage: null,
        load: work.capacityWeight,
        assignedDateTime: iso(work.assignedDateTime),
        acceptDateTime: iso(work.acceptDateTime)
    };
}

function agentState(w: TeamWorld, userId: string, queueIds: string[]) {
    const engine = w.engine;
    const view = engine.agentView(userId);
    const status = view.loggedIn && view.statusId ? engine.getStatus(view.statusId) : undefined;
    const works = view.works.filter((x) => x.status === 'Assigned' || x.status === 'Opened');
    const capacity = view.loggedIn ? view.configuredCapacity : null;
    const load = works.reduce((sum, x) => sum + x.capacityWeight, 0);
    const waiting = works.filter((x) => x.status === 'Assigned').map((x) => x.assignedDateTime);
    return {
        userId: id18(userId),
        name: view.name,
        queueIds: queueIds.map(id18),
        isOnline: view.loggedIn,
        statusId: status ? id18(status.id) : null,
        statusLabel: status?.label ?? null,
        statusDeveloperName: status?.developerName ?? null,
        statusStartDate: view.loggedIn ? iso(statusSince.get(userId) ?? wiredAt) : null,
        isAway: status ? status.channelIds.length === 0 : false,
        idleSeconds: null,
        configuredCapacity: capacity,
        load,
        loadPercent: capacity ? Math.min(100, Math.round((load * 100) / capacity)) : null,
        atCapacity: capacity !== null && capacity > 0 && load >= capacity,
        loadIncomplete: false,
        oldestAssignedSince: waiting.length > 0 ? iso(Math.min(...waiting)) : null,
        works: works.map((x) => workState(engine, x))
    };
}

export const getTeamState = apexMethod('getTeamState', (params) => {
    const w = current();
    const engine = w.engine;
    const queues = requestedQueues(w, params.queueIds);
    const queueKeys = new Set(queues.map((q) => key(q.id)));
    const waiting = engine.listPsrs().filter((p) => !p.isPushed && p.groupId !== null && queueKeys.has(key(p.groupId)));
    const queueStates = queues.map((q) => {
        const mine = waiting.filter((p) => key(p.groupId!) === key(q.id));
        return {
            queueId: id18(q.id),
            name: q.name,
            developerName: q.name,
            waitingCount: mine.length,
            oldestWaitingSince: mine.length > 0 ? iso(Math.min(...mine.map((p) => p.createdDate))) : null
        };
    });
    const agents = engine
        .listAgents()
        .map((userId) => ({ userId, queueIds: w.queueIdsOf(userId).filter((id) => queueKeys.has(key(id))) }))
        .filter((a) => a.queueIds.length > 0)
        .map((a) => agentState(w, a.userId, a.queueIds))
        .sort((a, b) => a.name.localeCompare(b.name));
    return {
        asOf: iso(engine.now),
        queues: queueStates,
        agents,
        agentsOnline: agents.filter((a) => a.isOnline).length,
        agentsAtCapacity: agents.filter((a) => a.atCapacity).length,
        waitingWork: queueStates.reduce((sum, q) => sum + q.waitingCount, 0)
    };
});
