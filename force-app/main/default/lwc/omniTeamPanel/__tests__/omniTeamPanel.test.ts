import { createElement } from 'lwc';
import OmniTeamPanel from 'c/omniTeamPanel';
import getSupervisedQueues from '@salesforce/apex/OmniTeamController.getSupervisedQueues';
import getTeamState from '@salesforce/apex/OmniTeamController.getTeamState';
import { flushPromises } from '@platform/testing/omniFakes';
import { setup as setupAccessibility } from '@sa11y/jest';
import { QUEUES, T0, agent, iso, team, work } from './data/team';
import type { TeamState } from '../teamTypes';

jest.mock('@salesforce/apex/OmniTeamController.getSupervisedQueues', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/OmniTeamController.getTeamState', () => ({ default: jest.fn() }), { virtual: true });

type Panel = HTMLElement & Record<string, unknown>;
const queuesMock = getSupervisedQueues as unknown as jest.Mock;
const teamMock = getTeamState as unknown as jest.Mock;
const MIN = 60_000;

const $ = (root: Element, selector: string) => root.shadowRoot!.querySelector(selector) as HTMLElement & Record<string, unknown>;
const $$ = (root: Element, selector: string) => Array.from(root.shadowRoot!.querySelectorAll(selector)) as HTMLElement[];
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();
const agentRows = (panel: Element) => $$(panel, '[data-user-id]');
const agentNames = (panel: Element) => agentRows(panel).map((row) => text(row.querySelector('[data-id="agent-name"]')));
const row = (panel: Element, name: string) => agentRows(panel).find((r) => text(r.querySelector('[data-id="agent-name"]')) === name)!;
const inRow = (r: Element, id: string) => text(r.querySelector(`[data-id="${id}"]`));

async function flush(): Promise<void> {
    await flushPromises(10);
}

/** Mounts the panel with fake timers at T0; Apex answers at once unless told otherwise. */
async function mount(props: Record<string, unknown> = {}): Promise<Panel> {
    const panel = createElement('c-omni-team-panel', { is: OmniTeamPanel }) as unknown as Panel;
    Object.assign(panel, props);
    document.body.appendChild(panel);
    await flush();
    return panel;
}

/** Moves the fake clock second by second, letting the promises of each tick settle. */
async function advance(ms: number): Promise<void> {
    for (let t = 0; t < ms; t += 1000) {
        jest.advanceTimersByTime(1000);
        // eslint-disable-next-line no-await-in-loop -- each tick's Apex answer must settle before the next tick
        await flush();
    }
}

function deferred<T>() {
    let resolve!: (value: T) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
    });
    return { promise, resolve, reject };
}

beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(T0);
    queuesMock.mockReset();
    teamMock.mockReset();
    queuesMock.mockResolvedValue(QUEUES);
    teamMock.mockImplementation(() => Promise.resolve(team()));
});

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.useRealTimers();
});

