import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentLedger } from '../src/ledger/ledger.js';
import {
    getStrategy,
    leastActive,
    longestIdle,
    mostAvailable,
    registerStrategy,
    strategyNames,
    UnknownStrategyError,
    type RoutingStrategy,
    type WorkRequest
} from '../src/ledger/strategy.js';
import type { PresenceRecord } from '../src/salesforce/records.js';

const CHAT = '0N9FK0000000001';
const CASE = '0N9FK0000000002';
const ONLINE = '0N5FK0000000001';
const CASES_ONLY = '0N5FK0000000002';

const work = (over: Partial<WorkRequest> = {}): WorkRequest => ({
    psrId: '0JRFK0000000001',
    channelId: CHAT,
    capacityWeight: 1,
    capacityPercentage: null,
    routingPriority: 1,
    ...over
});

function presence(userId: string, statusId: string, capacity: number, id = `0Ng${userId.slice(3)}`, start = 0): PresenceRecord {
    return { id, userId, statusId, isCurrentState: true, configuredCapacity: capacity, statusStartDate: start };
}

function ledger(): AgentLedger {
    let now = 1000;
    const l = new AgentLedger(() => now++);
    l.setStatusChannels([
        { statusId: ONLINE, channelId: CHAT },
        { statusId: ONLINE, channelId: CASE },
        { statusId: CASES_ONLY, channelId: CASE }
    ]);
    return l;
}

test('only agents online on the work channel with room are chosen', () => {
    const l = ledger();
    l.applyPresence(presence('005FK000000000A', CASES_ONLY, 5));
    l.applyPresence(presence('005FK000000000B', ONLINE, 1));
    assert.equal(l.choose(work(), mostAvailable)?.userId, '005FK000000000B');
    l.addWork('0BzFK0000000001', '005FK000000000B', 1);
    assert.equal(l.choose(work(), mostAvailable), null, 'B is full, A has no chat');
    assert.equal(l.choose(work({ channelId: CASE }), mostAvailable)?.userId, '005FK000000000A');
    assert.equal(l.removeWork('0BzFK0000000001'), true);
    assert.equal(l.choose(work(), mostAvailable)?.userId, '005FK000000000B');
});

test('strategies: most available, least active, longest idle', () => {
    const l = ledger();
    l.applyPresence(presence('005FK000000000A', ONLINE, 10, undefined, 500));
    l.applyPresence(presence('005FK000000000B', ONLINE, 2, undefined, 100));
    l.addWork('0BzFK0000000001', '005FK000000000A', 4); // A: 6/10 free, 1 open
    assert.equal(l.choose(work(), mostAvailable)?.userId, '005FK000000000B', 'B: 100% free');
    l.addWork('0BzFK0000000002', '005FK000000000B', 1); // B: 50% free, 1 open
    assert.equal(l.choose(work(), mostAvailable)?.userId, '005FK000000000A', 'A: 60% free');
    l.addWork('0BzFK0000000003', '005FK000000000A', 1); // A: 2 open
    assert.equal(l.choose(work(), leastActive)?.userId, '005FK000000000B');
});

test('longest idle counts from when the agent last finished work or came online, not from the last assignment', () => {
    const l = ledger(); // its clock starts at 1000 and ticks on every read
    l.applyPresence(presence('005FK000000000A', ONLINE, 5, undefined, 500));
    l.applyPresence(presence('005FK000000000B', ONLINE, 5, undefined, 100));
    l.applyPresence(presence('005FK000000000C', ONLINE, 5, undefined, 300));
    assert.equal(l.choose(work(), longestIdle)?.userId, '005FK000000000B', 'online since 100, no work yet');
    // B gets work: busy agents come after every free one, whatever their times.
    l.addWork('0BzFK0000000001', '005FK000000000B', 1);
    assert.equal(l.agent('005FK000000000B')?.idleSince, 100, 'an assignment does not restart the idle time');
    assert.equal(l.choose(work(), longestIdle)?.userId, '005FK000000000C');
    // B finishes: free again, but only since now, so C (300) and A (500) have waited longer.
    l.removeWork('0BzFK0000000001');
    assert.ok(l.agent('005FK000000000B')!.idleSince >= 1000);
    assert.equal(l.choose(work(), longestIdle)?.userId, '005FK000000000C');
    // C gets and finishes work: A is now the one free longest.
    l.addWork('0BzFK0000000002', '005FK000000000C', 1);
    l.removeWork('0BzFK0000000002');
    assert.equal(l.choose(work(), longestIdle)?.userId, '005FK000000000A');
    // Everyone busy: the one whose last work ended longest ago (A never finished any: online since 500).
    for (const [i, user] of ['005FK000000000A', '005FK000000000B', '005FK000000000C'].entries()) l.addWork(`0BzFK000000001${i}`, user, 1);
    assert.equal(l.choose(work(), longestIdle)?.userId, '005FK000000000A');
    // The periodic re-sync keeps these times (queries cannot tell them).
    l.reload(
        [{ statusId: ONLINE, channelId: CHAT }],
        ['005FK000000000A', '005FK000000000B', '005FK000000000C'].map((u) => presence(u, ONLINE, 5, undefined, 0)),
        []
    );
    assert.equal(l.agent('005FK000000000A')?.idleSince, 500);
});

