/**
 * Pure functions from the agent snapshot (and what Apex told us about work items) to
 * what the panel shows. No DOM, no client: the panel's tests and the benchmark call
 * these directly.
 */
import type { OmniAgentSnapshot, OmniLogoutReason, OmniWork, OmniWorkload } from 'c/omniTypes';
import { LABELS, formatDuration, formatLabel } from 'c/omniPanelLabels';

/** What OmniPanelController.getWorkItemSummaries says about a work item. */
export interface WorkItemSummary {
    workItemId: string;
    objectApiName: string;
    objectLabel: string;
    title: string | null;
    subtitle: string | null;
    iconName: string;
}

/** A service channel of a presence status, as OmniPanelController.getAvailableStatuses names it (null: not readable). */
export interface StatusChannel {
    channelId: string;
    developerName: string | null;
    label: string | null;
}

/** OmniPanelController.getAvailableStatuses. `channels` is absent from older answers. */
export interface StatusOption {
    statusId: string;
    label: string;
    developerName: string;
    isOnline: boolean;
    channels?: StatusChannel[];
}

/** OmniPanelController.getDeclineSettings. */
export interface DeclineSettings {
    declineAllowed: boolean;
    reasonsEnabled: boolean;
    reasons: Array<{ reasonId: string; label: string; developerName: string }>;
    capacity: number | null;
    configName: string | null;
}

export const DEFAULT_DECLINE_SETTINGS: DeclineSettings = {
    declineAllowed: true,
    reasonsEnabled: false,
    reasons: [],
    capacity: null,
    configName: null
};

export interface FlagView {
    isFlagged: boolean;
    bySupervisor: boolean;
    /** Who raised or lowered it, with the message when there is one. */
    text: string;
    message: string | null;
}

export interface WorkRowView {
    workId: string;
    workItemId: string;
    title: string;
    subtitle: string | null;
    iconName: string;
    channelLabel: string;
    isAssigned: boolean;
    isEngaged: boolean;
    stateLabel: string;
    /** Channel, state and (for accepted work) whether the rep is engaged: "Case · In progress · Engaged". */
    stateText: string;
    assignedText: string;
    acceptedText: string | null;
    /** Both times in one line: "Assigned 3:10 ago · Accepted 2:05 ago". */
    timesText: string;
    flag: FlagView | null;
}

export interface CapacityView {
    used: number;
    total: number;
    percent: number;
    usedText: string;
    atCapacity: boolean;
    interruptibleText: string | null;
}

// Work item key prefixes Omni routes, for a label before Apex has answered.
const CHANNEL_BY_PREFIX: Readonly<Record<string, { label: string; icon: string }>> = {
    '500': { label: LABELS.ChannelCase, icon: 'standard:case' },
    '570': { label: LABELS.ChannelChat, icon: 'standard:live_chat' },
    '0Mw': { label: LABELS.ChannelMessaging, icon: 'standard:messaging_session' },
    '0LQ': { label: LABELS.ChannelVoice, icon: 'standard:voice_call' }
};

/** The channel of a work item by its key prefix ("Case"), or null for a prefix the panel does not know. */
export function channelLabelOf(workItemId: string): string | null {
    return CHANNEL_BY_PREFIX[workItemId.slice(0, 3)]?.label ?? null;
}

/** Joins the non-empty parts with the translatable separator label: "Case · In progress". */
export function joinParts(...parts: Array<string | null | undefined>): string {
    const present = parts.filter((part): part is string => typeof part === 'string' && part !== '');
    return present.length === 0 ? '' : present.reduce((a, b) => formatLabel(LABELS.Joined, a, b));
}

/** "Assigned 2:05 ago", or a sentence of its own when the work predates this console session. */
function since(template: string, unknown: string, time: number | null, now: number): string {
    return time === null ? unknown : formatLabel(template, formatDuration(now - time));
}

function flagView(work: OmniWork): FlagView | null {
    const flag = work.flag;
    if (!flag) return null;
    const bySupervisor = flag.roleUpdatedBy === 'SUPERVISOR';
    let text: string;
    if (flag.isFlagged) text = bySupervisor ? LABELS.FlaggedBySupervisor : LABELS.FlaggedByAgent;
    else if (bySupervisor) text = LABELS.FlagLoweredBySupervisor;
    else return null;
    const message = flag.message?.trim() ? flag.message : null;
    return { isFlagged: flag.isFlagged, bySupervisor, text: message ? formatLabel(LABELS.FlagWithMessage, text, message) : text, message };
}

