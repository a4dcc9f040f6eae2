import { SimEngine, SimError } from '../engine';
import { CH, Q, RC, ST, U, activeWork, assignedTo, engineWithLog, setup } from './fixture';

describe('presence and routing basics', () => {
    it('routes new work to an agent whose status has the channel, never to one on break or offline', () => {
        const { engine } = engineWithLog();
        engine.login(U.ann, ST.break);
        engine.login(U.bob, ST.all);
        const item = engine.addWork({ channel: 'Cases', queueId: Q.cases, title: '00001026' });
        expect(assignedTo(engine, item)).toBe(U.bob);
        expect(engine.getWorkItem(item)!.state).toBe('assigned');
    });

    it('keeps work waiting until someone can take it, then routes it on login or status change', () => {
        const { engine } = engineWithLog();
        const item = engine.addWork({ channel: CH.messaging, queueId: Q.cases });
        expect(assignedTo(engine, item)).toBeNull();
        engine.login(U.ann, ST.casesOnly);
        expect(assignedTo(engine, item)).toBeNull();
        engine.setStatus(U.ann, ST.all, 'OmniManualStatusChange');
        expect(assignedTo(engine, item)).toBe(U.ann);
    });

    it('tells which queues an agent belongs to (a copy), and refuses an unknown agent', () => {
        const { engine } = engineWithLog();
        const queues = engine.queuesOf(U.cat);
        expect(queues).toEqual([Q.cases]);
        queues.push(Q.urgent);
        expect(engine.queuesOf(U.cat)).toEqual([Q.cases]);
        expect(() => engine.queuesOf('005SM00000nobody')).toThrow(SimError);
    });

    it('emits login, status change (with reason) and workload events for the console', () => {
        const { engine, log } = engineWithLog();
        engine.login(U.ann, ST.all);
        engine.addWork({ channel: CH.case, queueId: Q.cases });
        expect(log.map((e) => e.type)).toEqual([
            'login',
            'statusChanged',
            'psrChanged',
            'psrChanged',
            'agentWorkChanged',
            'workAssigned',
            'workloadChanged'
        ]);
        expect(log[1]).toMatchObject({ reason: 'OmniLoginStatusChange' });
        expect(log.find((e) => e.type === 'workloadChanged')).toMatchObject({ configuredCapacity: 5, previousWorkload: 0, newWorkload: 1 });
    });

    it('setServicePresenceStatus while offline logs the agent in', () => {
        const { engine, log } = engineWithLog();
        engine.setStatus(U.ann, ST.all);
        expect(engine.agentView(U.ann).loggedIn).toBe(true);
        expect(log[0].type).toBe('login');
    });

    it('routes higher priority work first', () => {
        const { engine } = engineWithLog();
        const normal = engine.addWork({ channel: CH.case, queueId: Q.cases });
        const urgent = engine.addWork({ channel: CH.case, queueId: Q.urgent });
        engine.login(U.ann, ST.all); // capacity 5: urgent takes 40% = 2 units, normal 1 unit
        expect(engine.agentView(U.ann).works.map((w) => w.workItemId)).toEqual([urgent, normal]);
    });
});

/**
 * Ann (capacity 5) holds two 1-unit cases, Cat (capacity 3) one: Ann has more free units
 * (3 against 2), Cat fewer open works (1 against 2) and a larger share free (2/3 against
 * 3/5). Both are in every queue. The probe case goes to `queue`.
 */
function modelsDisagree(queue: string): string | null {
    const all = [Q.cases, Q.support, Q.urgent];
    const { engine } = engineWithLog({
        agents: [
            { userId: U.ann, name: 'Ann', configId: 'cfg-standard', skills: [], queueIds: all },
            { userId: U.cat, name: 'Cat', configId: 'cfg-strict', skills: [], queueIds: all }
        ]
    });
    engine.login(U.ann, ST.all);
    engine.login(U.cat, ST.all);
    const give = (userId: string) =>
        engine.accept(
            userId,
            activeWork(
                engine,
                engine.addWork({ channel: CH.case, queueId: Q.cases, preferredUserId: userId, isPreferredUserRequired: true })
            ).id
        );
    give(U.ann);
    give(U.ann);
    give(U.cat);
    expect([engine.agentView(U.ann), engine.agentView(U.cat)].map((v) => [v.currentWorkload, v.configuredCapacity, v.count])).toEqual([
        [2, 5, 2],
        [1, 3, 1]
    ]);
    return assignedTo(engine, engine.addWork({ channel: CH.case, queueId: queue }));
}

