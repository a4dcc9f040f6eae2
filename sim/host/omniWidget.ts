/**
 * A stand-in for Salesforce's own Omni-Channel utility (`runtime_service_omnichannel:omniWidget`),
 * which only an org has. It shows the rep's presence status as the simulated org has it and
 * says where Omni is played on this page: the control pane. It hears no application event
 * and runs none of the kit's code; the kit's own utilities do.
 */
import type { MountedUtilityComponent, UtilityMountContext } from '../../platform/console/types';
import { h } from './dom';
import type { PageWorld } from './world';

export function mountOmniWidget(world: PageWorld, context: UtilityMountContext): MountedUtilityComponent {
    const status = h('p', { class: 'slds-text-heading_small', data: { id: 'omni-widget-status' } });
    const root = h('div', { class: 'slds-p-around_small omni-widget', data: { id: 'omni-widget' } }, [
        h('p', { class: 'slds-text-title_caps slds-m-bottom_xx-small', text: 'Your presence status' }),
        status,
        h('p', {
            class: 'slds-text-body_small slds-text-color_weak slds-m-top_small',
            text:
                "This is a stand-in for Salesforce's Omni-Channel utility, which only an org has. " +
                'Omni-Channel itself is played by the control pane on the right: routing, your status and connection, other agents and the clock.'
        })
    ]);
    const render = () => {
        const rep = world.agents().find((a) => a.isRep);
        status.textContent = !rep || !rep.loggedIn ? 'Offline' : rep.connected ? rep.statusLabel : `${rep.statusLabel} (connection lost)`;
    };
    render();
    const stop = world.onChange(render);
    context.container?.append(root);
    return {
        // Omni's own widget is the source of these events, not a listener the kit relies on.
        fireApplicationEvent: () => undefined,
        destroy() {
            stop();
            root.remove();
        }
    };
}
