/**
 * The pane's two forms: add an agent (name, capacity, status, queues, skills) and add
 * work (channel, queue or skills with a routing configuration - which set priority,
 * capacity weight and push time-out -, preferred agent, required or not, title).
 */
import { button, checkbox, field, h, input, select, selectField, setOptions } from './dom';
import { parseSkills, type PaneContext } from './paneContext';
import { CAPACITY_CHOICES, type PageOrg } from './world';

export function createAddAgentForm(ctx: PaneContext, org: PageOrg): HTMLFormElement {
    const name = input('text', { placeholder: 'Dana', name: 'agent-name' });
    const capacity = select(
        CAPACITY_CHOICES.map((n) => ({ value: String(n), label: String(n) })),
        '5',
        'agent-capacity'
    );
    const status = select(
        [{ value: '', label: 'Offline' }, ...org.statuses.map((s) => ({ value: s.developerName, label: s.label }))],
        'Available',
        'agent-status'
    );
    const queues = org.queues.map((q) => ({ name: q.name, box: checkbox(q.name, q.name === 'Cases') }));
    const skills = input('text', { placeholder: 'English: 5, French: 3', name: 'agent-skills' });
    const form = h('form', { class: 'sim-pane__stack', attrs: { 'aria-label': 'Add an agent' } }, [
        h('div', { class: 'sim-pane__grid' }, [
            field('Name', name),
            selectField('Capacity', capacity),
            selectField('Status', status),
            field('Skills', skills)
        ]),
        h('fieldset', { class: 'slds-form-element' }, [
            h('legend', { class: 'slds-form-element__legend slds-form-element__label', text: 'Queues' }),
            h(
                'div',
                { class: 'sim-pane__row' },
                queues.map((q) => q.box.root)
            )
        ]),
        h('div', {}, [button('Add agent', () => form.requestSubmit(), { variant: 'brand' })])
    ]);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        ctx.act('Add an agent', (world) => {
            world.addAgent({
                name: name.value,
                capacity: Number(capacity.value),
                status: status.value || null,
                queues: queues.filter((q) => q.box.input.checked).map((q) => q.name),
                skills: parseSkills(skills.value)
            });
            name.value = '';
        });
    });
    return form;
}

const SKILLS_BASED = '';

export interface AddWorkForm {
    element: HTMLFormElement;
    /** Refreshes the preferred-agent choices (agents come and go). */
    render(): void;
}

export function createAddWorkForm(ctx: PaneContext, org: PageOrg): AddWorkForm {
    const seconds = (ms: number) => (ms ? `push time-out ${ms / 1000} s` : 'no push time-out');
    const routingText = (id: string) => {
        const r = org.routingConfigs.find((x) => x.id === id || x.developerName === id)!;
        const weight = r.capacityWeight !== null ? `weight ${r.capacityWeight}` : `${r.capacityPercentage}% of capacity`;
        return `${r.developerName}: priority ${r.routingPriority}, ${weight}, ${seconds(r.pushTimeoutMs)}`;
    };
    const channel = select(
        org.channels.map((c) => ({ value: c.developerName, label: `${c.developerName} (${c.kind})` })),
        'Cases',
        'work-channel'
    );
    const queue = select(
        [...org.queues.map((q) => ({ value: q.name, label: q.name })), { value: SKILLS_BASED, label: 'None: skills-based' }],
        'Cases',
        'work-queue'
    );
    const routing = select(
        org.routingConfigs.map((r) => ({ value: r.developerName, label: r.developerName })),
        'Most_Available',
        'work-routing'
    );
    const skills = input('text', { placeholder: 'French: 5', name: 'work-skills' });
    const preferred = select([], '', 'work-preferred');
    const required = checkbox('Preferred agent required (no one else)', false);
    const title = input('text', { placeholder: 'next case number', name: 'work-title' });
    const subtitle = input('text', { placeholder: 'next demo subject', name: 'work-subtitle' });
    const skillsRow = h('div', { class: 'sim-pane__grid' }, [
        selectField('Routing configuration', routing),
        field('Required skills', skills)
    ]);
    // What the queue's routing configuration means for this work: priority, weight, push time-out.
    const routingHelp = h('p', { class: 'slds-text-body_small slds-text-color_weak', data: { id: 'routing-help' } });
    const syncRouting = () => {
        const skillsBased = queue.value === SKILLS_BASED;
        skillsRow.hidden = !skillsBased;
        const q = org.queues.find((x) => x.name === queue.value);
        routingHelp.textContent = skillsBased
            ? `Skills-based, routed with ${routingText(routing.value)}.`
            : `Queue ${q!.name} routes with ${routingText(q!.routingConfigId)}.`;
    };
    queue.addEventListener('change', syncRouting);
    routing.addEventListener('change', syncRouting);
    syncRouting();

    const element = h('form', { class: 'sim-pane__stack', attrs: { 'aria-label': 'Add work' } }, [
        h('div', { class: 'sim-pane__grid' }, [selectField('Channel', channel), selectField('Queue', queue)]),
        routingHelp,
        skillsRow,
        h('div', { class: 'sim-pane__grid' }, [
            selectField('Preferred agent', preferred),
            h('div', { class: 'sim-pane__check' }, [required.root])
        ]),
        h('div', { class: 'sim-pane__grid' }, [field('Title', title), field('Subtitle', subtitle)]),
        h('div', {}, [button('Add work', () => element.requestSubmit(), { variant: 'brand' })])
    ]);
    element.addEventListener('submit', (event) => {
        event.preventDefault();
        ctx.act('Add work', (world) => {
            const skillsBased = queue.value === SKILLS_BASED;
            world.addWork({
                channel: channel.value,
                queue: skillsBased ? null : queue.value,
                routingConfig: skillsBased ? routing.value : null,
                skills: skillsBased ? parseSkills(skills.value) : [],
                preferredAgentId: preferred.value || null,
                preferredRequired: required.input.checked,
                title: title.value,
                subtitle: subtitle.value
            });
            title.value = '';
            subtitle.value = '';
        });
    });
    return {
        element,
        render() {
            const world = ctx.world();
            setOptions(preferred, [
                { value: '', label: 'None' },
                ...world.agents().map((a) => ({ value: a.userId, label: a.isRep ? `${a.name} (you)` : a.name }))
            ]);
        }
    };
}