describe('routing models', () => {
    it('the two models disagree: most available counts free units, least active counts open works', () => {
        // Q.cases routes Most Available (1 unit), Q.support Least Active (2 units).
        expect(modelsDisagree(Q.cases)).toBe(U.ann);
        expect(modelsDisagree(Q.support)).toBe(U.cat);
    });

    it('most available: the agent with the most free capacity', () => {
        const { engine } = engineWithLog();
        engine.login(U.ann, ST.all);
        engine.addWork({ channel: CH.case, queueId: Q.cases });
        engine.login(U.bob, ST.all);
        const next = engine.addWork({ channel: CH.case, queueId: Q.cases });
        expect(assignedTo(engine, next)).toBe(U.bob);
    });

    it('least active: a tie on open works goes to the agent who received work longest ago, not to more free capacity', () => {
        // Salesforce Help, "Omni-Channel Routing Options": ties go to the agent who received a work item the longest ago.
        const { engine } = engineWithLog();
        engine.login(U.ann, ST.all);
        engine.login(U.bob, ST.all);
        const first = engine.addWork({ channel: CH.case, queueId: Q.support }); // 2 units, to Ann (tie, user id)
        expect(assignedTo(engine, first)).toBe(U.ann);
        engine.advance(1000);
        engine.addWork({ channel: CH.case, queueId: Q.cases }); // 1 unit -> Bob (most available)
        engine.advance(1000);
        // Both have one work: 2 units (Ann, received first) vs 1 unit (Bob). Least active ties on count; Ann received work longest ago.
        const third = engine.addWork({ channel: CH.case, queueId: Q.support });
        expect(assignedTo(engine, third)).toBe(U.ann);
    });

    it('queue-based routing only offers work to the queue members', () => {
        const { engine } = engineWithLog();
        engine.login(U.cat, ST.all);
        const item = engine.addWork({ channel: CH.case, queueId: Q.support });
        expect(assignedTo(engine, item)).toBeNull();
    });
});

describe('capacity', () => {
    it('never assigns beyond configured capacity; closing work releases capacity and routes waiting work', () => {
        const { engine } = engineWithLog();
        engine.login(U.cat, ST.all); // capacity 3
        const items = [1, 2, 3, 4].map(() => engine.addWork({ channel: CH.case, queueId: Q.cases }));
        expect(engine.agentView(U.cat)).toMatchObject({ currentWorkload: 3, count: 3 });
        expect(assignedTo(engine, items[3])).toBeNull();
        const work = activeWork(engine, items[0]);
        engine.accept(U.cat, work.id);
        engine.close(U.cat, work.id);
        expect(assignedTo(engine, items[3])).toBe(U.cat);
        expect(engine.agentView(U.cat).currentWorkload).toBe(3);
    });

    it('percentage weights take a share of the agent capacity', () => {
        const { engine } = engineWithLog();
        engine.login(U.ann, ST.all); // capacity 5
        engine.addWork({ channel: CH.case, queueId: Q.urgent }); // 40% = 2 units
        expect(engine.agentView(U.ann).currentWorkload).toBe(2);
    });
});

