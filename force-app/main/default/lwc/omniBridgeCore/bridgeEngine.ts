/**
 * The bridge's logic, free of LWC and Aura so that jest, the simulator and the
 * benchmarks run exactly this code: it turns raw toolkit events into typed events,
 * keeps the authoritative agent snapshot, answers snapshot requests, runs commands on
 * the toolkit and, when several bridges share a page, agrees which one speaks.
 */
import {
    ENVELOPE_VERSION,
    OmniBridgeUnavailableError,
    OmniError,
    OmniPayloadError,
    OmniToolkitError,
    compareBridges,
    describeRejection,
    describeValue,
    isInstance,
    thrownText,
    parseCommandResult,
    parseEnvelope,
    parseOmniEvent,
    validateCommandArgs,
    type BridgeEnvelope,
    type BridgeStamp,
    type CommandEnvelope,
    type Envelope,
    type OmniAgentSnapshot,
    type OmniEvent,
    type OmniMethod,
    type OmniResult,
    type OmniWork,
    type SalesforceId,
    type SnapshotRequestEnvelope,
    applySeed,
    initialSnapshot,
    reduceCommandResult,
    reduceEvent,
    HEARTBEAT_MS,
    LEASE_MS,
    PROBE_GRACE_MS,
    hashByeToken,
    randomToken,
    type HeartbeatEnvelope
} from 'c/omniTypes';
import type { WorkTimesStore } from './workTimes';

/** Runs one toolkit method; the Aura bridge (or the simulator) provides it. */
export type ToolkitInvoker = (method: OmniMethod, args: Record<string, string> | undefined) => unknown;

export interface BridgeEngineOptions {
    publish: (message: Envelope) => void;
    now?: () => number;
    warn?: (message: string) => void;
    workTimes?: WorkTimesStore;
    /** For tests; by default a random id. */
    bridgeId?: string;
    /** Schedules heartbeats, lease checks and toolkit time-outs (jest passes fake timers); default setTimeout. */
    setTimer?: (callback: () => void, ms: number) => unknown;
    clearTimer?: (handle: unknown) => void;
    /** How long each toolkit call the bridge makes itself (seeding) may take, in ms (default 5000). */
    toolkitTimeoutMs?: number;
}

/** A bridge that answered our probe, so its claims count, while its heartbeats keep coming. */
interface Peer extends BridgeStamp {
    byeHash: string;
    lastHeard: number;
    /** When its lease ran out and we probed it; null while it is heard from. */
    suspectedAt: number | null;
}

/** An event applied while seed calls were in flight: replayed on top of the seed's answers. */
interface LoggedEvent {
    event: OmniEvent;
    at: number;
}

/** A seed call that did not answer within the time-out. */
const UNANSWERED = Symbol('unanswered');

const DEFAULT_TOOLKIT_TIMEOUT_MS = 5000;
/** A re-seed after an incomplete one waits this long at first, doubling up to MAX_RESEED_MS. */
const RESEED_MS = 5000;
const MAX_RESEED_MS = 60000;
/** More events than this during one seed: seed again rather than keep them all. */
const MAX_SEED_LOG = 1000;
/** Probes in flight at once (a flood of forged bridge ids cannot grow memory). */
const MAX_PROBES = 16;
/** Correlation ids of commands already run (a replayed command message runs nothing). */
const MAX_RAN_COMMANDS = 256;

function defaultSetTimer(callback: () => void, ms: number): unknown {
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- heartbeats, leases and toolkit time-outs are timed by nature
    const handle = setTimeout(callback, ms);
    // In Node (simulator, benchmarks) a heartbeat must not keep the process alive.
    (handle as unknown as { unref?: () => void }).unref?.();
    return handle;
}

function defaultClearTimer(handle: unknown): void {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
}

let bridgeCounter = 0;

