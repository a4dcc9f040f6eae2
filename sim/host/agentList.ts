/**
 * The pane's view of the floor: every agent with status, load / capacity and works, with
 * controls to act for the other agents (log in or out, change status, accept, decline,
 * close), and the work waiting in queues. The rep's own works are acted on in the panel,
 * as a rep would; here they are only shown.
 */
import { button, h, rerender, select, type Child } from './dom';
import type { PaneContext } from './paneContext';
import type { AgentRow, WaitingRow, WorkRow } from './world';

const OFFLINE = '';

export function createAgentList(ctx: PaneContext): { element: HTMLElement; render(): void } {
    const list = h('ul', { class: 'sim-agents', data: { id: 'agents' } });
    const waiting = h('div', { data: { id: 'waiting' } });
    const element = h('div', { class: 'sim-pane__stack' }, [
        list,
        h('h3', { class: 'slds-text-title sim-pane__subheading', text: 'Waiting for an agent' }),
        waiting
    ]);

    const render = () => {
        const world = ctx.world();
        rerender(
            list,
            world.agents().map((a) => agentItem(ctx, a))
        );
        const rows = world.waiting();
        rerender(
            waiting,
            rows.length
                ? [h('ul', { class: 'sim-waiting' }, rows.map(waitingItem))]
                : [h('p', { class: 'slds-text-color_weak slds-text-body_small', text: 'No work is waiting.' })]
        );
    };
    return { element, render };
}

function agentItem(ctx: PaneContext, a: AgentRow): HTMLLIElement {
    const world = ctx.world();
    const statuses = world.org.statuses.map((s) => ({ value: s.developerName, label: s.label }));
    const status = select(
        [{ value: OFFLINE, label: 'Offline' }, ...statuses],
        a.loggedIn ? (world.engine.getStatus(a.statusId!)?.developerName ?? OFFLINE) : OFFLINE
    );
    status.setAttribute('aria-label', `Status of ${a.name}`);
    status.dataset.key = `status-${a.userId}`;
    status.addEventListener('change', () => {
        const value = status.value;
        if (value === OFFLINE) ctx.act(`Log ${a.name} out`, (w) => w.logout(a.userId));
        else if (a.loggedIn) ctx.act(`Set ${a.name}'s status`, (w) => w.setStatus(a.userId, value));
        else ctx.act(`Log ${a.name} in`, (w) => w.login(a.userId, value));
    });
    const atCapacity = a.loggedIn && a.workload >= a.capacity;
    const badges: Child[] = [
        a.isRep ? h('span', { class: 'slds-badge slds-badge_inverse', text: 'you' }) : null,
        h('span', { class: `slds-badge ${a.loggedIn ? 'slds-theme_success' : ''}`, text: a.statusLabel, data: { id: 'agent-status' } }),
        atCapacity ? h('span', { class: 'slds-badge slds-theme_warning', text: 'At capacity' }) : null,
        a.connected ? null : h('span', { class: 'slds-badge slds-theme_error', text: 'Connection lost' })
    ];
    return h('li', { class: 'sim-agent', data: { agent: a.name, userId: a.userId } }, [
        h('div', { class: 'sim-agent__head' }, [h('span', { class: 'sim-agent__name', text: a.name }), ...badges]),
        h('div', { class: 'sim-agent__meta slds-text-body_small' }, [
            h('span', { text: `Load ${a.workload}/${a.capacity}`, data: { id: 'agent-load' } }),
            h('span', { text: ` \u00b7 interruptible ${a.interruptibleWorkload}/${a.interruptibleCapacity}` }),
            h('span', { class: 'slds-text-color_weak', text: ` \u00b7 ${a.configName}` })
        ]),
        h('div', { class: 'sim-agent__controls' }, [h('div', { class: 'slds-select_container' }, [status])]),
        a.works.length
            ? h(
                  'ul',
                  { class: 'sim-works' },
                  a.works.map((w) => workItem(ctx, a, w))
              )
            : null
    ]);
}

function workItem(ctx: PaneContext, a: AgentRow, w: WorkRow): HTMLLIElement {
    const actions: Child[] = a.isRep
        ? []
        : [
              w.status === 'Assigned'
                  ? actionButton(`Accept ${w.title} for ${a.name}`, 'Accept', `accept-${w.workId}`, () =>
                        ctx.act(`Accept ${w.title}`, (world) => world.accept(a.userId, w.workId))
                    )
                  : null,
              w.status === 'Assigned'
                  ? actionButton(`Decline ${w.title} for ${a.name}`, 'Decline', `decline-${w.workId}`, () =>
                        ctx.act(`Decline ${w.title}`, (world) => world.decline(a.userId, w.workId, null))
                    )
                  : null,
              actionButton(`Close ${w.title} for ${a.name}`, 'Close', `close-${w.workId}`, () =>
                  ctx.act(`Close ${w.title}`, (world) => world.close(a.userId, w.workId))
              )
          ];
    return h('li', { class: 'sim-work', data: { work: w.title } }, [
        h('div', { class: 'sim-work__line' }, [
            h('span', { class: 'sim-work__title', text: w.title }),
            h('span', {
                class: 'slds-text-color_weak',
                text: ` ${w.channel} \u00b7 ${w.status === 'Opened' ? 'in progress' : 'waiting to be accepted'}`
            }),
            w.flag?.isFlagged
                ? h('span', {
                      class: 'slds-badge slds-theme_warning sim-work__flag',
                      text: `Flag (${w.flag.roleUpdatedBy === 'SUPERVISOR' ? 'supervisor' : 'agent'})`
                  })
                : null
        ]),
        w.declinedBy.length
            ? h('div', {
                  class: 'slds-text-body_small sim-work__declined',
                  text: `Declined by ${w.declinedBy.join(', ')}`,
                  data: { id: 'declined-by' }
              })
            : null,
        actions.some(Boolean) ? h('div', { class: 'sim-work__actions' }, actions) : null
    ]);
}

function waitingItem(w: WaitingRow): HTMLLIElement {
    const where = w.queue ? `queue ${w.queue}` : w.preferred ? `for ${w.preferred}` : 'skills-based';
    return h('li', { class: 'sim-work', data: { work: w.title } }, [
        h('div', { class: 'sim-work__line' }, [
            h('span', { class: 'sim-work__title', text: w.title }),
            h('span', { class: 'slds-text-color_weak', text: ` ${w.channel} \u00b7 ${where}` })
        ]),
        w.declinedBy.length
            ? h('div', {
                  class: 'slds-text-body_small sim-work__declined',
                  text: `Declined by ${w.declinedBy.join(', ')}`,
                  data: { id: 'declined-by' }
              })
            : null
    ]);
}

function actionButton(name: string, label: string, key: string, onClick: () => void): HTMLButtonElement {
    const b = button(label, onClick, { key });
    b.setAttribute('aria-label', name);
    return b;
}