describe('AgentWork lifecycle', () => {
    it('accept opens the work and deletes the PSR', () => {
        const { engine, log } = engineWithLog();
        engine.login(U.ann, ST.all);
        const item = engine.addWork({ channel: CH.case, queueId: Q.cases });
        const work = activeWork(engine, item);
        engine.accept(U.ann, work.id);
        expect(activeWork(engine, item)).toMatchObject({ status: 'Opened', acceptDateTime: engine.now });
        expect(engine.listPsrs()).toEqual([]);
        expect(log.filter((e) => e.type === 'psrChanged').map((e) => (e as { change: string }).change)).toEqual([
            'created',
            'updated',
            'deleted'
        ]);
    });

    it('a decline reroutes to another agent, never straight back, with LastDeclinedAgentSession and the reason', () => {
        const { engine } = engineWithLog();
        engine.login(U.ann, ST.all);
        const item = engine.addWork({ channel: CH.case, queueId: Q.cases });
        const annSession = engine.agentView(U.ann).sessionId;
        engine.decline(U.ann, activeWork(engine, item).id, 'Wrong skill');
        // Only Ann is online: the work waits rather than going straight back to her.
        expect(assignedTo(engine, item)).toBeNull();
        const psr = engine.listPsrs()[0];
        expect(psr).toMatchObject({ isPushed: false, lastDeclinedAgentSession: annSession, serial: 3 });
        expect(engine.listAgentWorks()[0]).toMatchObject({ status: 'Declined', declineReason: 'Wrong skill' });
        engine.login(U.bob, ST.all);
        expect(assignedTo(engine, item)).toBe(U.bob);
    });

    it('after someone else declined too, the first decliner may get the work again', () => {
        const { engine } = engineWithLog();
        engine.login(U.ann, ST.all);
        const item = engine.addWork({ channel: CH.case, queueId: Q.cases });
        engine.decline(U.ann, activeWork(engine, item).id);
        engine.login(U.bob, ST.all);
        engine.decline(U.bob, activeWork(engine, item).id);
        expect(assignedTo(engine, item)).toBe(U.ann);
    });

    it('a presence configuration that does not allow declining refuses it', () => {
        const { engine } = engineWithLog();
        engine.login(U.cat, ST.all);
        const item = engine.addWork({ channel: CH.case, queueId: Q.cases });
        expect(() => engine.decline(U.cat, activeWork(engine, item).id)).toThrow(expect.objectContaining({ code: 'DECLINE_NOT_ALLOWED' }));
    });

    it('a push time-out declines on the agent’s behalf, moves them to the configured status and reroutes', () => {
        const { engine, log } = engineWithLog();
        engine.login(U.ann, ST.all);
        engine.login(U.bob, ST.break);
        const item = engine.addWork({ channel: CH.case, queueId: Q.cases });
        engine.advance(29_999);
        expect(activeWork(engine, item).status).toBe('Assigned');
        engine.setStatus(U.bob, ST.all, 'OmniManualStatusChange');
        engine.advance(1);
        expect(engine.listAgentWorks()[0].status).toBe('DeclinedOnPushTimeout');
        expect(engine.agentView(U.ann).statusId).toBe(ST.break);
        expect(log).toContainEqual({ type: 'statusChanged', userId: U.ann, statusId: ST.break, reason: 'OmniPushTimeout' });
        expect(assignedTo(engine, item)).toBe(U.bob);
    });

    it('transfer to a queue routes a new PSR with IsTransfer to the queue', () => {
        const { engine } = engineWithLog();
        engine.login(U.ann, ST.all);
        const item = engine.addWork({ channel: CH.case, queueId: Q.cases });
        const work = activeWork(engine, item);
        engine.accept(U.ann, work.id);
        engine.setStatus(U.ann, ST.break, 'OmniManualStatusChange');
        engine.login(U.bob, ST.all);
        engine.transferToQueue(work.id, Q.support);
        expect(assignedTo(engine, item)).toBe(U.bob);
        expect(engine.listAgentWorks().find((w) => w.id === work.id)!.status).toBe('Transferred');
        const psrs = engine.listPsrs();
        expect(psrs).toHaveLength(1);
        expect(psrs[0]).toMatchObject({ isTransfer: true, groupId: Q.support, isPushed: true });
        expect(engine.agentView(U.ann).currentWorkload).toBe(0);
    });

    it('transfer to an agent waits for that agent (direct, required)', () => {
        const { engine } = engineWithLog();
        engine.login(U.ann, ST.all);
        const item = engine.addWork({ channel: CH.case, queueId: Q.cases });
        const work = activeWork(engine, item);
        engine.accept(U.ann, work.id);
        engine.transferToAgent(work.id, U.bob);
        expect(assignedTo(engine, item)).toBeNull();
        engine.login(U.bob, ST.all);
        expect(assignedTo(engine, item)).toBe(U.bob);
        expect(() => engine.transferToQueue(activeWork(engine, item).id, Q.cases)).toThrow(
            expect.objectContaining({ code: 'WRONG_STATE' })
        );
    });

    it('transfer to the agent who has the work is refused with a clear error, and the work stays theirs', () => {
        const { engine } = engineWithLog();
        engine.login(U.ann, ST.all);
        const item = engine.addWork({ channel: CH.case, queueId: Q.cases });
        const work = activeWork(engine, item);
        engine.accept(U.ann, work.id);
        expect(() => engine.transferToAgent(work.id, U.ann)).toThrow(
            new SimError('BAD_INPUT', `work ${work.id} is already with Ann: transfer it to another agent or a queue`)
        );
        expect(activeWork(engine, item)).toMatchObject({ id: work.id, status: 'Opened', userId: U.ann });
        expect(engine.listPsrs()).toEqual([]);
    });

    it('cancel ends the assignment and the PSR', () => {
        const { engine } = engineWithLog();
        engine.login(U.ann, ST.all);
        const item = engine.addWork({ channel: CH.case, queueId: Q.cases });
        engine.cancelWork(item);
        expect(engine.listAgentWorks()[0].status).toBe('Canceled');
        expect(engine.listPsrs()).toEqual([]);
        expect(engine.agentView(U.ann).currentWorkload).toBe(0);
    });
});

