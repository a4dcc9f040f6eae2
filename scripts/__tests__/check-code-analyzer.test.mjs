// The reporting and suppression logic of `npm run check:analyzer`, on planted findings (the
// analyzer itself takes ~20-35 s and runs as its own npm test step).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { evaluate, formatFailures, globToRegExp, parseSuppressions, SuppressionFileError } from '../check-code-analyzer-report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const planted = (overrides = {}) => ({
    rule: 'pmd:ApexDoc',
    severity: 4,
    file: 'force-app/main/default/classes/OmniPanelController.cls',
    line: 12,
    message: 'Missing ApexDoc @return',
    ...overrides
});

test('an unsuppressed violation fails with rule, file and line', () => {
    const { failures } = evaluate([planted()], []);
    assert.equal(failures.length, 1);
    assert.deepEqual(formatFailures(failures), [
        'force-app/main/default/classes/OmniPanelController.cls:12  pmd:ApexDoc  severity 4  Missing ApexDoc @return'
    ]);
});

test('a matching suppression with a reason passes a severity 3-5 violation', () => {
    const suppressions = parseSuppressions({
        suppressions: [{ rule: 'pmd:ApexDoc', file: 'force-app/main/default/classes/*.cls', reason: 'style' }]
    });
    const result = evaluate([planted()], suppressions);
    assert.deepEqual(result.failures, []);
    assert.equal(result.suppressed, 1);
    assert.deepEqual(result.unused, []);
});

test('severity 1-2 can never be suppressed', () => {
    const suppressions = parseSuppressions({
        suppressions: [{ rule: 'pmd:AvoidLmcIsExposedTrue', file: '**', reason: 'tempting' }]
    });
    const finding = planted({
        rule: 'pmd:AvoidLmcIsExposedTrue',
        severity: 2,
        file: 'force-app/main/default/messageChannels/OmniConsoleKit.messageChannel-meta.xml',
        line: 4
    });
    const result = evaluate([finding], suppressions);
    assert.equal(result.failures.length, 1);
    assert.match(
        formatFailures(result.failures)[0],
        /OmniConsoleKit\.messageChannel-meta\.xml:4 {2}pmd:AvoidLmcIsExposedTrue {2}severity 2 \(severity 1-2 cannot be suppressed: fix it\)/
    );
    assert.equal(result.unused.length, 1, 'the entry is reported as matching nothing');
});

test('a suppression for another rule or another file does not hide a violation', () => {
    const suppressions = parseSuppressions({
        suppressions: [
            { rule: 'pmd:ApexDoc', file: 'force-app/main/default/classes/*Test.cls', reason: 'tests' },
            { rule: 'pmd:NcssCount', file: 'force-app/main/default/classes/*.cls', reason: 'size' }
        ]
    });
    assert.equal(evaluate([planted()], suppressions).failures.length, 1);
});

test('globs: * stays in one segment, ** crosses segments', () => {
    assert.ok(globToRegExp('force-app/**/*.js').test('force-app/main/default/lwc/a/a.js'));
    assert.ok(globToRegExp('force-app/**/*.js').test('force-app/a.js'));
    assert.ok(!globToRegExp('force-app/*.js').test('force-app/lwc/a.js'));
    assert.ok(!globToRegExp('a.cls').test('aXcls'), 'dots are literal');
});

test('a suppression without a reason, or with a malformed rule, is refused', () => {
    assert.throws(
        () => parseSuppressions({ suppressions: [{ rule: 'pmd:ApexDoc', file: '**', reason: ' ' }] }),
        (error) => error instanceof SuppressionFileError && /entry 0: "reason"/.test(error.message)
    );
    assert.throws(() => parseSuppressions({ suppressions: [{ rule: 'ApexDoc', file: '**', reason: 'x' }] }), /must be "engine:RuleName"/);
    assert.throws(() => parseSuppressions({}), /"suppressions" array/);
});

test('the checked-in suppression file is valid and never lists severity 1-2 rules', () => {
    const file = JSON.parse(fs.readFileSync(path.join(root, 'config/code-analyzer-suppressions.json'), 'utf8'));
    const entries = parseSuppressions(file);
    assert.ok(entries.length > 0);
    for (const banned of ['pmd:AvoidLmcIsExposedTrue', 'pmd:EagerlyLoadedDescribeSObjectResult', 'eslint:no-unused-vars']) {
        assert.ok(!entries.some((e) => e.rule === banned), `${banned} is fixed, not suppressed`);
    }
});
