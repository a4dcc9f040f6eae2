/**
 * Who can take work right now: each agent's presence status (hence channels), configured
 * capacity and the capacity their open AgentWork uses. Fed by events (UserServicePresence,
 * AgentWork, the router's own inserts) and seeded by queries at start and after a reset.
 *
 * Agents are indexed by channel, so a decision walks only the agents online on the work's
 * channel, not every agent of the org.
 */
import type { AgentWorkRecord, PresenceRecord, StatusChannelRecord } from '../salesforce/records.js';
import { ACTIVE_WORK_STATUSES } from '../salesforce/records.js';
import type { AgentView, RoutingStrategy, WorkRequest } from './strategy.js';

interface AgentEntry extends AgentView {
    userId: string;
    statusId: string;
    presenceId: string;
    capacity: number;
    workload: number;
    openWorks: number;
    /** When the agent came online or last finished (closed, declined, transferred...) a work item. */
    idleSince: number;
    channels: readonly string[];
    /** This agent's index in byChannel's list of each of its channels (same order as `channels`). */
    slots: number[];
    /** Salesforce refused an insert for this agent: off every channel until a presence record or a re-sync says otherwise. */
    suspended: boolean;
}

interface WorkEntry {
    userId: string;
    weight: number;
}

interface Load {
    workload: number;
    openWorks: number;
}

export interface ChooseOptions {
    /** Users who declined or timed out on this work: never chosen. */
    exclude?: ReadonlySet<string>;
    preferredUserId?: string | null;
    /** With a preferred user: wait for them rather than route to someone else. */
    isPreferredUserRequired?: boolean;
}

export interface Choice {
    userId: string;
    weight: number;
}

const NO_CHANNELS: readonly string[] = [];

export class AgentLedger {
    private readonly agents = new Map<string, AgentEntry>();
    /** Agents online on each channel, as dense arrays: a decision walks one with a plain loop. */
    private readonly byChannel = new Map<string, AgentEntry[]>();
    private readonly statusChannels = new Map<string, string[]>();
    private readonly works = new Map<string, WorkEntry>();
    /** Load per user, kept even while the user is offline (their open work still counts). */
    private readonly loads = new Map<string, Load>();

    constructor(private readonly clock: () => number = Date.now) {}

    /** Forgets everything (data-centre recovery, re-seed). */
    clear(): void {
        this.agents.clear();
        this.byChannel.clear();
        this.statusChannels.clear();
        this.works.clear();
        this.loads.clear();
    }

    /**
     * Rebuilds from fresh query results (periodic re-sync), keeping what queries cannot
     * tell: when each known agent last finished work (longest-idle needs it).
     */
    reload(statusChannels: readonly StatusChannelRecord[], presences: readonly PresenceRecord[], works: readonly AgentWorkRecord[]): void {
        const idle = new Map([...this.agents.values()].map((a) => [a.userId, a.idleSince]));
        this.clear();
        this.setStatusChannels(statusChannels);
        for (const p of presences) this.applyPresence(p);
        for (const w of works) this.applyWork(w);
        for (const [userId, idleSince] of idle) {
            const agent = this.agents.get(userId);
            if (agent) agent.idleSince = idleSince;
        }
    }

    /** Replaces the status -> channels map (ServiceChannelStatus) and re-indexes online agents. */
    setStatusChannels(records: readonly StatusChannelRecord[]): void {
        this.statusChannels.clear();
        for (const r of records) {
            const list = this.statusChannels.get(r.statusId) ?? [];
            if (!list.includes(r.channelId)) list.push(r.channelId);
            this.statusChannels.set(r.statusId, list);
        }
        for (const agent of [...this.agents.values()]) if (!agent.suspended) this.index(agent, this.channelsOf(agent.statusId));
    }

    /** True when some presence status includes the channel (else no agent can ever be on it). */
    channelHasStatus(channelId: string): boolean {
        for (const channels of this.statusChannels.values()) if (channels.includes(channelId)) return true;
        return false;
    }

    /** The largest ConfiguredCapacity among agents online on the channel, or null when none is. */
    maxCapacityOn(channelId: string): number | null {
        const agents = this.byChannel.get(channelId);
        if (!agents || agents.length === 0) return null;
        let max = 0;
        for (const agent of agents) max = Math.max(max, agent.capacity);
        return max;
    }

