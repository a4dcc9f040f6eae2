// The metadata schema check (scripts/check-metadata*.mjs): it passes valid metadata of many
// types and fails each kind of mistake a deploy would reject: an unknown element, wrong
// nesting, a value outside an enumeration, a missing required element, a bad number or
// boolean, a repeated single element, a wrong root, an unknown file suffix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadMetadataSchema, parseDeclarations, fieldsOf } from '../check-metadata-schema.mjs';
import { validateMetadataXml } from '../check-metadata-validate.mjs';
import { loadRegistry, metadataTypeOf } from '../check-metadata.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(here, 'fixtures', 'metadata');
const CHECK = path.join(here, '..', 'check-metadata.mjs');
const schema = loadMetadataSchema();
const registry = loadRegistry();

const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const presence = (body) => `<?xml version="1.0" encoding="UTF-8"?>\n<PresenceUserConfig ${NS}>${body}</PresenceUserConfig>`;
const check = (xml, expectedRoot = 'PresenceUserConfig') => validateMetadataXml(xml, { schema, expectedRoot });

test('the schema comes from @salesforce/types: types, required fields, enumerations, base types', () => {
    assert.match(schema.source, /^@salesforce\/types@\d+\.\d+\.\d+$/);
    const fields = fieldsOf(schema, 'PresenceUserConfig');
    assert.deepEqual(fields.get('capacity'), { type: 'number', array: false, optional: false });
    assert.deepEqual(fields.get('declineReasons'), { type: 'string', array: true, optional: false });
    assert.equal(fields.get('fullName')?.optional, true, "Metadata's fullName is inherited");
    assert.deepEqual([...schema.types.get('RoutingModel').values], ['LEAST_ACTIVE', 'MOST_AVAILABLE', 'EXTERNAL_ROUTING']);
});

test('declarations the generator never writes are refused, not guessed', () => {
    assert.throws(() => parseDeclarations('export type X = { a: Array<string> };'), /unexpected type at X.a/);
    const small = parseDeclarations(
        "export type Base = { id?: string };\nexport type T = Base & { kind: K; n?: number };\nexport type K = 'a' | 'b';"
    );
    assert.deepEqual([...fieldsOf(small, 'T').keys()], ['id', 'kind', 'n']);
});

test('valid metadata passes, comments included', () => {
    assert.deepEqual(
        check(
            presence(
                '<!-- why --><capacity>5</capacity><declineReasons>A</declineReasons><declineReasons>B</declineReasons><label>L</label>'
            )
        ),
        []
    );
});

test('an unknown element fails, with a suggestion', () => {
    const problems = check(presence('<capacty>5</capacty><label>L</label>'));
    assert.ok(
        problems.some((p) => /<capacty> is not an element of PresenceUserConfig \(did you mean <capacity>\?\)/.test(p)),
        problems.join('\n')
    );
});

test('wrong nesting fails: an element one level too high or too low is unknown where it stands', () => {
    const tooHigh = check(presence('<capacity>5</capacity><label>L</label><assignments><profile>Admin</profile></assignments>'));
    assert.ok(
        tooHigh.some((p) => /PresenceUserConfig > assignments: <profile> is not an element of PresenceConfigAssignments/.test(p)),
        tooHigh.join('\n')
    );
    const tooLow = check(presence('<capacity>5</capacity><assignments><profiles><label>L</label></profiles></assignments>'));
    assert.ok(
        tooLow.some((p) => /<label> is not an element of PresenceConfigProfileAssignments/.test(p)),
        tooLow.join('\n')
    );
    assert.ok(
        tooLow.some((p) => /required element <label> \(string\) is missing from PresenceUserConfig/.test(p)),
        tooLow.join('\n')
    );
});