describe('what the supervisor sees', () => {
    it('shows the summary, the queue backlog and each agent with status, load and works', async () => {
        const panel = await mount();
        expect(teamMock).toHaveBeenCalledWith({ queueIds: [] });
        expect(text($(panel, '[data-id="summary"]'))).toBe('2 online, 1 at capacity, 2 waiting in queues');
        expect(text($(panel, '[data-id="queue-name"]'))).toBe('Cases');
        expect(text($(panel, '[data-id="queue-waiting"]'))).toBe('2 waiting, oldest for 4:00');

        const ada = row(panel, 'Ada Lovelace');
        expect(inRow(ada, 'agent-status')).toBe('Available for 20:00');
        expect(inRow(ada, 'agent-load')).toBe('2/5');
        const bar = ada.querySelector('[role="progressbar"]')!;
        expect(bar.getAttribute('aria-valuenow')).toBe('2');
        expect(bar.getAttribute('aria-valuemax')).toBe('5');
        expect(bar.getAttribute('aria-label')).toBe('Load of Ada Lovelace');
        const works = Array.from(ada.querySelectorAll('[data-work-id]'));
        expect(works.map((w) => text(w.querySelector('[data-id="work-title"]')))).toEqual(['00001026', '00001027']);
        expect(text(works[0].querySelector('[data-id="work-time"]'))).toBe('Accepted 9:00 ago');
        expect(text(works[0])).toContain('Cases');
    });

    it('highlights work waiting to be accepted with how long, ticking every second', async () => {
        const panel = await mount();
        const waiting = () => row(panel, 'Ada Lovelace').querySelector('[data-work-id="0BzRM0000000002AAA"]')!;
        expect(waiting().className).toContain('omni-team__work_waiting');
        expect(text(waiting().querySelector('[data-id="work-time"]'))).toBe('Waiting to be accepted for 3:00');
        await advance(2000);
        expect(text(waiting().querySelector('[data-id="work-time"]'))).toBe('Waiting to be accepted for 3:02');
        expect(inRow(row(panel, 'Ada Lovelace'), 'agent-status')).toBe('Available for 20:02');
    });

    it('marks an agent at capacity', async () => {
        const panel = await mount();
        const bob = row(panel, 'Bob Byte');
        expect(inRow(bob, 'agent-load')).toBe('3/3');
        expect(bob.querySelector('[data-id="at-capacity"]')).not.toBeNull();
        expect(bob.querySelector('.omni-team__bar_full')).not.toBeNull();
        expect(row(panel, 'Ada Lovelace').querySelector('[data-id="at-capacity"]')).toBeNull();
    });

    it('shows percentage-based load in units of the agent capacity', async () => {
        teamMock.mockResolvedValue(
            team({
                agents: [
                    agent({
                        userId: '005RM000000EveAAA',
                        name: 'Eve',
                        configuredCapacity: 4,
                        load: 3,
                        loadPercent: 75,
                        works: [
                            work({ workId: '0BzRM0000000011AAA', capacityWeight: null, capacityPercentage: 50, load: 2 }),
                            work({ workId: '0BzRM0000000012AAA', capacityWeight: null, capacityPercentage: 25, load: 1 })
                        ]
                    })
                ]
            })
        );
        const panel = await mount();
        const eve = row(panel, 'Eve');
        expect(inRow(eve, 'agent-load')).toBe('3/4');
        expect((eve.querySelector('.slds-progress-bar__value') as HTMLElement).style.width).toBe('75%');
        expect(eve.querySelector('[data-id="at-capacity"]')).toBeNull();
    });

    it('shows an offline agent without a load bar', async () => {
        const panel = await mount();
        const cy = row(panel, 'Cy Offline');
        expect(inRow(cy, 'agent-status')).toBe('Offline');
        expect(cy.querySelector('[role="progressbar"]')).toBeNull();
        expect(inRow(cy, 'no-work')).toBe('No open work');
    });

    it('shows the empty state when nobody is a member of the queues', async () => {
        teamMock.mockResolvedValue(team({ agents: [], agentsOnline: 0, agentsAtCapacity: 0 }));
        const panel = await mount();
        expect(text($(panel, '[data-id="empty"]'))).toBe('No agents are members of these queues.');
        expect(agentRows(panel)).toHaveLength(0);
    });

    it('sorts by load, by name and by longest waiting work', async () => {
        teamMock.mockResolvedValue(
            team({
                agents: [
                    ...team().agents,
                    agent({ userId: '005RM000000DeeAAA', name: 'Dee', load: 1, loadPercent: 20, oldestAssignedSince: iso(8 * MIN) })
                ]
            })
        );
        const panel = await mount();
        expect(agentNames(panel)).toEqual(['Bob Byte', 'Ada Lovelace', 'Dee', 'Cy Offline']);
        const sort = $(panel, '[data-id="sort"]');
        sort.dispatchEvent(new CustomEvent('change', { detail: { value: 'name' } }));
        await flush();
        expect(agentNames(panel)).toEqual(['Ada Lovelace', 'Bob Byte', 'Cy Offline', 'Dee']);
        sort.dispatchEvent(new CustomEvent('change', { detail: { value: 'waiting' } }));
        await flush();
        expect(agentNames(panel)).toEqual(['Dee', 'Ada Lovelace', 'Bob Byte', 'Cy Offline']);
        expect(teamMock).toHaveBeenCalledTimes(1);
    });

    it('hides the works when showWorks is off, and compact mode tightens the panel', async () => {
        const panel = await mount({ showWorks: false, compactMode: true });
        expect($$(panel, '[data-work-id]')).toHaveLength(0);
        expect($(panel, 'article').className).toContain('omni-team_compact');
        expect(inRow(row(panel, 'Ada Lovelace'), 'agent-load')).toBe('2/5');
    });
});

