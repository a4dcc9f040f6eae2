// The decision behind "npm test installs Chromium when it is missing", with fakes for the file
// system, the user id and every command: no real apt-get or sudo runs here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureChromium, DEFAULT_CHROMIUM, MANUAL_COMMAND } from '../ensure-chromium.mjs';

/**
 * A fake machine. `files` exist; `uid` is the user; `sudoOk` says whether `sudo -n true`
 * succeeds; `aptStatus` maps an apt-get verb (update, install) to its exit code; a successful
 * install creates /usr/bin/chromium unless `installCreates` is false.
 */
function fakeMachine({
    files = ['/usr/bin/apt-get'],
    uid = 1000,
    sudoOk = false,
    aptStatus = {},
    installCreates = true,
    env = {},
    platform = 'linux'
} = {}) {
    const present = new Set(files);
    const calls = [];
    const out = [];
    const err = [];
    const deps = {
        env,
        platform,
        exists: (file) => present.has(file),
        uid: () => uid,
        run: (command, args, runEnv) => {
            calls.push({ command, args, env: runEnv });
            if (command === 'sudo' && args.join(' ') === '-n true') return { status: sudoOk ? 0 : 1 };
            const apt = command === 'sudo' ? args.slice(1) : [command, ...args];
            assert.equal(apt[0], '/usr/bin/apt-get', `unexpected command ${command} ${args.join(' ')}`);
            const verb = apt[1];
            const status = aptStatus[verb] ?? 0;
            if (verb === 'install' && status === 0 && installCreates) present.add(DEFAULT_CHROMIUM);
            return { status };
        },
        log: (line) => out.push(line),
        error: (line) => err.push(line)
    };
    return { deps, calls, out, err, aptCalls: () => calls.filter((c) => !(c.command === 'sudo' && c.args.join(' ') === '-n true')) };
}

test('already installed: nothing runs, exit 0', () => {
    const m = fakeMachine({ files: ['/usr/bin/apt-get', DEFAULT_CHROMIUM] });
    assert.equal(ensureChromium(m.deps), 0);
    assert.deepEqual(m.calls, []);
    assert.match(m.out.join('\n'), /Chromium found at \/usr\/bin\/chromium/);
});

test('CHROMIUM_PATH that exists is used as is; one that does not is an error, and nothing is installed', () => {
    const ok = fakeMachine({ files: ['/opt/chrome/chrome'], env: { CHROMIUM_PATH: '/opt/chrome/chrome' } });
    assert.equal(ensureChromium(ok.deps), 0);
    assert.deepEqual(ok.calls, []);

    const bad = fakeMachine({ uid: 0, env: { CHROMIUM_PATH: '/opt/missing/chrome' } });
    assert.equal(ensureChromium(bad.deps), 1);
    assert.deepEqual(bad.calls, []);
    assert.match(bad.err.join('\n'), /CHROMIUM_PATH=\/opt\/missing\/chrome does not exist/);
});

test('root: apt-get update, then a non-interactive install of chromium, then exit 0', () => {
    const m = fakeMachine({ uid: 0 });
    assert.equal(ensureChromium(m.deps), 0);
    assert.deepEqual(
        m.calls.map((c) => [c.command, ...c.args].join(' ')),
        ['/usr/bin/apt-get update -q', '/usr/bin/apt-get install -y -q --no-install-recommends chromium']
    );
    for (const call of m.calls) assert.equal(call.env.DEBIAN_FRONTEND, 'noninteractive');
    assert.match(m.out.join('\n'), /installing Debian's package as root/);
    assert.match(m.out.join('\n'), /Chromium installed at \/usr\/bin\/chromium/);
});

test('passwordless sudo: asks `sudo -n true` first, then runs apt-get through `sudo -n`', () => {
    const m = fakeMachine({ sudoOk: true });
    assert.equal(ensureChromium(m.deps), 0);
    assert.deepEqual(
        m.calls.map((c) => [c.command, ...c.args].join(' ')),
        ['sudo -n true', 'sudo -n /usr/bin/apt-get update -q', 'sudo -n /usr/bin/apt-get install -y -q --no-install-recommends chromium']
    );
    assert.match(m.out.join('\n'), /as sudo \(no password needed\)/);
});

test('neither root nor passwordless sudo: stops with the one command to run, installs nothing, exit 1', () => {
    const m = fakeMachine({ sudoOk: false });
    assert.equal(ensureChromium(m.deps), 1);
    assert.deepEqual(m.aptCalls(), []);
    const message = m.err.join('\n');
    assert.ok(message.includes(MANUAL_COMMAND), message);
    assert.match(message, /may not install packages/);
});

test('apt failure (update or install): a clear message naming the step, exit 1', () => {
    const update = fakeMachine({ uid: 0, aptStatus: { update: 100 } });
    assert.equal(ensureChromium(update.deps), 1);
    assert.equal(update.calls.length, 1, 'install is not attempted after a failed update');
    assert.match(update.err.join('\n'), /`apt-get update -q` failed \(exit code 100\); apt's output is above/);

    const install = fakeMachine({ sudoOk: true, aptStatus: { install: 100 } });
    assert.equal(ensureChromium(install.deps), 1);
    const message = install.err.join('\n');
    assert.match(message, /`sudo -n apt-get install -y -q --no-install-recommends chromium` failed \(exit code 100\)/);
    assert.ok(message.includes(MANUAL_COMMAND));
});

test('apt-get that cannot be started (spawn error) is reported, exit 1', () => {
    const m = fakeMachine({ uid: 0 });
    m.deps.run = () => ({ status: null, error: new Error('spawn /usr/bin/apt-get EACCES') });
    assert.equal(ensureChromium(m.deps), 1);
    assert.match(m.err.join('\n'), /failed \(spawn \/usr\/bin\/apt-get EACCES\)/);
});

test('install reported success but no /usr/bin/chromium appeared: exit 1', () => {
    const m = fakeMachine({ uid: 0, installCreates: false });
    assert.equal(ensureChromium(m.deps), 1);
    assert.match(m.err.join('\n'), /still no \/usr\/bin\/chromium/);
});

test('no apt-get (not Debian) or not Linux: says to install Chromium and set CHROMIUM_PATH, exit 1', () => {
    for (const m of [fakeMachine({ files: [], uid: 0 }), fakeMachine({ platform: 'darwin', uid: 0 })]) {
        assert.equal(ensureChromium(m.deps), 1);
        assert.deepEqual(m.calls, []);
        assert.match(m.err.join('\n'), /no apt-get .* set CHROMIUM_PATH/);
    }
});
