/**
 * The helpers real Omni automations need, on top of c/omniClient:
 *
 *   import { createOmniKit } from 'c/omniKit';
 *   const omni = createOmniKit({ messageContext: this.messageContext, logger: (entry) => ... });
 *   await omni.whenReady();
 *   omni.onEachOffer(async (work) => omni.acceptAgentWork({ workId: work.workId }), { oneAtATime: true });
 *
 * A kit is an OmniClient (the twelve methods, on/onAny/onSnapshot/onError, snapshot) plus:
 * whenReady(), capabilities from Apex (decline allowed, reasons, push time-out), the time left
 * before each offer's push time-out, the statuses the rep may use by API name, declineAllWaiting,
 * an offer handler that runs exactly once per work, and a structured, bounded log.
 *
 * It lives in its own bundle so that a component that needs only the client ships only the
 * client (bench 20-shipped-size measures c/omniClient + c/omniBridgeCore).
 */
import getAvailableStatuses from '@salesforce/apex/OmniPanelController.getAvailableStatuses';
import getDeclineSettings from '@salesforce/apex/OmniPanelController.getDeclineSettings';
import getPushTimeouts from '@salesforce/apex/OmniPanelController.getPushTimeouts';
import {
    KEY_PREFIX,
    OMNI_METHODS,
    OmniArgumentError,
    OmniBridgeUnavailableError,
    OmniPayloadError,
    createOmniClient,
    thrownText,
    toId18,
    type OmniAgentSnapshot,
    type OmniArgs,
    type OmniClient,
    type OmniClientOptions,
    type OmniEvent,
    type OmniEventHandler,
    type OmniEventType,
    type OmniMethod,
    type OmniResult,
    type OmniWork,
    type SalesforceId,
    type Unsubscribe
} from 'c/omniClient';
import { createLog, type OmniLog, type OmniLogEntry, type OmniLogger, type OmniLogLevel } from './log';
import {
    parseCapabilities,
    parsePushTimeouts,
    parseStatuses,
    type OmniCapabilities,
    type OmniStatusOption,
    type OmniWorkPushTimeout
} from './apexAnswers';

export type { OmniLogEntry, OmniLogger, OmniLogLevel } from './log';
export type { OmniCapabilities, OmniDeclineReason, OmniStatusOption, OmniWorkPushTimeout } from './apexAnswers';

/**
 * An OmniPanelController method failed (the server refused, the user lacks access, the
 * network dropped). Nothing is cached: the next call asks Apex again.
 */
export class OmniApexError extends Error {
    /** The Apex method, e.g. "getPushTimeouts". */
    readonly method: string;
    /** The HTTP status of the failed call when the platform gave one. */
    readonly status: number | null;
    constructor(method: string, detail: string, status: number | null = null) {
        super(`OmniPanelController.${method} failed: ${detail}`);
        this.name = 'OmniApexError';
        this.method = method;
        this.status = status;
    }
}

/** The message of an Apex failure: the platform rejects with { body: { message }, status }. */
function apexFailure(method: string, error: unknown): OmniApexError {
    const e = error as { body?: { message?: unknown }; status?: unknown } | null;
    const bodyMessage = e && typeof e === 'object' && e.body && typeof e.body.message === 'string' ? e.body.message : null;
    const status = e && typeof e === 'object' && typeof e.status === 'number' ? e.status : null;
    return new OmniApexError(method, bodyMessage ?? thrownText(error), status);
}

/**
 * The kit's version (semver). Kept equal to package.json's by a test; CHANGELOG.md lists
 * what each version changed, and docs/developers.md's deprecation policy says what may change when.
 */
export const KIT_VERSION = '0.2.0';

/** How long a logged-out seed must stay logged out before whenReady() believes it (ms). */
export const DEFAULT_RESTORE_GRACE_MS = 2000;

