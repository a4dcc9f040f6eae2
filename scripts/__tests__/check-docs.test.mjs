// The docs check on fixtures: a good doc passes; a broken link, a missing anchor, a missing
// image, an unknown npm script and a missing `node scripts/...` file each fail with file:line.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkDocs, slugify, anchorsOf, defaultFiles } from '../check-docs.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtureRoot = path.join(here, 'fixtures', 'check-docs');
const good = path.join(fixtureRoot, 'docs', 'good.md');
const bad = path.join(fixtureRoot, 'docs', 'bad.md');
const script = path.join(here, '..', 'check-docs.mjs');

test('a good doc passes: links, anchors, images, reference links, npm scripts and node paths all resolve', () => {
    assert.deepEqual(checkDocs([good], { root: fixtureRoot }), []);
});

test('a bad doc fails on each problem, with its line', () => {
    const problems = checkDocs([bad], { root: fixtureRoot });
    const lines = problems.map((p) => `${p.file}:${p.line}: ${p.problem}`);
    assert.deepEqual(lines, [
        'docs/bad.md:5: broken link: missing.md (no docs/missing.md)',
        'docs/bad.md:5: missing anchor: good.md#no-such-heading (no heading "#no-such-heading" in docs/good.md)',
        'docs/bad.md:6: broken link: screenshots/gone.png (no docs/screenshots/gone.png)',
        'docs/bad.md:8: npm script "no-such-script" does not exist in package.json',
        'docs/bad.md:11: npm script "test" does not exist in package.json',
        'docs/bad.md:12: `node scripts/gone.mjs`: no such file'
    ]);
});

test('GitHub-style slugs: code ticks and punctuation dropped, repeats numbered', () => {
    assert.equal(slugify('Set-up, step 1 (`npm start`)'), 'set-up-step-1-npm-start');
    assert.equal(slugify("The platform's rules in the local fakes"), 'the-platforms-rules-in-the-local-fakes');
    assert.deepEqual([...anchorsOf('# A\n## A\n```\n# not a heading\n```\n## A\n')], ['a', 'a-1', 'a-2']);
});

test('the CLI prints file:line: problem and exits 1 on a bad doc, 0 on a good one', () => {
    const failed = spawnSync(process.execPath, [script, bad], { cwd: fixtureRoot, encoding: 'utf8' });
    assert.equal(failed.status, 1);
    assert.match(failed.stderr, /docs\/bad\.md:5: broken link: missing\.md/);
    assert.match(failed.stderr, /check-docs: 6 problem\(s\) in 1 file\(s\)/);
    execFileSync(process.execPath, [script, good], { cwd: fixtureRoot }); // throws on a non-zero exit
});

test("the project's own docs pass", () => {
    const files = defaultFiles();
    assert.ok(files.some((f) => f.endsWith(path.join('docs', 'admin.md'))));
    assert.deepEqual(checkDocs(files), []);
});
