/**
 * The push time-out of an offered AgentWork as OmniPanelController.getPushTimeouts reads it
 * in an org, from a simulator engine: AgentWork.PendingServiceRoutingId -> the PSR's GroupId
 * (its queue) -> the queue's routing configuration -> PushTimeout in seconds (QueueRoutingConfig
 * "Push Time-Out (seconds)", 0 when off: Object Reference, QueueRoutingConfig).
 *
 * As strict as the Apex: null for another user's work, for accepted work (Omni deletes the
 * PSR on accept), and for work routed without a queue (skills-based), although the engine
 * itself knows a time-out for it: the Apex cannot see one there, so neither does the fake.
 */
import type { AgentWork, PendingServiceRouting, Queue, RoutingConfiguration } from '../../engine/model';

export interface WorkRouting {
    routingConfigId: string;
    routingConfigName: string;
    pushTimeoutSeconds: number;
}

export interface RoutingReader {
    listAgentWorks(): AgentWork[];
    listPsrs(): PendingServiceRouting[];
}

export interface RoutingSetup {
    queues: readonly Queue[];
    routingConfigs: readonly RoutingConfiguration[];
}

const id15 = (id: string | null | undefined): string => (id ?? '').slice(0, 15);

/** The routing of work `workId` (15 or 18 characters) of user `userId`, or null when the Apex could not tell. */
export function workRoutingOf(engine: RoutingReader, setup: RoutingSetup, userId: string, workId: string): WorkRouting | null {
    const work = engine.listAgentWorks().find((w) => id15(w.id) === id15(workId) && id15(w.userId) === id15(userId));
    if (!work?.pendingServiceRoutingId) return null;
    const psr = engine.listPsrs().find((p) => id15(p.id) === id15(work.pendingServiceRoutingId));
    if (!psr?.groupId) return null;
    const queue = setup.queues.find((q) => id15(q.id) === id15(psr.groupId));
    const config = queue ? setup.routingConfigs.find((r) => id15(r.id) === id15(queue.routingConfigId)) : undefined;
    if (!config) return null;
    return {
        routingConfigId: config.id,
        routingConfigName: config.developerName,
        pushTimeoutSeconds: Math.round(config.pushTimeoutMs / 1000)
    };
}
