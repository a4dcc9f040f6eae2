/**
 * Capacity rules. A rep has two capacities (presence configuration): primary capacity for
 * primary work and interruptible capacity for interruptible work. Salesforce Help,
 * "Configure Work Items as Primary or Interruptible"
 * (https://help.salesforce.com/s/articleView?id=service.omnichannel_configure_work_items_as_primary_or_interruptible.htm):
 * "Make sure that uninterruptible work like a chat goes only to service reps with the
 * capacity to handle it. Define uninterruptible work as primary, and long-standing or
 * less-urgent work, like cases or leads, as interruptible." So each work counts against the
 * capacity of its own type only: a rep full of interruptible cases still takes a primary
 * chat, and interruptible work stops at the interruptible capacity even when primary
 * capacity is free. The toolkit reports the two loads separately
 * (lightning:omniChannelWorkloadChanged: newWorkload and newInterruptibleWorkload).
 *
 * A call needs the rep's full capacity (Unified Routing, shared/seeds/omni-channel-unified-
 * routing.txt, "Blended channels with interruptible capacity": "a call requires the rep's
 * full capacity"): its weight is the whole capacity it counts against, so a rep with a
 * primary case cannot take a primary call, and one whose open work is all interruptible can.
 *
 * Not modelled: with interruptible capacity 0, interruptible work has nowhere to go and
 * waits (we found no page saying it falls back to primary capacity).
 */
import type { AgentWork, PresenceConfiguration } from './model';

export interface Load {
    /** Units of primary work, counted against configured capacity. */
    currentWorkload: number;
    /** Units of interruptible work, counted against interruptible capacity. */
    currentInterruptibleWorkload: number;
    hasVoice: boolean;
    count: number;
}

export function loadOf(works: Iterable<AgentWork>, isVoice: (work: AgentWork) => boolean): Load {
    let primary = 0;
    let interruptible = 0;
    let hasVoice = false;
    let count = 0;
    for (const work of works) {
        count += 1;
        if (isVoice(work)) hasVoice = true;
        if (work.isInterruptible) interruptible += work.capacityWeight;
        else primary += work.capacityWeight;
    }
    return { currentWorkload: primary, currentInterruptibleWorkload: interruptible, hasVoice, count };
}

/** The capacity a work of this type counts against. */
export function capacityFor(config: PresenceConfiguration, interruptible: boolean): number {
    return interruptible ? config.interruptibleCapacity : config.capacity;
}

/** Units a work item takes from this agent: a percentage is of the capacity it counts against. */
export function weightFor(
    config: PresenceConfiguration,
    capacityWeight: number | null,
    capacityPercentage: number | null,
    voice: boolean,
    interruptible = false
): number {
    const capacity = capacityFor(config, interruptible);
    if (voice) return capacity;
    if (capacityWeight !== null) return capacityWeight;
    if (capacityPercentage !== null) return (capacity * capacityPercentage) / 100;
    return 1;
}

/** Units still free in the capacity a work of this type counts against. */
export function freeFor(load: Load, config: PresenceConfiguration, interruptible: boolean): number {
    return interruptible ? config.interruptibleCapacity - load.currentInterruptibleWorkload : config.capacity - load.currentWorkload;
}

/** Whether a work of `weight` fits: the rule routing and external AgentWork inserts both obey. */
export function fits(load: Load, config: PresenceConfiguration, weight: number, interruptible: boolean): boolean {
    // A zero-weight work on a zero capacity (a call to a rep without interruptible capacity) does not fit.
    if (capacityFor(config, interruptible) <= 0) return false;
    return weight <= freeFor(load, config, interruptible);
}
