/**
 * A realistic stream of raw lightning:omniChannel* event params, exactly as the Aura
 * bridge forwards them (evt.getParams()): 15-character ids as strings, workload numbers
 * as strings, channels as a JSON string. Shapes follow omniTypes/parse.ts and the raw
 * fixtures the unit tests use.
 *
 * Every work goes assigned -> accepted -> workloadChanged -> workFlagUpdated -> closed;
 * five works are interleaved (about four open at any time), each new work gets new ids
 * (so the id cache sees real churn, not five hot keys), and every `statusEvery` events a
 * statusChanged arrives. The stream ends with every work closed, so it can be replayed
 * on the same engine any number of times without the snapshot growing.
 */

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** 15-character id: 3-char key prefix + 'RM' + 10 base62 chars (mixed case, like real ids). */
function id15(prefix, n) {
    let body = '';
    // Spread consecutive numbers over the alphabet so letter case varies between ids.
    let v = n * 7919 + 104729;
    for (let i = 0; i < 10; i++) {
        body = B62[v % 62] + body;
        v = Math.floor(v / 62);
    }
    return `${prefix}RM${body}`;
}

const STATUSES = [
    {
        statusId: '0N5RM0000000001',
        statusName: 'Available',
        statusApiName: 'Available',
        channels: JSON.stringify([
            { channelId: '0N9RM0000000001', developerName: 'sfdc_case' },
            { channelId: '0N9RM0000000002', developerName: 'sfdc_livechat' }
        ])
    },
    {
        statusId: '0N5RM0000000002',
        statusName: 'Available - Cases only',
        statusApiName: 'Available_Cases',
        channels: JSON.stringify([{ channelId: '0N9RM0000000001', developerName: 'sfdc_case' }])
    }
];

/**
 * Returns { events: [{ name, params }], counts: { auraName: n } } with at least `events`
 * entries (a few more to close the last works). Each params object is fresh, as Aura's are.
 */
export function omniEventStream({ events = 200000, concurrentWorks = 5, statusEvery = 50, capacity = 5 } = {}) {
    const out = [];
    const counts = {};
    const push = (name, params) => {
        out.push({ name, params });
        counts[name] = (counts[name] ?? 0) + 1;
        if (out.length % statusEvery === 0) {
            const status = STATUSES[(out.length / statusEvery) % STATUSES.length];
            out.push({ name: 'omniChannelStatusChanged', params: { ...status, reason: 'OmniManualStatusChange' } });
            counts.omniChannelStatusChanged = (counts.omniChannelStatusChanged ?? 0) + 1;
        }
    };
    // Slot k starts at stage k, so the five lifecycles are staggered; a slot whose work does
    // not exist yet (start-up) or that may not open a new one (draining) emits nothing.
    const slots = Array.from({ length: concurrentWorks }, (_, k) => ({ stage: k % 5, work: null }));
    let nextWork = 0;
    let accepted = 0;
    let reportedWorkload = 0;
    for (let tick = 0; ; tick++) {
        const draining = out.length >= events;
        if (draining && slots.every((s) => s.work === null)) break;
        const slot = slots[tick % concurrentWorks];
        const stage = slot.stage;
        slot.stage = (stage + 1) % 5;
        if (stage === 0) {
            if (draining) continue;
            const n = nextWork++;
            slot.work = { workId: id15('0Bz', n), workItemId: id15('500', n), n };
            push('omniChannelWorkAssigned', { workItemId: slot.work.workItemId, workId: slot.work.workId });
            continue;
        }
        const work = slot.work;
        if (work === null) continue;
        if (stage === 1) {
            accepted += 1;
            push('omniChannelWorkAccepted', { workItemId: work.workItemId, workId: work.workId });
        } else if (stage === 2) {
            push('omniChannelWorkloadChanged', {
                configuredCapacity: String(capacity),
                previousWorkload: String(reportedWorkload),
                newWorkload: String(accepted),
                configuredInterruptibleCapacity: '3',
                previousInterruptibleWorkload: '0',
                newInterruptibleWorkload: '0'
            });
            reportedWorkload = accepted;
        } else if (stage === 3) {
            // Alternate a supervisor raising the flag and the agent lowering it ('false' as text).
            const bySupervisor = work.n % 2 === 0;
            push(
                'omniChannelWorkFlagUpdated',
                bySupervisor
                    ? {
                          workId: work.workId,
                          isFlagged: true,
                          message: 'Customer asks for a manager',
                          roleUpdatedBy: 'SUPERVISOR',
                          updatedBy: '005RM000000Sup1'
                      }
                    : { workId: work.workId, isFlagged: 'false', roleUpdatedBy: 'agent', updatedBy: '005RM000000Agt1' }
            );
        } else {
            accepted -= 1;
            push('omniChannelWorkClosed', { workItemId: work.workItemId, workId: work.workId });
            slot.work = null;
        }
    }
    return { events: out, counts };
}
