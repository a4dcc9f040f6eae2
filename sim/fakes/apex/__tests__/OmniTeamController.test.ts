/** The fake OmniTeamController answers from the real simulator engine as the Apex class would. */
import { SimEngine } from '../../../engine/engine';
import { CH, Q, ST, U, setup } from '../../../engine/__tests__/fixture';
import { toId18 } from 'c/omniTypes';
import { getSupervisedQueues, getTeamState, useTeamWorld } from '../OmniTeamController';

const START = Date.UTC(2026, 0, 5, 9);
const iso = (ms: number) => new Date(START + ms).toISOString();
type Team = {
    asOf: string;
    queues: Array<Record<string, unknown>>;
    agents: Array<Record<string, unknown> & { name: string; works: Array<Record<string, unknown>> }>;
} & Record<string, unknown>;

function floor() {
    const org = setup();
    const engine = new SimEngine(org, START);
    useTeamWorld({
        engine,
        queues: org.queues,
        queueIdsOf: (userId) => org.agents.find((a) => a.userId === userId)?.queueIds ?? [],
        supervisorQueueIds: [Q.cases]
    });
    return engine;
}

afterEach(() => useTeamWorld(null));

describe('fake OmniTeamController', () => {
    it('describes the team of a queue: presence, works, load, backlog', async () => {
        const engine = floor();
        engine.login(U.ann, ST.all);
        engine.advance(10_000);
        // Support weighs 2 units a work: two reach Ann (4 of 5), the third waits.
        const items = ['00001', '00002', '00003'].map((title) => engine.addWork({ channel: CH.case, queueId: Q.support, title }));
        const first = engine.listAgentWorks().find((w) => w.workItemId === items[0])!;
        engine.accept(U.ann, first.id);
        // A case weighs 1: it fills Ann's last unit.
        engine.addWork({ channel: CH.case, queueId: Q.cases, title: '00004' });
        engine.advance(20_000);

        const team = (await getTeamState({ queueIds: [toId18(Q.support), Q.cases] })) as Team;

        expect(team.asOf).toBe(iso(30_000));
        expect(team.queues).toEqual([
            { queueId: toId18(Q.cases), name: 'Cases', developerName: 'Cases', waitingCount: 0, oldestWaitingSince: null },
            { queueId: toId18(Q.support), name: 'Support', developerName: 'Support', waitingCount: 1, oldestWaitingSince: iso(10_000) }
        ]);
        expect(team.agents.map((a) => a.name)).toEqual(['Ann', 'Bob', 'Cat']);
        const ann = team.agents[0];
        expect(ann).toMatchObject({
            userId: toId18(U.ann),
            isOnline: true,
            statusLabel: 'Available',
            statusStartDate: iso(0),
            configuredCapacity: 5,
            load: 5,
            loadPercent: 100,
            atCapacity: true,
            oldestAssignedSince: iso(10_000)
        });
        expect(ann.works).toHaveLength(3);
        expect(ann.works[0]).toMatchObject({
            workItemName: '00001',
            channelLabel: 'Cases',
            status: 'Opened',
            load: 2,
            acceptDateTime: iso(10_000)
        });
        expect(ann.works[2]).toMatchObject({ workItemName: '00004', status: 'Assigned', load: 1, acceptDateTime: null });
        expect(team.agents[1]).toMatchObject({ isOnline: false, statusLabel: null, configuredCapacity: null, atCapacity: false });
        expect(team).toMatchObject({ agentsOnline: 1, agentsAtCapacity: 1, waitingWork: 1 });
    });

    it('an empty list is the supervisor queues; only their members are agents', async () => {
        const engine = floor();
        engine.login(U.cat, ST.break);
        const team = (await getTeamState({ queueIds: [] })) as Team;
        expect(team.queues.map((q) => q.name)).toEqual(['Cases']);
        expect(team.agents.find((a) => a.name === 'Cat')).toMatchObject({ isOnline: true, isAway: true, load: 0, loadPercent: 0 });

        // Logged in before the fake was wired: their status counts from the wiring, not from each answer.
        const later = new SimEngine(setup(), START);
        later.login(U.bob, ST.all);
        useTeamWorld({ engine: later, queues: setup().queues, queueIdsOf: () => [Q.cases] });
        later.advance(5_000);
        const bob = ((await getTeamState({ queueIds: [] })) as Team).agents.find((a) => a.name === 'Bob');
        expect(bob).toMatchObject({ isOnline: true, statusStartDate: iso(0) });
        floor();

        const support = (await getTeamState({ queueIds: [Q.support] })) as Team;
        expect(support.agents.map((a) => a.name)).toEqual(['Ann', 'Bob']);
    });

    it('lists the queues for the picker, by name, marking the supervisor own', async () => {
        floor();
        const queues = (await getSupervisedQueues()) as Array<{ name: string; isMember: boolean }>;
        expect(queues.map((q) => q.name)).toEqual(['Cases', 'External', 'Support', 'Urgent']);
        expect(queues.filter((q) => q.isMember).map((q) => q.name)).toEqual(['Cases']);
    });

    it('refuses bad input as the Apex class does', async () => {
        floor();
        await expect(getTeamState({ queueIds: null })).rejects.toMatchObject({
            body: { message: expect.stringContaining('received null') }
        });
        await expect(getTeamState({ queueIds: [U.ann] })).rejects.toMatchObject({
            body: { message: expect.stringContaining('not a queue id') }
        });
        await expect(getTeamState({ queueIds: ['garbage'] })).rejects.toMatchObject({ body: { message: 'Invalid id: garbage' } });
    });

    it('says what the page must do when no world is wired', async () => {
        useTeamWorld(null);
        await expect(getSupervisedQueues()).rejects.toMatchObject({ body: { message: expect.stringContaining('useTeamWorld') } });
    });
});