describe('queues', () => {
    it('picks one queue and asks Apex for its team', async () => {
        const panel = await mount();
        const picker = $(panel, '[data-id="queue"]');
        expect((picker.options as Array<{ label: string }>).map((o) => o.label)).toEqual(['All my queues', 'Cases', 'Chat']);
        picker.dispatchEvent(new CustomEvent('change', { detail: { value: QUEUES[1].queueId } }));
        await flush();
        expect(teamMock).toHaveBeenLastCalledWith({ queueIds: [QUEUES[1].queueId] });
    });

    it('the queue filter limits the picker and what "all" asks for, and names entries it did not find', async () => {
        const panel = await mount({ queueFilter: 'Omni_Kit_Chat, Nope' });
        expect(teamMock).toHaveBeenCalledWith({ queueIds: [QUEUES[1].queueId] });
        const picker = $(panel, '[data-id="queue"]');
        expect((picker.options as Array<{ label: string }>).map((o) => o.label)).toEqual(['All my queues', 'Chat']);
        expect(text($(panel, '[data-id="filter-unknown"]'))).toBe('Not among your queues: Nope');
    });

    it('drops the answer for the previous queue when the supervisor picks another meanwhile', async () => {
        const first = deferred<TeamState>();
        teamMock.mockReturnValueOnce(first.promise);
        const panel = await mount();
        $(panel, '[data-id="queue"]').dispatchEvent(new CustomEvent('change', { detail: { value: QUEUES[1].queueId } }));
        await flush();
        expect(teamMock).toHaveBeenCalledTimes(1);
        teamMock.mockResolvedValue(team({ agents: [agent({ userId: '005RM000000ZoeAAA', name: 'Zoe' })] }));
        first.resolve(team());
        await flush();
        expect(teamMock).toHaveBeenCalledTimes(2);
        expect(teamMock).toHaveBeenLastCalledWith({ queueIds: [QUEUES[1].queueId] });
        expect(agentNames(panel)).toEqual(['Zoe']);
    });
});

describe('refresh', () => {
    it('refreshes on the interval (15 s by default)', async () => {
        await mount();
        expect(teamMock).toHaveBeenCalledTimes(1);
        await advance(14_000);
        expect(teamMock).toHaveBeenCalledTimes(1);
        await advance(1000);
        expect(teamMock).toHaveBeenCalledTimes(2);
        expect(queuesMock).toHaveBeenCalledTimes(1);
    });

    it('takes the design attribute, never below 5 s', async () => {
        await mount({ refreshInterval: 1 });
        await advance(5000);
        expect(teamMock).toHaveBeenCalledTimes(2);
    });

    it('never overlaps calls: a slow answer holds the next refresh back', async () => {
        const slow = deferred<TeamState>();
        await mount({ refreshInterval: 5 });
        teamMock.mockReturnValueOnce(slow.promise);
        await advance(5000);
        expect(teamMock).toHaveBeenCalledTimes(2);
        await advance(20_000);
        expect(teamMock).toHaveBeenCalledTimes(2);
        slow.resolve(team());
        await flush();
        await advance(5000);
        expect(teamMock).toHaveBeenCalledTimes(3);
    });

    it('shows new data as it comes', async () => {
        const panel = await mount({ refreshInterval: 5 });
        teamMock.mockResolvedValue(team({ agentsOnline: 3 }));
        await advance(5000);
        expect(text($(panel, '[data-id="summary"]'))).toBe('3 online, 1 at capacity, 2 waiting in queues');
    });

    it('stops when the panel is removed', async () => {
        const panel = await mount({ refreshInterval: 5 });
        expect(jest.getTimerCount()).toBe(1);
        panel.remove();
        expect(jest.getTimerCount()).toBe(0);
        await advance(30_000);
        expect(teamMock).toHaveBeenCalledTimes(1);
    });
});

