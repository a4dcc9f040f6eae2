/**
 * Runs one suite in its own Node process (forked by bench/run.mjs) and sends its result
 * back over IPC. A process per suite keeps one suite's heap, JIT state and module state
 * (the in-page message service is a module singleton) from skewing the next one.
 *
 *   argv: <absolute suite path> <JSON ctx fields>
 */
import { pathToFileURL } from 'node:url';

const [suitePath, ctxJson] = process.argv.slice(2);
const ctx = { ...JSON.parse(ctxJson), log: (message) => process.stderr.write(`[bench] ${message}\n`) };

try {
    const suite = await import(pathToFileURL(suitePath).href);
    const result = await suite.run(ctx);
    const { rows, data } = Array.isArray(result) ? { rows: result, data: undefined } : result;
    // bigint is not JSON; suites should not return it, but never lose a result over it.
    const safe = JSON.parse(
        JSON.stringify({ ok: true, title: suite.title, rows, data }, (key, value) => (typeof value === 'bigint' ? Number(value) : value))
    );
    process.send(safe, () => process.exit(0));
} catch (error) {
    process.send({ ok: false, error: String(error?.stack ?? error) }, () => process.exit(1));
}
