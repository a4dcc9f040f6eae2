/**
 * What a supervisor does to work in progress: raise or lower a flag on it, transfer it
 * to a queue or to an agent (the engine's transfer: a new PSR with IsTransfer).
 */
import { button, field, h, input, select, selectField, setOptions } from './dom';
import type { PaneContext } from './paneContext';
import type { PageOrg } from './world';

export function createSupervisorControls(ctx: PaneContext, org: PageOrg): { element: HTMLElement; render(): void } {
    const work = select([], '', 'supervisor-work');
    const message = input('text', { value: 'Customer asked for a manager', name: 'flag-message' });
    const queue = select(
        org.queues.map((q) => ({ value: q.name, label: q.name })),
        'Support',
        'transfer-queue'
    );
    const agent = select([], '', 'transfer-agent');
    const chosen = () => work.value;
    const need = (what: string, run: (workId: string) => void) => () =>
        ctx.act(what, () => {
            if (!chosen()) throw new Error('choose a work in progress first');
            run(chosen());
        });

    const element = h('div', { class: 'sim-pane__stack' }, [
        selectField('Work in progress', work),
        h('div', { class: 'sim-pane__row sim-pane__row_end' }, [
            field('Flag message', message),
            button(
                'Raise flag',
                need('Raise flag', (id) => ctx.world().raiseFlag(id, message.value.trim() || null))
            ),
            button(
                'Lower flag',
                need('Lower flag', (id) => ctx.world().lowerFlag(id))
            )
        ]),
        h('div', { class: 'sim-pane__row sim-pane__row_end' }, [
            selectField('Transfer to queue', queue),
            button(
                'Transfer to queue',
                need('Transfer to queue', (id) => ctx.world().transferToQueue(id, queue.value))
            )
        ]),
        h('div', { class: 'sim-pane__row sim-pane__row_end' }, [
            selectField('Transfer to agent', agent),
            button(
                'Transfer to agent',
                need('Transfer to agent', (id) => ctx.world().transferToAgent(id, agent.value))
            )
        ])
    ]);
    // The buttons' visible text repeats the select's label; their names say what they do.
    for (const b of element.querySelectorAll('button')) b.setAttribute('aria-label', `${b.textContent} (supervisor)`);

    return {
        element,
        render() {
            const world = ctx.world();
            const agents = world.agents();
            const works = agents.flatMap((a) =>
                a.works.map((w) => ({
                    value: w.workId,
                    label: `${w.title} \u2014 ${a.name} (${w.status === 'Opened' ? 'in progress' : 'assigned'})`
                }))
            );
            setOptions(work, works.length ? works : [{ value: '', label: 'No work in progress' }]);
            setOptions(
                agent,
                agents.map((a) => ({ value: a.userId, label: a.isRep ? `${a.name} (you)` : a.name }))
            );
        }
    };
}