export interface OmniKitOptions extends OmniClientOptions {
    /** Wrap this client instead of creating one (the kit then does not dispose it). */
    client?: OmniClient;
    /** Called with every entry at or above logLevel; a logger that throws is ignored (counted in log stats). */
    logger?: OmniLogger;
    /** Lowest level kept and passed to logger (default 'info'). */
    logLevel?: OmniLogLevel;
    /** Entries the in-memory log keeps, oldest dropped first (default 500, at most 10000). */
    logSize?: number;
    /**
     * After a console reload Omni restores the rep's status a moment after the bridge has
     * seeded: a seeded `loggedOut` counts as ready only once it has lasted this long (ms).
     */
    restoreGraceMs?: number;
    /** Answers as OmniPanelController.getDeclineSettings (default: that Apex method). */
    loadCapabilities?: () => Promise<unknown>;
    /** Answers as OmniPanelController.getAvailableStatuses (default: that Apex method). */
    loadStatuses?: () => Promise<unknown>;
    /** Answers as OmniPanelController.getPushTimeouts({ workIds }) (default: that Apex method). */
    loadPushTimeouts?: (workIds: SalesforceId[]) => Promise<unknown>;
    /**
     * An override: the push time-out (ms) of every offer, instead of each work's routing
     * configuration read from Apex (OmniPanelController.getPushTimeouts, the default). With it
     * the kit asks Apex nothing about time-outs.
     */
    pushTimeoutMs?: number;
    /** The clock (ms); tests and the simulator pass theirs. */
    now?: () => number;
}

export interface OfferOptions {
    /** Run one handler at a time, in arrival order (the next waits for the previous promise). */
    oneAtATime?: boolean;
    /** Also hand over works already waiting when the handler is added (default true). */
    includeWaiting?: boolean;
}

export type OfferHandler = (work: OmniWork, snapshot: OmniAgentSnapshot) => void | Promise<unknown>;

export interface DeclineAllResult {
    declined: SalesforceId[];
    failed: Array<{ workId: SalesforceId; error: Error }>;
}

export interface OmniKit extends OmniClient {
    readonly version: string;
    /**
     * Resolves once Omni has finished starting: the bridge has read status, works and workload,
     * and the rep is logged in, or has stayed logged out for restoreGraceMs. Rejects with
     * OmniBridgeUnavailableError after timeoutMs (default: the client's time-out).
     */
    whenReady(timeoutMs?: number): Promise<OmniAgentSnapshot>;
    /** The rep's decline settings, and the push time-outs read so far, read once from Apex then cached. */
    getCapabilities(): Promise<OmniCapabilities>;
    /** The cached capabilities, or null before getCapabilities() has answered. */
    readonly capabilities: OmniCapabilities | null;
    /**
     * The push time-out of one work's routing configuration, read from Apex once per work
     * (the kit also reads it by itself for each offer as it arrives) then cached; the
     * pushTimeoutMs option overrides it. Rejects with OmniApexError when Apex fails (not cached).
     */
    getPushTimeout(workId: string): Promise<OmniWorkPushTimeout>;
    /**
     * Ms left before the offer's push time-out; null when unknown (not an offer, its
     * configuration has none, or its time-out has not been read from Apex yet).
     */
    timeLeftMs(workId: string): number | null;
    /** The statuses the rep may use (granted by profile or permission set), read once from Apex then cached. */
    getStatuses(): Promise<OmniStatusOption[]>;
    /** setServicePresenceStatus by API name (logs a logged-out rep in, as the toolkit does). */
    setStatusByApiName(apiName: string): Promise<OmniResult<'setServicePresenceStatus'>>;
    /** Declines every work offered and not accepted yet; one failure does not stop the others. */
    declineAllWaiting(declineReason?: string): Promise<DeclineAllResult>;
    /** Runs handler exactly once per offered work, however many arrive together. */
    onEachOffer(handler: OfferHandler, options?: OfferOptions): Unsubscribe;
    /** The last logSize entries, oldest first. */
    getLog(): OmniLogEntry[];
    /** The log as JSON lines, for a download link or a support case. */
    getLogText(): string;
}

const MAX_LOG_SIZE = 10000;
const LEVELS: readonly OmniLogLevel[] = ['debug', 'info', 'warn', 'error'];

function checkOptions(options: OmniKitOptions): void {
    const bad = (problem: string): never => {
        throw new OmniArgumentError('createOmniKit', problem);
    };
    if (options.logger !== undefined && typeof options.logger !== 'function') bad('logger must be a function');
    if (options.logLevel !== undefined && !LEVELS.includes(options.logLevel)) bad(`logLevel must be one of ${LEVELS.join(', ')}`);
    const size = options.logSize;
    if (size !== undefined && !(Number.isInteger(size) && size >= 0 && size <= MAX_LOG_SIZE))
        bad(`logSize must be an integer 0-${MAX_LOG_SIZE}`);
    const push = options.pushTimeoutMs;
    if (push !== undefined && !(Number.isInteger(push) && push > 0)) bad('pushTimeoutMs must be a whole number of ms > 0');
    const grace = options.restoreGraceMs;
    if (grace !== undefined && !(Number.isFinite(grace) && grace >= 0)) bad('restoreGraceMs must be a number of ms >= 0');
    for (const key of ['loadCapabilities', 'loadStatuses', 'loadPushTimeouts', 'now'] as const) {
        if (options[key] !== undefined && typeof options[key] !== 'function') bad(`${key} must be a function`);
    }
}

