// Makes sure the browser tests (e2e, the bench's panel suite) have Debian's Chromium, so
// `npm test` passes on a fresh machine by itself: the tests drive /usr/bin/chromium through
// playwright-core and never download a browser (sim/testing/browser.mjs).
//
//   - Chromium already there (CHROMIUM_PATH, else /usr/bin/chromium): nothing to do.
//   - Missing, and we may install it (root, or sudo that needs no password: `sudo -n true`):
//     `apt-get update`, then `apt-get install -y --no-install-recommends chromium`, without a
//     prompt (DEBIAN_FRONTEND=noninteractive, stdin closed), then check the binary is there.
//   - Missing and we may not (or no apt-get, or CHROMIUM_PATH names a file that does not exist):
//     stop with one message that names the one command to run, and a non-zero exit code, before
//     any test step has started.
//
// The decision takes every effect as a parameter (file checks, the user id, running a command,
// printing) so scripts/__tests__/ensure-chromium.test.mjs tests it with fakes, never real apt.
// Node built-ins only: it runs right after `npm ci`, and would run before it just as well.
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Where Debian's `chromium` package puts the browser, and where the tests look by default. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
/** The one command a user who may not install packages is told to run. */
export const MANUAL_COMMAND = 'sudo apt-get update && sudo apt-get install -y chromium';
const APT_GET = '/usr/bin/apt-get';
const INSTALL_ARGS = ['install', '-y', '-q', '--no-install-recommends', 'chromium'];

/**
 * @typedef {{ status: number | null, error?: Error }} RunResult
 * @typedef {object} ChromiumDeps
 * @property {Record<string, string | undefined>} env        process.env (CHROMIUM_PATH)
 * @property {string} platform                               process.platform
 * @property {(file: string) => boolean} exists              does this file exist?
 * @property {() => number} uid                              effective user id (0 = root)
 * @property {(command: string, args: string[], env: Record<string, string | undefined>) => RunResult} run
 *           runs a command with stdout/stderr shown to the user, stdin closed
 * @property {(line: string) => void} log
 * @property {(line: string) => void} error
 */

/**
 * Ensures Chromium is installed. Returns the exit code for the caller: 0 when Chromium is
 * there (found or installed), 1 when the user has to act (the message says how).
 * @param {ChromiumDeps} deps
 * @returns {number}
 */
export function ensureChromium(deps) {
    const { env, exists, log, error } = deps;
    const custom = env.CHROMIUM_PATH;
    const target = custom || DEFAULT_CHROMIUM;
    if (exists(target)) {
        log(`ensure-deps: Chromium found at ${target}`);
        return 0;
    }
    if (custom) {
        // The user chose a browser: installing Debian's would not make that path appear.
        error(
            `ensure-deps: CHROMIUM_PATH=${custom} does not exist. Point it at a Chromium executable, or unset it to use Debian's (${DEFAULT_CHROMIUM}: ${MANUAL_COMMAND}).`
        );
        return 1;
    }
    if (deps.platform !== 'linux' || !exists(APT_GET)) {
        error(
            `ensure-deps: the browser tests need Chromium and there is none at ${DEFAULT_CHROMIUM}; this machine has no apt-get to install Debian's. Install Chromium and set CHROMIUM_PATH to its executable, then run the tests again.`
        );
        return 1;
    }
    const how = installMethod(deps);
    if (!how) {
        error(
            `ensure-deps: the browser tests need Chromium (${DEFAULT_CHROMIUM}), which is not installed, and this user may not install packages (not root, and no sudo that works without a password). Run this once (as root, drop the sudo), then the tests again:\n\n    ${MANUAL_COMMAND}\n`
        );
        return 1;
    }
    log(`ensure-deps: Chromium is missing at ${DEFAULT_CHROMIUM}; installing Debian's package as ${how.who}`);
    const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [['update', '-q'], INSTALL_ARGS]) {
        const result = deps.run(how.command, [...how.prefix, ...args], aptEnv);
        if (result.error || result.status !== 0) {
            const why = result.error ? result.error.message : `exit code ${result.status}`;
            error(
                `ensure-deps: \`${how.shown} ${args.join(' ')}\` failed (${why}); apt's output is above. Fix what it reports, or install Chromium yourself (${MANUAL_COMMAND}), then run the tests again.`
            );
            return 1;
        }
    }
    if (!exists(DEFAULT_CHROMIUM)) {
        error(
            `ensure-deps: apt-get installed the chromium package, but there is still no ${DEFAULT_CHROMIUM}; set CHROMIUM_PATH to the browser's executable.`
        );
        return 1;
    }
    log(`ensure-deps: Chromium installed at ${DEFAULT_CHROMIUM}`);
    return 0;
}

/**
 * How apt-get may be run: as root directly, through sudo when it needs no password, or not at
 * all (undefined). `sudo -n` fails instead of prompting, so nothing ever waits for input.
 * @param {ChromiumDeps} deps
 * @returns {{ command: string, prefix: string[], who: string, shown: string } | undefined}
 */
export function installMethod(deps) {
    if (deps.uid() === 0) return { command: APT_GET, prefix: [], who: 'root', shown: 'apt-get' };
    const sudo = deps.run('sudo', ['-n', 'true'], deps.env);
    if (!sudo.error && sudo.status === 0)
        return { command: 'sudo', prefix: ['-n', APT_GET], who: 'sudo (no password needed)', shown: 'sudo -n apt-get' };
    return undefined;
}

/** The real effects, for the command line. */
export function systemDeps() {
    return {
        env: process.env,
        platform: process.platform,
        exists: (file) => fs.existsSync(file),
        uid: () => (typeof process.geteuid === 'function' ? process.geteuid() : -1),
        run: (command, args, env) => {
            // sudo's own check prints nothing worth showing; apt's output is the user's only clue.
            const quiet = command === 'sudo' && args[args.length - 1] === 'true';
            return spawnSync(command, args, { env, stdio: ['ignore', quiet ? 'ignore' : 'inherit', quiet ? 'ignore' : 'inherit'] });
        },
        log: (line) => console.log(line),
        error: (line) => console.error(line)
    };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    process.exit(ensureChromium(systemDeps()));
}
