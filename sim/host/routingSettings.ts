/**
 * The pane's "Routing settings": the settings that decide where work goes in the running
 * scenario's org (the demo org with the scenario's presenceConfigs, channels and
 * routingConfigs applied): per presence configuration the capacities, decline, auto-accept
 * and after conversation work; per channel the capacity model and whether its work is
 * interruptible; per routing configuration the model, priority, push time-out, weight, capacity
 * type and when additional skills drop. With the event log's rule for each assignment ("tie: longest since last
 * work"), an admin sees why a work went where it went.
 */
import type { PresenceConfiguration, RoutingConfiguration, ServiceChannel } from '../engine/model';
import { h, rerender } from './dom';
import type { PageWorld } from './world';

type Org = PageWorld['run']['org'];

function table(caption: string, id: string, head: string[], rows: string[][]): HTMLTableElement {
    return h('table', { class: 'slds-table slds-table_bordered slds-table_cell-buffer sim-settings', data: { id } }, [
        h('caption', { class: 'slds-text-title', text: caption }),
        h('thead', {}, [
            h(
                'tr',
                {},
                head.map((text) => h('th', { text, attrs: { scope: 'col' } }))
            )
        ]),
        h(
            'tbody',
            {},
            rows.map((cells) =>
                h(
                    'tr',
                    {},
                    cells.map((text, i) => (i === 0 ? h('th', { text, attrs: { scope: 'row' } }) : h('td', { text })))
                )
            )
        )
    ]);
}

const onOff = (value: boolean | undefined) => (value ? 'on' : 'off');

export function presenceRows(configs: readonly PresenceConfiguration[]): string[][] {
    return configs.map((c) => [
        c.developerName,
        String(c.capacity),
        String(c.interruptibleCapacity),
        c.declineAllowed ? (c.declineReasonsEnabled ? 'on, with reasons' : 'on') : 'off',
        onOff(c.autoAccept),
        c.afterConversationWorkMs ? `${c.afterConversationWorkMs / 1000} s` : 'none'
    ]);
}

export function channelRows(channels: readonly ServiceChannel[]): string[][] {
    return channels.map((c) => [
        c.developerName,
        c.capacityModel === 'TabBased' ? 'Tab-based' : 'Status-based',
        c.relatedEntity === 'LiveChatTranscript' ? 'primary (always, chat)' : c.isInterruptible ? 'interruptible' : 'primary'
    ]);
}

export function routingRows(routingConfigs: readonly RoutingConfiguration[]): string[][] {
    return routingConfigs.map((r) => [
        r.developerName,
        r.routingModel,
        String(r.routingPriority),
        r.pushTimeoutMs ? `${r.pushTimeoutMs / 1000} s` : 'none',
        r.capacityWeight !== null ? `${r.capacityWeight} units` : `${r.capacityPercentage ?? 0}%`,
        r.capacityType === 'Interruptible' || r.capacityType === 'Primary' ? r.capacityType.toLowerCase() : 'inherited from the channel',
        r.dropAdditionalSkillsTimeoutMs ? `after ${r.dropAdditionalSkillsTimeoutMs / 1000} s` : 'never'
    ]);
}

export function createRoutingSettings(): { element: HTMLElement; render(org: Org): void } {
    const element = h('div', { class: 'sim-pane__stack', data: { id: 'routing-settings' } });
    let shown: Org | null = null;
    return {
        element,
        render(org) {
            if (org === shown) return;
            shown = org;
            rerender(element, [
                h('p', {
                    class: 'slds-text-body_small slds-text-color_weak',
                    text: 'Ties between equally available reps go to the one who received work longest ago; the event log names the rule behind each assignment.'
                }),
                table(
                    'Presence configurations',
                    'presence-configs',
                    ['Name', 'Capacity', 'Interruptible capacity', 'Decline', 'Auto-accept', 'After conversation work'],
                    presenceRows(org.configs)
                ),
                table('Service channels', 'channels', ['Name', 'Capacity model', 'Capacity used'], channelRows(org.channels)),
                table(
                    'Routing configurations',
                    'routing-configs',
                    ['Name', 'Model', 'Priority', 'Push time-out', 'Weight', 'Capacity type', 'Additional skills dropped'],
                    routingRows(org.routingConfigs)
                )
            ]);
        }
    };
}
