/**
 * Decoding Change Data Capture events as the Pub/Sub API delivers them: Avro payloads,
 * bitmap changedFields / nulledFields / diffFields (top-level and compound "P-0x.." form),
 * union unwrapping, change types, and malformed input as MalformedEventError.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as avro from 'avsc';
import { MalformedEventError, type RoutingChange } from '../../src/transport/contract.js';
import { compileSchema, type CompiledSchema } from '../../src/transport/pubsub/avro.js';
import { fieldNamesOf, setBits, BitmapError } from '../../src/transport/pubsub/bitmap.js';
import { decodeChangeEvent } from '../../src/transport/pubsub/changeEvent.js';
import { changeEventSchema, OMNI_SCHEMAS } from '../../src/local/pubsub/cdcSchemas.js';
import { bitmapOf, encodeChangeEvent, type ChangeEventInput } from '../../src/local/pubsub/cdcEncode.js';
import { PRESENCE_ID, PSR_ID, WORK_ID } from './support.js';

const compiled = (entity: keyof typeof OMNI_SCHEMAS): CompiledSchema => compileSchema(`id-${entity}`, JSON.stringify(OMNI_SCHEMAS[entity]));

function roundTrip(schema: CompiledSchema, entity: string, input: ChangeEventInput, position = 'AAAAAQAAAAE='): RoutingChange {
    const result = decodeChangeEvent(schema, encodeChangeEvent(schema.type, entity, input), position);
    assert.ok(!('foreign' in result), 'expected a routed entity');
    return result;
}

test('setBits reads hex bitmaps least significant bit first, across many digits', () => {
    assert.deepEqual(setBits('1'), [0]);
    // Salesforce's documented example '0x650004E0' = bits 5,6,7,10,24,26,29,30.
    assert.deepEqual(setBits('650004E0'), [5, 6, 7, 10, 24, 26, 29, 30]);
    assert.deepEqual(setBits('8000000000000000000000000001'), [0, 111]);
});

test('fieldNamesOf maps top-level and compound bitmaps to field names, and rejects bad bitmaps', () => {
    const layout = {
        names: ['ChangeEventHeader', 'Name', 'Phone', 'Status'],
        nested: new Map([[1, { names: ['Salutation', 'FirstName', 'LastName'], nested: new Map() }]])
    };
    assert.deepEqual(fieldNamesOf(['0xC'], layout), ['Phone', 'Status']);
    assert.deepEqual(fieldNamesOf(['0x2', '1-0x06'], layout), ['Name', 'Name.FirstName', 'Name.LastName']);
    assert.deepEqual(fieldNamesOf([], layout), []);
    assert.throws(() => fieldNamesOf(['0x10'], layout), BitmapError, 'bit past the last field');
    assert.throws(() => fieldNamesOf(['2-0x1'], layout), BitmapError, 'nested bitmap on a non-compound field');
    assert.throws(() => fieldNamesOf(['Phone'], layout), BitmapError, 'not a bitmap');
});

test('PendingServiceRouting CREATE: every non-null field, header data and position', () => {
    const psr = compiled('PendingServiceRouting');
    const change = roundTrip(
        psr,
        'PendingServiceRouting',
        {
            changeType: 'CREATE',
            recordIds: [PSR_ID(1)],
            commitTimestamp: 1_750_000_123_456,
            values: {
                WorkItemId: '500FK0000000001AAA',
                ServiceChannelId: '0N9FK0000000001AAA',
                GroupId: '00GFK0000000001AAA',
                RoutingModel: 'ExternalRouting',
                RoutingType: 'QueueBased',
                RoutingPriority: 1,
                CapacityWeight: 1.5,
                IsReadyForRouting: true,
                IsPushed: false,
                IsTransfer: false,
                Serial: 1,
                CreatedDate: 1_750_000_000_000
            }
        },
        'AAAAAQAAAAU='
    );
    assert.equal(change.entity, 'PendingServiceRouting');
    assert.equal(change.changeType, 'CREATE');
    assert.deepEqual(change.recordIds, [PSR_ID(1)]);
    assert.equal(change.commitTimestamp, 1_750_000_123_456);
    assert.equal(change.position, 'AAAAAQAAAAU=');
    assert.deepEqual(change.fields, {
        CreatedDate: 1_750_000_000_000,
        WorkItemId: '500FK0000000001AAA',
        ServiceChannelId: '0N9FK0000000001AAA',
        GroupId: '00GFK0000000001AAA',
        RoutingModel: 'ExternalRouting',
        RoutingType: 'QueueBased',
        RoutingPriority: 1,
        CapacityWeight: 1.5,
        IsReadyForRouting: true,
        IsPushed: false,
        IsTransfer: false,
        Serial: 1
    });
    assert.deepEqual(new Set(change.changedFields), new Set(Object.keys(change.fields)));
});

test('PendingServiceRouting UPDATE (decline): only the changed fields, a nulled field present as null', () => {
    const change = roundTrip(compiled('PendingServiceRouting'), 'PendingServiceRouting', {
        changeType: 'UPDATE',
        recordIds: [PSR_ID(2)],
        // Unchanged fields are null in a Pub/Sub change event even if the record has a value.
        values: { IsPushed: false, LastDeclinedAgentSession: '0MwFK0000000001AAA', Serial: 4, LastModifiedDate: 1_750_000_001_000 },
        changed: ['IsPushed', 'LastDeclinedAgentSession', 'Serial', 'LastModifiedDate', 'PreferredUserId'],
        nulled: ['PreferredUserId']
    });
    assert.equal(change.changeType, 'UPDATE');
    assert.deepEqual(change.fields, {
        IsPushed: false,
        LastDeclinedAgentSession: '0MwFK0000000001AAA',
        Serial: 4,
        LastModifiedDate: 1_750_000_001_000,
        PreferredUserId: null
    });
    assert.deepEqual([...change.changedFields].sort(), [
        'IsPushed',
        'LastDeclinedAgentSession',
        'LastModifiedDate',
        'PreferredUserId',
        'Serial'
    ]);
    assert.ok(!('WorkItemId' in change.fields), 'unchanged fields are not reported');
});

test('AgentWork UPDATE and DELETE', () => {
    const aw = compiled('AgentWork');
    const declined = roundTrip(aw, 'AgentWork', {
        changeType: 'UPDATE',
        recordIds: [WORK_ID(1)],
        values: { Status: 'Declined', DeclineReason: 'Too busy' },
        changed: ['Status', 'DeclineReason']
    });
    assert.equal(declined.entity, 'AgentWork');
    assert.deepEqual(declined.fields, { Status: 'Declined', DeclineReason: 'Too busy' });

    const deleted = roundTrip(aw, 'AgentWork', { changeType: 'DELETE', recordIds: [WORK_ID(1), WORK_ID(2)] });
    assert.equal(deleted.changeType, 'DELETE');
    assert.deepEqual(deleted.recordIds, [WORK_ID(1), WORK_ID(2)]);
    assert.deepEqual(deleted.fields, {});
    assert.deepEqual(deleted.changedFields, []);
});

test('UserServicePresence CREATE and UPDATE with a nulled end date', () => {
    const usp = compiled('UserServicePresence');
    const created = roundTrip(usp, 'UserServicePresence', {
        changeType: 'CREATE',
        recordIds: [PRESENCE_ID(1)],
        values: {
            UserId: '005FK0000000001AAA',
            ServicePresenceStatusId: '0N5FK0000000001AAA',
            IsCurrentState: true,
            ConfiguredCapacity: 5,
            IsAway: false
        }
    });
    assert.deepEqual(created.fields, {
        UserId: '005FK0000000001AAA',
        ServicePresenceStatusId: '0N5FK0000000001AAA',
        IsCurrentState: true,
        ConfiguredCapacity: 5,
        IsAway: false
    });
    const updated = roundTrip(usp, 'UserServicePresence', {
        changeType: 'UPDATE',
        recordIds: [PRESENCE_ID(1)],
        values: { IsCurrentState: false, StatusEndDate: 1_750_000_100_000 },
        changed: ['IsCurrentState', 'StatusEndDate', 'ConfiguredInterruptCapacity'],
        nulled: ['ConfiguredInterruptCapacity']
    });
    assert.deepEqual(updated.fields, { IsCurrentState: false, StatusEndDate: 1_750_000_100_000, ConfiguredInterruptCapacity: null });
});

test('GAP_* events become GAP, GAP_OVERFLOW stays GAP_OVERFLOW, both without fields', () => {
    const psr = compiled('PendingServiceRouting');
    for (const type of ['GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE']) {
        const change = roundTrip(psr, 'PendingServiceRouting', {
            changeType: type,
            recordIds: [PSR_ID(3)],
            values: { Serial: 9 },
            changed: ['Serial']
        });
        assert.equal(change.changeType, 'GAP', type);
        assert.deepEqual(change.fields, {});
        assert.deepEqual(change.recordIds, [PSR_ID(3)]);
    }
    const overflow = roundTrip(psr, 'PendingServiceRouting', { changeType: 'GAP_OVERFLOW', recordIds: [] });
    assert.equal(overflow.changeType, 'GAP_OVERFLOW');
    assert.deepEqual(overflow.recordIds, []);
    const undeleted = roundTrip(psr, 'PendingServiceRouting', { changeType: 'UNDELETE', recordIds: [PSR_ID(4)], values: { Serial: 2 } });
    assert.equal(undeleted.changeType, 'UNDELETE');
    assert.deepEqual(undeleted.fields, { Serial: 2 });
});

test('compound fields: "P-0x.." bitmaps name the parts as Parent.Child, diff fields are named but carry no value', () => {
    const schema = changeEventSchema('Contact', [
        [
            'Name',
            {
                type: 'record',
                name: 'Switchable_PersonName',
                fields: [
                    { name: 'Salutation', type: ['null', 'string'], default: null },
                    { name: 'FirstName', type: ['null', 'string'], default: null },
                    { name: 'LastName', type: ['null', 'string'], default: null }
                ]
            }
        ],
        ['Description', 'string'],
        ['Phone', 'string']
    ]);
    const contact = compileSchema('id-contact', JSON.stringify(schema));
    const type = contact.type as avro.types.RecordType;
    assert.deepEqual(bitmapOf(['Phone', 'Description', 'Name.LastName', 'Name.Salutation'], type), ['0xC', '1-0x5']);
    const payload = encodeChangeEvent(type, 'PendingServiceRouting', {
        changeType: 'UPDATE',
        recordIds: [PSR_ID(5)],
        values: { Name: { Salutation: null, FirstName: null, LastName: 'Lovelace' }, Description: '@@ -1 +1 @@ diff', Phone: null },
        changed: ['Name.LastName', 'Name.Salutation', 'Description', 'Phone'],
        nulled: ['Name.Salutation', 'Phone'],
        diff: ['Description']
    });
    const change = decodeChangeEvent(contact, payload, 'pos') as RoutingChange;
    assert.deepEqual(change.fields, { 'Name.LastName': 'Lovelace', 'Name.Salutation': null, Phone: null });
    assert.deepEqual([...change.changedFields].sort(), ['Description', 'Name.LastName', 'Name.Salutation', 'Phone']);
});

test('ambiguous unions that avsc wraps are unwrapped, records inside become plain objects', () => {
    const schema = changeEventSchema('Thing', [
        ['Amount', ['int', 'long'] as unknown as string],
        ['Tags', { type: 'array', items: ['null', 'int', 'long'] }]
    ]);
    // changeEventSchema wraps each field as ["null", T]; make Amount a three-branch union instead.
    const fields = (schema.fields as Array<{ name: string; type: unknown }>).map((f) =>
        f.name === 'Amount' ? { ...f, type: ['null', 'int', 'long'] } : f
    );
    const thing = compileSchema('id-thing', JSON.stringify({ ...schema, fields }));
    const type = thing.type as avro.types.RecordType;
    assert.equal(type.field('Amount').type.typeName, 'union:wrapped', 'avsc wraps this union');
    const payload = encodeChangeEvent(type, 'AgentWork', {
        changeType: 'UPDATE',
        recordIds: [WORK_ID(9)],
        values: { Amount: { long: 42 }, Tags: [{ int: 1 }, null, { long: 2 }] },
        changed: ['Amount', 'Tags']
    });
    const change = decodeChangeEvent(thing, payload, 'pos') as RoutingChange;
    assert.deepEqual(change.fields, { Amount: 42, Tags: [1, null, 2] });
});

test('events of other entities are returned as foreign (skipped), not as errors', () => {
    const psr = compiled('PendingServiceRouting');
    const payload = encodeChangeEvent(psr.type, 'PendingServiceRouting', {
        changeType: 'UPDATE',
        recordIds: ['001FK0000000001AAA'],
        entityName: 'Account'
    });
    assert.deepEqual(decodeChangeEvent(psr, payload, 'pos'), { foreign: true, entityName: 'Account' });
});

test('malformed events: undecodable bytes, bitmaps past the schema, schemas that are not change events', () => {
    const psr = compiled('PendingServiceRouting');
    const good = encodeChangeEvent(psr.type, 'PendingServiceRouting', { changeType: 'UPDATE', recordIds: [PSR_ID(1)] });
    const truncated = () => decodeChangeEvent(psr, good.subarray(0, good.length - 20), 'AAAAAQAAAAk=');
    assert.throws(truncated, (error: unknown) => error instanceof MalformedEventError && error.position === 'AAAAAQAAAAk=');
    assert.throws(() => decodeChangeEvent(psr, Buffer.concat([good, Buffer.from([1, 2, 3])]), 'p'), MalformedEventError, 'trailing bytes');

    const header = (psr.type as avro.types.RecordType).field('ChangeEventHeader').type;
    const body = (psr.type as avro.types.RecordType).fromBuffer(good) as Record<string, unknown>;
    const withBitmap = (bitmap: string[]) =>
        psr.type.toBuffer({ ...body, ChangeEventHeader: { ...(body.ChangeEventHeader as object), changedFields: bitmap } });
    assert.ok(header);
    assert.throws(() => decodeChangeEvent(psr, withBitmap(['0x80000000000']), 'p'), /names field #43/);
    assert.throws(() => decodeChangeEvent(psr, withBitmap(['x']), 'p'), MalformedEventError);

    assert.throws(() => compileSchema('s', '{"type":"record","name":"X","fields":[{"name":"a","type":"string"}]}'), /no ChangeEventHeader/);
    assert.throws(() => compileSchema('s', '{not json'), /not a valid Avro schema/);
});