describe('errors', () => {
    const denied = { body: { message: 'You cannot see Omni-Channel team data.' }, status: 500 };

    it('keeps the last data on an Apex error, with an inline error and Retry', async () => {
        const panel = await mount({ refreshInterval: 5 });
        teamMock.mockRejectedValue(denied);
        await advance(5000);
        expect(text($(panel, '[data-id="inline-error"]'))).toContain('Could not load the team: You cannot see Omni-Channel team data.');
        expect(text($(panel, '[data-id="stale"]'))).toBe('Showing the team as of 0:05 ago.');
        expect(agentNames(panel)).toHaveLength(3);

        teamMock.mockResolvedValue(team({ agentsOnline: 1 }));
        $(panel, '[data-id="retry"]').click();
        await flush();
        expect($(panel, '[data-id="inline-error"]')).toBeNull();
        expect(text($(panel, '[data-id="summary"]'))).toBe('1 online, 1 at capacity, 2 waiting in queues');
    });

    it('without any data yet: the error state says what to do, and Retry loads', async () => {
        queuesMock.mockRejectedValueOnce(denied);
        const panel = await mount();
        const error = $(panel, '[data-id="error"]');
        expect(text(error)).toContain('Could not load the team: You cannot see Omni-Channel team data.');
        expect(text(error)).toContain('Omni Console Kit Supervisor permission set');
        expect(teamMock).not.toHaveBeenCalled();
        $(panel, '[data-id="retry"]').click();
        await flush();
        expect($(panel, '[data-id="error"]')).toBeNull();
        expect(agentRows(panel)).toHaveLength(3);
    });

    it('shows a spinner while the first answer is on its way', async () => {
        queuesMock.mockReturnValue(new Promise(() => undefined));
        const panel = await mount();
        expect($(panel, '[data-id="loading"] lightning-spinner')).not.toBeNull();
    });
});

describe('accessibility (axe rules through @sa11y/jest)', () => {
    beforeAll(() => setupAccessibility());
    beforeEach(() => jest.useRealTimers());

    it('is accessible with agents, works and the backlog', async () => {
        const panel = await mount();
        await expect(panel).toBeAccessible();
    });

    it('is accessible with an inline error over the last data', async () => {
        const panel = await mount();
        teamMock.mockRejectedValue({ body: { message: 'nope' } });
        $(panel, '[data-id="queue"]').dispatchEvent(new CustomEvent('change', { detail: { value: QUEUES[1].queueId } }));
        await flush();
        expect($(panel, '[data-id="inline-error"]')).not.toBeNull();
        await expect(panel).toBeAccessible();
    });

    it('is accessible in the error state', async () => {
        queuesMock.mockRejectedValue({ body: { message: 'nope' } });
        const panel = await mount();
        expect($(panel, '[data-id="error"]')).not.toBeNull();
        await expect(panel).toBeAccessible();
    });

    it('is accessible when empty', async () => {
        teamMock.mockResolvedValue(team({ agents: [] }));
        const panel = await mount();
        await expect(panel).toBeAccessible();
    });
});
