/**
 * The simulated console feeds the kit's real bridge engine: every raw shape it produces
 * must parse without a payload error, and the bridge's snapshot must match the engine.
 */
import { OmniBridgeEngine } from '../../../force-app/main/default/lwc/omniBridgeCore/bridgeEngine';
import { SimEngine } from '../../engine/engine';
import { createAgentConsole } from '../agentConsole';
import { CH, Q, ST, U, setup } from '../../engine/__tests__/fixture';
import { toId18 } from 'c/omniTypes';

function world() {
    const engine = new SimEngine(setup(), 5_000_000);
    const warnings: string[] = [];
    const raw: Array<[string, Record<string, unknown>]> = [];
    const bridge = new OmniBridgeEngine({
        publish: () => undefined,
        warn: (m) => warnings.push(m),
        now: () => engine.now,
        bridgeId: 'sim'
    });
    const agent = createAgentConsole(
        engine,
        U.ann,
        (name, params) => {
            raw.push([name, params]);
            bridge.handleRawEvent(name, params);
        },
        (task) => task()
    );
    bridge.start();
    bridge.attachToolkit(agent.invoke as never);
    return { engine, bridge, agent, warnings, raw };
}

const settle = async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('the simulated console speaks the toolkit’s raw shapes', () => {
    it('login, work, accept, flag and close flow through the real bridge with no payload error', async () => {
        const { engine, bridge, agent, warnings, raw } = world();
        await agent.invoke('login', { statusId: ST.all });
        const item = engine.addWork({ channel: CH.case, queueId: Q.cases, title: '00001026' });
        const work = engine.agentView(U.ann).works[0];
        await settle();
        expect(bridge.snapshot.works).toMatchObject([{ workId: toId18(work.id), workItemId: toId18(item), state: 'assigned' }]);
        await agent.invoke('acceptAgentWork', { workId: toId18(work.id)! });
        await agent.invoke('raiseAgentWorkFlag', { workId: work.id, message: 'Help' });
        engine.lowerFlag(work.id, { userId: '005SM0000000099', role: 'SUPERVISOR' });
        await settle();
        expect(bridge.snapshot.works[0]).toMatchObject({ state: 'accepted', flag: { isFlagged: false, roleUpdatedBy: 'SUPERVISOR' } });
        expect(bridge.snapshot.workload).toEqual({
            configuredCapacity: 5,
            currentWorkload: 1,
            configuredInterruptibleCapacity: 2,
            currentInterruptibleWorkload: 0
        });
        await agent.invoke('closeAgentWork', { workId: work.id });
        await settle();
        expect(bridge.snapshot.works).toEqual([]);
        expect(warnings).toEqual([]);
        // The quirks the kit must absorb are really there.
        const status = raw.find(([name]) => name === 'omniChannelStatusChanged')![1];
        expect(typeof status.channels).toBe('string');
        expect(String(status.statusId)).toHaveLength(15);
        const workload = raw.find(([name]) => name === 'omniChannelWorkloadChanged')![1];
        expect(typeof workload.newWorkload).toBe('string');
    });

    it('getAgentWorks answers with a JSON string and the bridge seeds from it', async () => {
        const { engine, agent } = world();
        engine.login(U.ann, ST.all);
        engine.addWork({ channel: CH.case, queueId: Q.cases });
        const result = (await agent.invoke('getAgentWorks', undefined)) as { works: string };
        expect(typeof result.works).toBe('string');
        expect(JSON.parse(result.works)).toHaveLength(1);
        const fresh = new OmniBridgeEngine({ publish: () => undefined, now: () => engine.now, bridgeId: 'late' });
        fresh.attachToolkit(agent.invoke as never);
        await settle();
        expect(fresh.snapshot).toMatchObject({
            seeded: true,
            loginState: 'loggedIn',
            works: [{ state: 'assigned' }],
            workload: { currentWorkload: 1 }
        });
    });

    it('rejects like the toolkit: status while offline, unknown work, unknown method', async () => {
        const { agent } = world();
        await expect(agent.invoke('getServicePresenceStatusId', undefined)).rejects.toThrow('The agent is not logged in to Omni-Channel');
        await expect(agent.invoke('acceptAgentWork', { workId: '0BzSM0000000404' })).rejects.toThrow('unknown work 0BzSM0000000404');
        await expect(agent.invoke('transferAgentWork', {})).rejects.toThrow('Unknown toolkit method transferAgentWork');
    });

    it('a decline with a reason reaches the engine and the work is rerouted', async () => {
        const { engine, agent, bridge } = world();
        engine.login(U.ann, ST.all);
        engine.addWork({ channel: CH.case, queueId: Q.cases });
        engine.login(U.bob, ST.all);
        const mine = engine.agentView(U.ann).works[0];
        await agent.invoke('declineAgentWork', { workId: mine.id, declineReason: 'Wrong skill' });
        expect(engine.listAgentWorks()[0]).toMatchObject({ status: 'Declined', declineReason: 'Wrong skill' });
        expect(engine.agentView(U.bob).works).toHaveLength(1);
        await settle();
        expect(bridge.snapshot.works).toEqual([]);
    });

    it('getAgentWorkload answers numbers, then strings (both shapes orgs send); the bridge reads the same figures from either', async () => {
        const { engine } = world();
        engine.login(U.ann, ST.all);
        engine.addWork({ channel: CH.case, queueId: Q.cases });
        // A console of its own, so the calls counted are these.
        const agent = createAgentConsole(engine, U.ann, () => undefined);
        const first = (await agent.invoke('getAgentWorkload', undefined)) as Record<string, unknown>;
        const second = (await agent.invoke('getAgentWorkload', undefined)) as Record<string, unknown>;
        expect(first).toEqual({
            configuredCapacity: 5,
            currentWorkload: 1,
            configuredInterruptibleCapacity: 2,
            currentInterruptibleWorkload: 0
        });
        expect(second).toEqual({
            configuredCapacity: '5',
            currentWorkload: '1',
            configuredInterruptibleCapacity: '2',
            currentInterruptibleWorkload: '0'
        });
        for (const answer of [first, second]) {
            const warnings: string[] = [];
            const bridge = new OmniBridgeEngine({
                publish: () => undefined,
                warn: (m) => warnings.push(m),
                now: () => engine.now,
                bridgeId: 'seed'
            });
            const toolkit = (method: string, args?: Record<string, string>) =>
                method === 'getAgentWorkload' ? Promise.resolve(answer) : agent.invoke(method, args);
            bridge.attachToolkit(toolkit as never);
            await settle();
            expect(bridge.snapshot.workload).toEqual({
                configuredCapacity: 5,
                currentWorkload: 1,
                configuredInterruptibleCapacity: 2,
                currentInterruptibleWorkload: 0
            });
            expect(warnings).toEqual([]);
        }
        agent.dispose();
    });

    it('while the connection is lost every toolkit call rejects and nothing is done in the org', async () => {
        const { engine, agent } = world();
        await agent.invoke('login', { statusId: ST.all });
        engine.addWork({ channel: CH.case, queueId: Q.cases });
        const work = engine.agentView(U.ann).works[0];
        engine.connectionError(U.ann, 'Network unreachable');
        for (const [method, args] of [
            ['acceptAgentWork', { workId: work.id }],
            ['getAgentWorks', undefined],
            ['getServicePresenceStatusId', undefined],
            ['setServicePresenceStatus', { statusId: ST.break }]
        ] as const)
            await expect(agent.invoke(method, args)).rejects.toThrow('Omni-Channel is not connected to the server');
        expect(engine.agentView(U.ann)).toMatchObject({ statusId: ST.all, works: [{ id: work.id, status: 'Assigned' }] });
        engine.connectionRestored(U.ann);
        await expect(agent.invoke('acceptAgentWork', { workId: work.id })).resolves.toBe(true);
    });

    it('events of the outage do not reach the console; on recovery it hears the status and the bridge re-reads the rest', async () => {
        const { engine, bridge, raw } = world();
        engine.login(U.ann, ST.all);
        const item = engine.addWork({ channel: CH.case, queueId: Q.cases });
        await settle();
        engine.connectionError(U.ann, 'Network unreachable');
        await settle();
        const heard = raw.length;
        // Meanwhile: a supervisor flags the work and moves Ann to cases only; her workload changes.
        const work = engine.agentView(U.ann).works[0];
        engine.raiseFlag(work.id, { userId: '005SM0000000099', role: 'SUPERVISOR' }, 'Call me');
        engine.setStatus(U.ann, ST.casesOnly, 'OmniSupervisorStatusChange');
        engine.cancelWork(item);
        await settle();
        expect(raw.slice(heard)).toEqual([]);
        expect(bridge.snapshot.connection.state).toBe('error');
        expect(bridge.snapshot.works).toHaveLength(1);
        engine.connectionRestored(U.ann);
        await settle();
        expect(raw.slice(heard).map(([name]) => name)).toEqual(['omniChannelStatusChanged']);
        expect(bridge.snapshot).toMatchObject({ connection: { state: 'connected' }, works: [], workload: { currentWorkload: 0 } });
        expect(bridge.snapshot.presence).toMatchObject({ statusId: toId18(ST.casesOnly) });
    });

    it('a logout during the outage (by a supervisor) is heard with its reason when the connection returns', async () => {
        const { engine, bridge, raw } = world();
        engine.login(U.ann, ST.all);
        await settle();
        engine.connectionError(U.ann);
        engine.logout(U.ann, 'OmniSupervisorLogout');
        await settle();
        expect(raw.at(-1)![0]).toBe('omniChannelConnectionError');
        engine.connectionRestored(U.ann);
        await settle();
        expect(raw.at(-1)).toEqual(['omniChannelLogout', { reason: 'OmniSupervisorLogout' }]);
        expect(bridge.snapshot).toMatchObject({
            loginState: 'loggedOut',
            lastLogoutReason: 'OmniSupervisorLogout',
            connection: { state: 'connected' }
        });
    });

    it('logout reasons and status-change reasons reach the console as the toolkit names them', async () => {
        const { engine, raw } = world();
        engine.login(U.ann, ST.all);
        engine.setStatus(U.ann, ST.break, 'OmniSupervisorStatusChange');
        engine.logout(U.ann, 'OmniSupervisorLogout');
        engine.login(U.ann, ST.all);
        engine.logout(U.ann);
        await settle();
        expect(raw.filter(([name]) => name === 'omniChannelStatusChanged').map(([, p]) => p.reason)).toEqual([
            'OmniLoginStatusChange',
            'OmniSupervisorStatusChange',
            'OmniLoginStatusChange'
        ]);
        expect(raw.filter(([name]) => name === 'omniChannelLogout').map(([, p]) => p)).toEqual([{ reason: 'OmniSupervisorLogout' }, {}]);
    });

    it('connection error and recovery reach the bridge, which re-reads the toolkit', async () => {
        const { engine, bridge } = world();
        engine.login(U.ann, ST.all);
        await settle();
        engine.connectionError(U.ann, 'Network unreachable');
        await settle();
        expect(bridge.snapshot.connection).toMatchObject({ state: 'error', message: 'Network unreachable' });
        engine.connectionRestored(U.ann);
        await settle();
        expect(bridge.snapshot.connection.state).toBe('connected');
    });
});