class OmniKitImpl implements OmniKit {
    declare acceptAgentWork: OmniClient['acceptAgentWork'];
    declare declineAgentWork: OmniClient['declineAgentWork'];
    declare closeAgentWork: OmniClient['closeAgentWork'];
    declare getAgentWorks: OmniClient['getAgentWorks'];
    declare getAgentWorkload: OmniClient['getAgentWorkload'];
    declare getServicePresenceStatusChannels: OmniClient['getServicePresenceStatusChannels'];
    declare getServicePresenceStatusId: OmniClient['getServicePresenceStatusId'];
    declare login: OmniClient['login'];
    declare logout: OmniClient['logout'];
    declare raiseAgentWorkFlag: OmniClient['raiseAgentWorkFlag'];
    declare lowerAgentWorkFlag: OmniClient['lowerAgentWorkFlag'];
    declare setServicePresenceStatus: OmniClient['setServicePresenceStatus'];

    readonly version = KIT_VERSION;
    private readonly client: OmniClient;
    private readonly ownsClient: boolean;
    private readonly log: OmniLog;
    private readonly now: () => number;
    private readonly restoreGraceMs: number;
    private readonly timeoutMs: number;
    private readonly loadCapabilities: () => Promise<unknown>;
    private readonly loadStatuses: () => Promise<unknown>;
    private readonly loadPushTimeouts: (workIds: SalesforceId[]) => Promise<unknown>;
    private readonly pushTimeoutMs: number | null;
    /** Each work's push time-out read from Apex (kept while the work is in the snapshot). */
    private readonly pushTimeoutCache = new Map<SalesforceId, OmniWorkPushTimeout>();
    private readonly pushTimeoutPending = new Map<SalesforceId, Promise<OmniWorkPushTimeout>>();
    private capabilitiesCache: OmniCapabilities | null = null;
    private capabilitiesPromise: Promise<OmniCapabilities> | null = null;
    private statusesPromise: Promise<OmniStatusOption[]> | null = null;
    private readonly subscriptions: Unsubscribe[] = [];

    constructor(options: OmniKitOptions) {
        this.ownsClient = options.client === undefined;
        this.client = options.client ?? createOmniClient(options);
        this.timeoutMs = options.timeoutMs ?? 10000;
        this.now = options.now ?? Date.now;
        this.restoreGraceMs = options.restoreGraceMs ?? DEFAULT_RESTORE_GRACE_MS;
        this.loadCapabilities = options.loadCapabilities ?? (() => getDeclineSettings());
        this.loadStatuses = options.loadStatuses ?? (() => getAvailableStatuses());
        this.loadPushTimeouts = options.loadPushTimeouts ?? ((workIds) => getPushTimeouts({ workIds }));
        this.pushTimeoutMs = options.pushTimeoutMs ?? null;
        this.log = createLog(options.logger, options.logLevel ?? 'info', options.logSize ?? 500, this.now);
        for (const method of OMNI_METHODS) {
            (this as unknown as Record<string, (args?: unknown) => Promise<unknown>>)[method] = (args) => this.call(method, args as never);
        }
        // Every event and payload problem becomes a log entry (subscribed first: logged before handlers run).
        this.subscriptions.push(
            this.client.onAny((event) => this.log.add('info', 'event', event.type, event)),
            this.client.onError((error) =>
                this.log.add('warn', 'payloadError', error.source, { message: error.message, path: error.path })
            ),
            this.client.onSnapshot((s) =>
                this.log.add('debug', 'snapshot', `revision ${s.revision}`, { revision: s.revision, loginState: s.loginState })
            )
        );
        // Each offer's push time-out is read as it arrives, so timeLeftMs can answer at once.
        if (this.pushTimeoutMs === null) this.subscriptions.push(this.client.onSnapshot((s) => this.readOfferTimeouts(s)));
    }