test('a value outside an enumeration fails and lists the allowed values', () => {
    const xml = `<QueueRoutingConfig ${NS}><label>Q</label><routingModel>MostAvailable</routingModel><routingPriority>1</routingPriority></QueueRoutingConfig>`;
    const problems = validateMetadataXml(xml, { schema, expectedRoot: 'QueueRoutingConfig' });
    assert.deepEqual(problems, [
        'QueueRoutingConfig > routingModel: "MostAvailable" is not a value of RoutingModel (LEAST_ACTIVE, MOST_AVAILABLE, EXTERNAL_ROUTING)'
    ]);
});

test('a missing required element fails; a missing array never does', () => {
    assert.deepEqual(check(presence('<label>L</label>')), [
        'PresenceUserConfig: required element <capacity> (number) is missing from PresenceUserConfig'
    ]);
});

test('numbers and booleans are checked; a single element given twice fails', () => {
    const problems = check(presence('<capacity>five</capacity><enableDecline>yes</enableDecline><label>A</label><label>B</label>'));
    assert.ok(problems.includes('PresenceUserConfig > capacity: "five" is not a number'), problems.join('\n'));
    assert.ok(problems.includes('PresenceUserConfig > enableDecline: "yes" is not a boolean (true or false)'), problems.join('\n'));
    assert.ok(problems.includes('PresenceUserConfig > label: <label> may appear once in PresenceUserConfig'), problems.join('\n'));
});

test('text where elements belong, elements inside a value, and attributes fail', () => {
    const problems = check(presence('<assignments>Admin</assignments><capacity><n>5</n></capacity><label lang="en">L</label>'));
    assert.ok(
        problems.some((p) => /<assignments> \(PresenceConfigAssignments\) holds child elements, not text/.test(p)),
        problems.join('\n')
    );
    assert.ok(
        problems.some((p) => /capacity: <capacity> is a number value, not a container/.test(p)),
        problems.join('\n')
    );
    assert.ok(
        problems.some((p) => /attribute lang="en" is not allowed on <label>/.test(p)),
        problems.join('\n')
    );
});

test('the root must be the type the file name says; malformed XML is reported, not thrown', () => {
    assert.deepEqual(check(`<QueueRoutingConfig ${NS}><label>x</label></QueueRoutingConfig>`), [
        "QueueRoutingConfig: the root element must be <PresenceUserConfig> for this file's metadata type"
    ]);
    assert.match(check('<PresenceUserConfig><label>x</PresenceUserConfig>')[0], /^line 1: not well-formed XML/);
});

test('xsi:type picks the value type (custom metadata values)', () => {
    const md = (value) =>
        `<CustomMetadata ${NS} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><label>D</label><values><field>On__c</field>${value}</values></CustomMetadata>`;
    assert.deepEqual(validateMetadataXml(md('<value xsi:type="xsd:boolean">true</value>'), { schema, expectedRoot: 'CustomMetadata' }), []);
    assert.deepEqual(validateMetadataXml(md('<value xsi:type="xsd:boolean">maybe</value>'), { schema, expectedRoot: 'CustomMetadata' }), [
        'CustomMetadata > values[1] > value: "maybe" is not a boolean (true or false)'
    ]);
});

test('LWC targetConfigs: a target not declared under <targets> and a bad form factor fail', () => {
    const lwc = (config) =>
        `<LightningComponentBundle ${NS}><apiVersion>64.0</apiVersion><isExposed>true</isExposed><targets><target>lightning__AppPage</target></targets><targetConfigs>${config}</targetConfigs></LightningComponentBundle>`;
    const ok = '<targetConfig targets="lightning__AppPage"><property name="x" type="String"/></targetConfig>';
    assert.deepEqual(validateMetadataXml(lwc(ok), { schema, expectedRoot: 'LightningComponentBundle' }), []);
    const bad =
        '<targetConfig targets="lightning__AppPage, lightning__RecordPage"><property type="String"/><supportedFormFactors><supportedFormFactor type="Medium"/></supportedFormFactors></targetConfig><config/>';
    assert.deepEqual(validateMetadataXml(lwc(bad), { schema, expectedRoot: 'LightningComponentBundle' }), [
        'LightningComponentBundle > targetConfigs > targetConfig[1]: target lightning__RecordPage is not listed under <targets>',
        'LightningComponentBundle > targetConfigs > targetConfig[1] > property: a property needs a name attribute',
        'LightningComponentBundle > targetConfigs > targetConfig[1] > supportedFormFactors: type="Medium" is not Small or Large',
        'LightningComponentBundle > targetConfigs: <config> is not allowed here (only <targetConfig>)'
    ]);
});

