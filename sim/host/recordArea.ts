/**
 * The console's workspace tabs and record area, as a Lightning console shows them: a tab
 * per work the rep has accepted (the record Omni-Channel opened), the newest in front.
 * Read from the world (the engine's AgentWork and work items), not from the panel: this is
 * the console around the kit, not the kit.
 */
import { h, rerender } from './dom';
import type { PageWorld } from './world';

export function createRecordArea(tabs: HTMLElement, record: HTMLElement): { render(world: PageWorld): void } {
    const placeholder = [...record.childNodes];
    return {
        render(world) {
            const rep = world.agents().find((a) => a.isRep);
            const open = (rep?.works ?? []).filter((w) => w.status === 'Opened');
            const front = open[open.length - 1];
            rerender(tabs, [
                h('span', { class: `console-tabs__tab ${front ? '' : 'console-tabs__tab_active'}`, text: 'Home' }),
                ...open.map((w) =>
                    h('span', {
                        class: `console-tabs__tab ${w === front ? 'console-tabs__tab_active' : ''}`,
                        text: `${w.title}`,
                        attrs: { title: w.subtitle ?? undefined }
                    })
                )
            ]);
            if (!front) {
                record.replaceChildren(...placeholder);
                return;
            }
            rerender(record, [
                h('p', { class: 'slds-text-title_caps', text: `${front.channel} \u00b7 ${front.workItemId}` }),
                h('p', { class: 'slds-text-heading_medium', text: front.title }),
                front.subtitle ? h('p', { class: 'slds-m-top_x-small', text: front.subtitle }) : null,
                front.flag?.isFlagged
                    ? h('p', {
                          class: 'slds-m-top_small slds-text-color_error',
                          text: `Flagged${front.flag.message ? `: ${front.flag.message}` : ''}`
                      })
                    : null,
                h('p', {
                    class: 'slds-text-color_weak slds-m-top_small',
                    text: 'Omni-Channel opened this record when you accepted the work; closing the work in the Omni-Channel utility closes it.'
                })
            ]);
        }
    };
}