    get snapshot(): OmniAgentSnapshot | null {
        return this.client.snapshot;
    }

    get capabilities(): OmniCapabilities | null {
        return this.capabilitiesCache;
    }

    async call<M extends OmniMethod>(method: M, args?: OmniArgs<M>): Promise<OmniResult<M>> {
        // A copy: the caller may reuse its argument object after the call.
        this.log.add('info', 'command', method, args === undefined || args === null ? null : { ...args });
        try {
            const value = await this.client.call(method, args);
            this.log.add('info', 'result', method, value);
            return value;
        } catch (error) {
            this.log.add('warn', 'failure', method, { error: thrownText(error) });
            throw error;
        }
    }

    on<T extends OmniEventType>(type: T, handler: OmniEventHandler<T>): Unsubscribe {
        return this.client.on(type, handler);
    }
    onAny(handler: (event: OmniEvent, snapshot: OmniAgentSnapshot) => void): Unsubscribe {
        return this.client.onAny(handler);
    }
    onSnapshot(handler: (snapshot: OmniAgentSnapshot) => void): Unsubscribe {
        return this.client.onSnapshot(handler);
    }
    onError(handler: (error: OmniPayloadError) => void): Unsubscribe {
        return this.client.onError(handler);
    }
    getSnapshot(): Promise<OmniAgentSnapshot> {
        return this.client.getSnapshot();
    }
    resync(): Promise<OmniAgentSnapshot> {
        return this.client.resync();
    }