test("a file's metadata type comes from its strict folder or its suffix, as source-deploy-retrieve reads source", () => {
    const type = (p) => metadataTypeOf(path.join('force-app', 'main', 'default', ...p.split('/')), registry);
    assert.deepEqual(type('lwc/omniKitStatus/omniKitStatus.js-meta.xml'), { type: 'LightningComponentBundle' });
    assert.deepEqual(type('aura/omniWorkloadUtility/omniWorkloadUtility.cmp-meta.xml'), { type: 'AuraDefinitionBundle' });
    assert.deepEqual(type('aura/someApp/someApp.app-meta.xml'), { type: 'AuraDefinitionBundle' });
    assert.deepEqual(type('applications/Omni_Console_Kit.app-meta.xml'), { type: 'CustomApplication' });
    assert.deepEqual(type('flexipages/Omni_Console_Kit_UtilityBar.flexipage-meta.xml'), { type: 'FlexiPage' });
    assert.deepEqual(type('labels/CustomLabels.labels-meta.xml'), { type: 'CustomLabels' });
    assert.deepEqual(type('objects/Case/fields/Size__c.field-meta.xml'), { type: 'CustomField' });
    assert.deepEqual(type('objects/Demo__c/Demo__c.object-meta.xml'), { type: 'CustomObject' });
    assert.deepEqual(type('staticresources/OmniClassicKit.resource-meta.xml'), { type: 'StaticResource' });
    assert.deepEqual(type('platformEventChannelMembers/ExtPSRChangeEvent.platformEventChannelMember-meta.xml'), {
        type: 'PlatformEventChannelMember'
    });
    assert.match(type('weird/Thing.weirdThing-meta.xml').error, /no metadata type has the suffix \.weirdThing/);
});

test('the command: a tree of valid metadata of eight types passes, exit 0', () => {
    const run = spawnSync(process.execPath, [CHECK, path.join(FIXTURES, 'good')], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /check-metadata: 8 metadata file\(s\) of 8 type\(s\) valid against @salesforce\/types@/);
});

test('the command: each broken fixture is reported with its file and path, exit 1', () => {
    const run = spawnSync(process.execPath, [CHECK, path.join(FIXTURES, 'bad')], { encoding: 'utf8' });
    assert.equal(run.status, 1);
    const expected = [
        /Demo_UtilityBar\.flexipage-meta\.xml: FlexiPage > flexiPageRegions\[1\] > itemInstances\[1\] > componentInstance > componentInstanceProperties\[1\] > type: "decoration" is not a value of ComponentInstancePropertyTypeEnum/,
        /demoPanel\.js-meta\.xml: LightningComponentBundle > isExposed: "yes" is not a boolean/,
        /demoPanel\.js-meta\.xml: .*target lightning__RecordPage is not listed under <targets>/,
        /Demo_Agents\.presenceUserConfig-meta\.xml: PresenceUserConfig > assignments: <profile> is not an element of PresenceConfigAssignments/,
        /Demo_Agents\.presenceUserConfig-meta\.xml: PresenceUserConfig: <capacty> is not an element/,
        /Demo\.queueRoutingConfig-meta\.xml: QueueRoutingConfig > routingModel: "MostAvailable" is not a value of RoutingModel/,
        /Demo\.queueRoutingConfig-meta\.xml: QueueRoutingConfig > pushTimeout: "thirty" is not a number/,
        /Thing\.weirdThing-meta\.xml: no metadata type has the suffix/,
        /check-metadata: FAILED, 9 problem\(s\)/
    ];
    for (const line of expected) assert.match(run.stderr, line);
});