test('capacity percentage and the excluded (declined) agents', () => {
    const l = ledger();
    l.applyPresence(presence('005FK000000000A', ONLINE, 4));
    l.applyPresence(presence('005FK000000000B', ONLINE, 10));
    const big = work({ capacityWeight: null, capacityPercentage: 50 });
    assert.equal(l.choose(big, mostAvailable, { exclude: new Set(['005FK000000000B']) })?.weight, 2);
    assert.equal(l.choose(big, mostAvailable, { exclude: new Set(['005FK000000000A', '005FK000000000B']) }), null);
});

test('preferred user first; required preference waits rather than routing elsewhere', () => {
    const l = ledger();
    l.applyPresence(presence('005FK000000000A', ONLINE, 5));
    l.applyPresence(presence('005FK000000000B', ONLINE, 1));
    assert.equal(l.choose(work(), mostAvailable, { preferredUserId: '005FK000000000B' })?.userId, '005FK000000000B');
    l.addWork('0BzFK0000000001', '005FK000000000B', 1);
    assert.equal(l.choose(work(), mostAvailable, { preferredUserId: '005FK000000000B' })?.userId, '005FK000000000A');
    assert.equal(l.choose(work(), mostAvailable, { preferredUserId: '005FK000000000B', isPreferredUserRequired: true }), null);
});

test('presence: a new current record moves the agent; closing an old record does not log them out; logout does', () => {
    const l = ledger();
    l.applyPresence(presence('005FK000000000A', ONLINE, 5, '0NgFK0000000001'));
    l.applyPresence(presence('005FK000000000A', CASES_ONLY, 5, '0NgFK0000000002'));
    assert.equal(l.choose(work(), mostAvailable), null, 'no chat in Cases only');
    l.applyPresence({ ...presence('005FK000000000A', ONLINE, 5, '0NgFK0000000001'), isCurrentState: false });
    assert.equal(l.choose(work({ channelId: CASE }), mostAvailable)?.userId, '005FK000000000A', 'old record closing changes nothing');
    l.applyPresence({ ...presence('005FK000000000A', CASES_ONLY, 5, '0NgFK0000000002'), isCurrentState: false });
    assert.equal(l.onlineCount, 0);
});

test('work held while offline still counts when the agent comes back', () => {
    const l = ledger();
    l.applyWork({
        id: '0BzFK0000000001',
        userId: '005FK000000000A',
        status: 'Opened',
        pendingServiceRoutingId: null,
        serviceChannelId: CHAT,
        capacityWeight: 3,
        capacityPercentage: null
    });
    l.applyPresence(presence('005FK000000000A', ONLINE, 3));
    assert.equal(l.choose(work(), mostAvailable), null);
    const freed = l.applyWork({
        id: '0BzFK0000000001',
        userId: '005FK000000000A',
        status: 'Closed',
        pendingServiceRoutingId: null,
        serviceChannelId: CHAT,
        capacityWeight: 3,
        capacityPercentage: null
    });
    assert.equal(freed, true);
    assert.equal(l.choose(work(), mostAvailable)?.userId, '005FK000000000A');
});

test('your own strategy: register it and select it by name', () => {
    const alphabetical: RoutingStrategy = {
        name: 'test-alphabetical',
        score: (agent) => -agent.userId.charCodeAt(agent.userId.length - 1)
    };
    registerStrategy(alphabetical);
    assert.ok(strategyNames().includes('test-alphabetical'));
    const l = ledger();
    l.applyPresence(presence('005FK000000000A', ONLINE, 5));
    l.applyPresence(presence('005FK000000000Z', ONLINE, 1));
    assert.equal(l.choose(work(), getStrategy('test-alphabetical'))?.userId, '005FK000000000Z');
    assert.throws(() => getStrategy('nope'), UnknownStrategyError);
    assert.throws(() => registerStrategy({ name: '', score: () => 0 }), /non-empty name/);
});

