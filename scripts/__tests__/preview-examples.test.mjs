// The preview's examples plumbing: which flexipage `npm start -- --example/--flexipage` picks
// (scripts/preview-flexipage.mjs, every bad ask refused with its reason), and how the build
// finds the examples' bundles and registers them (sim/build: exampleBundles, the
// omni-sim:examples module), including a bundle name two examples share.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PreviewArgumentError, chosenFlexipage, exampleFlexipages } from '../preview-flexipage.mjs';
import { exampleBundles } from '../../sim/build/orgModules.mjs';
import { examplesModuleSource } from '../../sim/build/examplesModule.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXAMPLES = ['acceptOneAtATime', 'autoLogin', 'busyLightSync', 'declineWhenBusy'];

test('each of the four examples has a ready flexipage; --example and OMNI_EXAMPLE pick it', () => {
    assert.deepEqual(exampleFlexipages(ROOT), EXAMPLES);
    const expected = path.join(ROOT, 'examples/flexipages/autoLogin.flexipage-meta.xml');
    assert.equal(chosenFlexipage(ROOT, ['--example', 'autoLogin'], {}), expected);
    assert.equal(chosenFlexipage(ROOT, [], { OMNI_EXAMPLE: 'autoLogin' }), expected);
    for (const name of EXAMPLES) {
        const text = fs.readFileSync(chosenFlexipage(ROOT, ['--example', name], {}), 'utf8');
        // The example beside the workload utility (it hosts the bridge the example talks to).
        assert.match(text, /<componentName>c:omniWorkloadUtility<\/componentName>/, name);
        assert.match(text, new RegExp(`<componentName>c:omni${name[0].toUpperCase()}${name.slice(1)}</componentName>`), name);
    }
});

test('--flexipage and OMNI_FLEXIPAGE take any file; nothing asked is the project flexipage (null)', () => {
    const file = path.join(ROOT, 'examples/flexipages/busyLightSync.flexipage-meta.xml');
    assert.equal(chosenFlexipage(ROOT, ['--flexipage', file], {}), file);
    assert.equal(chosenFlexipage(ROOT, [], { OMNI_FLEXIPAGE: file }), file);
    assert.equal(chosenFlexipage(ROOT, [], {}), null);
});

test('a bad ask is refused with its reason, before anything is built', () => {
    const refused = (args, env, pattern) =>
        assert.throws(
            () => chosenFlexipage(ROOT, args, env),
            (e) => e instanceof PreviewArgumentError && pattern.test(e.message)
        );
    refused(['--example', 'nope'], {}, /no example "nope" \(examples: acceptOneAtATime, autoLogin, busyLightSync, declineWhenBusy\)/);
    refused(['--example'], {}, /--example needs a value/);
    refused(['--flexipage', '--example', 'autoLogin'], {}, /--flexipage needs a value/);
    refused(['--flexipage', 'missing.flexipage-meta.xml'], {}, /no such file/);
    refused(['--example', 'autoLogin'], { OMNI_FLEXIPAGE: 'x' }, /not both/);
});

test('the build finds every example bundle and registers each as c:<name>', () => {
    const bundles = exampleBundles();
    assert.deepEqual([...bundles.keys()].sort(), ['omniAcceptOneAtATime', 'omniAutoLogin', 'omniBusyLightSync', 'omniDeclineWhenBusy']);
    assert.ok(bundles.get('omniAutoLogin').file.endsWith(path.join('examples/autoLogin/lwc/omniAutoLogin/omniAutoLogin.ts')));
    const source = examplesModuleSource(bundles);
    assert.match(source, /import Example\d from "c\/omniAutoLogin";/);
    assert.match(source, /"c:omniAutoLogin": Example\d/);
    // Examples off (the production build): an empty record, nothing imported.
    assert.equal(examplesModuleSource(new Map()).trim(), 'export const exampleLwcs = {\n\n};'.trim());
});

test('two examples with a bundle of the same name are refused, naming both', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omni-examples-'));
    for (const example of ['one', 'two']) {
        fs.mkdirSync(path.join(dir, example, 'lwc', 'same'), { recursive: true });
        fs.writeFileSync(path.join(dir, example, 'lwc', 'same', 'same.ts'), 'export default class {}\n');
    }
    assert.throws(() => exampleBundles(dir), /two bundles named same \(one and two\)/);
    fs.rmSync(dir, { recursive: true, force: true });
});