    whenReady(timeoutMs: number = this.timeoutMs): Promise<OmniAgentSnapshot> {
        if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
            return Promise.reject(new OmniArgumentError('whenReady', 'timeoutMs must be a positive number of ms'));
        }
        return new Promise((resolve, reject) => {
            let graceTimer: ReturnType<typeof setTimeout> | undefined;
            const timers: { deadline?: ReturnType<typeof setTimeout> } = {};
            let off: Unsubscribe = () => undefined;
            let done = false;
            let loggedOutSince: number | null = null;
            const finish = (outcome: { snapshot: OmniAgentSnapshot } | { error: Error }) => {
                done = true;
                off();
                clearTimeout(graceTimer);
                clearTimeout(timers.deadline);
                if ('error' in outcome) reject(outcome.error);
                else resolve(outcome.snapshot);
            };
            const check = (s: OmniAgentSnapshot) => {
                if (done) return;
                clearTimeout(graceTimer);
                if (!s.seeded || s.loginState === 'unknown') {
                    loggedOutSince = null;
                    return;
                }
                if (s.loginState === 'loggedIn') {
                    finish({ snapshot: s });
                    return;
                }
                loggedOutSince ??= this.now();
                const left = loggedOutSince + this.restoreGraceMs - this.now();
                if (left <= 0) finish({ snapshot: s });
                // eslint-disable-next-line @lwc/lwc/no-async-operation -- a logged-out seed is believed after the grace period
                else graceTimer = setTimeout(() => check(this.client.snapshot ?? s), left);
            };
            off = this.client.onSnapshot(check);
            // eslint-disable-next-line @lwc/lwc/no-async-operation -- whenReady gives up after its time-out
            timers.deadline = setTimeout(
                () => finish({ error: new OmniBridgeUnavailableError(`Omni-Channel was not ready within ${timeoutMs} ms.`) }),
                timeoutMs
            );
            this.client.getSnapshot().then(check, (error: Error) => finish({ error }));
        });
    }

    getCapabilities(): Promise<OmniCapabilities> {
        // A failed read is not cached: the next call asks Apex again.
        this.capabilitiesPromise ??= this.loadCapabilities().then(
            (answer) => {
                const read = parseCapabilities(answer);
                // The option is an override; the cache is shared (a live view of what was read).
                const parsed: OmniCapabilities = Object.freeze({
                    ...read,
                    pushTimeoutMs: this.pushTimeoutMs ?? read.pushTimeoutMs,
                    pushTimeouts: this.pushTimeoutCache as ReadonlyMap<SalesforceId, OmniWorkPushTimeout>
                });
                this.capabilitiesCache = parsed;
                this.log.add('info', 'capabilities', 'getDeclineSettings', parsed);
                return parsed;
            },
            (error: unknown) => this.apexFailed('getDeclineSettings', error, () => (this.capabilitiesPromise = null))
        );
        return this.capabilitiesPromise;
    }

    getPushTimeout(workId: string): Promise<OmniWorkPushTimeout> {
        let id: SalesforceId;
        try {
            id = this.workIdArg('getPushTimeout', workId);
        } catch (error) {
            return Promise.reject(error);
        }
        if (this.pushTimeoutMs !== null) {
            return Promise.resolve({ workId: id, routingConfigId: null, routingConfigName: null, pushTimeoutMs: this.pushTimeoutMs });
        }
        const cached = this.pushTimeoutCache.get(id);
        if (cached) return Promise.resolve(cached);
        return this.pushTimeoutPending.get(id) ?? this.fetchPushTimeouts([id])[0];
    }

    timeLeftMs(workId: string): number | null {
        const id = this.workIdArg('timeLeftMs', workId);
        const work = this.client.snapshot?.works.find((w) => w.workId === id);
        const timeout = this.pushTimeoutMs ?? this.pushTimeoutCache.get(id)?.pushTimeoutMs ?? null;
        // 0: the routing configuration has no push time-out, so the offer never runs out.
        if (!work || work.state !== 'assigned' || work.assignedAt === null || timeout === null || timeout === 0) return null;
        return Math.max(0, work.assignedAt + timeout - this.now());
    }

    /** Reads (in one Apex call) the time-outs of the offers not read yet; forgets works that left. */
    private readOfferTimeouts(snapshot: OmniAgentSnapshot): void {
        const present = new Set(snapshot.works.map((w) => w.workId));
        for (const id of this.pushTimeoutCache.keys()) if (!present.has(id)) this.pushTimeoutCache.delete(id);
        const unread = snapshot.works
            .filter((w) => w.state === 'assigned' && !this.pushTimeoutCache.has(w.workId) && !this.pushTimeoutPending.has(w.workId))
            .map((w) => w.workId);
        // A failure is logged by fetchPushTimeouts; the next snapshot with the offer asks again.
        if (unread.length > 0) for (const p of this.fetchPushTimeouts(unread)) p.catch(() => undefined);
    }

    /** One getPushTimeouts call for workIds: a promise per id, in order; nothing cached on failure. */
    private fetchPushTimeouts(workIds: SalesforceId[]): Array<Promise<OmniWorkPushTimeout>> {
        const call = Promise.resolve()
            .then(() => this.loadPushTimeouts([...workIds]))
            .then(
                (answer) => {
                    const entries = parsePushTimeouts(answer);
                    for (const entry of entries)
                        if (workIds.includes(entry.workId)) this.pushTimeoutCache.set(entry.workId, Object.freeze(entry));
                    this.log.add('info', 'pushTimeouts', 'getPushTimeouts', entries);
                    return entries;
                },
                (error: unknown) => {
                    throw apexFailure('getPushTimeouts', error);
                }
            )
            .catch((error: Error) => {
                // An OmniApexError, or an OmniPayloadError naming the malformed field.
                this.log.add('error', 'failure', 'getPushTimeouts', { error: error.message });
                throw error;
            })
            .finally(() => workIds.forEach((id) => this.pushTimeoutPending.delete(id)));
        return workIds.map((id) => {
            const one = call.then((entries) => {
                const entry = entries.find((e) => e.workId === id);
                if (!entry) throw new OmniPayloadError('OmniPanelController', 'getPushTimeouts', `has no entry for ${id}`);
                return entry;
            });
            this.pushTimeoutPending.set(id, one);
            return one;
        });
    }

    getStatuses(): Promise<OmniStatusOption[]> {
        this.statusesPromise ??= this.loadStatuses().then(
            (answer) => parseStatuses(answer),
            (error: unknown) => this.apexFailed('getAvailableStatuses', error, () => (this.statusesPromise = null))
        );
        return this.statusesPromise;
    }

    async setStatusByApiName(apiName: string): Promise<OmniResult<'setServicePresenceStatus'>> {
        if (typeof apiName !== 'string' || apiName.trim() === '') {
            throw new OmniArgumentError('setStatusByApiName', 'apiName must be a non-empty string (a status API name such as "Available")');
        }
        const statuses = await this.getStatuses();
        const status = statuses.find((s) => s.apiName === apiName);
        if (!status) {
            const allowed = statuses.map((s) => s.apiName).join(', ') || 'none';
            throw new OmniArgumentError('setStatusByApiName', `"${apiName}" is not a status this rep may use (allowed: ${allowed})`);
        }
        return this.setServicePresenceStatus({ statusId: status.statusId });
    }

    async declineAllWaiting(declineReason?: string): Promise<DeclineAllResult> {
        if (declineReason !== undefined && typeof declineReason !== 'string') {
            throw new OmniArgumentError('declineAllWaiting', 'declineReason must be a string when given');
        }
        const snapshot = await this.client.getSnapshot();
        const waiting = snapshot.works.filter((w) => w.state === 'assigned').map((w) => w.workId);
        const result: DeclineAllResult = { declined: [], failed: [] };
        await Promise.all(
            waiting.map((workId) =>
                this.declineAgentWork(declineReason ? { workId, declineReason } : { workId }).then(
                    () => result.declined.push(workId),
                    (error: Error) => result.failed.push({ workId, error })
                )
            )
        );
        return result;
    }

    onEachOffer(handler: OfferHandler, options: OfferOptions = {}): Unsubscribe {
        if (typeof handler !== 'function') throw new OmniArgumentError('onEachOffer', 'handler must be a function');
        if (options === null || typeof options !== 'object') throw new OmniArgumentError('onEachOffer', 'options must be an object');
        // Works handed over already; forgotten once a work leaves the snapshot (bounded by the rep's works).
        const claimed = new Set<SalesforceId>();
        let queue: Promise<unknown> = Promise.resolve();
        let active = true;
        const run = (work: OmniWork, snapshot: OmniAgentSnapshot) => {
            const invoke = () => {
                if (!active) return undefined;
                this.log.add('debug', 'offer', work.workId, { workId: work.workId });
                return Promise.resolve()
                    .then(() => handler(work, snapshot))
                    .catch((error: unknown) => this.log.add('error', 'handlerFailed', work.workId, { error: thrownText(error) }));
            };
            if (options.oneAtATime) queue = queue.then(invoke);
            else invoke();
        };
        // includeWaiting false before this kit has a snapshot: the first one only marks what waits.
        let primed = options.includeWaiting !== false || this.client.snapshot !== null;
        const scan = (snapshot: OmniAgentSnapshot) => {
            if (!primed) {
                primed = true;
                for (const work of snapshot.works) claimed.add(work.workId);
                return;
            }
            const present = new Set<SalesforceId>();
            for (const work of snapshot.works) {
                present.add(work.workId);
                if (work.state === 'assigned' && !claimed.has(work.workId)) {
                    claimed.add(work.workId);
                    run(work, snapshot);
                }
            }
            for (const id of claimed) if (!present.has(id)) claimed.delete(id);
        };
        if (options.includeWaiting === false) for (const work of this.client.snapshot?.works ?? []) claimed.add(work.workId);
        const off = this.client.onSnapshot(scan);
        if (this.client.snapshot) scan(this.client.snapshot);
        else this.client.getSnapshot().catch(() => undefined);
        return () => {
            active = false;
            off();
        };
    }

    getLog(): OmniLogEntry[] {
        return this.log.entries();
    }

    getLogText(): string {
        return this.log.text();
    }

    dispose(): void {
        this.subscriptions.splice(0).forEach((off) => off());
        if (this.ownsClient) this.client.dispose();
    }

    private workIdArg(method: string, workId: unknown): SalesforceId {
        const id = toId18(workId);
        if (id === null || id.slice(0, 3) !== KEY_PREFIX.agentWork) {
            throw new OmniArgumentError(method, `workId must be a 15- or 18-character AgentWork id (starting ${KEY_PREFIX.agentWork})`);
        }
        return id;
    }

    private apexFailed(method: string, error: unknown, forget: () => void): never {
        forget();
        // A malformed answer is already typed (OmniPayloadError); anything else is an Apex failure.
        const failure = error instanceof OmniPayloadError ? error : apexFailure(method, error);
        this.log.add('error', 'failure', method, { error: failure.message });
        throw failure;
    }
}

/** Creates a kit on the page's Omni bridge (or on options.client). */
export function createOmniKit(options: OmniKitOptions = {}): OmniKit {
    if (options === null || typeof options !== 'object') throw new OmniArgumentError('createOmniKit', 'options must be an object');
    checkOptions(options);
    return new OmniKitImpl(options);
}

// Everything c/omniClient exports (types, errors, createOmniClient), so one import serves a component.
export * from 'c/omniClient';