test('the channel index agrees with a full scan through thousands of random presence and work changes', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const channels = ['0N9FK0000000001', '0N9FK0000000002', '0N9FK0000000003', '0N9FK0000000004'];
    const statuses = ['0N5FK0000000001', '0N5FK0000000002', '0N5FK0000000003', '0N5FK0000000004'];
    let now = 0;
    const l = new AgentLedger(() => ++now);
    l.setStatusChannels([
        ...channels.slice(0, 3).map((c) => ({ statusId: statuses[0], channelId: c })),
        { statusId: statuses[1], channelId: channels[1] },
        ...channels.slice(2).map((c) => ({ statusId: statuses[2], channelId: c }))
        // statuses[3]: online with no channel
    ]);
    const users = Array.from({ length: 40 }, (_, i) => `005FK${String(i).padStart(10, '0')}`);
    const open: string[] = [];
    let presences = 0;
    const presenceOf = new Map<string, string>();
    let works = 0;
    // The reference: every online agent, filtered and ordered exactly as choose() documents.
    const fullScan = (w: WorkRequest, exclude: Set<string>) => {
        let best: { userId: string; score: number; idle: number } | null = null;
        for (const a of l.agentViews()) {
            if (!l.channelsOfStatus(a.statusId).includes(w.channelId) || exclude.has(a.userId)) continue;
            const weight = l.weightFor(a, w);
            if (a.workload + weight > a.capacity) continue;
            const score = leastActive.score(a, w, weight);
            if (
                !best ||
                score < best.score ||
                (score === best.score && (a.idleSince < best.idle || (a.idleSince === best.idle && a.userId < best.userId)))
            )
                best = { userId: a.userId, score, idle: a.idleSince };
        }
        return best?.userId ?? null;
    };
    for (let step = 0; step < 4000; step++) {
        const roll = random();
        const user = users[Math.floor(random() * users.length)];
        if (roll < 0.25) {
            const id = `0NgFK${String(++presences).padStart(10, '0')}`;
            presenceOf.set(user, id);
            l.applyPresence(presence(user, statuses[Math.floor(random() * statuses.length)], 1 + Math.floor(random() * 4), id));
        } else if (roll < 0.3) {
            const agent = l.agent(user);
            const id = presenceOf.get(user);
            if (agent && id) l.applyPresence({ ...presence(user, agent.statusId, 0, id), isCurrentState: false }); // logout
        } else if (roll < 0.6 && open.length) {
            l.removeWork(open.splice(Math.floor(random() * open.length), 1)[0]);
        } else {
            const w = work({
                channelId: channels[Math.floor(random() * channels.length)],
                capacityWeight: random() < 0.2 ? null : 1,
                capacityPercentage: 50
            });
            const exclude = new Set(random() < 0.3 ? users.slice(0, 10) : []);
            const chosen = l.choose(w, leastActive, { exclude });
            assert.equal(chosen?.userId ?? null, fullScan(w, exclude), `step ${step}`);
            if (chosen) {
                const id = `0BzFK${String(++works).padStart(10, '0')}`;
                l.addWork(id, chosen.userId, chosen.weight);
                open.push(id);
            }
        }
    }
    assert.ok(works > 300, `decisions were made (${works})`);
});

test('ledger: an agent Salesforce refused is suspended (never chosen, also as preferred) until a presence record or a reload', () => {
    const l = ledger();
    l.applyPresence(presence('005FK000000000A', ONLINE, 5));
    l.applyPresence(presence('005FK000000000B', ONLINE, 2));
    assert.equal(l.choose(work(), mostAvailable)?.userId, '005FK000000000A');
    l.suspend('005FK000000000A');
    assert.equal(l.isSuspended('005FK000000000A'), true);
    assert.equal(l.choose(work(), mostAvailable)?.userId, '005FK000000000B', 'the other agent');
    assert.equal(l.choose(work(), mostAvailable, { preferredUserId: '005FK000000000A' })?.userId, '005FK000000000B');
    // A status mapping change re-indexes agents, but not a suspended one.
    l.setStatusChannels([{ statusId: ONLINE, channelId: CHAT }]);
    assert.equal(l.choose(work(), mostAvailable)?.userId, '005FK000000000B');
    // Presence says the agent is there: chosen again.
    l.applyPresence(presence('005FK000000000A', ONLINE, 5, '0NgFK00000000A2'));
    assert.equal(l.isSuspended('005FK000000000A'), false);
    assert.equal(l.choose(work(), mostAvailable)?.userId, '005FK000000000A');
    l.suspend('005FK000000000A');
    l.reload([{ statusId: ONLINE, channelId: CHAT }], [presence('005FK000000000A', ONLINE, 5)], []);
    assert.equal(l.choose(work(), mostAvailable)?.userId, '005FK000000000A', 'a re-sync reloads it');
});

test('ledger: channel diagnostics (a channel no status includes; the largest capacity online on a channel)', () => {
    const l = ledger();
    assert.equal(l.channelHasStatus(CHAT), true);
    assert.equal(l.channelHasStatus('0N9FK0000000009'), false);
    assert.equal(l.maxCapacityOn(CHAT), null, 'nobody online');
    l.applyPresence(presence('005FK000000000A', ONLINE, 5));
    l.applyPresence(presence('005FK000000000B', ONLINE, 8));
    assert.equal(l.maxCapacityOn(CHAT), 8);
});
