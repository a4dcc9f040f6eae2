import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { Journal, JournalFormatError } from '../src/store/journal.js';
import { FileCheckpointStore } from '../src/store/checkpointStore.js';
import { createLogger } from '../src/log.js';
import { tempStore } from './support/harness.js';

function capture() {
    const lines: string[] = [];
    return { lines, logger: createLogger({ level: 'debug', sink: (l) => lines.push(l) }) };
}

test('journal: records survive reopening; each line is checksummed JSON after a header', () => {
    const file = tempStore();
    const { journal } = Journal.open(file);
    journal.append([
        { t: 'pos', p: '12' },
        { t: 'pos', p: '13' }
    ]);
    journal.close();
    const text = readFileSync(file, 'utf8').trim().split('\n');
    assert.equal(text.length, 3);
    assert.match(text[0], /^[0-9a-f]{8} \{"t":"header","format":"omni-router-journal","version":1\}$/);
    const { report } = Journal.open(file);
    assert.deepEqual(
        report.records.map((r) => r.p),
        ['12', '13']
    );
    assert.equal(report.droppedBytes, 0);
});

test('journal: a truncated last record (crash mid-write) is cut off, reported, and the rest kept', () => {
    const file = tempStore();
    const { journal } = Journal.open(file);
    journal.append([{ t: 'pos', p: '1' }]);
    journal.append([{ t: 'pos', p: '2' }]);
    journal.close();
    const size = statSync(file).size;
    truncateSync(file, size - 5);
    const { logger, lines } = capture();
    const store = new FileCheckpointStore({ file, logger });
    assert.equal(store.position(), '1');
    assert.ok(lines.some((l) => l.includes('dropped a corrupt or truncated tail')));
    // The file was repaired: appending after it works and reopens cleanly.
    store.savePosition('3');
    store.close();
    const again = new FileCheckpointStore({ file, logger: capture().logger });
    assert.equal(again.position(), '3');
    again.close();
});

test('journal: a record with a bad checksum ends the readable part', () => {
    const file = tempStore();
    const { journal } = Journal.open(file);
    journal.append([{ t: 'pos', p: '1' }]);
    journal.close();
    appendFileSync(file, '00000000 {"t":"pos","p":"999"}\n');
    const { report } = Journal.open(file);
    assert.deepEqual(
        report.records.map((r) => r.p),
        ['1']
    );
    assert.ok(report.droppedBytes > 0);
    assert.match(report.dropReason ?? '', /checksum/);
});

test('journal: a file that is not a journal is refused, not overwritten', () => {
    const file = tempStore();
    writeFileSync(file, 'hello world\nthis is my file\n');
    assert.throws(() => Journal.open(file), JournalFormatError);
    assert.equal(readFileSync(file, 'utf8'), 'hello world\nthis is my file\n');
});

test('checkpoint store: intents without an outcome survive restarts; done and reset clear them', () => {
    const file = tempStore();
    const store = new FileCheckpointStore({ file, logger: capture().logger });
    store.savePosition('{"/topic/A":5}');
    store.recordIntent({ psrId: '0JRFK0000000001', serial: 1, userId: '005FK0000000001' });
    store.recordIntent({ psrId: '0JRFK0000000002', serial: 3, userId: '005FK0000000002' });
    store.recordDone('0JRFK0000000001', 1, '0BzFK0000000001');
    store.close();
    const reopened = new FileCheckpointStore({ file, logger: capture().logger });
    assert.equal(reopened.position(), '{"/topic/A":5}');
    assert.deepEqual(reopened.pendingIntents(), [{ psrId: '0JRFK0000000002', serial: 3, userId: '005FK0000000002' }]);
    reopened.reset();
    assert.equal(reopened.position(), undefined);
    assert.deepEqual(reopened.pendingIntents(), []);
    reopened.close();
    const afterReset = new FileCheckpointStore({ file, logger: capture().logger });
    assert.equal(afterReset.position(), undefined);
    afterReset.close();
});

test('checkpoint store: compaction keeps only the live state, atomically', () => {
    const file = tempStore();
    const store = new FileCheckpointStore({ file, logger: capture().logger, compactAfter: 50 });
    for (let i = 0; i < 120; i++) store.savePosition(String(i));
    store.recordIntent({ psrId: '0JRFK0000000009', serial: 2, userId: '005FK0000000001' });
    store.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.ok(lines.length < 60, `journal was compacted (${lines.length} lines)`);
    const reopened = new FileCheckpointStore({ file, logger: capture().logger });
    assert.equal(reopened.position(), '119');
    assert.equal(reopened.pendingIntent('0JRFK0000000009', 2)?.userId, '005FK0000000001');
    reopened.close();
});

test('checkpoint store: inserts are keyed by PSR id and Serial, across restarts and compaction', () => {
    const file = tempStore();
    const psr = '0JRFK0000000001';
    const store = new FileCheckpointStore({ file, logger: capture().logger, compactAfter: 30 });
    // Serial 1: inserted for A. Then (declined) Serial 3: an intent for B, no outcome yet.
    store.recordIntent({ psrId: psr, serial: 1, userId: '005FK000000000A' });
    store.recordDone(psr, 1, '0BzFK0000000001');
    store.recordIntent({ psrId: psr, serial: 3, userId: '005FK000000000B' });
    assert.equal(store.insertedFor(psr, 1), '0BzFK0000000001');
    assert.equal(store.insertedFor(psr, 3), undefined, 'another Serial is another PSR state');
    assert.equal(store.pendingIntent(psr, 1), undefined, 'the done closed the Serial 1 intent only');
    assert.deepEqual(store.pendingIntent(psr, 3), { psrId: psr, serial: 3, userId: '005FK000000000B' });
    assert.deepEqual(
        store.pendingIntentsFor(psr).map((i) => i.serial),
        [3]
    );
    // A done with null (no AgentWork created) closes the intent and records no insert.
    store.recordIntent({ psrId: '0JRFK0000000002', serial: 1, userId: '005FK000000000A' });
    store.recordDone('0JRFK0000000002', 1, null);
    assert.equal(store.insertedFor('0JRFK0000000002', 1), undefined);
    assert.equal(store.lastInsert('0JRFK0000000002'), undefined);
    // An older Serial's done arriving late does not replace a newer insert.
    store.recordDone(psr, 3, '0BzFK0000000003');
    store.recordDone(psr, 1, '0BzFK0000000001');
    assert.deepEqual(store.lastInsert(psr), { psrId: psr, serial: 3, workId: '0BzFK0000000003' });
    for (let i = 0; i < 40; i++) store.savePosition(String(i)); // compacts
    store.close();
    const reopened = new FileCheckpointStore({ file, logger: capture().logger });
    assert.equal(reopened.insertedFor(psr, 3), '0BzFK0000000003', 'kept by compaction and reopening');
    assert.equal(reopened.insertedFor(psr, 1), undefined);
    assert.deepEqual(reopened.pendingIntents(), []);
    reopened.forget(psr);
    assert.equal(reopened.lastInsert(psr), undefined, 'a deleted PSR is forgotten');
    reopened.close();
});

test('checkpoint store: the remembered inserts are bounded, least recently changed PSRs first', () => {
    const store = new FileCheckpointStore({ file: tempStore(), logger: capture().logger, maxInserts: 3 });
    for (let i = 1; i <= 4; i++) store.recordDone(`0JRFK000000000${i}`, 1, `0BzFK000000000${i}`);
    assert.equal(store.lastInsert('0JRFK0000000001'), undefined);
    assert.equal(store.insertedFor('0JRFK0000000004', 1), '0BzFK0000000004');
    store.close();
});
