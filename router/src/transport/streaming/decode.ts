/**
 * PushTopic event -> RoutingChange. A PushTopic message's data is
 * `{ event: { type, createdDate, replayId }, sobject: { Id, ...the topic's fields } }`.
 * AgentWork.Status arrives as its numeric code on PushTopics (0 Assigned ... 7 Transferred):
 * it is turned into the status name here so nothing above the transport sees codes.
 */
import { MalformedEventError, type ChangeEntity, type ChangeType, type RoutingChange } from '../contract.js';
import { parseAgentWorkStatus } from '../../salesforce/records.js';

const TYPES: Record<string, ChangeType> = { created: 'CREATE', updated: 'UPDATE', deleted: 'DELETE', undeleted: 'UNDELETE' };

export interface DecodedEvent {
    replayId: number;
    change: Omit<RoutingChange, 'position'>;
}

/** Returns the replay id even when the rest is unusable, so the position still advances. */
export function replayIdOf(data: unknown): number | undefined {
    const id = (data as { event?: { replayId?: unknown } } | null)?.event?.replayId;
    return typeof id === 'number' && Number.isSafeInteger(id) ? id : undefined;
}

export function decodePushTopicEvent(entity: ChangeEntity, data: unknown, position: (replayId: number) => string): DecodedEvent {
    const replayId = replayIdOf(data);
    const bad = (why: string) =>
        new MalformedEventError(`PushTopic event for ${entity}: ${why}`, replayId === undefined ? undefined : position(replayId));
    if (replayId === undefined) throw bad('no numeric event.replayId');
    const { event, sobject } = data as { event: { type?: unknown; createdDate?: unknown }; sobject?: unknown };
    const changeType = typeof event.type === 'string' ? TYPES[event.type] : undefined;
    if (!changeType) throw bad(`unknown event.type ${JSON.stringify(event.type)}`);
    if (!sobject || typeof sobject !== 'object' || Array.isArray(sobject)) throw bad('no sobject');
    const fields = { ...(sobject as Record<string, unknown>) };
    if (typeof fields.Id !== 'string' || fields.Id === '') throw bad('sobject has no Id');
    if (entity === 'AgentWork' && 'Status' in fields) {
        const status = parseAgentWorkStatus(fields.Status);
        if (!status) throw bad(`unknown AgentWork Status ${JSON.stringify(fields.Status)}`);
        fields.Status = status;
    }
    const created = typeof event.createdDate === 'string' ? Date.parse(event.createdDate) : NaN;
    return {
        replayId,
        change: {
            entity,
            changeType,
            recordIds: [fields.Id],
            fields,
            changedFields: Object.keys(fields),
            ...(Number.isNaN(created) ? {} : { commitTimestamp: created })
        }
    };
}
