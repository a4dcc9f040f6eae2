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
    type OmniWork,
    type SalesforceId,
    type SnapshotRequestEnvelope,
    applySeed,
    initialSnapshot,
    reduceCommandResult,
    reduceEvent,
    type SeedGuard
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
    private readonly peers = new Map<string, BridgeStamp>();
    private seedEpoch = 0;
    private seedGuard: SeedGuard | null = null;
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

    private releaseGoneWorks(before: readonly OmniWork[], after: readonly OmniWork[]): void {
        const present = worksLookup(after);
        for (const work of before) {
            if (present(work.workId)) continue;
            this.toolkitIds.delete(work.workId);
            this.workTimes?.remove(work.workId);
        }
        // While a seed is in flight its answers may bring back works the snapshot lacks now:
        // the sweep of what no work holds waits for the seed to end.
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

    /** True when no other live bridge on the page ranks before this one. */
    get isLeader(): boolean {
        for (const peer of this.peers.values()) if (compareBridges(peer, this) < 0) return false;
        return true;
    }

    start(): void {
        this.started = true;
        this.publishStamped({ kind: 'hello' });
    }

    stop(): void {
        if (this.started) this.publishStamped({ kind: 'bye' });
        this.started = false;
        this.seedEpoch += 1;
    }

    attachToolkit(toolkit: ToolkitInvoker): void {
        this.toolkit = toolkit;
        this.seed();
    }

    /** Reads status (with its channels), works and workload from the toolkit; events that arrive meanwhile win. */
    seed(): Promise<void> {
        if (!this.toolkit) return Promise.resolve();
        const epoch = ++this.seedEpoch;
        const guard: SeedGuard = { presence: false, workload: false, works: new Set() };
        this.seedGuard = guard;
        const run = async () => {
            const [status, channels, works, workload] = await Promise.all([
                this.seedCall('getServicePresenceStatusId'),
                this.seedCall('getServicePresenceStatusChannels'),
                this.seedCall('getAgentWorks'),
                this.seedCall('getAgentWorkload')
            ]);
            if (epoch !== this.seedEpoch) return;
            this.seedGuard = null;
            this.current = applySeed(
                this.current,
                { status, channels, works, workload },
                guard,
                this.now(),
                (id) => this.workTimes?.load(id) ?? null
            );
            for (const work of this.current.works) this.saveTimes(work);
            this.publishSnapshot(null);
        };
        const seeding = run().finally(() => {
            if (this.seeding === seeding) this.seeding = null;
        });
        this.seeding = seeding;
        return seeding;
    }

    private async seedCall<
        M extends 'getServicePresenceStatusId' | 'getServicePresenceStatusChannels' | 'getAgentWorks' | 'getAgentWorkload'
    >(method: M) {
        try {
            const raw = await this.toolkit!(method, undefined);
            if (method === 'getAgentWorks') this.rememberWorkIds(raw);
            return parseCommandResult(method, raw);
        } catch (error) {
            if (error instanceof OmniPayloadError) this.report(error);
            return undefined;
        }
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
        } catch (error) {
            // Not the payload (the parser reported that): a publish or a store that failed.
            this.safeWarn(`[omniBridge] could not handle ${describeValue(auraEventName)}: ${thrownText(error)}`);
        }
    }

    private applyEvent(event: OmniEvent): void {
        const wasBroken = this.current.connection.state === 'error';
        const at = this.now();
        this.guardAgainstStaleSeed(event);
        this.current = reduceEvent(this.current, event, at);
        this.recordWorkTimes(event);
        if (this.started && this.isLeader) {
            const { bridgeId, bridgeRank } = this;
            this.publishMessage({ v: ENVELOPE_VERSION, kind: 'event', bridgeId, bridgeRank, event, revision: this.current.revision, at });
        }
        const recovered = wasBroken && this.current.connection.state === 'connected';
        if (recovered || event.type === 'loginSuccess') this.seed();
    }

    private guardAgainstStaleSeed(event: OmniEvent): void {
        const guard = this.seedGuard;
        if (!guard) return;
        if (event.type === 'loginSuccess' || event.type === 'statusChanged' || event.type === 'logout') guard.presence = true;
        else if (event.type === 'workloadChanged') guard.workload = true;
        else if ('workId' in event) guard.works.add(event.workId);
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
        } else if (envelope.kind === 'snapshotRequest' && this.isLeader) {
            this.answerSnapshotRequest(envelope);
        }
    }

    private handleBridgeMessage(envelope: BridgeEnvelope): void {
        if (envelope.bridgeId === this.bridgeId) return;
        const wasLeader = this.isLeader;
        if (envelope.kind === 'bye') {
            this.peers.delete(envelope.bridgeId);
        } else {
            const isNew = !this.peers.has(envelope.bridgeId);
            this.peers.set(envelope.bridgeId, { bridgeId: envelope.bridgeId, bridgeRank: envelope.bridgeRank });
            // Introduce ourselves to a bridge we have not met, so both agree who leads.
            if (isNew && this.started) this.publishStamped({ kind: 'hello' });
        }
        if (!wasLeader && this.isLeader && this.started) this.publishSnapshot(null);
    }

    private async answerSnapshotRequest(request: SnapshotRequestEnvelope): Promise<void> {
        if (request.reseed) await this.seed();
        else if (this.seeding) await this.seeding;
        this.publishSnapshot(request.correlationId);
    }

    private async runCommand(command: CommandEnvelope): Promise<void> {
        const { method, correlationId } = command;
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
        this.publishMessage({ v: ENVELOPE_VERSION, bridgeId: this.bridgeId, bridgeRank: this.bridgeRank, ...body } as BridgeEnvelope);
    }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Membership test for the works of a snapshot: a scan for the usual few, a Set for many. */
function worksLookup(works: readonly OmniWork[]): (id: string) => boolean {
    if (works.length <= 8) return (id) => works.some((w) => w.workId === id);
    const ids = new Set<string>(works.map((w) => w.workId));
    return (id) => ids.has(id);
}
