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
 * stop() ends the subscription and lets the event being handled finish (its checkpoint
 * written) before run() resolves, so the store is never closed under a handler.
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
    /** Counters for status logs and tests. */
    readonly stats = { events: 0, malformed: 0, restarts: 0, resets: 0, authRefreshes: 0 };

    constructor(private readonly options: RouterServiceOptions) {
        this.backoff = new Backoff(options.backoff ?? { baseMs: 1000, maxMs: 60_000 });
        this.limitBackoff = new Backoff(options.limitBackoff ?? { baseMs: 60_000, maxMs: 30 * 60_000 });
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

    /** Waits for the router call in progress (an event, a timed retry) to settle, for at most DRAIN_MS. */
    private async drain(): Promise<void> {
        let timer: NodeJS.Timeout | undefined;
        const settled = await Promise.race([
            this.lock.then(() => true),
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
                onChange: (change) => this.exclusive(() => this.onChange(change)),
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
            return { kind: 'failed', error: asTransportError(error) };
        }
        const outcome = await ended;
        this.wake = null;
        await transport.stop();
        return outcome;
    }

    /** Runs `fn` after every earlier locked call settled (router calls never overlap). */
    private exclusive<T>(fn: () => Promise<T>): Promise<T> {
        const run = this.lock.then(fn, fn);
        this.lock = run.then(
            () => undefined,
            () => undefined
        );
        return run;
    }

    private async onChange(change: RoutingChange): Promise<void> {
        await this.options.router.handle(change);
        this.options.store.savePosition(change.position);
        this.stats.events++;
        this.backoff.reset();
        this.limitBackoff.reset();
    }

    private onFailure(error: TransportError): void {
        if (error instanceof MalformedEventError) {
            this.stats.malformed++;
            this.options.logger.warn('malformed event skipped', { detail: error.message, position: error.position ?? null });
            if (error.position !== undefined) this.options.store.savePosition(error.position);
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
