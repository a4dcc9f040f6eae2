/**
 * A fake of force-app's OmniPanelController (classes/OmniPanelController.cls) answering
 * as the Apex class would for the org the page plays (sim/fakes/orgSource.ts: the demo
 * data by default, the simulator engine on the preview page): Ids as 18
 * characters, the same field names, statuses online first then by label, decline reasons
 * by label, one summary per distinct work item id in the order given, title null for
 * records the user cannot see, at most 200 ids per call; getPushTimeouts answers one entry
 * per distinct AgentWork id (the org source follows the work to its queue's routing
 * configuration, see workRouting.ts), refuses other ids and more than 200.
 */
import { toId18 } from 'c/omniTypes';
import { apexMethod, ApexFault } from '../apexMethod';
import { orgSource } from '../orgSource';

const MAX_WORK_ITEMS = 200;
const ICON_BY_PREFIX: Record<string, { objectApiName: string; objectLabel: string; iconName: string }> = {
    '500': { objectApiName: 'Case', objectLabel: 'Case', iconName: 'standard:case' },
    '570': { objectApiName: 'LiveChatTranscript', objectLabel: 'Chat Transcript', iconName: 'standard:live_chat' },
    '0Mw': { objectApiName: 'MessagingSession', objectLabel: 'Messaging Session', iconName: 'standard:messaging_session' },
    '0LQ': { objectApiName: 'VoiceCall', objectLabel: 'Voice Call', iconName: 'standard:voice_call' }
};

function id18(id: string): string {
    const out = toId18(id);
    if (!out) throw new ApexFault(`Invalid id: ${id}`);
    return out;
}

export const getAvailableStatuses = apexMethod('getAvailableStatuses', () =>
    [...orgSource().statuses()]
        .sort((a, b) => Number(b.isOnline) - Number(a.isOnline) || a.label.localeCompare(b.label))
        .map((s) => ({ statusId: id18(s.statusId), label: s.label, developerName: s.developerName, isOnline: s.isOnline }))
);

export const getDeclineSettings = apexMethod('getDeclineSettings', () => {
    const config = orgSource().presenceConfig();
    return {
        declineAllowed: config.declineAllowed,
        reasonsEnabled: config.reasonsEnabled,
        reasons: [...config.reasons]
            .sort((a, b) => a.label.localeCompare(b.label))
            .map((r) => ({ reasonId: id18(r.reasonId), label: r.label, developerName: r.developerName })),
        capacity: config.capacity,
        configName: config.configName
    };
});

export const getWorkItemSummaries = apexMethod('getWorkItemSummaries', (params) => {
    const ids = (params.workItemIds ?? []) as string[];
    if (ids.length > MAX_WORK_ITEMS)
        throw new ApexFault(`getWorkItemSummaries accepts at most ${MAX_WORK_ITEMS} work item ids per call; it received ${ids.length}.`);
    const seen = new Set<string>();
    const summaries = [];
    for (const raw of ids) {
        if (!raw) continue;
        const workItemId = id18(raw);
        if (seen.has(workItemId)) continue;
        seen.add(workItemId);
        const kind = ICON_BY_PREFIX[workItemId.slice(0, 3)];
        const record = orgSource().record(workItemId.slice(0, 15));
        summaries.push({
            workItemId,
            objectApiName: kind?.objectApiName ?? null,
            objectLabel: kind?.objectLabel ?? null,
            // A record the org does not have reads as one the user cannot see: title null.
            title: record ? record.title : null,
            subtitle: record ? record.subtitle : null,
            iconName: kind?.iconName ?? 'standard:record'
        });
    }
    return summaries;
});

const AGENT_WORK_PREFIX = '0Bz';

export const getPushTimeouts = apexMethod('getPushTimeouts', (params) => {
    const raw = params.workIds ?? null;
    if (raw === null) return [];
    // Apex deserializes the argument as List<Id>: anything else fails before the method runs.
    if (!Array.isArray(raw)) throw new Error(`Value provided is invalid for action parameter 'workIds' of type 'List<Id>'`);
    if (raw.length > MAX_WORK_ITEMS)
        throw new ApexFault(`getPushTimeouts accepts at most ${MAX_WORK_ITEMS} AgentWork ids per call; it received ${raw.length}.`);
    const seen = new Set<string>();
    const answer = [];
    for (const value of raw as unknown[]) {
        if (value === null || value === undefined) throw new ApexFault('getPushTimeouts: a work id is null.');
        const workId = id18(String(value));
        if (workId.slice(0, 3) !== AGENT_WORK_PREFIX) throw new ApexFault(`getPushTimeouts: ${workId} is not an AgentWork id.`);
        if (seen.has(workId)) continue;
        seen.add(workId);
        const routing = orgSource().workRouting(workId.slice(0, 15));
        answer.push({
            workId,
            routingConfigId: routing ? id18(routing.routingConfigId) : null,
            routingConfigName: routing?.routingConfigName ?? null,
            pushTimeoutSeconds: routing?.pushTimeoutSeconds ?? null
        });
    }
    return answer;
});
