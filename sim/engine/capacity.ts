/**
 * Capacity rules (Unified Routing): an agent's load is the weight of their Assigned and
 * Opened AgentWork. A voice call needs the agent's full capacity, unless their
 * configuration has interruptible capacity and everything they are working on is
 * interruptible (asynchronous) work, which the call then interrupts: that work moves to
 * the interruptible workload while the call lasts.
 */
import type { AgentWork, PresenceConfiguration } from './model';

export interface Load {
    /** Units counted against configured capacity. */
    currentWorkload: number;
    /** Units of interrupted work, counted against interruptible capacity. */
    currentInterruptibleWorkload: number;
    hasVoice: boolean;
    count: number;
}

export function loadOf(works: Iterable<AgentWork>, isVoice: (work: AgentWork) => boolean): Load {
    let voiceOrFixed = 0;
    let interruptible = 0;
    let hasVoice = false;
    let count = 0;
    for (const work of works) {
        count += 1;
        if (isVoice(work)) hasVoice = true;
        if (work.isInterruptible) interruptible += work.capacityWeight;
        else voiceOrFixed += work.capacityWeight;
    }
    return hasVoice
        ? { currentWorkload: voiceOrFixed, currentInterruptibleWorkload: interruptible, hasVoice, count }
        : { currentWorkload: voiceOrFixed + interruptible, currentInterruptibleWorkload: 0, hasVoice, count };
}

/** Units a work item takes from this agent. */
export function weightFor(
    config: PresenceConfiguration,
    capacityWeight: number | null,
    capacityPercentage: number | null,
    voice: boolean
): number {
    if (voice) return config.capacity;
    if (capacityWeight !== null) return capacityWeight;
    if (capacityPercentage !== null) return (config.capacity * capacityPercentage) / 100;
    return 1;
}

/** Whether a work of `weight` fits: the rule routing and external AgentWork inserts both obey. */
export function fits(load: Load, config: PresenceConfiguration, weight: number, voice: boolean, allInterruptible: boolean): boolean {
    if (load.hasVoice) return false;
    if (!voice) return load.currentWorkload + weight <= config.capacity;
    if (load.count === 0) return weight <= config.capacity;
    return config.interruptibleCapacity > 0 && allInterruptible && load.currentWorkload <= config.interruptibleCapacity;
}
