/**
 * Avro schemas for the fake Pub/Sub API, modelled on the shape of Salesforce's Change Data
 * Capture event schemas: a record named <Entity>ChangeEvent in com.sforce.eventbus whose
 * first field is the ChangeEventHeader record, followed by every field of the object as a
 * nullable union (`["null", T]`, default null). Date/times are epoch milliseconds (long),
 * picklists and references strings, checkboxes booleans, numbers int or double.
 */

export type FieldType = 'string' | 'boolean' | 'int' | 'long' | 'double';

const CHANGE_TYPES = ['CREATE', 'UPDATE', 'DELETE', 'UNDELETE', 'GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE', 'GAP_OVERFLOW'];

/** Defined in full in the first schema that uses it (as Salesforce does per event schema). */
export const CHANGE_EVENT_HEADER = {
    type: 'record',
    name: 'ChangeEventHeader',
    namespace: 'com.sforce.eventbus',
    fields: [
        { name: 'entityName', type: 'string' },
        { name: 'recordIds', type: { type: 'array', items: 'string' } },
        { name: 'changeType', type: { type: 'enum', name: 'ChangeType', namespace: 'com.sforce.eventbus', symbols: CHANGE_TYPES } },
        { name: 'changeOrigin', type: 'string' },
        { name: 'transactionKey', type: 'string' },
        { name: 'sequenceNumber', type: 'int' },
        { name: 'commitTimestamp', type: 'long' },
        { name: 'commitNumber', type: 'long' },
        { name: 'commitUser', type: 'string' },
        { name: 'nulledFields', type: { type: 'array', items: 'string' } },
        { name: 'diffFields', type: { type: 'array', items: 'string' } },
        { name: 'changedFields', type: { type: 'array', items: 'string' } }
    ]
};

type AvroFieldType = string | Record<string, unknown>;

/** A change event schema: header first, then the object's fields as nullable unions. */
export function changeEventSchema(
    entity: string,
    fields: ReadonlyArray<readonly [string, AvroFieldType, string?]>
): Record<string, unknown> {
    return {
        type: 'record',
        name: `${entity}ChangeEvent`,
        namespace: 'com.sforce.eventbus',
        fields: [
            { name: 'ChangeEventHeader', type: CHANGE_EVENT_HEADER, doc: 'Data:ChangeEventHeader' },
            ...fields.map(([name, type, doc]) => ({
                name,
                type: ['null', type],
                doc: doc ?? `Data:${typeof type === 'string' ? type : 'compound'}`,
                default: null
            }))
        ]
    };
}

export const PSR_FIELDS = [
    ['CreatedDate', 'long', 'CreatedDate:DateTime'],
    ['CreatedById', 'string', 'Reference'],
    ['LastModifiedDate', 'long', 'LastModifiedDate:DateTime'],
    ['LastModifiedById', 'string', 'Reference'],
    ['WorkItemId', 'string', 'Reference'],
    ['ServiceChannelId', 'string', 'Reference'],
    ['GroupId', 'string', 'Reference'],
    ['QueueId', 'string', 'Reference'],
    ['RoutingModel', 'string', 'Data:Picklist'],
    ['RoutingType', 'string', 'Data:Picklist'],
    ['RoutingPriority', 'int'],
    ['SecondaryRoutingPriority', 'int'],
    ['CapacityWeight', 'double'],
    ['CapacityPercentage', 'double'],
    ['IsReadyForRouting', 'boolean'],
    ['IsPushed', 'boolean'],
    ['IsPushAttempted', 'boolean'],
    ['IsTransfer', 'boolean'],
    ['LastDeclinedAgentSession', 'string', 'Reference'],
    ['PreferredUserId', 'string', 'Reference'],
    ['IsPreferredUserRequired', 'boolean'],
    ['PushTimeout', 'int'],
    ['IsInterruptible', 'boolean'],
    ['Serial', 'int'],
    ['DropAdditionalSkillsTimeout', 'int']
] as const;

export const AGENT_WORK_FIELDS = [
    ['Name', 'string'],
    ['CreatedDate', 'long', 'CreatedDate:DateTime'],
    ['LastModifiedDate', 'long', 'LastModifiedDate:DateTime'],
    ['UserId', 'string', 'Reference'],
    ['WorkItemId', 'string', 'Reference'],
    ['ServiceChannelId', 'string', 'Reference'],
    ['PendingServiceRoutingId', 'string', 'Reference'],
    ['Status', 'string', 'Data:Picklist'],
    ['CapacityWeight', 'double'],
    ['CapacityPercentage', 'double'],
    ['IsInterruptible', 'boolean'],
    ['ShouldSkipCapacityCheck', 'boolean'],
    ['DeclineReason', 'string'],
    ['AssignedDateTime', 'long', 'Data:DateTime'],
    ['AcceptDateTime', 'long', 'Data:DateTime'],
    ['CloseDateTime', 'long', 'Data:DateTime'],
    ['ActiveTime', 'int'],
    ['HandleTime', 'int'],
    ['SpeedToAnswer', 'int'],
    ['PreferredUserId', 'string', 'Reference'],
    ['IsPreferredUserRequired', 'boolean']
] as const;

export const PRESENCE_FIELDS = [
    ['Name', 'string'],
    ['CreatedDate', 'long', 'CreatedDate:DateTime'],
    ['LastModifiedDate', 'long', 'LastModifiedDate:DateTime'],
    ['UserId', 'string', 'Reference'],
    ['ServicePresenceStatusId', 'string', 'Reference'],
    ['IsCurrentState', 'boolean'],
    ['ConfiguredCapacity', 'int'],
    ['ConfiguredInterruptCapacity', 'int'],
    ['StatusStartDate', 'long', 'Data:DateTime'],
    ['StatusEndDate', 'long', 'Data:DateTime'],
    ['IdleDuration', 'int'],
    ['AtCapacityDuration', 'int'],
    ['IsAway', 'boolean']
] as const;

export const OMNI_SCHEMAS = {
    PendingServiceRouting: changeEventSchema('PendingServiceRouting', PSR_FIELDS),
    AgentWork: changeEventSchema('AgentWork', AGENT_WORK_FIELDS),
    UserServicePresence: changeEventSchema('UserServicePresence', PRESENCE_FIELDS)
};

export type OmniEntity = keyof typeof OMNI_SCHEMAS;