function randomId(prefix: string): string {
    bridgeCounter += 1;
    return `${prefix}${Date.now().toString(36)}${bridgeCounter.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export class OmniBridgeEngine implements BridgeStamp {
    readonly bridgeId: string;
    readonly bridgeRank: number;
    private readonly publishMessage: (message: Envelope) => void;
    private readonly now: () => number;
    private readonly warn: (message: string) => void;
    private readonly workTimes: WorkTimesStore | undefined;
    // Read and written through `current`, which releases per-work state as works leave.
    private state!: OmniAgentSnapshot;
    private toolkit: ToolkitInvoker | null = null;
    private started = false;
    // Verified bridges (they answered a probe) whose lease has not been found expired.
    private readonly peers = new Map<string, Peer>();
    // Probes we sent, by nonce: target bridge id, or null for "every bridge".
    private readonly probes = new Map<string, { target: string | null; at: number }>();
    private readonly setTimer: (callback: () => void, ms: number) => unknown;
    private readonly clearTimer: (handle: unknown) => void;
    private readonly toolkitTimeoutMs: number;
    private readonly byeToken = randomToken();
    private readonly byeHash = hashByeToken(this.byeToken);
    private heartbeatTimer: unknown = null;
    private watchdogTimer: unknown = null;
    private reseedTimer: unknown = null;
    private reseedDelay = RESEED_MS;
    // Leadership as last announced, to notice when it changes.
    private leading = false;
    private seedLog: LoggedEvent[] | null = null;
    private readonly ranCommands = new Set<string>();
    private seedEpoch = 0;
    private seeding: Promise<void> | null = null;
    // The toolkit gets ids back in the exact form it last sent them (15 characters, or 18 in
    // another letter case); only works in the snapshot have an entry.
    private readonly toolkitIds = new Map<SalesforceId, string>();
    // Set by the parser while it reads one event: the raw form of its workId, when not canonical.
    private rawWorkId: string | null = null;
    private readonly noteRawId = (key: string, _id: SalesforceId, raw: string): void => {
        if (key === 'workId') this.rawWorkId = raw;
    };
    // The seed whose end will prune per-work state (once per seed).
    private pruneAfter: Promise<void> | null = null;
    private storageSwept = false;

    constructor(options: BridgeEngineOptions) {
        this.publishMessage = options.publish;
        this.now = options.now ?? Date.now;
        this.warn = options.warn ?? ((message) => console.warn(message));
        this.workTimes = options.workTimes;
        this.bridgeId = options.bridgeId ?? randomId('b');
        this.setTimer = options.setTimer ?? defaultSetTimer;
        this.clearTimer = options.clearTimer ?? defaultClearTimer;
        this.toolkitTimeoutMs = options.toolkitTimeoutMs ?? DEFAULT_TOOLKIT_TIMEOUT_MS;
        this.bridgeRank = this.now();
        this.current = initialSnapshot(this.bridgeRank);
    }

    get snapshot(): OmniAgentSnapshot {
        return this.current;
    }

    private get current(): OmniAgentSnapshot {
        return this.state;
    }

    /**
     * Every change of the snapshot comes through here, so per-work state (the toolkit's id
     * forms, work times in memory and sessionStorage) is released whenever a work leaves,
     * whatever made it leave: close, decline, logout, a re-seed, a flag on a work never seen.
     */
    private set current(next: OmniAgentSnapshot) {
        const before = this.state;
        this.state = next;
        if (before !== undefined && before.works !== next.works) this.releaseGoneWorks(before.works, next.works);
    }

    /**
     * Only the works that were there and are not any more: a diff of two short lists, cheap
     * enough for every event (a full sweep here cost 1.5 us per event, measured). State for
     * works that never entered the snapshot is dropped where it is made: the id form of an
     * event's unknown work in handleRawEvent, what a seed read in the sweep after the seed.
     */
    private releaseGoneWorks(before: readonly OmniWork[], after: readonly OmniWork[]): void {
        const present = after.length > 32 ? worksLookup(after) : null; // a re-seed of a long list
        for (let i = 0; i < before.length; i++) {
            const workId = before[i].workId;
            if (present === null ? hasWork(after, workId) : present(workId)) continue;
            this.toolkitIds.delete(workId);
            this.workTimes?.remove(workId);
        }
    }

    /**
     * Sweeps what no work in the snapshot holds. While a seed is in flight its answers may
     * bring back works the snapshot lacks now: then the sweep waits for the seed to end.
     */
    private schedulePrune(): void {
        const seeding = this.seeding;
        if (seeding === null) this.pruneWorkState();
        else if (this.pruneAfter !== seeding) {
            this.pruneAfter = seeding;
            const prune = () => this.pruneWorkState();
            seeding.then(prune, prune);
        }
    }

    /** Drops id forms and work times of works not in the snapshot (and, once seeded, stale stored times). */
    private pruneWorkState(): void {
        const works = this.current.works;
        const present = worksLookup(works);
        for (const id of this.toolkitIds.keys()) if (!present(id)) this.toolkitIds.delete(id);
        const sweepStorage = this.current.seeded && !this.storageSwept;
        if (sweepStorage) this.storageSwept = true;
        this.workTimes?.retain?.(present, sweepStorage);
    }

    /** True when no other verified, live bridge on the page ranks before this one. */
    get isLeader(): boolean {
        for (const peer of this.peers.values()) if (compareBridges(peer, this) < 0) return false;
        return true;
    }

    /**
     * Joins the page: `hello` asks every bridge there to answer (so this one learns who
     * leads within one round trip), then a heartbeat every HEARTBEAT_MS proves it is alive.
     */
    start(): void {
        if (this.started) return;
        this.started = true;
        this.leading = this.isLeader;
        this.publishStamped({ kind: 'hello', nonce: this.newProbe(null) });
        this.scheduleHeartbeat();
    }

    /** Leaves the page; the bye reveals the token our heartbeats committed to, so nobody else can say it for us. */
    stop(): void {
        if (this.started) this.publishStamped({ kind: 'bye', byeToken: this.byeToken });
        this.started = false;
        this.seedEpoch += 1;
        this.seedLog = null;
        for (const timer of [this.heartbeatTimer, this.watchdogTimer, this.reseedTimer]) if (timer !== null) this.clearTimer(timer);
        this.heartbeatTimer = this.watchdogTimer = this.reseedTimer = null;
    }

    /** Stops without a bye, as a crashed frame or a closed pop-out would (tests and benchmarks). */
    vanish(): void {
        this.started = false;
        this.stop();
    }

    attachToolkit(toolkit: ToolkitInvoker): void {
        this.toolkit = toolkit;
        this.seed();
    }

    /**
     * Reads status (with its channels), works and workload from the toolkit. The answers
     * describe the agent when the calls were made; events that arrive meanwhile are
     * logged and applied again on top of them, as Omni applied them. A call that does not
     * answer within the time-out leaves its part unknown (the snapshot stays unseeded) and
     * a re-seed is scheduled, so a hung call never holds up snapshot answers.
     */
    seed(): Promise<void> {
        if (!this.toolkit) return Promise.resolve();
        const epoch = ++this.seedEpoch;
        if (this.reseedTimer !== null) this.clearTimer(this.reseedTimer);
        this.reseedTimer = null;
        // A seed that replaces one still in flight keeps its log: those events may have been
        // dropped on the way (a flag on a work the bridge had not seen yet) and replaying them
        // on the newer answers is harmless (each event sets what it names).
        const log: LoggedEvent[] = this.seedLog !== null && this.seedLog.length <= MAX_SEED_LOG ? this.seedLog : [];
        this.seedLog = log;
        const run = async () => {
            const answers = await Promise.all([
                this.seedCall('getServicePresenceStatusId'),
                this.seedCall('getServicePresenceStatusChannels'),
                this.seedCall('getAgentWorks'),
                this.seedCall('getAgentWorkload')
            ]);
            if (epoch !== this.seedEpoch) return;
            this.seedLog = null;
            const [status, channels, works, workload] = answers;
            const unanswered: Array<'status' | 'channels' | 'works' | 'workload'> = [];
            if (status === UNANSWERED) unanswered.push('status');
            if (channels === UNANSWERED) unanswered.push('channels');
            if (works === UNANSWERED) unanswered.push('works');
            if (workload === UNANSWERED) unanswered.push('workload');
            const value = <T>(answer: T | typeof UNANSWERED): T | undefined => (answer === UNANSWERED ? undefined : answer);
            let snapshot = applySeed(
                this.current,
                { status: value(status), channels: value(channels), works: value(works), workload: value(workload), unanswered },
                this.now(),
                (id) => this.workTimes?.load(id) ?? null
            );
            for (const { event, at } of log) snapshot = reduceEvent(snapshot, event, at);
            this.current = snapshot;
            for (const work of this.current.works) this.saveTimes(work);
            this.publishSnapshot(null);
            if (unanswered.length > 0) this.scheduleReseed();
            else this.reseedDelay = RESEED_MS;
        };
        const seeding = run().finally(() => {
            if (this.seeding === seeding) this.seeding = null;
        });
        this.seeding = seeding;
        return seeding;
    }

    private scheduleReseed(): void {
        if (!this.started || this.reseedTimer !== null) return;
        const delay = this.reseedDelay;
        this.reseedDelay = Math.min(delay * 2, MAX_RESEED_MS);
        this.reseedTimer = this.setTimer(() => {
            this.reseedTimer = null;
            this.seed();
        }, delay);
    }

    /** One seed call: its parsed answer, undefined when it failed, UNANSWERED when it took too long. */
    private seedCall<M extends 'getServicePresenceStatusId' | 'getServicePresenceStatusChannels' | 'getAgentWorks' | 'getAgentWorkload'>(
        method: M
    ) {
        const call = (async (): Promise<OmniResult<M> | undefined> => {
            try {
                const raw = await this.toolkit!(method, undefined);
                if (method === 'getAgentWorks') this.rememberWorkIds(raw);
                return parseCommandResult(method, raw);
            } catch (error) {
                // isInstance: the toolkit may reject with anything, a revoked proxy included.
                if (isInstance(error, OmniPayloadError)) this.report(error);
                return undefined;
            }
        })();
        return new Promise<OmniResult<M> | undefined | typeof UNANSWERED>((resolve) => {
            const timer = this.setTimer(() => resolve(UNANSWERED), this.toolkitTimeoutMs);
            call.then((value) => {
                this.clearTimer(timer);
                resolve(value);
            });
        });
    }

    /**
     * Entry point for the ten lightning:omniChannel* events (name without namespace is fine).
     * Never throws: a bad payload is reported once, and the params are read only by the parser.
     */
    handleRawEvent(auraEventName: unknown, params: unknown): void {
        try {
            this.rawWorkId = null;
            const parsed = parseOmniEvent(auraEventName, params, this.noteRawId);
            if (!parsed.ok) {
                this.report(parsed.error);
                return;
            }
            const event = parsed.value;
            // Before the event is published: a subscriber may answer it with a command at once.
            if ('workId' in event) this.rememberToolkitId(event.workId, this.rawWorkId);
            this.applyEvent(event);
            // A work the event did not put in the snapshot (a flag on a work never seen) keeps no id form.
            if ('workId' in event && this.toolkitIds.has(event.workId) && !hasWork(this.current.works, event.workId)) {
                this.toolkitIds.delete(event.workId);
            }
        } catch (error) {
            // Not the payload (the parser reported that): a publish or a store that failed.
            this.safeWarn(`[omniBridge] could not handle ${describeValue(auraEventName)}: ${thrownText(error)}`);
        }
    }

    private applyEvent(event: OmniEvent): void {
        const wasBroken = this.current.connection.state === 'error';
        const at = this.now();
        const log = this.seedLog;
        if (log !== null) log.push({ event, at });
        this.current = reduceEvent(this.current, event, at);
        this.recordWorkTimes(event);
        if (this.started && this.isLeader) {
            const { bridgeId, bridgeRank } = this;
            this.publishMessage({ v: ENVELOPE_VERSION, kind: 'event', bridgeId, bridgeRank, event, revision: this.current.revision, at });
        }
        const recovered = wasBroken && this.current.connection.state === 'connected';
        if (recovered || event.type === 'loginSuccess' || (log !== null && log.length > MAX_SEED_LOG)) this.seed();
    }

    /** Works that leave are released by `current`'s setter; here the times of works that arrive. */
    private recordWorkTimes(event: OmniEvent): void {
        if (this.workTimes && (event.type === 'workAssigned' || event.type === 'workAccepted')) {
            const work = this.current.works.find((w) => w.workId === event.workId);
            if (work) this.saveTimes(work);
        }
    }

    private saveTimes(work: OmniWork): void {
        this.workTimes?.save(work.workId, { assignedAt: work.assignedAt, acceptedAt: work.acceptedAt });
    }

    /** Entry point for every message on the channel (including this bridge's own). */
    handleMessage(message: unknown): void {
        try {
            this.receiveMessage(message);
        } catch (error) {
            // A foreign message whose fields throw when read a second time (a getter, a proxy):
            // reported like any other bad message, never thrown at the message service.
            if (this.isLeader) this.safeWarn(`[omniBridge] ignored message: could not be read: ${thrownText(error)}`);
        }
    }

    private receiveMessage(message: unknown): void {
        const parsed = parseEnvelope(message);
        if (!parsed.ok) {
            // Clients report bad channel messages to their error subscribers; the bridge only logs.
            if (this.isLeader) this.warn(`[omniBridge] ignored message: ${parsed.error.message}`);
            return;
        }
        const envelope = parsed.value;
        if ('bridgeId' in envelope) {
            this.handleBridgeMessage(envelope);
        } else if (envelope.kind === 'command') {
            if (envelope.targetBridgeId === this.bridgeId || (envelope.targetBridgeId === undefined && this.isLeader)) {
                this.runCommand(envelope);
            }
        } else if (envelope.kind === 'snapshotRequest') {
            if (this.isLeader) this.answerSnapshotRequest(envelope);
        } else if (envelope.kind === 'probe') {
            if (this.started && (envelope.targetBridgeId === undefined || envelope.targetBridgeId === this.bridgeId)) {
                this.publishHeartbeat(envelope.nonce);
            }
        }
    }

    /**
     * Another bridge's message. Only `hello`, `heartbeat` and `bye` matter here (a bridge
     * keeps its own snapshot from the raw events). A bridge counts once it answered a probe
     * with our nonce; a `bye` counts only with the token its heartbeats committed to.
     */
    private handleBridgeMessage(envelope: BridgeEnvelope): void {
        if (envelope.bridgeId === this.bridgeId) return;
        const kind = envelope.kind;
        if (kind !== 'hello' && kind !== 'heartbeat' && kind !== 'bye') return;
        const peer = this.peers.get(envelope.bridgeId);
        if (kind === 'bye') {
            if (!peer) return;
            if (typeof envelope.byeToken === 'string' && hashByeToken(envelope.byeToken) === peer.byeHash) this.dropPeers([peer.bridgeId]);
            else if (this.isLeader) this.warn(`[omniBridge] ignored a bye for bridge ${peer.bridgeId} without its token`);
            return;
        }
        // A newcomer asks every bridge to answer its hello.
        if (kind === 'hello' && envelope.nonce !== undefined && this.started) this.publishHeartbeat(envelope.nonce);
        if (peer) {
            peer.lastHeard = this.now();
            peer.suspectedAt = null;
            return;
        }
        const probe = kind === 'heartbeat' && envelope.nonce !== undefined ? this.probes.get(envelope.nonce) : undefined;
        if (kind === 'heartbeat' && probe && (probe.target === null || probe.target === envelope.bridgeId)) {
            if (probe.target !== null) this.probes.delete(envelope.nonce!);
            this.peers.set(envelope.bridgeId, {
                bridgeId: envelope.bridgeId,
                bridgeRank: envelope.bridgeRank,
                byeHash: envelope.byeHash,
                lastHeard: this.now(),
                suspectedAt: null
            });
            this.armWatchdog();
            this.leadershipMayHaveChanged(null);
        } else if (this.started) {
            this.newProbe(envelope.bridgeId);
        }
    }

    /** Publishes a probe (target null: every bridge) and returns its nonce; at most MAX_PROBES in flight, one per target. */
    private newProbe(target: string | null): string {
        const now = this.now();
        for (const [nonce, probe] of this.probes) {
            if (now - probe.at >= LEASE_MS) this.probes.delete(nonce);
            else if (target !== null && probe.target === target) return nonce;
        }
        const nonce = randomToken();
        if (this.probes.size >= MAX_PROBES) return nonce;
        this.probes.set(nonce, { target, at: now });
        if (target !== null) this.publishMessage({ v: ENVELOPE_VERSION, kind: 'probe', nonce, targetBridgeId: target });
        return nonce;
    }

    private scheduleHeartbeat(): void {
        this.heartbeatTimer = this.setTimer(() => {
            this.heartbeatTimer = null;
            if (!this.started) return;
            this.publishHeartbeat();
            this.scheduleHeartbeat();
        }, HEARTBEAT_MS);
    }

    private publishHeartbeat(nonce?: string, replaces?: string): void {
        if (!this.started) return;
        const body: DistributiveOmit<HeartbeatEnvelope, 'v' | 'bridgeId' | 'bridgeRank'> = {
            kind: 'heartbeat',
            leading: this.isLeader,
            revision: this.current.revision,
            byeHash: this.byeHash
        };
        if (nonce !== undefined) body.nonce = nonce;
        if (replaces !== undefined) body.replaces = replaces;
        this.publishStamped(body);
    }

    /**
     * One timer for the earliest deadline among peers: a peer silent for LEASE_MS is probed,
     * and one that stays silent PROBE_GRACE_MS more is gone. Heartbeats do not re-arm it;
     * when it fires early for a peer heard since, it is set again for that peer's deadline.
     */
    private armWatchdog(): void {
        if (this.watchdogTimer !== null || !this.started) return;
        let deadline = Infinity;
        for (const peer of this.peers.values()) {
            deadline = Math.min(deadline, peer.suspectedAt === null ? peer.lastHeard + LEASE_MS : peer.suspectedAt + PROBE_GRACE_MS);
        }
        if (deadline === Infinity) return;
        this.watchdogTimer = this.setTimer(
            () => {
                this.watchdogTimer = null;
                this.checkLeases();
            },
            Math.max(0, deadline - this.now())
        );
    }

    private checkLeases(): void {
        if (!this.started) return;
        const now = this.now();
        const gone: string[] = [];
        for (const peer of this.peers.values()) {
            if (peer.suspectedAt !== null) {
                if (now - peer.suspectedAt >= PROBE_GRACE_MS) gone.push(peer.bridgeId);
            } else if (now - peer.lastHeard >= LEASE_MS) {
                // Silent: a throttled timer or a gone frame. A probe tells them apart.
                peer.suspectedAt = now;
                this.publishMessage({ v: ENVELOPE_VERSION, kind: 'probe', nonce: randomToken(), targetBridgeId: peer.bridgeId });
            }
        }
        if (gone.length > 0) this.dropPeers(gone);
        this.armWatchdog();
    }

    private dropPeers(ids: string[]): void {
        const before = this.currentLeaderId();
        for (const id of ids) this.peers.delete(id);
        this.leadershipMayHaveChanged(ids.includes(before) ? before : null);
    }

    private currentLeaderId(): string {
        let leader: BridgeStamp = { bridgeId: this.bridgeId, bridgeRank: this.bridgeRank };
        for (const peer of this.peers.values()) if (compareBridges(peer, leader) < 0) leader = peer;
        return leader.bridgeId;
    }

    /** Announces a change of leadership: a new leader says whom it replaces and publishes its snapshot. */
    private leadershipMayHaveChanged(replaced: string | null): void {
        const leading = this.isLeader;
        if (leading === this.leading) return;
        this.leading = leading;
        if (!this.started) return;
        this.publishHeartbeat(undefined, leading && replaced !== null ? replaced : undefined);
        if (leading) this.publishSnapshot(null);
    }

    private async answerSnapshotRequest(request: SnapshotRequestEnvelope): Promise<void> {
        // omniBridgeCore starts the engine, then gives it the toolkit: a request heard in between
        // (a client that was waiting for a bridge) is answered after the seed that follows.
        if (!this.toolkit) await Promise.resolve();
        if (request.reseed) await this.seed();
        else if (this.seeding) await this.seeding;
        this.publishSnapshot(request.correlationId);
    }

    private async runCommand(command: CommandEnvelope): Promise<void> {
        const { method, correlationId } = command;
        // A command message seen twice (replayed, or re-published by a buggy component) runs once.
        if (this.ranCommands.has(correlationId)) return;
        this.ranCommands.add(correlationId);
        if (this.ranCommands.size > MAX_RAN_COMMANDS) this.ranCommands.delete(this.ranCommands.values().next().value as string);
        try {
            const args = validateCommandArgs(method, command.args);
            const toolkit = this.toolkit;
            if (!toolkit) throw new OmniBridgeUnavailableError('The Omni bridge has not connected to lightning:omniToolkitAPI yet.');
            let raw: unknown;
            try {
                raw = await toolkit(method, this.toToolkitArgs(args as Record<string, string> | undefined));
            } catch (rejection) {
                throw new OmniToolkitError(method, describeRejection(rejection));
            }
            const value = parseCommandResult(method, raw);
            const before = this.current;
            this.current = reduceCommandResult(this.current, method, value, this.now());
            this.publishStamped({ kind: 'result', correlationId, ok: true, value });
            if (this.current !== before) this.publishSnapshot(null);
        } catch (error) {
            const omniError = error instanceof OmniError ? error : new OmniToolkitError(method, describeRejection(error));
            this.publishStamped({ kind: 'result', correlationId, ok: false, error: omniError.toWire() });
        }
    }

    private toToolkitArgs(args: Record<string, string> | undefined): Record<string, string> | undefined {
        if (!args) return undefined;
        const out: Record<string, string> = {};
        for (const [key, value] of Object.entries(args)) {
            out[key] = key === 'workId' ? (this.toolkitIds.get(value as SalesforceId) ?? value) : value;
        }
        return out;
    }

    /** The form the toolkit last sent for a work (null: the canonical one); dropped when the work leaves. */
    private rememberToolkitId(id: SalesforceId, raw: string | null): void {
        if (raw === null) this.toolkitIds.delete(id);
        else this.toolkitIds.set(id, raw);
    }

    /**
     * The forms of the work ids in a getAgentWorks answer. The parser that reads the answer
     * for the snapshot reports a malformed one; this reading only collects forms, so it
     * stays silent (and never throws). Works the seed does not keep are pruned after it.
     */
    private rememberWorkIds(raw: unknown): void {
        try {
            parseCommandResult('getAgentWorks', raw, (key, id, form) => {
                if (key === 'workId') this.toolkitIds.set(id, form);
            });
        } catch {
            // reported by the seed's own parse
        }
        // Whatever the seed keeps (the answer may be refused, or the works it lists gone by then).
        this.schedulePrune();
    }

    private report(error: OmniPayloadError): void {
        // Every bridge on the page sees the same raw events; only the leader speaks for them.
        if (!this.isLeader) return;
        this.safeWarn(`[omniBridge] ${error.message}`);
        if (this.started) this.publishStamped({ kind: 'error', error: error.toWire() });
    }

    /** warn() is the host's; a failing one must not turn a report into an exception. */
    private safeWarn(message: string): void {
        try {
            this.warn(message);
        } catch {
            // nowhere left to say it
        }
    }

    private publishSnapshot(correlationId: string | null): void {
        if (this.started && this.isLeader) this.publishStamped({ kind: 'snapshot', correlationId, snapshot: this.current });
    }

    private publishStamped(body: DistributiveOmit<BridgeEnvelope, 'v' | 'bridgeId' | 'bridgeRank'>): void {
        // A stopped (or vanished) bridge says nothing more: a late command result included.
        if (!this.started) return;
        this.publishMessage({ v: ENVELOPE_VERSION, bridgeId: this.bridgeId, bridgeRank: this.bridgeRank, ...body } as BridgeEnvelope);
    }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function hasWork(works: readonly OmniWork[], workId: string): boolean {
    for (let i = 0; i < works.length; i++) if (works[i].workId === workId) return true;
    return false;
}

/** Membership test for the works of a snapshot: a scan for the usual few, a Set for many. */
function worksLookup(works: readonly OmniWork[]): (id: string) => boolean {
    if (works.length <= 8) return (id) => works.some((w) => w.workId === id);
    const ids = new Set<string>(works.map((w) => w.workId));
    return (id) => ids.has(id);
}
