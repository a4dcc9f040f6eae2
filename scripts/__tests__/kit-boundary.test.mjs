// The kit/demo boundary check (scripts/kit-boundary.mjs, run by check-convert): a fixture kit whose
// permission set names the fixture demo's app and Case field fails, naming file and line; what
// never deploys (.forceignore) and the demo's settings are not counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoComponentNames, forceIgnored, kitNamesDemo } from '../kit-boundary.mjs';
import { ROOT } from '../util.mjs';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'kit-boundary');

test("the demo's components are named by fullName; settings are not components", () => {
    const names = demoComponentNames(path.join(FIXTURE, 'demo'), FIXTURE);
    assert.deepEqual([...names.entries()].sort(), [
        ['Demo_App', 'demo/main/default/applications/Demo_App.app-meta.xml'],
        ['Demo_Field__c', 'demo/main/default/objects/Case/fields/Demo_Field__c.field-meta.xml']
    ]);
});

test('a kit permission set naming the demo app and field fails with file and line', () => {
    const names = demoComponentNames(path.join(FIXTURE, 'demo'), FIXTURE);
    const problems = kitNamesDemo(path.join(FIXTURE, 'kit'), names, { root: FIXTURE, ignored: forceIgnored(FIXTURE) });
    assert.deepEqual(problems, [
        "kit/main/default/permissionsets/Kit_User.permissionset-meta.xml:4: names the demo's Demo_App (defined in demo/main/default/applications/Demo_App.app-meta.xml)",
        "kit/main/default/permissionsets/Kit_User.permissionset-meta.xml:9: names the demo's Demo_Field__c (defined in demo/main/default/objects/Case/fields/Demo_Field__c.field-meta.xml)"
    ]);
});

test('without .forceignore the test file counts too (the ignore is what spares it)', () => {
    const names = demoComponentNames(path.join(FIXTURE, 'demo'), FIXTURE);
    const problems = kitNamesDemo(path.join(FIXTURE, 'kit'), names, { root: FIXTURE });
    assert.ok(
        problems.some((p) => p.startsWith('kit/main/default/lwc/panel/__tests__/panel.data.txt:2: ')),
        problems.join('\n')
    );
});

test("the project's kit (force-app) names none of the demo's components", () => {
    const names = demoComponentNames(path.join(ROOT, 'demo'), ROOT);
    assert.ok(names.has('Omni_Console_Kit_UtilityBar') && names.has('Omni_Kit_Preferred_Rep__c') && names.has('Omni_Kit_Cases'));
    assert.deepEqual(kitNamesDemo(path.join(ROOT, 'force-app'), names, { root: ROOT, ignored: forceIgnored(ROOT) }), []);
});
