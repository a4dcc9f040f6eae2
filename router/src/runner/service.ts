/**
 * Runs the router: seeds state, subscribes through any EventTransport, hands each change to
 * the router and persists the position after it, and recovers from every typed transport
 * failure:
 *
 * - AuthExpiredError: refresh the token once, subscribe again at once (then back off if it
 *   keeps failing);
 * - EventLimitExceededError, ConnectionLostError, a failed handler (REST down...): back off
 *   (exponential, jitter, capped) and resume from the persisted position;
 * - ReplayPositionInvalidError (retention passed, org moved data centre): drop every cached
 *   state and the position, re-seed from queries and subscribe for new events, as on a first
 *   subscription;
 * - MalformedEventError: log it, advance the position past it, go on;
 * - any other TransportError that says it is not retryable (SubscriptionRejectedError: the
 *   topic does not exist or the user may not subscribe): log it as an error and stop;
 *   run() rejects with RouterStoppedError and the CLI exits with code 3.
 *
 * stop() ends the subscription and lets the events being handled finish (their checkpoint
 * written) before run() resolves, so the store is never closed under a handler.
 *
 * Pipelining (`concurrency` > 1): the transport hands over one event at a time, but the
 * service does not wait for an event's handling to finish before taking the next; up to
 * `concurrency` events are handled at once (the router keeps each PSR's events in order and
 * reserves capacity before each insert). The saved position only moves past events whose
 * handling finished, and past every event before them: after a crash or a failed handling
 * the stream resumes from the first event not finished, and the router's idempotency (Serial,
 * journal) makes the replay of the ones finished after it harmless. The seed, the timed retry
 * and the ledger re-sync run alone, after the events in flight finished.
 */
import type { Logger } from '../log.js';
import {
    AuthExpiredError,
    EventLimitExceededError,
    MalformedEventError,
    ReplayPositionInvalidError,
    TransportError,
    type AccessTokenSource,
    type EventTransport,
    type RoutingChange,
    type StartPoint
} from '../transport/contract.js';
import type { ExternalRouter } from '../routing/router.js';
import type { CheckpointStore } from '../store/checkpointStore.js';
import { Backoff } from './backoff.js';

export interface RouterServiceOptions {
    transport: EventTransport;
    router: ExternalRouter;
    store: CheckpointStore;
    tokens: AccessTokenSource;
    logger: Logger;
    backoff?: { baseMs: number; maxMs: number };
    /** Longer back-off floor for the daily event limit (it resets over hours, not seconds). */
    limitBackoff?: { baseMs: number; maxMs: number };
    /** Where to start without a persisted position (default: latest, after seeding from queries). */
    firstStart?: StartPoint;
    /**
     * Waiting PSRs are retried when capacity frees; this timer also retries them when no
     * event says so (an insert Salesforce refused, a missed event). Default 30 s; 0 = off.
     */
    retryWaitingMs?: number;
    /** Re-read agent availability from queries this often (default 60 s; 0 = off). */
    resyncLedgerMs?: number;
    /** Events handled at once (default 1: one after the other). */
    concurrency?: number;
}

type Outcome = { kind: 'failed'; error: TransportError } | { kind: 'stopped' };

/** The router stopped on a failure that retrying cannot fix (see `cause`); fix it and start again. */
export class RouterStoppedError extends Error {
    constructor(readonly failure: TransportError) {
        super(`the router stopped: ${failure.name}: ${failure.message}`, { cause: failure });
        this.name = 'RouterStoppedError';
    }
}

/** How long stop() lets an event handler in progress finish (a REST call has its own time-outs). */
const DRAIN_MS = 30_000;

export class RouterService {
    private stopped = false;
    private wake: ((outcome: Outcome) => void) | null = null;
    private sleepTimer: NodeJS.Timeout | undefined;
    private sleepResolve: (() => void) | undefined;
    private readonly backoff: Backoff;
    private readonly limitBackoff: Backoff;
    private seeded = false;
    private lock: Promise<void> = Promise.resolve();
    private readonly concurrency: number;
    /** Handlings in progress. */
    private readonly inFlight = new Set<Promise<void>>();
    /** Admitted events in stream order, until every one before them finished too. */
    private readonly order: Array<{ position: string; done: boolean }> = [];
    /** A handling failed in this subscription: admit nothing more (it is all replayed after the restart). */
    private halted = false;
    private unsavedPosition: string | undefined;
    private positionWrite: NodeJS.Immediate | undefined;
    /** Counters for status logs and tests. */
    readonly stats = { events: 0, malformed: 0, restarts: 0, resets: 0, authRefreshes: 0 };

    constructor(private readonly options: RouterServiceOptions) {
        this.backoff = new Backoff(options.backoff ?? { baseMs: 1000, maxMs: 60_000 });
        this.limitBackoff = new Backoff(options.limitBackoff ?? { baseMs: 60_000, maxMs: 30 * 60_000 });
        this.concurrency = Math.max(1, options.concurrency ?? 1);
    }