describe('declines: never straight back, and who is tried again (KB 000382420, 000385517)', () => {
    it('a case declined by the only agent waits for them to go offline and come back; a status change is not enough', () => {
        const { engine } = engineWithLog();
        engine.login(U.ann, ST.all);
        const item = engine.addWork({ channel: CH.case, queueId: Q.cases });
        engine.decline(U.ann, activeWork(engine, item).id);
        engine.setStatus(U.ann, ST.break, 'OmniManualStatusChange');
        engine.setStatus(U.ann, ST.all, 'OmniManualStatusChange');
        engine.advance(3_600_000);
        expect(assignedTo(engine, item)).toBeNull();
        engine.logout(U.ann);
        engine.login(U.ann, ST.all);
        expect(assignedTo(engine, item)).toBe(U.ann);
    });

    it('the others are tried before anyone who declined; once all have, they are considered again except the last one', () => {
        const { engine, log } = engineWithLog();
        engine.login(U.ann, ST.all); // capacity 5: Most Available prefers her to Cat (capacity 3)
        engine.login(U.bob, ST.all);
        engine.login(U.cat, ST.all);
        const item = engine.addWork({ channel: CH.case, queueId: Q.cases });
        expect(assignedTo(engine, item)).toBe(U.ann);
        engine.decline(U.ann, activeWork(engine, item).id);
        expect(assignedTo(engine, item)).toBe(U.bob);
        engine.decline(U.bob, activeWork(engine, item).id);
        // Ann has more room than Cat, but Cat has not been tried yet.
        expect(assignedTo(engine, item)).toBe(U.cat);
        // Cat's configuration does not allow declining: she lets the push time out (30 s).
        engine.advance(30_000);
        expect(
            engine
                .listAgentWorks()
                .filter((w) => w.workItemId === item)
                .map((w) => [w.userId, w.status])
        ).toEqual([
            [U.ann, 'Declined'],
            [U.bob, 'Declined'],
            [U.cat, 'DeclinedOnPushTimeout'],
            [U.ann, 'Assigned']
        ]);
        // A new round: Ann declining again sends it to Bob, who is not the last to decline.
        engine.decline(U.ann, activeWork(engine, item).id);
        expect(assignedTo(engine, item)).toBe(U.bob);
        expect(log.filter((e) => e.type === 'workAssigned').map((e) => (e as { userId: string }).userId)).toEqual([
            U.ann,
            U.bob,
            U.cat,
            U.ann,
            U.bob
        ]);
    });

    it('a call declined by both agents waits for a new login, where a case declined by both goes back to the first', () => {
        const { engine } = engineWithLog();
        engine.login(U.ann, ST.all);
        engine.login(U.bob, ST.all);
        const call = engine.addWork({ channel: CH.voice, queueId: Q.cases });
        engine.decline(U.ann, activeWork(engine, call).id);
        engine.decline(U.bob, activeWork(engine, call).id);
        expect(assignedTo(engine, call)).toBeNull();
        const item = engine.addWork({ channel: CH.case, queueId: Q.cases });
        const first = assignedTo(engine, item)!;
        engine.decline(first, activeWork(engine, item).id);
        const second = assignedTo(engine, item)!;
        expect(second).not.toBe(first);
        engine.decline(second, activeWork(engine, item).id);
        expect(assignedTo(engine, item)).toBe(first);
        expect(assignedTo(engine, call)).toBeNull();
    });

    it('a chat declined by every available agent ends (No available agent); a busy agent not yet tried keeps it waiting', () => {
        const { engine } = engineWithLog();
        engine.login(U.ann, ST.all);
        engine.login(U.bob, ST.all);
        const chat = engine.addWork({ channel: CH.chat, queueId: Q.cases });
        const first = assignedTo(engine, chat)!;
        engine.decline(first, activeWork(engine, chat).id);
        const second = assignedTo(engine, chat)!;
        expect(second).not.toBe(first);
        engine.decline(second, activeWork(engine, chat).id);
        expect(engine.getWorkItem(chat)!.state).toBe('canceled');
        expect(engine.listPsrs().filter((p) => p.workItemId === chat)).toEqual([]);

        // Bob is full (five 1-unit cases) but online: Ann's decline leaves the chat waiting for him.
        const { engine: e2 } = engineWithLog();
        e2.login(U.ann, ST.all);
        e2.login(U.bob, ST.casesOnly);
        for (let i = 0; i < 5; i++)
            e2.addWork({ channel: CH.case, queueId: Q.cases, preferredUserId: U.bob, isPreferredUserRequired: true });
        e2.setStatus(U.bob, ST.all, 'OmniManualStatusChange');
        const waiting = e2.addWork({ channel: CH.chat, queueId: Q.cases });
        e2.decline(U.ann, activeWork(e2, waiting).id);
        expect(e2.getWorkItem(waiting)!.state).toBe('waiting');
        e2.close(U.bob, e2.agentView(U.bob).works[0].id);
        expect(assignedTo(e2, waiting)).toBe(U.bob);
    });

    it('a configuration with a status on decline moves the agent there (reason OmniDeclineWork)', () => {
        const { engine, log } = engineWithLog({
            agents: [{ userId: U.ann, name: 'Ann', configId: 'cfg-break-on-decline', skills: [], queueIds: [Q.cases] }]
        });
        engine.login(U.ann, ST.all);
        const item = engine.addWork({ channel: CH.case, queueId: Q.cases });
        engine.decline(U.ann, activeWork(engine, item).id, 'Busy');
        expect(log.filter((e) => e.type === 'statusChanged').at(-1)).toEqual({
            type: 'statusChanged',
            userId: U.ann,
            statusId: ST.break,
            reason: 'OmniDeclineWork'
        });
        expect(engine.agentView(U.ann).statusId).toBe(ST.break);
    });
});

