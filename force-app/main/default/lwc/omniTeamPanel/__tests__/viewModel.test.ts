import {
    ageOf,
    buildAgentRow,
    buildBacklogRow,
    buildTeamView,
    buildWorkRow,
    clockOffset,
    formatUnits,
    parseQueueFilter,
    queueIdsFor,
    queueOptions,
    resolveQueueFilter,
    sortAgents
} from '../viewModel';
import { QUEUES, T0, agent, iso, team, work } from './data/team';

const MIN = 60_000;

describe('queue filter', () => {
    it('splits, trims and de-duplicates the design attribute', () => {
        expect(parseQueueFilter(' Omni_Kit_Cases, ,Omni_Kit_Chat,Omni_Kit_Cases ')).toEqual(['Omni_Kit_Cases', 'Omni_Kit_Chat']);
        expect(parseQueueFilter('')).toEqual([]);
        expect(parseQueueFilter(null)).toEqual([]);
    });

    it('matches developer names (any case) and ids (15 or 18 characters), and lists the rest', () => {
        const resolved = resolveQueueFilter(['omni_kit_chat', '00GRM0000001AAA', 'Nope'], QUEUES);
        expect(resolved.queues.map((q) => q.name)).toEqual(['Chat', 'Cases']);
        expect(resolved.unknown).toEqual(['Nope']);
    });

    it('offers "all" first and asks Apex for the filter, the picked queue, or the supervisor own queues', () => {
        expect(queueOptions(QUEUES).map((o) => o.label)).toEqual(['All my queues', 'Cases', 'Chat']);
        expect(queueIdsFor('', null)).toEqual([]);
        expect(queueIdsFor('', [QUEUES[1]])).toEqual([QUEUES[1].queueId]);
        expect(queueIdsFor(QUEUES[0].queueId, [QUEUES[1]])).toEqual([QUEUES[0].queueId]);
    });
});

describe('time', () => {
    it('corrects the browser clock by the server time of the answer', () => {
        const offset = clockOffset(new Date(T0).toISOString(), T0 + 5_000);
        expect(offset).toBe(5_000);
        // Assigned 1 minute before the server answered; the browser is 5 s ahead and 10 s later.
        expect(ageOf(iso(MIN), T0 + 15_000, offset)).toBe(70_000);
        expect(ageOf(null, T0, 0)).toBeNull();
        expect(clockOffset('garbage', T0)).toBe(0);
        expect(ageOf(iso(-MIN), T0, 0)).toBe(0);
    });

    it('prints units without noise', () => {
        expect(formatUnits(2)).toBe('2');
        expect(formatUnits(2.5)).toBe('2.5');
        expect(formatUnits(4 / 3)).toBe('1.3');
    });
});

describe('rows', () => {
    it('highlights work waiting to be accepted with how long', () => {
        const row = buildWorkRow(work({ workId: 'w1', status: 'Assigned', assignedDateTime: iso(125_000), acceptDateTime: null }), T0, 0);
        expect(row.isWaiting).toBe(true);
        expect(row.timeText).toBe('Waiting to be accepted for 2:05');
        expect(row.className).toContain('omni-team__work_waiting');
        expect(row.title).toBe('500RM00000w1AAA');
    });

    it('shows accepted work by time since accepted, with the record name', () => {
        const row = buildWorkRow(work({ workId: 'w1', workItemName: '00001026', acceptDateTime: iso(42_000) }), T0, 0);
        expect(row).toMatchObject({
            isWaiting: false,
            timeText: 'Accepted 0:42 ago',
            title: '00001026',
            channelLabel: 'Cases',
            channelText: '· Cases ·'
        });
        const noAccept = buildWorkRow(work({ workId: 'w2', acceptDateTime: null, assignedDateTime: iso(MIN) }), T0, 0);
        expect(noAccept.timeText).toBe('Assigned 1:00 ago');
    });

    it('an online agent: status with time in it, load used/capacity and a bar', () => {
        const row = buildAgentRow(agent({ userId: 'u', name: 'Ada', load: 2.5, loadPercent: 50 }), T0, 0);
        expect(row).toMatchObject({ statusText: 'Available for 20:00', loadText: '2.5/5', hasCapacity: true, barStyle: 'width: 50%' });
        expect(row.loadLabel).toBe('Load of Ada');
    });

    it('an agent at capacity and an away agent', () => {
        expect(
            buildAgentRow(agent({ userId: 'u', name: 'Bob', load: 3, configuredCapacity: 3, loadPercent: 100, atCapacity: true }), T0, 0)
        ).toMatchObject({
            atCapacity: true,
            loadText: '3/3',
            barClass: 'slds-progress-bar__value omni-team__bar_full'
        });
        expect(buildAgentRow(agent({ userId: 'u', name: 'Dee', isAway: true, statusLabel: 'Break' }), T0, 0).statusText).toBe(
            'Break (Away) for 20:00'
        );
    });

    it('an offline agent: no bar, and their remaining work still counted', () => {
        const row = buildAgentRow(
            agent({ userId: 'u', name: 'Cy', isOnline: false, configuredCapacity: null, load: 1, works: [work({ workId: 'w' })] }),
            T0,
            0
        );
        expect(row).toMatchObject({ statusText: 'Offline', hasCapacity: false, loadText: '1 units, capacity unknown' });
        expect(row.className).toContain('omni-team__agent_offline');
    });

    it('a queue backlog line', () => {
        const queue = team().queues[0];
        expect(buildBacklogRow(queue, T0, 0).text).toBe('2 waiting, oldest for 4:00');
        expect(buildBacklogRow({ ...queue, waitingCount: 0, oldestWaitingSince: null }, T0, 0)).toMatchObject({
            text: 'Nothing waiting',
            hasWaiting: false
        });
    });
});

describe('sorting and the whole view', () => {
    const agents = team().agents;
    const names = (list: Array<{ name: string }>) => list.map((a) => a.name);

    it('by load: fullest first, offline last', () => {
        expect(names(sortAgents(agents, 'load'))).toEqual(['Bob Byte', 'Ada Lovelace', 'Cy Offline']);
    });

    it('by name', () => {
        expect(names(sortAgents([...agents].reverse(), 'name'))).toEqual(['Ada Lovelace', 'Bob Byte', 'Cy Offline']);
    });

    it('by longest waiting work: oldest unaccepted work first, agents without any after, by name', () => {
        const dee = agent({ userId: 'd', name: 'Dee', oldestAssignedSince: iso(10 * MIN) });
        expect(names(sortAgents([...agents, dee], 'waiting'))).toEqual(['Dee', 'Ada Lovelace', 'Bob Byte', 'Cy Offline']);
    });

    it('does not reorder its input', () => {
        const input = [...agents];
        sortAgents(input, 'name');
        expect(input).toEqual(agents);
    });

    it('summarises the team', () => {
        const view = buildTeamView(team(), 'load', T0, 0);
        expect(view.summaryText).toBe('2 online, 1 at capacity, 2 waiting in queues');
        expect(view.backlog).toHaveLength(1);
        expect(view.agents[0].name).toBe('Bob Byte');
    });
});