    /**
     * Salesforce refused an AgentWork insert for this agent although the PSR still waits (the
     * agent went offline, changed status or has no room after all, and the event saying so
     * has not arrived): the agent is not chosen again until a presence record for them
     * arrives or the periodic re-sync reloads the ledger. Without this every new PSR tried
     * the same offline agents until presence caught up (issue 12).
     */
    suspend(userId: string): void {
        const agent = this.agents.get(userId);
        if (!agent) return;
        this.index(agent, NO_CHANNELS);
        agent.suspended = true;
    }

    isSuspended(userId: string): boolean {
        return this.agents.get(userId)?.suspended === true;
    }

    private channelsOf(statusId: string): readonly string[] {
        return this.statusChannels.get(statusId) ?? NO_CHANNELS;
    }

    private index(agent: AgentEntry, channels: readonly string[]): void {
        agent.channels.forEach((c, i) => this.unlist(c, agent.slots[i]));
        agent.channels = channels;
        agent.slots = channels.map((c) => {
            let list = this.byChannel.get(c);
            if (!list) this.byChannel.set(c, (list = []));
            list.push(agent);
            return list.length - 1;
        });
    }

    /** Removes the agent at `slot` from a channel's list in O(1): the last agent takes its place. */
    private unlist(channel: string, slot: number): void {
        const list = this.byChannel.get(channel)!;
        const last = list.pop()!;
        if (slot === list.length) return;
        list[slot] = last;
        last.slots[last.channels.indexOf(channel)] = slot;
    }

    /**
     * A UserServicePresence record: IsCurrentState=true puts the agent online in that status;
     * IsCurrentState=false for the agent's current record takes them offline (logout). An
     * old record closing after its successor opened changes nothing.
     * Returns true when the agent may now have room for waiting work.
     */
    applyPresence(p: PresenceRecord): boolean {
        const existing = this.agents.get(p.userId);
        if (!p.isCurrentState || !p.statusId) {
            if (existing && existing.presenceId === p.id) this.removeAgent(existing);
            return false;
        }
        const load = this.loads.get(p.userId) ?? { workload: 0, openWorks: 0 };
        const agent: AgentEntry = existing ?? {
            userId: p.userId,
            statusId: p.statusId,
            presenceId: p.id,
            capacity: p.configuredCapacity,
            workload: load.workload,
            openWorks: load.openWorks,
            idleSince: p.statusStartDate ?? this.clock(),
            channels: NO_CHANNELS,
            slots: [],
            suspended: false
        };
        agent.suspended = false;
        agent.statusId = p.statusId;
        agent.presenceId = p.id;
        agent.capacity = p.configuredCapacity;
        this.agents.set(p.userId, agent);
        this.index(agent, this.channelsOf(p.statusId));
        return agent.channels.length > 0;
    }

    /** A UserServicePresence record was deleted. */
    removePresence(presenceId: string): void {
        for (const agent of this.agents.values()) if (agent.presenceId === presenceId) return this.removeAgent(agent);
    }

    private removeAgent(agent: AgentEntry): void {
        this.index(agent, NO_CHANNELS);
        this.agents.delete(agent.userId);
    }

    /**
     * An AgentWork record: Assigned/Opened holds capacity, any other status releases it.
     * Returns true when capacity was released.
     */
    applyWork(w: AgentWorkRecord): boolean {
        if (ACTIVE_WORK_STATUSES.has(w.status)) {
            if (!this.works.has(w.id)) this.addWork(w.id, w.userId, this.weightOfRecord(w));
            return false;
        }
        return this.removeWork(w.id);
    }

    /** The router inserted this AgentWork (it holds capacity until an event says otherwise). */
    addWork(workId: string, userId: string, weight: number): void {
        if (this.works.has(workId)) return;
        this.works.set(workId, { userId, weight });
        this.changeLoad(userId, weight, 1);
    }

    /**
     * Holds the agent's capacity for a decision whose insert is in flight, so concurrent
     * decisions never fill an agent past its capacity (the pipelined router decides the next
     * PSR before the last insert answered). Returns the reservation's key.
     */
    reserve(psrId: string, userId: string, weight: number): string {
        const key = `reserved:${psrId}`;
        this.addWork(key, userId, weight);
        return key;
    }

    /**
     * The insert answered with this AgentWork id: the reservation becomes the work (or just
     * goes, when the AgentWork's own event arrived first and already holds the capacity).
     */
    confirm(reservation: string, workId: string): void {
        const held = this.works.get(reservation);
        if (!held) return;
        this.works.delete(reservation);
        if (this.works.has(workId)) this.changeLoad(held.userId, -held.weight, -1);
        else this.works.set(workId, held);
    }

