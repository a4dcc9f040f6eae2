/**
 * Tiny DOM builders for the preview's own chrome (the control pane): elements are made with
 * createElement and text goes in as textContent, never as HTML, so nothing a scenario file
 * or a form field holds can become markup.
 */
export type Child = Node | string | null | undefined | false;

export interface Props {
    class?: string;
    text?: string;
    attrs?: Record<string, string | number | boolean | undefined>;
    data?: Record<string, string>;
    on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, children: Child[] = []): HTMLElementTagNameMap[K] {
    const el = document.createElement(tag);
    if (props.class) el.className = props.class;
    if (props.text !== undefined) el.textContent = props.text;
    for (const [name, value] of Object.entries(props.attrs ?? {})) {
        if (value === undefined || value === false) continue;
        el.setAttribute(name, value === true ? '' : String(value));
    }
    for (const [name, value] of Object.entries(props.data ?? {})) el.dataset[name] = value;
    for (const [type, listener] of Object.entries(props.on ?? {})) el.addEventListener(type, listener as EventListener);
    for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
    return el;
}

let nextId = 0;
/** A page-unique id for label/for and aria pairs. */
export function uid(prefix: string): string {
    nextId += 1;
    return `${prefix}-${nextId}`;
}

export type ButtonVariant = 'neutral' | 'brand' | 'destructive' | 'outline-brand' | 'text-destructive';

export function button(label: string, onClick: () => void, options: { variant?: ButtonVariant; key?: string; title?: string } = {}) {
    return h('button', {
        class: `slds-button slds-button_${options.variant ?? 'neutral'}`,
        text: label,
        attrs: { type: 'button', title: options.title },
        data: options.key ? { key: options.key } : undefined,
        on: { click: onClick }
    });
}

/** An SLDS form element: the label is tied to the control by id. */
export function field(label: string, control: HTMLElement, options: { help?: string } = {}): HTMLDivElement {
    const id = control.id || uid('field');
    control.id = id;
    return h('div', { class: 'slds-form-element' }, [
        h('label', { class: 'slds-form-element__label', text: label, attrs: { for: id } }),
        h('div', { class: 'slds-form-element__control' }, [control]),
        options.help ? h('div', { class: 'slds-form-element__help', text: options.help }) : null
    ]);
}

export interface Option {
    value: string;
    label: string;
}

export function select(options: readonly Option[], value?: string, name?: string): HTMLSelectElement {
    const el = h('select', { class: 'slds-select', attrs: { name } });
    setOptions(el, options, value);
    return el;
}

/** Replaces a select's options, keeping the chosen value when it is still offered. */
export function setOptions(el: HTMLSelectElement, options: readonly Option[], value = el.value): void {
    el.replaceChildren(...options.map((o) => h('option', { text: o.label, attrs: { value: o.value } })));
    if (options.some((o) => o.value === value)) el.value = value;
}

/** A select in its SLDS container (the container draws the arrow). */
export function selectField(label: string, el: HTMLSelectElement): HTMLDivElement {
    const wrapped = field(label, el);
    const control = wrapped.querySelector('.slds-form-element__control')!;
    control.replaceChildren(h('div', { class: 'slds-select_container' }, [el]));
    return wrapped;
}

export function input(
    type: 'text' | 'number',
    options: { value?: string; min?: number; max?: number; placeholder?: string; name?: string } = {}
) {
    const el = h('input', {
        class: 'slds-input',
        attrs: { type, min: options.min, max: options.max, placeholder: options.placeholder, name: options.name }
    });
    if (options.value !== undefined) el.value = options.value;
    return el;
}

export function checkbox(label: string, checked = false): { root: HTMLDivElement; input: HTMLInputElement } {
    const id = uid('checkbox');
    const el = h('input', { attrs: { type: 'checkbox', id } });
    el.checked = checked;
    const root = h('div', { class: 'slds-form-element' }, [
        h('div', { class: 'slds-form-element__control' }, [
            h('div', { class: 'slds-checkbox' }, [
                el,
                h('label', { class: 'slds-checkbox__label', attrs: { for: id } }, [
                    h('span', { class: 'slds-checkbox_faux' }),
                    h('span', { class: 'slds-form-element__label', text: label })
                ])
            ])
        ])
    ]);
    return { root, input: el };
}

/** A collapsible section of the pane, with a heading a screen reader can jump to. */
export function section(title: string, body: Child[], options: { id?: string } = {}): HTMLElement {
    const headingId = uid('section');
    return h('section', { class: 'sim-pane__section', attrs: { 'aria-labelledby': headingId, id: options.id } }, [
        h('h2', { class: 'slds-text-title_caps sim-pane__heading', text: title, attrs: { id: headingId } }),
        ...body
    ]);
}

/**
 * Re-renders a container and gives focus back to the element that had it (matched by
 * data-key), so a keyboard user acting from a list that re-renders keeps their place.
 */
export function rerender(container: HTMLElement, children: Child[]): void {
    const active = document.activeElement as HTMLElement | null;
    const key = active && container.contains(active) ? active.dataset.key : undefined;
    container.replaceChildren(...(children.filter(Boolean) as Array<Node | string>));
    if (key) container.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus();
}
