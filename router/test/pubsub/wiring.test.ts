/**
 * The transport as the router builds it (transport/factory.ts, `transport.kind: "pubsub"`),
 * and TLS: the default (tls: true) against a TLS server, trusted and untrusted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTransport } from '../../src/transport/factory.js';
import { protoPath } from '../../src/transport/pubsub/proto.js';
import { ConnectionLostError } from '../../src/transport/contract.js';
import { FakePubSubServer } from '../../src/local/pubsub/fakePubSubServer.js';
import { CapturingLogger, PSR_ID, recorder, TestTokens, transportFor, waitFor } from './support.js';

const psr = (server: FakePubSubServer, serial: number) =>
    server.publish('PendingServiceRouting', {
        changeType: 'UPDATE',
        recordIds: [PSR_ID(serial)],
        values: { Serial: serial },
        changed: ['Serial']
    });

test('factory: transport.kind "pubsub" loads this transport and it delivers', async (t) => {
    const server = await FakePubSubServer.start();
    const logger = new CapturingLogger();
    const transport = await createTransport(
        { kind: 'pubsub', endpoint: server.address, topicName: '/data/ExternalRoutingChannel__chn', tls: false, batchSize: 5 },
        { tokens: new TestTokens(), logger, apiVersion: '62.0' }
    );
    t.after(async () => {
        await transport.stop();
        await server.close();
    });
    assert.equal(transport.name, 'pubsub');
    const r = recorder();
    await transport.start({ kind: 'latest' }, r);
    for (let i = 1; i <= 12; i++) psr(server, i);
    await waitFor('12 changes', () => r.changes.length === 12);
    assert.equal(server.records[0].topic, '/data/ExternalRoutingChannel__chn');
    assert.equal(server.records[0].requests[0], 5, 'batchSize from the config');
    assert.ok(server.records[0].maxOwed <= 5);
    assert.ok(logger.lines.some((l) => l.includes('"component":"pubsub"') && l.includes('subscription accepted')));
});

test('packaging: router/dist holds the vendored pubsub_api.proto, so the build runs Pub/Sub without the sources', () => {
    const dist = path.resolve(__dirname, '..', '..');
    assert.equal(path.basename(dist), 'dist');
    const proto = protoPath();
    assert.ok(proto.startsWith(dist + path.sep), `${proto} is inside ${dist}`);
    assert.match(readFileSync(proto, 'utf8'), /service PubSub \{/);
});

function hasOpenssl(): boolean {
    try {
        execFileSync('openssl', ['version'], { stdio: 'ignore' });
        return true;
    } catch {
        return false;
    }
}

/** A throw-away self-signed certificate for 127.0.0.1. */
function selfSigned(): { cert: Buffer; key: Buffer } {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pubsub-tls-'));
    try {
        execFileSync(
            'openssl',
            [
                'req',
                '-x509',
                '-newkey',
                'ec',
                '-pkeyopt',
                'ec_paramgen_curve:prime256v1',
                '-nodes',
                '-days',
                '1',
                '-subj',
                '/CN=localhost',
                '-addext',
                'subjectAltName=IP:127.0.0.1,DNS:localhost',
                '-keyout',
                path.join(dir, 'key.pem'),
                '-out',
                path.join(dir, 'cert.pem')
            ],
            { stdio: 'ignore' }
        );
        return { cert: readFileSync(path.join(dir, 'cert.pem')), key: readFileSync(path.join(dir, 'key.pem')) };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

test(
    'TLS (the default): a trusted server works; an untrusted certificate is ConnectionLostError',
    { skip: !hasOpenssl() && 'openssl is not installed' },
    async (t) => {
        const tls = selfSigned();
        const server = await FakePubSubServer.start({ tls });
        const trusted = transportFor(server, { tls: true, rootCertificates: tls.cert });
        const untrusted = transportFor(server, { tls: undefined }); // default: TLS with the system's CAs
        t.after(async () => {
            await trusted.stop();
            await untrusted.stop();
            await server.close();
        });
        const r = recorder();
        await trusted.start({ kind: 'latest' }, r);
        psr(server, 1);
        await waitFor('a change over TLS', () => r.changes.length === 1);

        await assert.rejects(untrusted.start({ kind: 'latest' }, recorder()), ConnectionLostError);
        assert.equal(server.calls.getTopic, 1, 'the untrusted connection never reached the service');
    }
);