    /** Runs until stop(); resolves when stopped. Rejects only on a failure it cannot recover from. */
    async run(): Promise<void> {
        const { router, logger } = this.options;
        const every = this.options.retryWaitingMs ?? 30_000;
        const retry =
            every > 0
                ? setInterval(() => {
                      if (this.stopped || router.waitingCount === 0) return;
                      this.exclusive(() => router.retryWaiting()).catch((error: Error) =>
                          logger.warn('timed retry of waiting PSRs failed; next time', { error })
                      );
                  }, every)
                : undefined;
        const resyncEvery = this.options.resyncLedgerMs ?? 60_000;
        const resync =
            resyncEvery > 0
                ? setInterval(() => {
                      if (this.stopped || !this.seeded) return;
                      this.exclusive(() => router.resyncLedger()).catch((error: Error) =>
                          logger.warn('ledger re-sync failed; next time', { error })
                      );
                  }, resyncEvery)
                : undefined;
        try {
            await this.loop();
        } finally {
            clearInterval(retry);
            clearInterval(resync);
        }
    }

    private async loop(): Promise<void> {
        const { router, store, logger } = this.options;
        // The ledger lives in memory: seed it on every process start, and again while no
        // event has been handled since a first start or a reset (events before the
        // subscription are not replayed then, so the queries are the only source).
        while (!this.stopped) {
            const position = store.position();
            const from: StartPoint = position === undefined ? (this.options.firstStart ?? { kind: 'latest' }) : { kind: 'after', position };
            const outcome = await this.subscribeOnce(from, !this.seeded || position === undefined);
            if (outcome.kind === 'stopped') break;
            if (outcome.error instanceof ReplayPositionInvalidError) {
                this.stats.resets++;
                logger.warn(
                    'replay position no longer valid (retention passed or org data-centre recovery): resetting all state and starting as on a first subscription',
                    { detail: outcome.error.message }
                );
                store.reset();
                router.clear();
                this.seeded = false;
                continue;
            }
            if (!outcome.error.retryable) {
                logger.error('stopping: this failure does not go away by retrying; fix the cause and start the router again', {
                    error: outcome.error.name,
                    detail: outcome.error.message
                });
                await this.options.transport.stop();
                await this.drain();
                throw new RouterStoppedError(outcome.error);
            }
            await this.recover(outcome.error);
        }
        await this.options.transport.stop();
        await this.drain();
        logger.info('router stopped', this.stats);
    }

