/** The pane's live log: the last SimEvents (and scenario steps), newest first, on the virtual clock. */
import { formatClock } from './clock';
import { h, rerender } from './dom';
import type { LogEntry } from './world';

const SHOWN = 40;

export function createEventLog(): { element: HTMLElement; render(entries: readonly LogEntry[]): void } {
    const list = h('ol', {
        class: 'sim-log',
        attrs: { role: 'log', 'aria-label': 'Simulator events, newest first' },
        data: { id: 'event-log' }
    });
    let lastSeq = -1;
    return {
        element: list,
        render(entries) {
            const newest = entries[entries.length - 1]?.seq ?? -1;
            if (newest === lastSeq) return;
            lastSeq = newest;
            rerender(
                list,
                entries
                    .slice(-SHOWN)
                    .reverse()
                    .map((e) => h('li', {}, [h('span', { class: 'sim-log__time', text: formatClock(e.at) }), h('span', { text: e.text })]))
            );
        }
    };
}