    /** The insert was refused or failed: the capacity is free again (the agent's idle time is unchanged). */
    release(reservation: string): void {
        const held = this.works.get(reservation);
        if (!held) return;
        this.works.delete(reservation);
        this.changeLoad(held.userId, -held.weight, -1);
    }

    /**
     * The work ended (closed, declined, timed out, transferred, cancelled): its capacity is
     * free and the agent's idle time starts again now. Returns true when the work was known.
     */
    removeWork(workId: string): boolean {
        const work = this.works.get(workId);
        if (!work) return false;
        this.works.delete(workId);
        this.changeLoad(work.userId, -work.weight, -1);
        const agent = this.agents.get(work.userId);
        if (agent) agent.idleSince = this.clock();
        return true;
    }

    private changeLoad(userId: string, weight: number, count: number): void {
        const load = this.loads.get(userId) ?? { workload: 0, openWorks: 0 };
        load.workload = Math.max(0, load.workload + weight);
        load.openWorks = Math.max(0, load.openWorks + count);
        if (load.openWorks === 0) load.workload = 0; // no rounding drift from percentages
        this.loads.set(userId, load);
        const agent = this.agents.get(userId);
        if (agent) {
            agent.workload = load.workload;
            agent.openWorks = load.openWorks;
        }
    }

    private weightOfRecord(w: AgentWorkRecord): number {
        if (w.capacityWeight !== null) return w.capacityWeight;
        const capacity = this.agents.get(w.userId)?.capacity ?? 0;
        if (w.capacityPercentage !== null) return (capacity * w.capacityPercentage) / 100;
        return 1;
    }

    /** Units this work takes from this agent (CapacityWeight, else CapacityPercentage of their capacity, else 1). */
    weightFor(agent: AgentView, work: WorkRequest): number {
        if (work.capacityWeight !== null) return work.capacityWeight;
        if (work.capacityPercentage !== null) return (agent.capacity * work.capacityPercentage) / 100;
        return 1;
    }

    /** Picks an agent for the work, or null when nobody online on its channel has room. */
    choose(work: WorkRequest, strategy: RoutingStrategy, options: ChooseOptions = {}): Choice | null {
        const exclude = options.exclude;
        if (options.preferredUserId) {
            const preferred = this.agents.get(options.preferredUserId);
            if (preferred && !exclude?.has(preferred.userId) && preferred.channels.includes(work.channelId)) {
                const weight = this.weightFor(preferred, work);
                if (preferred.workload + weight <= preferred.capacity) return { userId: preferred.userId, weight };
            }
            if (options.isPreferredUserRequired) return null;
        }
        const candidates = this.byChannel.get(work.channelId);
        if (!candidates) return null;
        // The hot loop (every decision walks the channel's agents): plain indexing, the
        // exclusion set only consulted when it has members, the weight computed once when fixed.
        const excluding = exclude !== undefined && exclude.size > 0 ? exclude : undefined;
        const fixedWeight = work.capacityWeight;
        let best: AgentEntry | null = null;
        let bestScore = Infinity;
        let bestWeight = 0;
        for (let i = 0; i < candidates.length; i++) {
            const agent = candidates[i];
            const weight = fixedWeight ?? this.weightFor(agent, work);
            if (agent.workload + weight > agent.capacity) continue;
            if (excluding !== undefined && excluding.has(agent.userId)) continue;
            const score = strategy.score(agent, work, weight);
            if (
                score < bestScore ||
                (score === bestScore &&
                    best !== null &&
                    (agent.idleSince < best.idleSince || (agent.idleSince === best.idleSince && agent.userId < best.userId)))
            ) {
                best = agent;
                bestScore = score;
                bestWeight = weight;
            }
        }
        return best ? { userId: best.userId, weight: bestWeight } : null;
    }

    /** Read-only views, for logs, tests and the bench's full-scan baseline. */
    agentViews(): Iterable<AgentView> {
        return this.agents.values();
    }

    agent(userId: string): AgentView | undefined {
        return this.agents.get(userId);
    }

    channelsOfStatus(statusId: string): readonly string[] {
        return this.channelsOf(statusId);
    }

    get onlineCount(): number {
        return this.agents.size;
    }

    get openWorkCount(): number {
        return this.works.size;
    }
}