describe('skills-based and direct-to-rep routing', () => {
    it('routes to an agent with each required skill at the required level', () => {
        const { engine } = engineWithLog();
        engine.login(U.bob, ST.all); // French 2
        engine.login(U.ann, ST.all); // French 5
        engine.addWork({ channel: CH.case, queueId: Q.cases }); // give Bob the edge on availability? he has none yet
        const item = engine.addWork({
            channel: CH.case,
            routingConfigId: RC.mostAvailable,
            skills: [{ skill: 'French', level: 4, isAdditional: false, dropAfterMs: null }]
        });
        expect(assignedTo(engine, item)).toBe(U.ann);
        expect(engine.listPsrs().find((p) => p.workItemId === item)).toMatchObject({
            routingType: 'SkillsBased',
            groupId: null,
            isPushed: true,
            skills: [{ skill: 'French', level: 4, isAdditional: false, dropAfterMs: null }]
        });
        expect(engine.listPsrs().find((p) => p.workItemId !== item)).toMatchObject({ routingType: 'QueueBased', groupId: Q.cases });
    });

    it('drops an additional skill after its time-out when nobody has it', () => {
        const { engine } = engineWithLog();
        engine.login(U.bob, ST.all);
        const item = engine.addWork({
            channel: CH.case,
            routingConfigId: RC.leastActive,
            skills: [
                { skill: 'French', level: 1, isAdditional: false, dropAfterMs: null },
                { skill: 'Billing', level: 1, isAdditional: true, dropAfterMs: 60_000 }
            ]
        });
        engine.advance(59_000);
        expect(assignedTo(engine, item)).toBeNull();
        engine.advance(1_000);
        expect(assignedTo(engine, item)).toBe(U.bob);
    });

    it('a required preferred agent is waited for; a preferred but not required one is skipped when busy', () => {
        const { engine } = engineWithLog();
        engine.login(U.bob, ST.all);
        const required = engine.addWork({ channel: CH.case, queueId: Q.cases, preferredUserId: U.ann, isPreferredUserRequired: true });
        const optional = engine.addWork({ channel: CH.case, queueId: Q.cases, preferredUserId: U.ann, isPreferredUserRequired: false });
        expect(assignedTo(engine, required)).toBeNull();
        expect(assignedTo(engine, optional)).toBe(U.bob);
        engine.login(U.ann, ST.all);
        expect(assignedTo(engine, required)).toBe(U.ann);
    });
});

