/**
 * Loading a scenario into the page: from the shipped ones (bundled at build time) or from
 * a file the person picks or drops. Every file goes through sim/scenario's validator
 * first; a file with problems is refused with each problem as file:line:column: path:
 * message, and the page keeps the scenario it had (load() is only called with a valid
 * scenario, and the caller swaps worlds only once the new one is built).
 */
import shipped from 'omni-sim:scenarios';
import { loadDefaultScenario } from '../scenario/runner';
import { ScenarioError, formatProblem, type Scenario } from '../scenario/scenario';
import { button, h, select, selectField, uid } from './dom';

export type ParseOutcome = { ok: true; scenario: Scenario } | { ok: false; file: string; problems: string[] };

export const SHIPPED_SCENARIOS = shipped;

/** Validates a scenario's text; never throws. */
export function parseScenario(text: string, file: string): ParseOutcome {
    try {
        return { ok: true, scenario: loadDefaultScenario(text, file) };
    } catch (error) {
        if (error instanceof ScenarioError) return { ok: false, file, problems: error.problems.map(formatProblem) };
        return { ok: false, file, problems: [`${file}: ${error instanceof Error ? error.message : String(error)}`] };
    }
}

export function shippedScenario(name: string): { text: string; file: string } | undefined {
    return shipped.find((s) => s.name === name);
}

export interface ScenarioLoader {
    element: HTMLElement;
    showProblems(file: string, problems: string[]): void;
    clearProblems(): void;
}

/**
 * The loader's controls. `load` builds and swaps in the new world; it throws (with a
 * message) when the scenario cannot be set up, and the loader reports that like a
 * validation problem.
 */
export function createScenarioLoader(load: (scenario: Scenario) => void): ScenarioLoader {
    const problemsBox = h('div', { data: { id: 'scenario-problems' } });

    const clearProblems = () => problemsBox.replaceChildren();
    const showProblems = (file: string, problems: string[]) => {
        const close = h('button', {
            class: 'slds-button slds-button_icon slds-button_icon-inverse slds-notify__close',
            text: '\u2715',
            attrs: { type: 'button', 'aria-label': 'Dismiss the scenario error' },
            on: { click: clearProblems }
        });
        problemsBox.replaceChildren(
            h('div', { class: 'slds-notify slds-notify_alert slds-alert_error sim-pane__alert', attrs: { role: 'alert' } }, [
                h('div', { class: 'sim-pane__alert-body' }, [
                    h('h3', { class: 'slds-text-heading_small', text: `Scenario not loaded: ${file}` }),
                    h(
                        'ul',
                        { class: 'sim-pane__problems' },
                        problems.map((p) => h('li', { text: p }))
                    ),
                    h('p', { text: 'Nothing changed: the page keeps the scenario it had.' })
                ]),
                close
            ])
        );
    };

    const tryLoad = (text: string, file: string) => {
        const outcome = parseScenario(text, file);
        if (!outcome.ok) {
            showProblems(outcome.file, outcome.problems);
            return;
        }
        try {
            load(outcome.scenario);
            clearProblems();
        } catch (error) {
            showProblems(file, [`${file}: ${error instanceof Error ? error.message : String(error)}`]);
        }
    };

    const picker = select(shipped.map((s) => ({ value: s.name, label: s.name })));
    picker.dataset.id = 'shipped-scenario';
    const loadShipped = button('Load', () => {
        const s = shippedScenario(picker.value);
        if (s) tryLoad(s.text, s.file);
    });
    loadShipped.setAttribute('aria-label', 'Load the chosen shipped scenario');

    const fileInputId = uid('scenario-file');
    const labelId = uid('scenario-file-label');
    const fileInput = h('input', {
        class: 'slds-file-selector__input slds-assistive-text',
        attrs: { type: 'file', id: fileInputId, accept: '.yaml,.yml,.json', 'aria-labelledby': labelId },
        data: { id: 'scenario-file' }
    });
    const readFile = async (file: File | undefined) => {
        if (!file) return;
        tryLoad(await file.text(), file.name);
    };
    fileInput.addEventListener('change', () => {
        void readFile(fileInput.files?.[0]).finally(() => {
            fileInput.value = ''; // choosing the same file again reloads it
        });
    });
    const dropzone = h('div', { class: 'slds-file-selector__dropzone' }, [
        fileInput,
        h('label', { class: 'slds-file-selector__body', attrs: { for: fileInputId, id: labelId } }, [
            h('span', { class: 'slds-file-selector__button slds-button slds-button_neutral', text: 'Load a file' }),
            h('span', { class: 'slds-file-selector__text', text: 'or drop a .yaml / .json here' })
        ])
    ]);
    dropzone.addEventListener('dragover', (event) => {
        event.preventDefault();
        dropzone.classList.add('slds-has-drag-over');
    });
    dropzone.addEventListener('dragleave', () => dropzone.classList.remove('slds-has-drag-over'));
    dropzone.addEventListener('drop', (event) => {
        event.preventDefault();
        dropzone.classList.remove('slds-has-drag-over');
        void readFile(event.dataTransfer?.files[0]);
    });

    const element = h('div', { class: 'sim-pane__stack' }, [
        h('div', { class: 'sim-pane__row sim-pane__row_end' }, [selectField('Shipped scenario', picker), loadShipped]),
        h('div', { class: 'slds-form-element' }, [
            h('span', { class: 'slds-form-element__label', text: 'Scenario file (JSON or YAML)' }),
            h('div', { class: 'slds-form-element__control' }, [
                h('div', { class: 'slds-file-selector slds-file-selector_files' }, [dropzone])
            ])
        ]),
        problemsBox
    ]);
    return { element, showProblems, clearProblems };
}
