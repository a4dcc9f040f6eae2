/**
 * Omni Console Kit benchmarks: runs every bench/suites/*.mjs in file-name order (hence
 * the numeric prefixes), each in its own Node process, prints one table and writes
 * bench/results/latest.json.
 *
 *   node bench/run.mjs [--only <text>] [--quick] [--keep-temp] [--node-defaults]
 *
 *   --only <text>    run only suites whose file name contains <text> (repeatable)
 *   --quick          10x fewer events: a smoke test, figures NOT comparable to goals
 *   --keep-temp      keep the temp dir with the bundles (to read or profile them)
 *   --node-defaults  run suites with Node's default heap flags (see HEAP_FLAGS)
 *
 * Profiling: `node --cpu-prof bench/run.mjs --only 10` passes --cpu-prof on to the suite
 * processes, each of which writes its own .cpuprofile.
 *
 * A suite is a module exporting `title` and `async function run(ctx)` that returns rows
 * (or { rows, data } when it has raw figures for the JSON). A row is
 *   { section?, metric, value, unit?, goal?, status?: 'PASS'|'MISS', note? }.
 * ctx gives { root, tmpDir, quick, log(message) }; bundle TypeScript with bench/lib/bundle.mjs.
 * A MISS is reported, not fatal: the exit code is non-zero only when a suite fails.
 */
import os from 'node:os';
import path from 'node:path';
import { fork } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { ROOT, esbuildVersion } from './lib/bundle.mjs';
import { fmt } from './lib/stats.mjs';

const args = process.argv.slice(2);
const only = args.flatMap((arg, i) => (arg === '--only' ? [args[i + 1]] : []));
const quick = args.includes('--quick');
const keepTemp = args.includes('--keep-temp');

/**
 * A fixed 16 MB young generation (V8's default maximum on 64-bit) instead of one that
 * starts at 1 MB and is resized as the program runs. On this kind of VM resizing made
 * allocation-heavy rounds swing 2x; pinned, rounds agree within ~5%. It changes no code
 * path, but it does help allocation-heavy code (ours) more than the bare fan-out, so it
 * is printed with the results; --node-defaults measures without it.
 */
const HEAP_FLAGS = args.includes('--node-defaults') ? [] : ['--min-semi-space-size=16', '--max-semi-space-size=16'];

const meta = {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    esbuild: esbuildVersion,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpuCount: os.cpus().length,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    suiteNodeFlags: [...process.execArgv, ...HEAP_FLAGS],
    quick,
    only
};

function printTable(title, rows) {
    const cells = rows.map((r) => ({
        section: r.section,
        cols: [r.metric, `${fmt(r.value)}${r.unit ? ' ' + r.unit : ''}`, r.goal ?? '', r.status ?? '', r.note ?? '']
    }));
    const head = ['Metric', 'Value', 'Goal', 'Status', 'Note'];
    const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c.cols[i].length)));
    const line = (cols) =>
        '  ' +
        cols
            .map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
            .join('  ')
            .trimEnd();
    console.log(`\n== ${title} ==`);
    console.log(line(head));
    let section;
    for (const c of cells) {
        if (c.section !== section) {
            section = c.section;
            if (section) console.log(`  -- ${section}`);
        }
        console.log(line(c.cols));
    }
}

/** Forks bench/lib/suiteWorker.mjs for one suite; resolves with what it sent back. */
function runSuite(file, ctx) {
    return new Promise((resolve) => {
        const child = fork(path.join(ROOT, 'bench/lib/suiteWorker.mjs'), [file, JSON.stringify(ctx)], {
            execArgv: [...process.execArgv, ...HEAP_FLAGS],
            stdio: ['ignore', 'inherit', 'inherit', 'ipc']
        });
        let result = null;
        child.on('message', (message) => (result = message));
        child.on('exit', (code, signal) =>
            resolve(result ?? { ok: false, error: `suite process exited (${signal ?? code}) without a result` })
        );
    });
}

async function main() {
    const suiteDir = path.join(ROOT, 'bench/suites');
    const files = (await readdir(suiteDir))
        .filter((f) => f.endsWith('.mjs') && (only.length === 0 || only.some((o) => f.includes(o))))
        .sort();
    const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'omni-bench-'));

    console.log('Omni Console Kit benchmarks');
    console.log(`  date ${meta.date} | node ${meta.node} (V8 ${meta.v8}) | esbuild ${meta.esbuild}`);
    console.log(`  cpu ${meta.cpu} x${meta.cpuCount} | ${meta.platform}`);
    console.log(`  suite processes run with: ${meta.suiteNodeFlags.join(' ') || '(Node defaults)'}`);
    if (quick) console.log('  QUICK MODE: smoke test only, figures are not comparable to the goals');

    const suites = [];
    try {
        for (const file of files) {
            const started = performance.now();
            const result = await runSuite(path.join(suiteDir, file), { root: ROOT, tmpDir, quick });
            const seconds = (performance.now() - started) / 1000;
            const title = result.title ?? file;
            if (result.ok) {
                printTable(title, result.rows);
                suites.push({ file, title, seconds, rows: result.rows, data: result.data });
            } else {
                console.log(`\n== ${title} ==\n  FAILED: ${result.error}`);
                suites.push({ file, title, seconds, error: result.error });
            }
        }
    } finally {
        if (keepTemp) process.stderr.write(`[bench] bundles kept in ${tmpDir}\n`);
        else await rm(tmpDir, { recursive: true, force: true });
    }

    const goals = suites.flatMap((s) =>
        (s.rows ?? []).filter((r) => r.status).map((r) => ({ suite: s.file, section: r.section, metric: r.metric, status: r.status }))
    );
    console.log(
        `\nGoals: ${goals.filter((g) => g.status === 'PASS').length} PASS, ${goals.filter((g) => g.status === 'MISS').length} MISS`
    );
    for (const g of goals.filter((x) => x.status === 'MISS'))
        console.log(`  MISS  ${g.suite}: ${g.section ? g.section + ' / ' : ''}${g.metric}`);

    const resultsDir = path.join(ROOT, 'bench/results');
    await mkdir(resultsDir, { recursive: true });
    const out = path.join(resultsDir, 'latest.json');
    await writeFile(out, JSON.stringify({ meta, goals, suites }, null, 2) + '\n');
    console.log(`\nWrote ${path.relative(process.cwd(), out) || out}`);
    if (suites.some((s) => s.error)) process.exitCode = 1;
}

await main();