describe('Unified Routing for voice', () => {
    it('a call needs the agent’s full capacity', () => {
        const { engine } = engineWithLog();
        engine.login(U.ann, ST.all);
        engine.addWork({ channel: CH.case, queueId: Q.cases });
        const call = engine.addWork({ channel: CH.voice, queueId: Q.cases });
        expect(assignedTo(engine, call)).toBeNull();
        engine.login(U.bob, ST.all);
        expect(assignedTo(engine, call)).toBe(U.bob);
        expect(engine.agentView(U.bob)).toMatchObject({ currentWorkload: 5, hasVoice: true });
        // Nothing else is routed to an agent on a call.
        const chat = engine.addWork({ channel: CH.messaging, queueId: Q.cases });
        expect(assignedTo(engine, chat)).toBe(U.ann);
    });

    it('interruptible capacity lets a call interrupt messaging work', () => {
        const { engine, log } = engineWithLog();
        engine.login(U.ann, ST.voiceOnly); // messaging + voice, interruptible capacity 2
        const chat = engine.addWork({ channel: CH.messaging, queueId: Q.cases });
        engine.accept(U.ann, activeWork(engine, chat).id);
        const call = engine.addWork({ channel: CH.voice, queueId: Q.cases });
        expect(assignedTo(engine, call)).toBe(U.ann);
        expect(engine.agentView(U.ann)).toMatchObject({ currentWorkload: 5, currentInterruptibleWorkload: 1 });
        expect(log.filter((e) => e.type === 'workloadChanged').at(-1)).toMatchObject({
            newWorkload: 5,
            newInterruptibleWorkload: 1,
            configuredInterruptibleCapacity: 2
        });
    });

    it('a call does not interrupt non-interruptible work', () => {
        const { engine } = engineWithLog();
        engine.login(U.ann, ST.all);
        engine.addWork({ channel: CH.case, queueId: Q.cases });
        const call = engine.addWork({ channel: CH.voice, queueId: Q.cases });
        expect(assignedTo(engine, call)).toBeNull();
    });

    it('a declined call is not offered again to that agent until they log out and in; a status change is not enough', () => {
        const { engine } = engineWithLog();
        engine.login(U.ann, ST.all);
        engine.login(U.bob, ST.break);
        const call = engine.addWork({ channel: CH.voice, queueId: Q.cases });
        engine.decline(U.ann, activeWork(engine, call).id);
        engine.login(U.bob, ST.all);
        engine.decline(U.bob, activeWork(engine, call).id);
        // Both refused: for a call, that sticks through status changes.
        engine.setStatus(U.ann, ST.break, 'OmniManualStatusChange');
        engine.setStatus(U.ann, ST.all, 'OmniManualStatusChange');
        expect(assignedTo(engine, call)).toBeNull();
        engine.logout(U.ann);
        engine.login(U.ann, ST.all);
        expect(assignedTo(engine, call)).toBe(U.ann);
    });
});

