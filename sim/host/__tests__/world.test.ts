/**
 * The page's world: scenario steps on the virtual clock, the control pane's actions and
 * what it shows, on the real engine (no DOM).
 */
import { loadDefaultScenario } from '../../scenario/runner';
import { DEMO_SCENARIO_FILE, DEMO_SCENARIO_TEXT } from '../demoScenario';
import { PageWorld } from '../world';

const DECLINE_REROUTE = `name: Decline with reroute
agents:
    - { name: Ann, status: Available, queues: [Cases] }
    - { name: Bob, status: Break, queues: [Cases] }
steps:
    - { at: 0s, addWork: { title: '00001026', subtitle: Printer on fire, channel: Cases, queue: Cases } }
    - { at: 5s, decline: { agent: Ann, work: '00001026', reason: Wrong skill } }
    - { expect: { work: '00001026', state: waiting, assignedTo: null, declinedBy: Ann } }
    - { at: 10s, setStatus: { agent: Bob, status: Available } }
    - { expect: { work: '00001026', state: assigned, assignedTo: Bob } }
`;

const demo = () => {
    const world = new PageWorld(loadDefaultScenario(DEMO_SCENARIO_TEXT, DEMO_SCENARIO_FILE));
    world.playDueSteps();
    return world;
};
const agent = (world: PageWorld, name: string) => world.agents().find((a) => a.name === name)!;

describe('PageWorld', () => {
    it('loads the demo floor: you (the first agent) with a case in progress, Bob available, Cat offline', () => {
        const world = demo();
        expect(world.repName).toBe('You');
        expect(agent(world, 'You')).toMatchObject({ isRep: true, statusLabel: 'Available', workload: 1, capacity: 5 });
        expect(agent(world, 'You').works).toMatchObject([{ title: '00001026', subtitle: 'Printer on fire', status: 'Opened' }]);
        expect(agent(world, 'Bob')).toMatchObject({ isRep: false, loggedIn: true, works: [] });
        expect(agent(world, 'Cat')).toMatchObject({ loggedIn: false, statusLabel: 'Offline', capacity: 3 });
    });

    it('plays steps when the clock reaches them, each at its own time', () => {
        const world = new PageWorld(loadDefaultScenario(DECLINE_REROUTE, 'decline.yaml'));
        world.playDueSteps();
        expect(world.results).toHaveLength(1);
        world.advance(7000);
        expect(world.elapsed).toBe(7000);
        expect(world.results.map((r) => [r.kind, r.at, r.ok])).toEqual([
            ['addWork', 0, true],
            ['decline', 5000, true],
            ['expect', 5000, true]
        ]);
        expect(world.waiting()).toMatchObject([{ title: '00001026', queue: 'Cases', declinedBy: ['Ann'] }]);
        expect(world.nextStep?.action.kind).toBe('setStatus');
        world.playAll();
        expect(world.results.every((r) => r.ok)).toBe(true);
        expect(agent(world, 'Bob').works).toMatchObject([{ title: '00001026', declinedBy: ['Ann'] }]);
        expect(world.nextStep).toBeNull();
    });

    it('push time-out: the work leaves you after 30 s, you go on break, Bob gets it', () => {
        const world = demo();
        world.addWork({
            channel: 'Cases',
            queue: 'Cases',
            routingConfig: null,
            skills: [],
            preferredAgentId: world.repId,
            preferredRequired: false
        });
        expect(agent(world, 'You').works.map((w) => w.title)).toEqual(['00001026', '00001027']);
        world.advance(29_999);
        expect(agent(world, 'You').works).toHaveLength(2);
        world.advance(1);
        expect(agent(world, 'You')).toMatchObject({ statusLabel: 'On break', workload: 1 });
        expect(agent(world, 'Bob').works).toMatchObject([{ title: '00001027', declinedBy: ['You (push time-out)'] }]);
        expect(world.log.map((e) => e.text)).toContain('00001027 timed out with You');
    });

    it('adds agents with any offered capacity, and refuses a nameless or duplicate one', () => {
        const world = demo();
        const id = world.addAgent({
            name: 'Dana',
            capacity: 2,
            status: 'Available',
            queues: ['Cases'],
            skills: [{ skill: 'French', level: 3 }]
        });
        expect(agent(world, 'Dana')).toMatchObject({ userId: id, capacity: 2, configName: 'Standard_Capacity_2', loggedIn: true });
        expect(() => world.addAgent({ name: 'Dana', capacity: 5, status: null, queues: [], skills: [] })).toThrow(
            /already an agent called Dana/
        );
        expect(() => world.addAgent({ name: ' ', capacity: 5, status: null, queues: [], skills: [] })).toThrow(/needs a name/);
        expect(() => world.addAgent({ name: 'Eve', capacity: 7, status: null, queues: [], skills: [] })).toThrow(/capacity 7/);
    });

    it('adds skills-based work with a routing configuration, and refuses work with neither queue nor skills', () => {
        const world = demo();
        world.addWork({
            channel: 'Chat',
            queue: null,
            routingConfig: 'Urgent',
            skills: [{ skill: 'French', level: 5 }],
            preferredAgentId: null,
            preferredRequired: false,
            title: 'CHAT-1'
        });
        expect(agent(world, 'Bob').works).toMatchObject([{ title: 'CHAT-1', channel: 'Chat' }]);
        expect(() =>
            world.addWork({
                channel: 'Chat',
                queue: null,
                routingConfig: null,
                skills: [],
                preferredAgentId: null,
                preferredRequired: false
            })
        ).toThrow(/needs a queue/);
    });

    it('tells listeners once per burst of engine events', async () => {
        const world = demo();
        const heard = jest.fn();
        world.onChange(heard);
        world.addWork({
            channel: 'Cases',
            queue: 'Cases',
            routingConfig: null,
            skills: [],
            preferredAgentId: null,
            preferredRequired: false
        });
        await Promise.resolve();
        expect(heard).toHaveBeenCalledTimes(1);
    });
});