export function buildRow(work: OmniWork, summary: WorkItemSummary | undefined, now: number): WorkRowView {
    const fallback = CHANNEL_BY_PREFIX[work.workItemId.slice(0, 3)];
    const isAssigned = work.state === 'assigned';
    let title: string;
    if (!summary) title = LABELS.LoadingDetails;
    else title = summary.title ?? LABELS.NoAccess;
    const channelLabel = summary?.objectLabel || fallback?.label || '';
    const stateLabel = isAssigned ? LABELS.Assigned : LABELS.Accepted;
    // Work waiting for acceptance cannot be engaged yet; its state already says so.
    const engagedLabel = isAssigned ? null : work.isEngaged ? LABELS.Engaged : LABELS.NotEngaged;
    const assignedText = since(LABELS.AssignedFor, LABELS.AssignedEarlier, work.assignedAt, now);
    const acceptedText = isAssigned ? null : since(LABELS.AcceptedFor, LABELS.AcceptedEarlier, work.acceptedAt, now);
    return {
        workId: work.workId,
        workItemId: work.workItemId,
        title,
        subtitle: summary?.subtitle ?? null,
        iconName: summary?.iconName ?? fallback?.icon ?? 'standard:record',
        channelLabel,
        isAssigned,
        isEngaged: work.isEngaged,
        stateLabel,
        stateText: joinParts(channelLabel, stateLabel, engagedLabel),
        assignedText,
        acceptedText,
        timesText: joinParts(assignedText, acceptedText),
        flag: flagView(work)
    };
}

/** Rows, work waiting for acceptance first (oldest first), then accepted work (oldest first). */
export function buildRows(works: readonly OmniWork[], summaries: ReadonlyMap<string, WorkItemSummary>, now: number): WorkRowView[] {
    const order = (w: OmniWork) => (w.state === 'assigned' ? 0 : 1);
    return [...works]
        .sort((a, b) => order(a) - order(b) || (a.assignedAt ?? 0) - (b.assignedAt ?? 0))
        .map((work) => buildRow(work, summaries.get(work.workItemId), now));
}

export function buildCapacity(workload: OmniWorkload | null): CapacityView | null {
    if (!workload || workload.configuredCapacity <= 0) return null;
    const used = workload.currentWorkload;
    const total = workload.configuredCapacity;
    const interruptible =
        workload.configuredInterruptibleCapacity !== null && workload.configuredInterruptibleCapacity > 0
            ? formatLabel(LABELS.Interruptible, workload.currentInterruptibleWorkload ?? 0, workload.configuredInterruptibleCapacity)
            : null;
    return {
        used,
        total,
        percent: Math.min(100, Math.round((used / total) * 100)),
        usedText: formatLabel(LABELS.CapacityUsed, used, total),
        atCapacity: used >= total,
        interruptibleText: interruptible
    };
}

/** The utility's label in the utility bar, for example "Available 2/5", or "Offline". */
export function utilityLabel(snapshot: OmniAgentSnapshot | null): string {
    if (!snapshot || snapshot.loginState !== 'loggedIn' || !snapshot.presence) return LABELS.Offline;
    const name = snapshot.presence.statusName ?? LABELS.Title;
    const workload = snapshot.workload;
    if (!workload) return name;
    return formatLabel(LABELS.UtilityLabel, name, workload.currentWorkload, workload.configuredCapacity);
}

/** Work item ids the panel has no summary for yet. */
export function missingSummaries(works: readonly OmniWork[], summaries: ReadonlyMap<string, WorkItemSummary>): string[] {
    return works.map((w) => w.workItemId).filter((id, index, all) => !summaries.has(id) && all.indexOf(id) === index);
}

const LOGOUT_TEXT: Readonly<Record<OmniLogoutReason, string>> = {
    DuplicateLogin: LABELS.LogoutDuplicateLogin,
    DuplicateLoginInSameBrowser: LABELS.LogoutDuplicateLoginInSameBrowser,
    MaintenanceLogout: LABELS.LogoutMaintenance,
    OmniSupervisorLogout: LABELS.LogoutSupervisor
};

/** Why Omni logged the rep out, in words (null when Omni gave no reason the kit knows). */
export function logoutText(reason: OmniLogoutReason | null): string | null {
    return reason ? (LOGOUT_TEXT[reason] ?? null) : null;
}

/**
 * The body of a new-work notice (desktop notification, screen reader announcement): the
 * record's name when Apex has described it, else its channel, else a plain sentence.
 */
export function newWorkNotice(workItemId: string, summary: WorkItemSummary | undefined): string {
    // objectApiName is empty on the stand-in summary of a record Apex could not describe.
    if (summary?.title && summary.objectApiName) return formatLabel(LABELS.NewWork, joinParts(summary.title, summary.subtitle));
    const channel = summary?.objectLabel || channelLabelOf(workItemId);
    return channel ? formatLabel(LABELS.NewWork, channel) : LABELS.NewWorkWaiting;
}