describe('flags', () => {
    it('an agent or a supervisor raises and lowers a flag with a message', () => {
        const { engine, log } = engineWithLog();
        engine.login(U.ann, ST.all);
        const work = activeWork(engine, engine.addWork({ channel: CH.case, queueId: Q.cases }));
        engine.raiseFlag(work.id, { userId: U.ann, role: 'AGENT' }, 'Need help');
        engine.lowerFlag(work.id, { userId: '005SM0000000099', role: 'SUPERVISOR' });
        const flags = log.filter((e) => e.type === 'workFlagUpdated');
        expect(flags.map((e) => (e as { flag: unknown }).flag)).toEqual([
            { isFlagged: true, message: 'Need help', roleUpdatedBy: 'AGENT', updatedBy: U.ann },
            { isFlagged: false, message: null, roleUpdatedBy: 'SUPERVISOR', updatedBy: '005SM0000000099' }
        ]);
        expect(() => engine.raiseFlag(work.id, { userId: U.bob, role: 'AGENT' })).toThrow(
            expect.objectContaining({ code: 'NOT_YOUR_WORK' })
        );
    });
});

describe('faults and logout', () => {
    it('routes nothing to an agent whose console lost its connection, and resumes when it returns', () => {
        const { engine, log } = engineWithLog();
        engine.login(U.ann, ST.all);
        engine.connectionError(U.ann, 'Network unreachable');
        const item = engine.addWork({ channel: CH.case, queueId: Q.cases });
        expect(assignedTo(engine, item)).toBeNull();
        engine.connectionRestored(U.ann);
        expect(assignedTo(engine, item)).toBe(U.ann);
        expect(log.map((e) => e.type)).toContain('connectionError');
    });

    it('logout returns pushed work to routing (Unavailable) and keeps accepted work open', () => {
        const { engine, log } = engineWithLog();
        engine.login(U.ann, ST.all);
        const opened = engine.addWork({ channel: CH.case, queueId: Q.cases });
        engine.accept(U.ann, activeWork(engine, opened).id);
        const pushed = engine.addWork({ channel: CH.case, queueId: Q.cases });
        engine.login(U.bob, ST.break);
        engine.maintenanceLogout(U.ann);
        expect(log).toContainEqual({ type: 'logout', userId: U.ann, reason: 'MaintenanceLogout' });
        expect(engine.listAgentWorks().find((w) => w.workItemId === pushed)!.status).toBe('Unavailable');
        expect(activeWork(engine, opened).status).toBe('Opened');
        engine.setStatus(U.bob, ST.all, 'OmniManualStatusChange');
        expect(assignedTo(engine, pushed)).toBe(U.bob);
    });

    it('a duplicate login logs the agent out with its reason', () => {
        const { engine, log } = engineWithLog();
        engine.login(U.ann, ST.all);
        engine.duplicateLogin(U.ann, true);
        expect(log.at(-1)).toEqual({ type: 'logout', userId: U.ann, reason: 'DuplicateLoginInSameBrowser' });
    });
});

