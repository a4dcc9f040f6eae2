/**
 * The utility bar as the rep sees it, drawn from a ConsoleUtilityBar (platform/console): one
 * button per utility of the flexipage's utilityItems region, in its order, with its label and
 * icon decorators (or what the component later set through lightning:utilityBarAPI), its
 * highlight, and a panel of the flexipage's width and height docked above it. Background
 * items get no button and no panel: they do not appear in the utility bar (*Using Background
 * Utility Items*, Console Developer Guide).
 *
 * DOM hooks (e2e, screenshots): the button is `#utility-item-<identifier>` with
 * data-identifier and data-component; its panel `#utility-panel-<identifier>`.
 */
import type { ConsoleUtility, ConsoleUtilityBar, UtilityBarHosts } from '../../platform/console/utilityBar';
import { h } from './dom';
import { icon } from './shell';

/** Defaults of an utility item with no width/height decorator (App Builder's 340 x 480). */
const DEFAULT_WIDTH = 340;
const DEFAULT_HEIGHT = 480;

/** A DOM id made of an identifier (letters, digits, _ and - kept). */
export function utilityDomId(kind: 'item' | 'panel', identifier: string): string {
    return `utility-${kind}-${identifier.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** `omni_channel` (a decorator) and `utility:omni_channel` both name the SLDS utility icon. */
function iconName(name: string | undefined): string {
    if (!name) return 'utility:apps';
    return name.includes(':') ? name : `utility:${name}`;
}

export interface UtilityBarView {
    /** The hosts to build the bar with (its panels go into the view's panel layer). */
    readonly hosts: UtilityBarHosts;
    /** Draws the bar's buttons and follows its changes; a previous bar's buttons are dropped. */
    show(bar: ConsoleUtilityBar): void;
}

export function createUtilityBarView(footer: HTMLElement, panelLayer: HTMLElement): UtilityBarView {
    let bar: ConsoleUtilityBar | null = null;
    let stop: () => void = () => undefined;
    const buttons = new Map<string, { item: HTMLButtonElement; label: HTMLElement; iconSlot: HTMLElement; icon: string }>();
    const titles = new Map<string, HTMLElement>();

    const hosts: UtilityBarHosts = {
        createPanel(utility) {
            const { spec } = utility;
            const title = h('h2', {
                class: 'utility-panel__title',
                text: utility.label,
                attrs: { id: `${utilityDomId('panel', spec.identifier)}-title` }
            });
            titles.set(utility.id, title);
            const body = h('div', { class: 'utility-panel__body' });
            const minimizeIcon = h('span', { attrs: { 'aria-hidden': 'true' } }, [icon('utility:minimize_window', 'x-small')]);
            const panel = h(
                'section',
                {
                    class: 'utility-panel',
                    attrs: { id: utilityDomId('panel', spec.identifier), 'aria-labelledby': title.id },
                    data: { identifier: spec.identifier, component: spec.componentName }
                },
                [
                    h('header', { class: 'utility-panel__header' }, [
                        title,
                        h(
                            'button',
                            {
                                class: 'slds-button slds-button_icon utility-panel__minimize',
                                attrs: { type: 'button', title: 'Minimize' },
                                data: { action: 'minimize' },
                                on: {
                                    click: () => {
                                        bar?.minimize(utility.id);
                                        buttons.get(utility.id)?.item.focus();
                                    }
                                }
                            },
                            [minimizeIcon, h('span', { class: 'slds-assistive-text', text: 'Minimize' })]
                        )
                    ]),
                    body
                ]
            );
            panel.style.width = `${spec.width ?? DEFAULT_WIDTH}px`;
            panel.style.height = `${spec.height ?? DEFAULT_HEIGHT}px`;
            panelLayer.append(panel);
            return { panel, body };
        },
        onError(utility, error) {
            // The console shows a component error where the component would be; the page log has it too.
            console.error(`utility ${utility.spec.identifier} (${utility.spec.componentName}):`, error);
        }
    };

    const render = (utility: Readonly<ConsoleUtility>) => {
        const button = buttons.get(utility.id);
        if (!button) return;
        button.label.textContent = utility.label;
        const title = titles.get(utility.id);
        if (title) title.textContent = utility.label;
        const wanted = iconName(utility.icon);
        if (button.icon !== wanted) {
            button.iconSlot.replaceChildren(icon(wanted, 'x-small'));
            button.icon = wanted;
        }
        button.item.classList.toggle('utility-item_highlighted', utility.highlighted);
        button.item.classList.toggle('utility-item_open', utility.open);
        button.item.setAttribute('aria-expanded', String(utility.open));
        if (utility.panel) {
            button.item.setAttribute('aria-controls', utility.panel.id);
            // Docked above its own button, as the console docks a utility panel.
            if (utility.open) utility.panel.style.left = `${Math.max(4, button.item.offsetLeft)}px`;
        }
        if (utility.failure && utility.container && !utility.container.querySelector('[data-id="utility-failure"]')) {
            utility.container.prepend(
                h(
                    'div',
                    { class: 'slds-notify slds-notify_alert slds-alert_error', attrs: { role: 'alert' }, data: { id: 'utility-failure' } },
                    [h('span', { text: `This utility's component failed: ${utility.failure}` })]
                )
            );
        }
    };

    return {
        hosts,
        show(next) {
            stop();
            bar = next;
            buttons.clear();
            const items: HTMLElement[] = [];
            for (const utility of next.utilities) {
                if (utility.spec.region !== 'utility') continue;
                const iconSlot = h('span', { class: 'utility-item__icon', attrs: { 'aria-hidden': 'true' } });
                const label = h('span', { class: 'utility-item__label' });
                const item = h(
                    'button',
                    {
                        class: 'utility-item',
                        attrs: { id: utilityDomId('item', utility.spec.identifier), type: 'button', 'aria-expanded': 'false' },
                        data: { identifier: utility.spec.identifier, component: utility.spec.componentName },
                        on: { click: () => next.toggle(utility.id) }
                    },
                    [iconSlot, label]
                );
                buttons.set(utility.id, { item, label, iconSlot, icon: '' });
                items.push(item);
            }
            footer.replaceChildren(...items);
            next.utilities.forEach(render);
            stop = next.onChange(render);
        }
    };
}
