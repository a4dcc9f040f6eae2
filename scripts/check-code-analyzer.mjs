// `npm run check:analyzer`: Salesforce Code Analyzer (v5 engines: PMD, CPD, ESLint, Retire.js,
// Regex, Flow) with the Recommended and AppExchange rule sets, plus every Salesforce Graph Engine
// rule (sfge: FLS and sharing on the Apex entry points, null checks on SOQL variables, DML in
// loops; ~25 s of the ~50 s here), over what this project deploys
// (force-app and demo minus .forceignore: Apex, Visualforce, Aura, the compiled LWC .js, the Classic static
// resource, flows, message channels). Offline: PMD runs on the machine's Java (17+), Retire.js uses
// its bundled vulnerability file. Run after `npm run build` so the deployed .js exists.
//
// The `sf code-analyzer` plugin pins engine versions this registry does not serve
// (../shared/docs/toolchain-notes.md), so the engine packages are driven directly here.
// Suppression rules and reporting: scripts/check-code-analyzer-report.mjs.
//
// Usage: node scripts/check-code-analyzer.mjs [--no-sfge]
//   --no-sfge  skip Salesforce Graph Engine (the slowest engine) for a quicker local run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeAnalyzer, CodeAnalyzerConfig, EventType, LogLevel } from '@salesforce/code-analyzer-core';
import * as pmdEngine from '@salesforce/code-analyzer-pmd-engine';
import * as eslintEngine from '@salesforce/code-analyzer-eslint-engine';
import * as retireJsEngine from '@salesforce/code-analyzer-retirejs-engine';
import * as regexEngine from '@salesforce/code-analyzer-regex-engine';
import * as flowEngine from '@salesforce/code-analyzer-flow-engine';
import * as sfgeEngine from '@salesforce/code-analyzer-sfge-engine';
import { evaluate, formatFailures, parseSuppressions } from './check-code-analyzer-report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUPPRESSIONS = path.join(root, 'config/code-analyzer-suppressions.json');
// Both package directories: the kit and the demo (its flow is what the Flow engine reviews).
const TARGETS = ['force-app', 'demo'];
// Files that prove the build ran; analysing without them would silently skip the deployed .js.
const BUILT = ['force-app/main/default/staticresources/OmniClassicKit.js', 'force-app/main/default/lwc/omniClient/omniClient.js'];

/** .forceignore patterns (not deployed, so not reviewed): comments and blanks dropped. */
function forceIgnoreGlobs() {
    return fs
        .readFileSync(path.join(root, '.forceignore'), 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('#'));
}

/**
 * The flow engine 0.22 is built on an older engine API without `removeEventListener`, which core
 * 0.52 calls after rule discovery; add it (same EventEmitter underneath) instead of crashing.
 */
function guardEventListener(plugin) {
    const createEngine = plugin.createEngine.bind(plugin);
    plugin.createEngine = async (...args) => {
        const engine = await createEngine(...args);
        if (typeof engine.removeEventListener !== 'function' && engine.eventEmitter) {
            engine.removeEventListener = (type, callback) => engine.eventEmitter.off(type, callback);
        }
        return engine;
    };
    return plugin;
}

async function main(argv) {
    const unknown = argv.filter((arg) => arg !== '--no-sfge');
    if (unknown.length) {
        console.error(`check:analyzer: unknown argument ${unknown[0]} (expected --no-sfge)`);
        return 2;
    }
    const withSfge = !argv.includes('--no-sfge');
    const missing = BUILT.filter((file) => !fs.existsSync(path.join(root, file)));
    if (missing.length) {
        console.error(`check:analyzer: ${missing.join(', ')} missing: run \`npm run build\` first`);
        return 2;
    }
    const suppressions = parseSuppressions(JSON.parse(fs.readFileSync(SUPPRESSIONS, 'utf8')));
    const started = Date.now();
    const logFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'code-analyzer-'));
    const config = CodeAnalyzerConfig.fromObject({
        config_root: root,
        log_folder: logFolder,
        ignores: { files: forceIgnoreGlobs() }
    });
    const analyzer = new CodeAnalyzer(config);
    const problems = [];
    analyzer.onEvent(EventType.LogEvent, (event) => {
        if (event.logLevel <= LogLevel.Error) problems.push(`${event.source}: ${event.message}`);
    });
    const engines = [pmdEngine, eslintEngine, retireJsEngine, regexEngine, flowEngine];
    if (withSfge) engines.push(sfgeEngine);
    for (const engine of engines) await analyzer.addEnginePlugin(guardEventListener(engine.createEnginePlugin()));

    const workspace = await analyzer.createWorkspace(TARGETS.map((target) => path.join(root, target)));
    // Graph Engine's rules are all tagged DevPreview, so neither Recommended nor AppExchange selects them.
    const selectors = withSfge ? ['Recommended', 'AppExchange', 'sfge'] : ['Recommended', 'AppExchange'];
    const selection = await analyzer.selectRules(selectors, { workspace });
    const results = await analyzer.run(selection, { workspace });

    const findings = results.getViolations().map((violation) => {
        const rule = violation.getRule();
        const location = violation.getPrimaryLocation();
        return {
            rule: `${rule.getEngineName()}:${rule.getName()}`,
            severity: rule.getSeverityLevel(),
            file: path
                .relative(root, location.getFile() ?? root)
                .split(path.sep)
                .join('/'),
            line: location.getStartLine() ?? 0,
            message: violation.getMessage().replace(/\s+/g, ' ').slice(0, 200)
        };
    });
    const { failures, suppressed, unused } = evaluate(findings, suppressions);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
        `check:analyzer: ${selection.getCount()} rules (${results.getEngineNames().join(', ')}) over ${TARGETS.join(' + ')}: ` +
            `${findings.length} findings, ${suppressed} suppressed with a reason, ${failures.length} failing (${seconds} s)`
    );
    for (const entry of unused) console.warn(`check:analyzer: warning: suppression matches nothing: ${entry.rule} ${entry.file}`);
    for (const problem of problems) console.error(`check:analyzer: engine error: ${problem}`);
    if (failures.length) {
        console.error(formatFailures(failures).join('\n'));
        console.error(
            `check:analyzer: ${failures.length} violation(s): fix them, or (severity 3-5 only) add rule, file and reason to ${path.relative(root, SUPPRESSIONS)}`
        );
    }
    fs.rmSync(logFolder, { recursive: true, force: true });
    return failures.length || problems.length ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
