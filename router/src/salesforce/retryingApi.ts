/**
 * Retries one failed REST call on its own, with back-off and a budget, instead of failing the
 * whole event (and with it the subscription): a 503 on an insert or a 500 on a query is
 * usually gone a moment later, and restarting the stream for it stopped all routing for
 * seconds (issue 12).
 *
 * Only failures that say they are retryable are retried (5xx, REQUEST_LIMIT_EXCEEDED, no
 * answer at all: SalesforceApiError.retryable, SalesforceNetworkError); a refusal (4xx) is a
 * decision and goes straight back to the caller. When the budget is spent the last error is
 * thrown: the org is really down, and the event is replayed from the checkpoint later.
 *
 * An insert is not blindly sent again: a 500 or a lost answer may come after Salesforce
 * committed the AgentWork, so before the next attempt the PSR's AgentWork is read, and an
 * Assigned or Opened one for the same agent is taken as the insert's result.
 */
import type { Logger } from '../log.js';
import { Backoff } from '../runner/backoff.js';
import type { NewAgentWork, OmniApi, WaitingPsrs } from './omniApi.js';
import { ACTIVE_WORK_STATUSES, type AgentWorkRecord, type PresenceRecord, type PsrRecord, type StatusChannelRecord } from './records.js';

export interface RestRetryOptions {
    /** Attempts per call, the first included (default 5). */
    attempts: number;
    baseMs: number;
    maxMs: number;
}

export const DEFAULT_REST_RETRY: RestRetryOptions = { attempts: 5, baseMs: 200, maxMs: 5000 };

/** Counters for status logs, metrics and tests. */
export interface RetryStats {
    /** Calls that failed with a retryable error and were sent again. */
    retries: number;
    /** Calls that failed after using their whole budget. */
    exhausted: number;
    /** Insert retries that found the first attempt had created the AgentWork after all. */
    insertsFoundDone: number;
}

const isRetryable = (error: unknown): boolean => (error as { retryable?: unknown } | null)?.retryable === true;

export class RetryingOmniApi implements OmniApi {
    readonly stats: RetryStats = { retries: 0, exhausted: 0, insertsFoundDone: 0 };

    constructor(
        private readonly inner: OmniApi,
        private readonly logger: Logger,
        private readonly options: RestRetryOptions = DEFAULT_REST_RETRY,
        private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
    ) {}

    private async retry<T>(call: string, attempt: (n: number) => Promise<T>): Promise<T> {
        const backoff = new Backoff({ baseMs: this.options.baseMs, maxMs: this.options.maxMs });
        for (let n = 0; ; n++) {
            try {
                return await attempt(n);
            } catch (error) {
                if (!isRetryable(error)) throw error;
                if (n + 1 >= this.options.attempts) {
                    this.stats.exhausted++;
                    throw error;
                }
                const delay = backoff.next();
                this.stats.retries++;
                // Info, not warn: a transient failure retried is not for an operator; a spent
                // budget surfaces as the service's warning (the event is replayed later).
                this.logger.info('REST call failed; retrying this call', {
                    call,
                    attempt: n + 1,
                    of: this.options.attempts,
                    retryInMs: delay,
                    error: (error as Error).message
                });
                await this.sleep(delay);
            }
        }
    }

    getPsr(id: string): Promise<PsrRecord | null> {
        return this.retry('getPsr', () => this.inner.getPsr(id));
    }
    waitingPsrs(): Promise<WaitingPsrs> {
        return this.retry('waitingPsrs', () => this.inner.waitingPsrs());
    }
    workForPsr(psrId: string): Promise<AgentWorkRecord[]> {
        return this.retry('workForPsr', () => this.inner.workForPsr(psrId));
    }
    workForPsrs(psrIds: readonly string[]): Promise<AgentWorkRecord[]> {
        return this.retry('workForPsrs', () => this.inner.workForPsrs(psrIds));
    }
    openWork(): Promise<AgentWorkRecord[]> {
        return this.retry('openWork', () => this.inner.openWork());
    }
    agentWorkByIds(ids: readonly string[]): Promise<AgentWorkRecord[]> {
        return this.retry('agentWorkByIds', () => this.inner.agentWorkByIds(ids));
    }
    currentPresences(): Promise<PresenceRecord[]> {
        return this.retry('currentPresences', () => this.inner.currentPresences());
    }
    presencesByIds(ids: readonly string[]): Promise<PresenceRecord[]> {
        return this.retry('presencesByIds', () => this.inner.presencesByIds(ids));
    }
    statusChannels(): Promise<StatusChannelRecord[]> {
        return this.retry('statusChannels', () => this.inner.statusChannels());
    }

    insertAgentWork(work: NewAgentWork): Promise<string> {
        return this.retry('insertAgentWork', async (n) => {
            if (n > 0) {
                // Did the failed attempt commit after all? Then that AgentWork is the result.
                const live = (await this.inner.workForPsr(work.pendingServiceRoutingId)).find(
                    (w) => w.userId === work.userId && ACTIVE_WORK_STATUSES.has(w.status)
                );
                if (live) {
                    this.stats.insertsFoundDone++;
                    this.logger.info('a failed AgentWork insert had been committed: using it', {
                        psrId: work.pendingServiceRoutingId,
                        agentWorkId: live.id
                    });
                    return live.id;
                }
            }
            return this.inner.insertAgentWork(work);
        });
    }
}
