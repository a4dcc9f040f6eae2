/**
 * Routing strategies: which of the agents who can take a work item gets it.
 *
 * A strategy only scores; the ledger walks the agents online on the work's channel who have
 * room for it (never every agent) and keeps the lowest score. Ties go to the agent idle
 * longest, then to the smaller user id, so decisions are deterministic.
 *
 * Plug in your own: implement `RoutingStrategy`, then either call `registerStrategy` before
 * the router starts, or put it in a module (default export) and name that module in the
 * config (`strategyModule`); `strategy` then selects it by its `name`.
 */

import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface AgentView {
    readonly userId: string;
    readonly statusId: string;
    /** ConfiguredCapacity of the agent's current presence. */
    readonly capacity: number;
    /** Capacity units used by the agent's Assigned and Opened AgentWork. */
    readonly workload: number;
    /** Number of Assigned and Opened AgentWork. */
    readonly openWorks: number;
    /**
     * Ms since epoch: when the agent came online or last finished a work item (closed,
     * declined, timed out, transferred), whichever is later. For an agent with no open work
     * this is when they became free; a new assignment does not change it.
     */
    readonly idleSince: number;
}

export interface WorkRequest {
    psrId: string;
    channelId: string;
    capacityWeight: number | null;
    capacityPercentage: number | null;
    routingPriority: number;
}

export interface RoutingStrategy {
    readonly name: string;
    /** Lower wins. Only called for agents online on the channel with room for `weight` more units. */
    score(agent: AgentView, work: WorkRequest, weight: number): number;
}

const freeShare = (a: AgentView) => (a.capacity - a.workload) / a.capacity;

/** Omni's Most Available: the largest share of free capacity. */
export const mostAvailable: RoutingStrategy = { name: 'most-available', score: (a) => -freeShare(a) };

/** Omni's Least Active: the fewest open work items, then the most free capacity. */
export const leastActive: RoutingStrategy = { name: 'least-active', score: (a) => a.openWorks - freeShare(a) / 2 };

/** Agents with open work rank after every agent without: far beyond any epoch-ms time. */
const BUSY = 1e15;

/**
 * Longest idle: first the agents with no open work, the one free longest first (since they
 * finished their last work item or came online); then agents who have open work, the one
 * whose last finished work is oldest first.
 */
export const longestIdle: RoutingStrategy = { name: 'longest-idle', score: (a) => (a.openWorks > 0 ? BUSY : 0) + a.idleSince };

export class UnknownStrategyError extends Error {
    constructor(
        readonly requested: string,
        readonly known: string[]
    ) {
        super(`unknown routing strategy "${requested}" (known: ${known.join(', ')})`);
        this.name = 'UnknownStrategyError';
    }
}

export class InvalidStrategyError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'InvalidStrategyError';
    }
}

const registry = new Map<string, RoutingStrategy>([mostAvailable, leastActive, longestIdle].map((s) => [s.name, s]));

export function isRoutingStrategy(value: unknown): value is RoutingStrategy {
    const v = value as RoutingStrategy | null;
    return !!v && typeof v === 'object' && typeof v.name === 'string' && v.name !== '' && typeof v.score === 'function';
}

export function registerStrategy(strategy: RoutingStrategy): void {
    if (!isRoutingStrategy(strategy))
        throw new InvalidStrategyError('a strategy needs a non-empty name and a score(agent, work, weight) function');
    registry.set(strategy.name, strategy);
}

export function getStrategy(name: string): RoutingStrategy {
    const strategy = registry.get(name);
    if (!strategy) throw new UnknownStrategyError(name, strategyNames());
    return strategy;
}

export function strategyNames(): string[] {
    return [...registry.keys()];
}

/**
 * Imports a module whose default export (or `strategy` export) is a RoutingStrategy and
 * registers it. `specifier` is a file path (the config resolves it against the config file's
 * folder) or a package name. ES modules and CommonJS both work.
 */
export async function loadStrategyModule(specifier: string): Promise<RoutingStrategy> {
    const target = path.isAbsolute(specifier) ? pathToFileURL(specifier).href : specifier;
    let module: { default?: unknown; strategy?: unknown };
    try {
        module = (await import(target)) as { default?: unknown; strategy?: unknown };
    } catch (cause) {
        throw new InvalidStrategyError(`strategy module ${specifier} cannot be loaded: ${(cause as Error).message}`);
    }
    // A CommonJS module's exports object arrives as `default`: look inside it too.
    const exported = module.default as { default?: unknown; strategy?: unknown } | undefined;
    const candidate = [module.default, module.strategy, exported?.default, exported?.strategy].find(isRoutingStrategy);
    if (!isRoutingStrategy(candidate))
        throw new InvalidStrategyError(`${specifier} does not export a RoutingStrategy (default or "strategy")`);
    registerStrategy(candidate);
    return candidate;
}
