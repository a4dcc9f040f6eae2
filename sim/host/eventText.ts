/**
 * One line of the control pane's event log per SimEvent, in the words a supervisor would
 * use ("00001026 assigned to Bob"), with the toolkit event the rep's console gets where
 * there is one. agentWorkChanged repeats the work* events and is left out.
 */
import type { SimEvent } from '../engine/engine';

export interface Names {
    agent(userId: string): string;
    work(workItemId: string): string;
    status(statusId: string): string;
}

export function describeEvent(event: SimEvent, names: Names): string | null {
    switch (event.type) {
        case 'login':
            return `${names.agent(event.userId)} logged in (${names.status(event.statusId)})`;
        case 'statusChanged':
            return `${names.agent(event.userId)}: status ${names.status(event.statusId)} (${event.reason})`;
        case 'logout':
            return `${names.agent(event.userId)} logged out${event.reason ? ` (${event.reason})` : ''}`;
        case 'connectionError':
            return `${names.agent(event.userId)}: connection error`;
        case 'connectionRestored':
            return `${names.agent(event.userId)}: connection restored`;
        case 'workAssigned':
            // The rule that picked the rep (selection.ts), so an admin sees why it went there.
            return `${names.work(event.work.workItemId)} assigned to ${names.agent(event.userId)} (${event.rule}${event.work.isInterruptible ? ', interruptible capacity' : ''})`;
        case 'afterConversationWork':
            return `${names.work(event.work.workItemId)}: ${names.agent(event.userId)} in after conversation work (capacity held)`;
        case 'workAccepted':
            return `${names.work(event.work.workItemId)} accepted by ${names.agent(event.userId)}`;
        case 'workDeclined':
            return `${names.work(event.work.workItemId)} ${event.work.status === 'DeclinedOnPushTimeout' ? 'timed out with' : event.work.status === 'Unavailable' ? 'taken back from' : 'declined by'} ${names.agent(event.userId)}${event.work.declineReason ? ` (${event.work.declineReason})` : ''}`;
        case 'workClosed':
            return `${names.work(event.work.workItemId)} ${event.work.status === 'Transferred' ? 'transferred away from' : event.work.status === 'Canceled' ? 'canceled for' : 'closed by'} ${names.agent(event.userId)}`;
        case 'workFlagUpdated':
            return `${names.work(event.work.workItemId)}: flag ${event.flag.isFlagged ? 'raised' : 'lowered'} by ${event.flag.roleUpdatedBy === 'SUPERVISOR' ? 'supervisor' : names.agent(event.flag.updatedBy)}`;
        case 'workloadChanged':
            return `${names.agent(event.userId)}: workload ${event.newWorkload}/${event.configuredCapacity}, interruptible ${event.newInterruptibleWorkload}/${event.configuredInterruptibleCapacity}`;
        case 'psrChanged':
            return `PSR ${names.work(event.psr.workItemId)} ${event.change}${event.change === 'updated' ? ` (IsPushed ${event.psr.isPushed}, serial ${event.psr.serial})` : ''}`;
        default:
            return null;
    }
}