describe('external routing', () => {
    it('leaves External Routing PSRs to a partner router, which inserts AgentWork within capacity', () => {
        const { engine } = engineWithLog();
        engine.login(U.ann, ST.all);
        const item = engine.addWork({ channel: CH.case, queueId: Q.external });
        expect(assignedTo(engine, item)).toBeNull();
        const psr = engine.listPsrs()[0];
        expect(psr).toMatchObject({ routingModel: 'ExternalRouting', isPushed: false, serial: 1 });
        const work = engine.insertAgentWork({
            pendingServiceRoutingId: psr.id,
            userId: U.ann,
            serviceChannelId: CH.case,
            workItemId: item
        });
        expect(work.status).toBe('Assigned');
        expect(() =>
            engine.insertAgentWork({ pendingServiceRoutingId: psr.id, userId: U.ann, serviceChannelId: CH.case, workItemId: item })
        ).toThrow(expect.objectContaining({ code: 'WRONG_STATE' }));
    });

    it('refuses an insert that would exceed capacity, or targets an offline agent', () => {
        const { engine } = engineWithLog();
        engine.login(U.cat, ST.all); // capacity 3
        const psrFor = (item: string) => engine.listPsrs().find((p) => p.workItemId === item)!;
        for (let i = 0; i < 3; i++) engine.addWork({ channel: CH.case, queueId: Q.cases });
        const item = engine.addWork({ channel: CH.case, queueId: Q.external });
        const insert = (userId: string) =>
            engine.insertAgentWork({ pendingServiceRoutingId: psrFor(item).id, userId, serviceChannelId: CH.case, workItemId: item });
        expect(() => insert(U.cat)).toThrow(expect.objectContaining({ code: 'OVER_CAPACITY' }));
        expect(() => insert(U.bob)).toThrow(expect.objectContaining({ code: 'NOT_LOGGED_IN' }));
    });
});

describe('bad input gives typed errors', () => {
    it.each([
        ['unknown agent', (e: SimEngine) => e.login('005SM0000000404', ST.all), 'UNKNOWN_AGENT'],
        ['unknown status', (e: SimEngine) => e.login(U.ann, 'Lunch'), 'UNKNOWN_STATUS'],
        ['unknown channel', (e: SimEngine) => e.addWork({ channel: 'Fax', queueId: Q.cases }), 'UNKNOWN_CHANNEL'],
        ['unknown queue', (e: SimEngine) => e.addWork({ channel: CH.case, queueId: '00GSM0000000404' }), 'UNKNOWN_QUEUE'],
        ['unknown work', (e: SimEngine) => e.accept(U.ann, '0BzSM0000000404'), 'UNKNOWN_WORK'],
        ['negative time', (e: SimEngine) => e.advance(-1), 'BAD_INPUT']
    ])('%s', (_name, act, code) => {
        const { engine } = engineWithLog();
        expect(() => act(engine)).toThrow(SimError);
        expect(() => act(engine)).toThrow(expect.objectContaining({ code }));
    });

    it('a setup that names a missing routing configuration is refused', () => {
        const broken = setup();
        broken.queues = [{ id: Q.cases, name: 'Cases', routingConfigId: 'nope' }];
        expect(() => new SimEngine(broken)).toThrow(/unknown routing configuration nope/);
    });

    it('accepting someone else’s work or accepting twice is refused', () => {
        const { engine } = engineWithLog();
        engine.login(U.ann, ST.all);
        const work = activeWork(engine, engine.addWork({ channel: CH.case, queueId: Q.cases }));
        expect(() => engine.accept(U.bob, work.id)).toThrow(expect.objectContaining({ code: 'NOT_YOUR_WORK' }));
        engine.accept(U.ann, work.id);
        expect(() => engine.accept(U.ann, work.id)).toThrow(expect.objectContaining({ code: 'WRONG_STATE' }));
    });
});