    /** Waits for the router calls in progress (events, a timed retry) to settle, for at most DRAIN_MS. */
    private async drain(): Promise<void> {
        let timer: NodeJS.Timeout | undefined;
        const settled = await Promise.race([
            this.lock.then(() => this.settle()).then(() => true),
            new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), DRAIN_MS)))
        ]);
        clearTimeout(timer);
        if (!settled) this.options.logger.warn('stopped while an event was still being handled', { waitedMs: DRAIN_MS });
    }

    /**
     * Subscribes, then (if asked) seeds from queries while holding the handler lock: events
     * that arrive during the seed wait and are handled after it, so nothing that happened
     * between the queries and the subscription is missed. Resolves when the subscription ends.
     */
    private async subscribeOnce(from: StartPoint, seed: boolean): Promise<Outcome> {
        const { transport, logger, router } = this.options;
        const ended = new Promise<Outcome>((resolve) => (this.wake = resolve));
        this.halted = false;
        this.order.length = 0;
        // Take the handler lock before subscribing, so the seed runs before any event.
        let openGate: (proceed: boolean) => void = () => undefined;
        const gate = new Promise<boolean>((resolve) => (openGate = resolve));
        const seeding = seed
            ? this.exclusive(async () => {
                  if (await gate) await router.seed();
              })
            : undefined;
        try {
            await transport.start(from, {
                onChange: (change) => this.onChange(change),
                onFailure: (error) => this.onFailure(error)
            });
            logger.info('listening', { transport: transport.name, from: from.kind === 'after' ? from.position : from.kind });
            openGate(true);
            if (seeding) {
                await seeding;
                this.seeded = true;
            }
        } catch (error) {
            openGate(false);
            await seeding?.catch(() => undefined);
            this.wake = null;
            await transport.stop();
            await this.settleAll();
            return { kind: 'failed', error: asTransportError(error) };
        }
        const outcome = await ended;
        this.wake = null;
        await transport.stop();
        // Nothing of this subscription may run when the next one starts (it replays from the
        // saved position, which never passed an event still in flight).
        await this.settleAll();
        return outcome;
    }

    /** Runs `fn` after every earlier locked call settled (admissions, seed, timed retry, re-sync). */
    private serial<T>(fn: () => Promise<T>): Promise<T> {
        const run = this.lock.then(fn, fn);
        this.lock = run.then(
            () => undefined,
            () => undefined
        );
        return run;
    }

    /** Runs `fn` alone: after earlier locked calls and every event handling in flight settled. */
    private exclusive<T>(fn: () => Promise<T>): Promise<T> {
        return this.serial(async () => {
            await this.settle();
            return fn();
        });
    }

    /** Waits until no event handling is in flight. */
    private async settle(): Promise<void> {
        while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
        this.savePosition();
    }

    private async settleAll(): Promise<void> {
        await this.lock;
        await this.settle();
    }

    /**
     * Admits one event: waits for a free slot, starts its handling and returns (the transport
     * then hands over the next event). With concurrency 1 that is one event after the other.
     */
    private onChange(change: RoutingChange): Promise<void> {
        return this.serial(async () => {
            while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
            if (this.halted) return; // replayed after the restart
            const slot = { position: change.position, done: false };
            this.order.push(slot);
            const handling = this.options.router.handle(change).then(
                () => {
                    slot.done = true;
                    this.stats.events++;
                    this.backoff.reset();
                    this.limitBackoff.reset();
                    this.advance();
                },
                (error: unknown) => {
                    // Its position is never passed in this subscription: the restart replays it.
                    this.halted = true;
                    this.wake?.({ kind: 'failed', error: asTransportError(error) });
                }
            );
            this.inFlight.add(handling);
            void handling.finally(() => this.inFlight.delete(handling));
        });
    }

    /**
     * Moves the position to the last event such that it and every event before it finished.
     * The write (an fsync) is coalesced: events finishing in the same turn of the event loop
     * cost one (one fsync per event capped a pipelined router at ~140 PSR/s here).
     */
    private advance(): void {
        let last: { position: string } | undefined;
        while (this.order.length > 0 && this.order[0].done) last = this.order.shift();
        if (!last) return;
        this.unsavedPosition = last.position;
        if (this.positionWrite) return;
        this.positionWrite = setImmediate(() => {
            try {
                this.savePosition();
            } catch (error) {
                // The store closed under it (a stop that timed out draining): the events are replayed.
                this.options.logger.warn('could not save the position', { error: error as Error });
            }
        });
    }

    /** Writes the position advance() left (also before a restart or stop: nothing finished is replayed needlessly). */
    private savePosition(): void {
        clearImmediate(this.positionWrite);
        this.positionWrite = undefined;
        if (this.unsavedPosition === undefined) return;
        const position = this.unsavedPosition;
        this.unsavedPosition = undefined;
        this.options.store.savePosition(position);
    }

    private onFailure(error: TransportError): void {
        if (error instanceof MalformedEventError) {
            this.stats.malformed++;
            this.options.logger.warn('malformed event skipped', { detail: error.message, position: error.position ?? null });
            // In stream order behind the events admitted before it (all admitted: the transport
            // waited for each admission), so it never moves the position past one in flight.
            if (error.position !== undefined) {
                this.order.push({ position: error.position, done: true });
                this.advance();
            }
            return;
        }
        this.wake?.({ kind: 'failed', error });
    }

    /** Waits as the failure requires before the next attempt. */
    private async recover(error: TransportError): Promise<void> {
        if (this.stopped) return;
        const { logger, tokens } = this.options;
        this.stats.restarts++;
        if (error instanceof AuthExpiredError) {
            this.stats.authRefreshes++;
            logger.info('access token refused: re-authenticating', { detail: error.message });
            try {
                await tokens.refresh();
                if (this.backoff.attempts === 0) {
                    this.backoff.next(); // a second auth failure in a row waits
                    return;
                }
            } catch (authError) {
                logger.error('re-authentication failed', { error: authError as Error });
            }
        }
        const limit = error instanceof EventLimitExceededError;
        const delay = (limit ? this.limitBackoff : this.backoff).next();
        logger.warn(limit ? 'daily event limit exceeded: backing off' : 'subscription failed: backing off before resuming', {
            error: error.name,
            detail: error.message,
            retryInMs: delay
        });
        await this.sleep(delay);
    }

    private sleep(ms: number): Promise<void> {
        return new Promise((resolve) => {
            this.sleepResolve = resolve;
            this.sleepTimer = setTimeout(resolve, ms);
        });
    }

    async stop(): Promise<void> {
        this.stopped = true;
        clearTimeout(this.sleepTimer);
        this.sleepResolve?.();
        this.wake?.({ kind: 'stopped' });
    }
}

/** Errors from seeding or the handler that are not TransportErrors become retryable failures. */
class RouterStepError extends TransportError {
    constructor(cause: unknown) {
        super(`router step failed: ${(cause as Error)?.message ?? String(cause)}`, true, { cause });
    }
}

function asTransportError(error: unknown): TransportError {
    return error instanceof TransportError ? error : new RouterStepError(error);
}
