/**
 * The routing decisions of External Routing, per the documented expected behaviour:
 *
 * - a new PSR (IsPushed=false) is routed; a transfer to an external queue (IsTransfer=true)
 *   is a new PSR and is routed the same way;
 * - an update with IsPushed=false (decline, push time-out, agent unavailable) is rerouted,
 *   never to an agent whose AgentWork for this PSR is Declined, DeclinedOnPushTimeout or
 *   Unavailable (LastDeclinedAgentSession is a session id, so we ask AgentWork instead);
 * - a delete (accepted, cancelled, transferred to an agent) ends it;
 * - PreferredUserId goes first; with IsPreferredUserRequired the PSR waits for that agent;
 * - when nobody has room the PSR waits and is retried when capacity frees.
 *
 * Every PSR event re-reads the PSR: a PushTopic event carries only the topic's fields, a CDC
 * event only the changed ones, and after a restart the replayed event may be old news (the
 * fresh record says whether it is still waiting).
 */
import type { Logger } from '../log.js';
import type { RoutingChange } from '../transport/contract.js';
import type { AgentLedger } from '../ledger/ledger.js';
import type { RoutingStrategy, WorkRequest } from '../ledger/strategy.js';
import type { OmniApi } from '../salesforce/omniApi.js';
import { checkId, InvalidRecordIdError } from '../salesforce/omniApi.js';
import { SalesforceApiError } from '../salesforce/errors.js';
import type { CheckpointStore } from '../store/checkpointStore.js';
import {
    ACTIVE_WORK_STATUSES,
    parseAgentWork,
    parsePresence,
    REFUSED_WORK_STATUSES,
    type AgentWorkRecord,
    type PsrRecord
} from '../salesforce/records.js';
import { UnusableRecordError } from '../salesforce/records.js';
import { SerialTracker } from './serials.js';
import type { UnroutableReason, UnroutableRegistry } from './unroutable.js';

export interface RouterDeps {
    api: OmniApi;
    ledger: AgentLedger;
    strategy: RoutingStrategy;
    store: CheckpointStore;
    logger: Logger;
    /** PSRs set aside (unreadable, never routable as things stand): reported, never blocking the others. */
    unroutable: UnroutableRegistry;
    /** Called after each AgentWork insert (demo output, metrics). */
    onRouted?: (event: RoutedEvent) => void;
    /** How many agents to try for one PSR when inserts are refused (agent went offline...). */
    maxInsertAttempts?: number;
    /** Called right after each AgentWork insert succeeded, before its `done` is written (the ROUTER_FAULT test hook). */
    afterInsert?: () => void;
    /**
     * How many PSRs the seed and the retry of waiting PSRs route at once (default 1). Events
     * are pipelined by the service with its own bound; the router keeps each PSR's handling
     * in order (one at a time per PSR) and reserves capacity before each insert.
     */
    concurrency?: number;
}

export interface RoutedEvent {
    psrId: string;
    workItemId: string;
    userId: string;
    agentWorkId: string;
    serial: number;
    isTransfer: boolean;
    rerouted: boolean;
}

interface Waiting {
    psr: PsrRecord;
    exclude: Set<string>;
    rerouted: boolean;
}

export class ExternalRouter {
    private readonly serials: SerialTracker;
    private readonly waiting = new Map<string, Waiting>();
    private readonly maxAttempts: number;
    private readonly concurrency: number;
    /** The tail of each PSR's chain of handlings: one at a time per PSR, in arrival order. */
    private readonly locks = new Map<string, Promise<void>>();
    private intentSync: Promise<void> | null = null;
    private retrying: Promise<void> | null = null;
    private retryAgain = false;

    constructor(private readonly deps: RouterDeps) {
        this.serials = new SerialTracker(deps.logger);
        this.maxAttempts = deps.maxInsertAttempts ?? 3;
        this.concurrency = Math.max(1, deps.concurrency ?? 1);
    }

