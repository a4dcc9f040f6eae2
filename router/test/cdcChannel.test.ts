// The router's default Pub/Sub topic is the custom channel the project deploys, named as the
// External Routing guide requires (Omni-Channel Developer Guide, "Subscribe to Change Data
// Capture Event Notifications": the channel is ExternalRoutingChannel__chn), and the channel's
// members in demo all publish to it. A rename on one side without the other fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { CDC_CHANNEL, tempStore } from './support/harness.js';

// router/dist/test -> repository root
const ROOT = path.resolve(__dirname, '../../..');
const METADATA = path.join(ROOT, 'demo/main/default');

test('the default Pub/Sub topic is /data/ExternalRoutingChannel__chn, the channel demo deploys', () => {
    const config = loadConfig({
        env: {
            SF_AUTH_FLOW: 'client_credentials',
            SF_LOGIN_URL: 'https://example.my.salesforce.com',
            SF_CLIENT_ID: 'abc',
            SF_CLIENT_SECRET: 'secret',
            ROUTER_TRANSPORT: 'pubsub',
            ROUTER_STORE: tempStore()
        }
    });
    assert.equal(config.transport.kind, 'pubsub');
    const topic = config.transport.kind === 'pubsub' ? config.transport.topicName : '';
    assert.equal(topic, '/data/ExternalRoutingChannel__chn');
    // The tests' fake Pub/Sub server and harness use the same channel.
    assert.equal(CDC_CHANNEL, topic);

    // A custom channel's subscription name is /data/<Name>__chn (Change Data Capture Developer
    // Guide, "Subscription Channels"); its metadata file is <Name>__chn.platformEventChannel-meta.xml.
    const channels = readdirSync(path.join(METADATA, 'platformEventChannels'));
    assert.deepEqual(channels, ['ExternalRoutingChannel__chn.platformEventChannel-meta.xml']);
    assert.equal(`/data/${channels[0].replace('.platformEventChannel-meta.xml', '')}`, topic);
});

test("every channel member in demo publishes to ExternalRoutingChannel__chn, with the guide's filters", () => {
    const dir = path.join(METADATA, 'platformEventChannelMembers');
    const members = new Map<string, { channel: string; filter: string | undefined }>();
    for (const file of readdirSync(dir)) {
        const xml = readFileSync(path.join(dir, file), 'utf8');
        const entity = /<selectedEntity>([^<]*)<\/selectedEntity>/.exec(xml)?.[1];
        assert.ok(entity, `${file} has no selectedEntity`);
        members.set(entity, {
            channel: /<eventChannel>([^<]*)<\/eventChannel>/.exec(xml)?.[1] ?? '',
            filter: /<filterExpression>([^<]*)<\/filterExpression>/.exec(xml)?.[1]
        });
    }
    assert.deepEqual([...members.keys()].sort(), [
        'AgentWorkChangeEvent',
        'PendingServiceRoutingChangeEvent',
        'UserServicePresenceChangeEvent'
    ]);
    for (const [entity, member] of members) assert.equal(member.channel, 'ExternalRoutingChannel__chn', entity);
    // XML escapes decoded: the files hold the expressions verbatim (no &apos; needed in element text).
    assert.equal(members.get('PendingServiceRoutingChangeEvent')?.filter, "RoutingModel = 'ExternalRouting' AND IsReadyForRouting = true");
    assert.equal(
        members.get('UserServicePresenceChangeEvent')?.filter,
        "ChangeEventHeader.changeType = 'CREATE' OR (IsCurrentState = false)"
    );
    assert.equal(
        members.get('AgentWorkChangeEvent')?.filter,
        "ChangeEventHeader.changeType = 'UPDATE' AND RoutingModel = 'ExternalRouting'"
    );
});
