/** The pane's live log: the last SimEvents (and scenario steps), newest first, on the virtual clock. */
import { formatClock } from './clock';
import { checkbox, h, rerender } from './dom';
import type { LogEntry } from './world';

const SHOWN = 40;

export function createEventLog(): { element: HTMLElement; render(entries: readonly LogEntry[]): void } {
    const list = h('ol', {
        class: 'sim-log',
        attrs: { role: 'log', 'aria-label': 'Simulator events, newest first' },
        data: { id: 'event-log' }
    });
    const psr = checkbox('Show PendingServiceRouting changes', false);
    let shown: readonly LogEntry[] = [];
    let lastKey = '';
    const draw = (entries: readonly LogEntry[]) => {
        shown = entries;
        const key = `${entries[entries.length - 1]?.seq ?? -1}/${psr.input.checked}`;
        if (key === lastKey) return;
        lastKey = key;
        rerender(
            list,
            entries
                .filter((e) => psr.input.checked || !e.isPsr)
                .slice(-SHOWN)
                .reverse()
                .map((e) => h('li', {}, [h('span', { class: 'sim-log__time', text: formatClock(e.at) }), h('span', { text: e.text })]))
        );
    };
    psr.input.addEventListener('change', () => draw(shown));
    return { element: h('div', { class: 'sim-pane__stack' }, [psr.root, list]), render: draw };
}