    /**
     * Runs `fn` after every handling of this PSR started before it settled: the chain is
     * extended synchronously, so handlings of one PSR run in the order they were asked for
     * (event order, hence Serial order) while different PSRs run concurrently.
     */
    private withPsr(psrId: string, fn: () => Promise<void>): Promise<void> {
        const previous = this.locks.get(psrId) ?? Promise.resolve();
        const run = previous.then(fn);
        const tail = run.then(
            () => undefined,
            () => undefined
        );
        this.locks.set(psrId, tail);
        void tail.then(() => {
            if (this.locks.get(psrId) === tail) this.locks.delete(psrId);
        });
        return run;
    }

    /** Runs `fn` over `items` with at most `concurrency` at once, started in the items' order; rejects with the first failure after all settled. */
    private async eachLimited<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
        let next = 0;
        let failure: unknown = null;
        const worker = async () => {
            while (next < items.length) {
                const item = items[next++];
                try {
                    await fn(item);
                } catch (error) {
                    failure ??= error;
                }
            }
        };
        await Promise.all(Array.from({ length: Math.min(this.concurrency, items.length) }, worker));
        if (failure !== null) throw failure;
    }

    /**
     * Makes the intents written so far durable with one fsync for every insert about to be
     * sent in this turn of the event loop (a pipelined burst: one fsync, not one per PSR).
     */
    private syncIntents(): Promise<void> {
        this.intentSync ??= new Promise<void>((resolve, reject) =>
            setImmediate(() => {
                this.intentSync = null;
                try {
                    this.deps.store.sync();
                    resolve();
                } catch (error) {
                    reject(error as Error);
                }
            })
        );
        return this.intentSync;
    }

    /** PSRs waiting for an agent with room (for status logs and tests). */
    get waitingCount(): number {
        return this.waiting.size;
    }

    isWaiting(psrId: string): boolean {
        return this.waiting.has(psrId);
    }

    /** Forgets all cached routing state (data-centre recovery). */
    clear(): void {
        this.waiting.clear();
        this.serials.clear();
        this.deps.ledger.clear();
        this.deps.unroutable.reset();
    }

    /**
     * Runs the handling of one PSR so that a record the router cannot read sets that PSR
     * aside (reported, counted) instead of failing the event and with it the subscription:
     * one PSR without ServiceChannelId used to stop all routing (issue 12). Failures worth
     * retrying (network, 5xx after the call's own retries) still reject.
     */
    private isolated(psrId: string, handle: () => Promise<unknown>): Promise<void> {
        return this.withPsr(psrId, async () => {
            try {
                await handle();
            } catch (error) {
                if (!(error instanceof UnusableRecordError)) throw error;
                this.waiting.delete(psrId);
                this.deps.unroutable.setAside(error.recordId ?? psrId, 'unreadable-record', error.message);
            }
        });
    }

    /** Reports each waiting PSR the query returned unreadable; returns their ids. */
    private setAsideUnreadable(unusable: readonly UnusableRecordError[]): Set<string> {
        const ids = new Set<string>();
        for (const error of unusable) {
            if (!error.recordId) {
                this.deps.logger.warn('a waiting PSR came back without an Id: skipped', { detail: error.message });
                continue;
            }
            ids.add(error.recordId);
            this.waiting.delete(error.recordId);
            this.deps.unroutable.setAside(error.recordId, 'unreadable-record', error.message);
        }
        return ids;
    }

    /**
     * Re-reads agent availability from queries and retries waiting PSRs. Events keep the
     * ledger current, but with the PSR PushTopic alone (no AgentWork / presence topic) closed
     * work and status changes are only seen this way.
     */
    async resyncLedger(): Promise<void> {
        const { api, ledger, logger } = this.deps;
        const [channels, presences, works] = [await api.statusChannels(), await api.currentPresences(), await api.openWork()];
        ledger.reload(channels, presences, works);
        logger.debug('ledger re-synced', { onlineAgents: ledger.onlineCount, openWork: ledger.openWorkCount });
        await this.retryWaiting();
    }

    /**
     * Loads the ledger from queries and routes every PSR already waiting: what a first
     * subscription (or a reset) needs, since events only tell about changes from now on.
     */
    async seed(): Promise<void> {
        const { api, ledger, logger } = this.deps;
        ledger.clear();
        ledger.setStatusChannels(await api.statusChannels());
        for (const p of await api.currentPresences()) ledger.applyPresence(p);
        for (const w of await api.openWork()) ledger.applyWork(w);
        const { psrs: waiting, unusable } = await api.waitingPsrs();
        logger.info('ledger seeded', { onlineAgents: ledger.onlineCount, openWork: ledger.openWorkCount, waitingPsrs: waiting.length });
        // Intents left by a crash for PSRs no longer waiting: the insert happened (or the PSR ended).
        // An unreadable PSR still waits: its intent stays open until it can be read.
        const stillWaiting = new Set([...waiting.map((p) => p.id), ...this.setAsideUnreadable(unusable)]);
        for (const intent of this.deps.store.pendingIntents()) {
            if (!stillWaiting.has(intent.psrId)) this.deps.store.recordDone(intent.psrId, intent.serial, null);
        }
        // What each waiting PSR's AgentWork says (who refused it, whether ours is live), in bulk.
        const byPsr = new Map<string, AgentWorkRecord[]>();
        for (const work of waiting.length ? await api.workForPsrs(waiting.map((p) => p.id)) : []) {
            if (!work.pendingServiceRoutingId) continue;
            const list = byPsr.get(work.pendingServiceRoutingId) ?? [];
            list.push(work);
            byPsr.set(work.pendingServiceRoutingId, list);
        }
        await this.eachLimited(sortForRouting(waiting), (psr) =>
            this.isolated(psr.id, () => this.routeFresh(psr, true, byPsr.get(psr.id) ?? []))
        );
        logger.info('seed done: waiting PSRs routed', { waitingPsrs: waiting.length, stillWaiting: this.waiting.size });
    }

    /** Handles one change from the transport. Rejects only on failures worth retrying (network, 5xx). */
    async handle(change: RoutingChange): Promise<void> {
        switch (change.entity) {
            case 'PendingServiceRouting':
                return this.onPsrChange(change);
            case 'AgentWork':
                return this.onWorkChange(change);
            case 'UserServicePresence':
                return this.onPresenceChange(change);
        }
    }

    private async onPsrChange(change: RoutingChange): Promise<void> {
        if (change.changeType === 'GAP' || change.changeType === 'GAP_OVERFLOW') {
            this.deps.logger.warn('PSR changes were missed (gap): re-reading', { recordIds: change.recordIds.length });
            if (change.recordIds.length === 0) {
                const { psrs, unusable } = await this.deps.api.waitingPsrs();
                this.setAsideUnreadable(unusable);
                await this.eachLimited(sortForRouting(psrs), (psr) => this.isolated(psr.id, () => this.routeFresh(psr, true)));
            } else {
                for (const id of change.recordIds) if (validId(id, this.deps.logger)) await this.isolated(id, () => this.reread(id, true));
            }
            return;
        }
        const serial = change.recordIds.length === 1 ? serialOf(change.fields.Serial) : undefined;
        for (const rawId of change.recordIds) {
            const id = validId(rawId, this.deps.logger);
            if (id) await this.isolated(id, () => this.onPsrRecordChange(id, change, serial));
        }
    }

    /** One PSR's change, in its turn (withPsr): Serial checks and updates happen in that PSR's order. */
    private async onPsrRecordChange(id: string, change: RoutingChange, serial: number | undefined): Promise<void> {
        {
            if (change.changeType === 'DELETE') {
                // A delete ends the PSR whatever Serial the event carries: deleting changes no
                // field, so a PushTopic delete repeats the last update's Serial (and a CDC
                // delete carries no field at all: "For a deleted record, the body doesn't
                // include any fields", developer.salesforce.com/docs/atlas.en-us.change_data_capture.meta/change_data_capture/cdc_event_fields_body.htm).
                // Normal traffic (every accepted PSR ends so): debug, never a warning.
                this.deps.store.forget(id);
                this.deps.unroutable.clear(id);
                const wasWaiting = this.waiting.delete(id);
                this.deps.logger.debug(wasWaiting ? 'PSR deleted while waiting' : 'PSR deleted (accepted, cancelled or transferred)', {
                    psrId: id
                });
                return;
            }
            if (this.serials.isStale(id, serial, change.changeType)) return;
            if (change.fields.IsPushed === true && serial !== undefined) {
                // Pushed to an agent (our insert, usually): nothing to decide, no need to re-read.
                this.waiting.delete(id);
            } else {
                // A create has no refusals yet, unless the PSR moved on since the event (replay, late event).
                // (Within this PSR's turn already: isolated() for the unreadable case, without a second lock.)
                try {
                    await this.reread(id, change.changeType !== 'CREATE', serial);
                } catch (error) {
                    if (!(error instanceof UnusableRecordError)) throw error;
                    this.waiting.delete(id);
                    this.deps.unroutable.setAside(error.recordId ?? id, 'unreadable-record', error.message);
                }
            }
            this.serials.record(id, serial);
        }
    }

    private async reread(psrId: string, mayHaveRefusals: boolean, eventSerial?: number): Promise<void> {
        const psr = await this.deps.api.getPsr(psrId);
        if (!psr) {
            this.waiting.delete(psrId);
            this.deps.logger.debug('PSR no longer exists', { psrId });
            return;
        }
        await this.routeFresh(psr, mayHaveRefusals || eventSerial === undefined || psr.serial > eventSerial);
    }

    /** Routes a freshly read PSR if it is still ours to route; `known`: its AgentWork, when already read. */
    private async routeFresh(psr: PsrRecord, mayHaveRefusals: boolean, known?: readonly AgentWorkRecord[]): Promise<void> {
        const { logger, api, ledger, store, unroutable } = this.deps;
        if (psr.routingModel !== 'ExternalRouting') {
            // Another routing model is Omni's own business; an empty one is a PSR nobody
            // routes (the queue's routing configuration is incomplete): say so.
            this.waiting.delete(psr.id);
            if (psr.routingModel === null && !psr.isPushed)
                unroutable.setAside(
                    psr.id,
                    'not-external-routing',
                    'RoutingModel is empty: only ExternalRouting PSRs are routed here',
                    psr.serial
                );
            return;
        }
        if (psr.isPushed || !psr.isReadyForRouting) {
            this.waiting.delete(psr.id);
            unroutable.clear(psr.id);
            // Pushed: whatever insert was in flight happened; nothing is left to decide.
            if (psr.isPushed) for (const intent of store.pendingIntentsFor(psr.id)) store.recordDone(psr.id, intent.serial, null);
            logger.debug('PSR not waiting for routing', {
                psrId: psr.id,
                isPushed: psr.isPushed,
                isReadyForRouting: psr.isReadyForRouting
            });
            return;
        }
        // Our AgentWork for exactly this PSR state exists (Salesforce has not pushed it yet): nothing to do.
        if (this.insertedAlready(psr)) return;
        // The PSR's AgentWork tells who refused it, and whether an insert of ours is still live;
        // one query, only when there may be something to learn.
        const earlier = store.lastInsert(psr.id);
        const mayLearn = mayHaveRefusals || earlier !== undefined || store.pendingIntentsFor(psr.id).length > 0;
        const works = known ?? (mayLearn ? await api.workForPsr(psr.id) : undefined);
        const exclude = new Set<string>();
        for (const work of works ?? []) {
            if (!REFUSED_WORK_STATUSES.includes(work.status)) continue;
            exclude.add(work.userId);
            // The refusal frees the agent's capacity even if its AgentWork event is not heard.
            ledger.removeWork(work.id);
        }
        await this.route({ psr, exclude, rerouted: exclude.size > 0 }, works);
    }

    private async route(entry: Waiting, works?: readonly AgentWorkRecord[]): Promise<boolean> {
        const { psr, exclude } = entry;
        const { ledger, strategy, store, logger, api } = this.deps;
        if (this.insertedAlready(psr) || (await this.insertFoundLive(psr, works))) return true;
        const work: WorkRequest = {
            psrId: psr.id,
            channelId: psr.serviceChannelId,
            capacityWeight: psr.capacityWeight,
            capacityPercentage: psr.capacityPercentage,
            routingPriority: psr.routingPriority
        };
        const tried = new Set(exclude);
        for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
            const choice = ledger.choose(work, strategy, {
                exclude: tried,
                preferredUserId: psr.preferredUserId,
                isPreferredUserRequired: psr.isPreferredUserRequired
            });
            if (!choice) {
                if (attempt === 0) this.diagnose(psr);
                break;
            }
            // Capacity is held before anything is awaited: a concurrent decision sees it taken.
            const reservation = ledger.reserve(psr.id, choice.userId, choice.weight);
            let agentWorkId: string;
            try {
                store.recordIntent({ psrId: psr.id, serial: psr.serial, userId: choice.userId }, false);
                await this.syncIntents(); // the intent is durable before the insert is sent
            } catch (error) {
                ledger.release(reservation);
                throw error;
            }
            try {
                agentWorkId = await api.insertAgentWork({
                    serviceChannelId: psr.serviceChannelId,
                    workItemId: psr.workItemId,
                    userId: choice.userId,
                    pendingServiceRoutingId: psr.id
                });
            } catch (error) {
                ledger.release(reservation);
                if (error instanceof SalesforceApiError && !error.retryable) {
                    // Salesforce refused this agent (went offline, no capacity after all...): try the next one.
                    store.recordDone(psr.id, psr.serial, null);
                    tried.add(choice.userId);
                    // The refusal may be about the PSR itself (deleted, pushed meanwhile): then stop here.
                    const fresh = await api.getPsr(psr.id);
                    if (!fresh || fresh.isPushed) {
                        this.waiting.delete(psr.id);
                        logger.info('PSR no longer waiting after a refused insert', { psrId: psr.id, exists: fresh !== null });
                        return true;
                    }
                    // The PSR still waits, so the refusal was about the agent (offline, no room,
                    // not on the channel): the ledger learns it now, not when presence catches up.
                    ledger.suspend(choice.userId);
                    logger.info('AgentWork insert refused for this agent: agent left out until presence says otherwise; trying another', {
                        psrId: psr.id,
                        userId: choice.userId,
                        errorCode: error.errorCode,
                        detail: error.message
                    });
                    continue;
                }
                throw error; // network or 5xx: the intent stays open and the event is replayed
            }
            // Test hook (ROUTER_FAULT): a crash exactly between the insert and its `done`.
            this.deps.afterInsert?.();
            store.recordDone(psr.id, psr.serial, agentWorkId);
            ledger.confirm(reservation, agentWorkId);
            this.waiting.delete(psr.id);
            this.deps.unroutable.clear(psr.id);
            logger.info('routed', {
                psrId: psr.id,
                serial: psr.serial,
                workItemId: psr.workItemId,
                userId: choice.userId,
                agentWorkId,
                rerouted: entry.rerouted
            });
            this.deps.onRouted?.({
                psrId: psr.id,
                workItemId: psr.workItemId,
                userId: choice.userId,
                agentWorkId,
                serial: psr.serial,
                isTransfer: psr.isTransfer,
                rerouted: entry.rerouted
            });
            return true;
        }
        if (!this.waiting.has(psr.id)) {
            logger.info(psr.isPreferredUserRequired ? 'PSR waits for its required preferred agent' : 'PSR waits: no agent with room', {
                psrId: psr.id,
                channelId: psr.serviceChannelId,
                excluded: exclude.size
            });
        }
        this.waiting.set(psr.id, entry);
        return false;
    }

    /**
     * Nobody can take the PSR now: is that ordinary waiting (agents busy or away) or can it
     * not be routed as things stand? The latter is reported (WARN once, counted, listed); the
     * PSR still waits, so an agent logging in with room, or a status gaining the channel,
     * routes it.
     */
    private diagnose(psr: PsrRecord): void {
        const { ledger, unroutable } = this.deps;
        let reason: UnroutableReason | null = null;
        let detail = '';
        const maxCapacity = ledger.maxCapacityOn(psr.serviceChannelId);
        if (!ledger.channelHasStatus(psr.serviceChannelId)) {
            reason = 'channel-in-no-status';
            detail = `no presence status includes service channel ${psr.serviceChannelId} (ServiceChannelStatus)`;
        } else if (psr.capacityWeight === null && psr.capacityPercentage !== null && psr.capacityPercentage > 100) {
            reason = 'heavier-than-every-agent';
            detail = `CapacityPercentage ${psr.capacityPercentage} is above 100`;
        } else if (psr.capacityWeight !== null && maxCapacity !== null && psr.capacityWeight > maxCapacity) {
            reason = 'heavier-than-every-agent';
            detail = `CapacityWeight ${psr.capacityWeight} is above every online agent's capacity on the channel (largest ${maxCapacity})`;
        }
        if (reason) unroutable.setAside(psr.id, reason, detail, psr.serial);
        else if (unroutable.reasonOf(psr.id) !== 'unreadable-record') unroutable.clear(psr.id);
    }

    /**
     * Idempotency per PSR id and Serial, from the journal alone: a `done` with our AgentWork
     * for exactly this Serial means the PSR has not changed since we routed it (a replayed
     * event, or Salesforce not having pushed the work yet).
     */
    private insertedAlready(psr: PsrRecord): boolean {
        const workId = this.deps.store.insertedFor(psr.id, psr.serial);
        if (workId === undefined) return false;
        this.waiting.delete(psr.id);
        // Common without any crash: the seed routes a PSR, then its create event arrives.
        this.deps.logger.debug('AgentWork already inserted for this PSR and Serial: not inserting again', {
            psrId: psr.id,
            serial: psr.serial,
            agentWorkId: workId
        });
        return true;
    }

    /**
     * Idempotency across crashes, asking Salesforce: an intent with no outcome means we died
     * around the insert, and an earlier insert of ours may still be Assigned while the PSR
     * says IsPushed=false. If the PSR has Assigned/Opened AgentWork, it is routed.
     */
    private async insertFoundLive(psr: PsrRecord, known?: readonly AgentWorkRecord[]): Promise<boolean> {
        const { store, api, ledger, logger } = this.deps;
        const open = store.pendingIntentsFor(psr.id);
        if (open.length === 0 && known === undefined) return false;
        const works = known ?? (await api.workForPsr(psr.id));
        const live = works.find((w) => ACTIVE_WORK_STATUSES.has(w.status));
        for (const intent of open) store.recordDone(psr.id, intent.serial, live && live.userId === intent.userId ? live.id : null);
        if (!live) return false;
        ledger.applyWork(live);
        this.waiting.delete(psr.id);
        logger.info(
            open.length > 0
                ? 'insert found done after a restart: not inserting again'
                : 'an AgentWork of this PSR is still Assigned or Opened: not inserting another',
            { psrId: psr.id, serial: psr.serial, agentWorkId: live.id, intentSerials: open.map((i) => i.serial) }
        );
        return true;
    }

    /** Capacity freed or an agent came online: give waiting PSRs another chance, in routing order. */
    retryWaiting(): Promise<void> {
        // Many capacity events at once (pipelined): one pass at a time, and one more after it
        // when asked meanwhile, rather than a pass per event over the same waiting PSRs.
        if (this.retrying) {
            this.retryAgain = true;
            return this.retrying;
        }
        const run = async () => {
            try {
                do {
                    this.retryAgain = false;
                    await this.retryWaitingOnce();
                } while (this.retryAgain);
            } finally {
                this.retrying = null;
            }
        };
        this.retrying = run();
        return this.retrying;
    }

    private async retryWaitingOnce(): Promise<void> {
        if (this.waiting.size === 0) return;
        const entries = sortForRouting([...this.waiting.values()].map((w) => w.psr)).map((p) => this.waiting.get(p.id)!);
        await this.eachLimited(entries, (entry) =>
            this.isolated(entry.psr.id, async () => {
                // Routed, deleted or re-read meanwhile (its turn came after another handling).
                if (this.waiting.get(entry.psr.id) !== entry) return;
                await this.route(entry);
            })
        );
    }

    private async onWorkChange(change: RoutingChange): Promise<void> {
        const { ledger, api, logger } = this.deps;
        let freed = false;
        if (change.changeType === 'GAP' || change.changeType === 'GAP_OVERFLOW') {
            for (const w of await api.openWork()) ledger.applyWork(w);
            freed = true;
        } else if (change.changeType === 'DELETE') {
            for (const id of change.recordIds) freed = ledger.removeWork(id) || freed;
        } else {
            const records = hasFields(change, ['UserId', 'Status'])
                ? [tryParse(() => parseAgentWork({ ...change.fields, Id: change.recordIds[0] }), logger)]
                : await api.agentWorkByIds(change.recordIds.filter((id) => validId(id, logger)));
            for (const w of records) if (w) freed = ledger.applyWork(w) || freed;
        }
        if (freed) await this.retryWaiting();
    }

    private async onPresenceChange(change: RoutingChange): Promise<void> {
        const { ledger, api, logger } = this.deps;
        let mayHaveRoom = false;
        if (change.changeType === 'DELETE') {
            for (const id of change.recordIds) ledger.removePresence(id);
            return;
        }
        if (change.changeType === 'GAP' || change.changeType === 'GAP_OVERFLOW') {
            for (const p of await api.currentPresences()) mayHaveRoom = ledger.applyPresence(p) || mayHaveRoom;
        } else {
            const records = hasFields(change, ['UserId', 'ServicePresenceStatusId', 'IsCurrentState', 'ConfiguredCapacity'])
                ? [tryParse(() => parsePresence({ ...change.fields, Id: change.recordIds[0] }), logger)]
                : await api.presencesByIds(change.recordIds.filter((id) => validId(id, logger)));
            for (const p of records) if (p) mayHaveRoom = ledger.applyPresence(p) || mayHaveRoom;
        }
        if (mayHaveRoom) await this.retryWaiting();
    }
}

function sortForRouting(psrs: PsrRecord[]): PsrRecord[] {
    return [...psrs].sort((a, b) => a.routingPriority - b.routingPriority || a.createdDate - b.createdDate || (a.id < b.id ? -1 : 1));
}

function serialOf(value: unknown): number | undefined {
    const n = typeof value === 'string' ? Number(value) : value;
    return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function hasFields(change: RoutingChange, names: string[]): boolean {
    return change.recordIds.length === 1 && names.every((n) => n in change.fields);
}

function validId(id: string, logger: Logger): string | null {
    try {
        return checkId(id);
    } catch (error) {
        if (!(error instanceof InvalidRecordIdError)) throw error;
        logger.warn('event names an invalid record id: skipped', { value: String(id).slice(0, 40) });
        return null;
    }
}

function tryParse<T>(parse: () => T, logger: Logger): T | null {
    try {
        return parse();
    } catch (error) {
        logger.warn('event fields do not describe a usable record: skipped', { error });
        return null;
    }
}
