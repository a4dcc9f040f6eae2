/**
 * The control pane's "Utility bar" section: which UtilityBar flexipage the console was built
 * from, what each of its items does at console start (created at once and rendered hidden,
 * created on first open, or a background item that renders nothing), and a file picker to
 * rebuild the console from another flexipage, so a configuration can be tried before it is
 * deployed. A file the console cannot use is refused (main.ts shows the problem above the
 * utility bar) and the console keeps its bar.
 */
import type { UtilityItemSpec } from '../../platform/console/types';
import { h, rerender, uid } from './dom';

export interface UtilityBarControls {
    element: HTMLElement;
    render(): void;
}

function startsWhen(spec: UtilityItemSpec): string {
    if (spec.region === 'background') return 'background item: created at start, renders nothing';
    return spec.eager ? 'starts with the console (hidden until opened)' : 'created when first opened';
}

export function createUtilityBarControls(options: {
    current: () => { file: string; items: readonly UtilityItemSpec[] };
    load: (text: string, file: string) => unknown;
}): UtilityBarControls {
    const summary = h('div', { class: 'sim-pane__stack', data: { id: 'flexipage-summary' } });
    const inputId = uid('flexipage-file');
    const labelId = uid('flexipage-file-label');
    const input = h('input', {
        class: 'slds-file-selector__input slds-assistive-text',
        attrs: { type: 'file', id: inputId, accept: '.xml', 'aria-labelledby': labelId },
        data: { id: 'flexipage-file' }
    });
    input.addEventListener('change', () => {
        const file = input.files?.[0];
        if (!file) return;
        void file
            .text()
            .then((text) => options.load(text, file.name))
            .finally(() => {
                input.value = ''; // choosing the same file again reloads it
            });
    });
    const picker = h('div', { class: 'slds-form-element' }, [
        h('span', { class: 'slds-form-element__label', text: 'UtilityBar flexipage (.flexipage-meta.xml)' }),
        h('div', { class: 'slds-form-element__control' }, [
            h('div', { class: 'slds-file-selector slds-file-selector_files' }, [
                h('div', { class: 'slds-file-selector__dropzone' }, [
                    input,
                    h('label', { class: 'slds-file-selector__body', attrs: { for: inputId, id: labelId } }, [
                        h('span', { class: 'slds-file-selector__button slds-button slds-button_neutral', text: 'Load a file' }),
                        h('span', { class: 'slds-file-selector__text', text: 'rebuilds the console; the scenario restarts' })
                    ])
                ])
            ])
        ])
    ]);
    const element = h('div', { class: 'sim-pane__stack' }, [summary, picker]);
    return {
        element,
        render() {
            const { file, items } = options.current();
            rerender(summary, [
                h('p', { class: 'slds-text-body_small', text: `Built from ${file}` }),
                h(
                    'ul',
                    { class: 'slds-list_dotted slds-text-body_small', data: { id: 'flexipage-items' } },
                    items.map((spec) => h('li', { text: `${spec.label ?? spec.identifier} (${spec.componentName}): ${startsWhen(spec)}` }))
                )
            ]);
        }
    };
}
