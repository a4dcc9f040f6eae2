/**
 * The virtual clock's controls. The engine has no time of its own: it moves only when
 * advance(ms) is called, so push time-outs and skill drops happen when a person steps the
 * clock (+1 s, +10 s, +1 min) or lets it run at a multiple of real time. The panel's own
 * "time since assigned" reads the browser's clock (Date.now), not this one: see
 * docs/scenarios.md.
 */
import { button, h, select, selectField } from './dom';

const TICK_MS = 250;
export const SPEEDS = [1, 10, 60] as const;

export interface ClockControls {
    element: HTMLElement;
    /** Redraws the time (call on every world change). */
    show(elapsedMs: number): void;
    pause(): void;
    readonly running: boolean;
}

/** "00:01:05" for 65,000 ms. */
export function formatClock(ms: number): string {
    const total = Math.floor(ms / 1000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${pad(Math.floor(total / 3600))}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
}

export function createClockControls(advance: (ms: number) => void): ClockControls {
    let timer: ReturnType<typeof setInterval> | null = null;
    const time = h('span', {
        class: 'sim-clock__time',
        text: formatClock(0),
        data: { id: 'clock-time' },
        attrs: { role: 'timer', 'aria-label': 'Virtual clock' }
    });
    const speed = select(SPEEDS.map((s) => ({ value: String(s), label: `${s}x real time` })));
    speed.dataset.id = 'clock-speed';
    const runButton = button('Run', () => (timer ? pause() : run()), { variant: 'brand', key: 'clock-run' });
    runButton.setAttribute('aria-pressed', 'false');

    function run(): void {
        // Each tick moves the virtual clock by the real time passed, times the speed.
        let last = performance.now();
        timer = setInterval(() => {
            const now = performance.now();
            advance(Math.round((now - last) * Number(speed.value)));
            last = now;
        }, TICK_MS);
        runButton.textContent = 'Pause';
        runButton.setAttribute('aria-pressed', 'true');
    }

    function pause(): void {
        if (timer) clearInterval(timer);
        timer = null;
        runButton.textContent = 'Run';
        runButton.setAttribute('aria-pressed', 'false');
    }

    const step = (label: string, ms: number, name: string) => {
        const b = button(label, () => advance(ms), { key: `clock-${label}` });
        b.setAttribute('aria-label', name);
        return b;
    };

    const element = h('div', { class: 'sim-pane__stack' }, [
        h('div', { class: 'sim-clock' }, [
            time,
            h('div', { class: 'slds-button-group', attrs: { role: 'group', 'aria-label': 'Step the clock' } }, [
                step('+1 s', 1000, 'Step the clock 1 second'),
                step('+10 s', 10_000, 'Step the clock 10 seconds'),
                step('+1 min', 60_000, 'Step the clock 1 minute')
            ])
        ]),
        h('div', { class: 'sim-pane__row sim-pane__row_end' }, [runButton, selectField('Speed', speed)])
    ]);

    return {
        element,
        show(elapsedMs) {
            time.textContent = formatClock(elapsedMs);
        },
        pause,
        get running() {
            return timer !== null;
        }
    };
}
