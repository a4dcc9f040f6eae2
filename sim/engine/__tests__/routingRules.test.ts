/**
 * The routing rules of issue 15, each against its source (docs/scenarios.md lists them):
 * ties, interruptible capacity, capacity models, auto-accept and after conversation work.
 */
import { SimEngine, SimError, type SimEvent } from '../engine';
import type { PresenceConfiguration } from '../model';
import { CH, Q, RC, ST, U, activeWork, assignedTo, engineWithLog, setup } from './fixture';

const MINUTE = 60_000;

function rulesOf(log: SimEvent[]) {
    return log.flatMap((e) => (e.type === 'workAssigned' ? [{ userId: e.userId, rule: e.rule }] : []));
}

describe('ties (Salesforce Help, "Omni-Channel Routing Options")', () => {
    it("goes to the rep who received work longest ago (the page's example), and a new login does not reset it", () => {
        const { engine, log } = engineWithLog();
        engine.login(U.ann, ST.all);
        engine.login(U.bob, ST.all);
        const a = engine.addWork({ channel: CH.case, queueId: Q.cases }); // 10 minutes before the test work
        expect(assignedTo(engine, a)).toBe(U.ann);
        expect(rulesOf(log).at(-1)).toEqual({ userId: U.ann, rule: 'tie: user id' });
        engine.accept(U.ann, activeWork(engine, a).id);
        engine.advance(2 * MINUTE);
        const b = engine.addWork({ channel: CH.case, queueId: Q.cases }); // 8 minutes before
        expect(assignedTo(engine, b)).toBe(U.bob);
        expect(rulesOf(log).at(-1)).toEqual({ userId: U.bob, rule: 'most available' });
        engine.accept(U.bob, activeWork(engine, b).id);
        engine.advance(3 * MINUTE);
        engine.close(U.bob, activeWork(engine, b).id); // Bob closed 5 minutes before
        engine.advance(3 * MINUTE);
        engine.close(U.ann, activeWork(engine, a).id); // Ann closed 2 minutes before
        engine.advance(MINUTE);
        engine.logout(U.ann);
        engine.login(U.ann, ST.all); // the engine used to count idle time from here
        engine.advance(MINUTE);
        const c = engine.addWork({ channel: CH.case, queueId: Q.cases });
        expect(assignedTo(engine, c)).toBe(U.ann);
        expect(rulesOf(log).at(-1)).toEqual({ userId: U.ann, rule: 'tie: longest since last work' });
    });

    it('most available: equal free units tie even when open work counts differ (no other-model measure)', () => {
        const { engine, log } = engineWithLog();
        engine.login(U.ann, ST.all);
        engine.login(U.bob, ST.all);
        engine.addWork({ channel: CH.case, queueId: Q.cases, preferredUserId: U.bob }); // Bob: 1 unit
        engine.advance(1000);
        engine.addWork({ channel: CH.case, queueId: Q.cases, preferredUserId: U.bob }); // Bob: 2 units, 2 works
        engine.advance(1000);
        engine.addWork({ channel: CH.case, queueId: Q.support, preferredUserId: U.ann }); // Ann: 2 units, 1 work, received last
        expect(rulesOf(log).at(-1)).toEqual({ userId: U.ann, rule: 'preferred rep' });
        engine.advance(1000);
        const next = engine.addWork({ channel: CH.case, queueId: Q.cases });
        // 3 free each: Bob received work longest ago. The engine used to prefer Ann's fewer open works.
        expect(assignedTo(engine, next)).toBe(U.bob);
        expect(rulesOf(log).at(-1)).toEqual({ userId: U.bob, rule: 'tie: longest since last work' });
    });
});

/** The fixture with cases interruptible on the channel (Is Interruptible), as Help's example sets them. */
function interruptibleCases() {
    const base = setup();
    return new SimEngine(
        { ...base, channels: base.channels.map((c) => (c.id === CH.case ? { ...c, isInterruptible: true } : c)) },
        1_000_000
    );
}

describe('interruptible capacity (Salesforce Help, "Configure Work Items as Primary or Interruptible")', () => {
    it('interruptible work stops at the interruptible capacity even with primary capacity free', () => {
        const engine = interruptibleCases();
        engine.login(U.ann, ST.all); // capacity 5, interruptible capacity 2
        const items = [1, 2, 3].map(() => engine.addWork({ channel: CH.case, queueId: Q.cases }));
        expect(items.map((i) => assignedTo(engine, i))).toEqual([U.ann, U.ann, null]);
        const view = engine.agentView(U.ann);
        expect([view.currentWorkload, view.currentInterruptibleWorkload]).toEqual([0, 2]);
        expect(engine.listPsrs().find((p) => p.workItemId === items[2])?.isInterruptible).toBe(true);
    });

    it('a rep full of interruptible work still takes primary work on primary capacity', () => {
        const engine = interruptibleCases();
        engine.login(U.ann, ST.all);
        engine.addWork({ channel: CH.case, queueId: Q.cases });
        engine.addWork({ channel: CH.case, queueId: Q.cases });
        const chat = engine.addWork({ channel: CH.chat, queueId: Q.cases });
        expect(assignedTo(engine, chat)).toBe(U.ann);
        const view = engine.agentView(U.ann);
        expect([view.currentWorkload, view.currentInterruptibleWorkload]).toEqual([1, 2]);
    });

    it("the routing configuration's capacity type overrides the channel; chat is always primary", () => {
        const base = setup();
        const engine = new SimEngine(
            {
                ...base,
                routingConfigs: base.routingConfigs.map((r) =>
                    r.id === RC.mostAvailable
                        ? { ...r, capacityType: 'Interruptible' as const }
                        : r.id === RC.leastActive
                          ? { ...r, capacityType: 'Primary' as const }
                          : r
                )
            },
            1_000_000
        );
        engine.login(U.ann, ST.all);
        const messagingPrimary = engine.addWork({ channel: CH.messaging, queueId: Q.support }); // interruptible channel, Primary config
        const caseInterruptible = engine.addWork({ channel: CH.case, queueId: Q.cases }); // primary channel, Interruptible config
        const chat = engine.addWork({ channel: CH.chat, queueId: Q.cases }); // Interruptible config, but a LiveChatTranscript
        const works = engine.listAgentWorks();
        const flag = (item: string) => works.find((w) => w.workItemId === item)?.isInterruptible;
        expect([flag(messagingPrimary), flag(caseInterruptible), flag(chat)]).toEqual([false, true, false]);
        const view = engine.agentView(U.ann);
        expect([view.currentWorkload, view.currentInterruptibleWorkload]).toEqual([3, 1]);
    });

    it('a partner router cannot insert interruptible work beyond the interruptible capacity', () => {
        const engine = interruptibleCases();
        engine.login(U.ann, ST.all);
        const ids = [1, 2, 3].map(() => engine.addWork({ channel: CH.case, queueId: Q.external }));
        const insert = (item: string) => {
            const psr = engine.listPsrs().find((p) => p.workItemId === item)!;
            return engine.insertAgentWork({ pendingServiceRoutingId: psr.id, userId: U.ann, serviceChannelId: CH.case, workItemId: item });
        };
        insert(ids[0]);
        insert(ids[1]);
        expect(() => insert(ids[2])).toThrow(/no interruptible capacity/);
    });
});

describe('capacity models (Salesforce Help, "Understand Capacity Models")', () => {
    function withChatModel(capacityModel: 'TabBased' | 'StatusBased') {
        const base = setup();
        return new SimEngine({ ...base, channels: base.channels.map((c) => (c.id === CH.chat ? { ...c, capacityModel } : c)) }, 1_000_000);
    }

    it('tab-based: going offline closes open work and resets capacity; back online, new work comes', () => {
        const engine = withChatModel('TabBased');
        engine.login(U.cat, ST.all); // capacity 3
        const chats = [1, 2, 3].map(() => engine.addWork({ channel: CH.chat, queueId: Q.cases }));
        for (const c of chats) engine.accept(U.cat, activeWork(engine, c).id);
        const waiting = engine.addWork({ channel: CH.chat, queueId: Q.cases });
        expect(assignedTo(engine, waiting)).toBeNull();
        engine.logout(U.cat);
        expect(engine.agentView(U.cat).currentWorkload).toBe(0);
        expect(chats.map((c) => engine.getWorkItem(c)?.state)).toEqual(['closed', 'closed', 'closed']);
        engine.login(U.cat, ST.all);
        expect(assignedTo(engine, waiting)).toBe(U.cat);
    });

    it('status-based: going offline keeps accepted work and its capacity', () => {
        const engine = withChatModel('StatusBased');
        engine.login(U.cat, ST.all);
        const chats = [1, 2, 3].map(() => engine.addWork({ channel: CH.chat, queueId: Q.cases }));
        for (const c of chats) engine.accept(U.cat, activeWork(engine, c).id);
        const waiting = engine.addWork({ channel: CH.chat, queueId: Q.cases });
        engine.logout(U.cat);
        engine.login(U.cat, ST.all);
        expect(engine.agentView(U.cat).currentWorkload).toBe(3);
        expect(assignedTo(engine, waiting)).toBeNull();
    });
});

function withConfig(changes: Partial<PresenceConfiguration>) {
    const base = setup();
    return new SimEngine({ ...base, configs: base.configs.map((c) => (c.id === 'cfg-strict' ? { ...c, ...changes } : c)) }, 1_000_000);
}

describe('auto-accept (PresenceUserConfig.enableAutoAccept)', () => {
    it('routed work arrives accepted: Opened, its PSR gone, no push time-out', () => {
        const engine = withConfig({ autoAccept: true });
        engine.login(U.cat, ST.all);
        const item = engine.addWork({ channel: CH.case, queueId: Q.cases });
        expect(activeWork(engine, item).status).toBe('Opened');
        expect(engine.listPsrs()).toEqual([]);
        engine.advance(10 * MINUTE);
        expect(activeWork(engine, item).status).toBe('Opened');
    });

    it('refuses a configuration with auto-accept and decline both on, or interruptible capacity above capacity', () => {
        const base = setup();
        const standard = base.configs[0];
        expect(() => new SimEngine({ ...base, configs: [{ ...standard, autoAccept: true }] })).toThrow(SimError);
        expect(() => new SimEngine({ ...base, configs: [{ ...standard, autoAccept: true }] })).toThrow(/auto-accept and decline/);
        expect(() => new SimEngine({ ...base, configs: [{ ...standard, interruptibleCapacity: 6 }] })).toThrow(
            /interruptible capacity 6 is above capacity 5/
        );
        expect(() => new SimEngine({ ...base, configs: [{ ...standard, afterConversationWorkMs: 5000 }] })).toThrow(/10 to 3600 s/);
    });
});

describe('after conversation work (PresenceUserConfig.afterConvoWorkMaxTime)', () => {
    it('a closed conversation keeps its capacity until the time runs out; then the next work is pushed', () => {
        const engine = withConfig({ capacity: 1, afterConversationWorkMs: 30_000 });
        engine.login(U.cat, ST.all);
        const first = engine.addWork({ channel: CH.voice, queueId: Q.cases });
        engine.accept(U.cat, activeWork(engine, first).id);
        const second = engine.addWork({ channel: CH.voice, queueId: Q.cases });
        engine.close(U.cat, activeWork(engine, first).id);
        expect(assignedTo(engine, second)).toBeNull();
        expect(activeWork(engine, first).afterConversationWorkEndsAt).toBe(engine.now + 30_000);
        engine.advance(29_999);
        expect(assignedTo(engine, second)).toBeNull();
        engine.advance(1);
        expect(engine.getWorkItem(first)?.state).toBe('closed');
        expect(assignedTo(engine, second)).toBe(U.cat);
    });

    it('closing again during it ends it at once ("All Done"); a case has no conversation to wrap up', () => {
        const engine = withConfig({ capacity: 1, afterConversationWorkMs: 30_000 });
        engine.login(U.cat, ST.all);
        const call = engine.addWork({ channel: CH.voice, queueId: Q.cases });
        engine.accept(U.cat, activeWork(engine, call).id);
        const next = engine.addWork({ channel: CH.case, queueId: Q.cases });
        engine.close(U.cat, activeWork(engine, call).id);
        engine.close(U.cat, activeWork(engine, call).id);
        expect(assignedTo(engine, next)).toBe(U.cat);
        engine.accept(U.cat, activeWork(engine, next).id);
        engine.close(U.cat, activeWork(engine, next).id);
        expect(engine.getWorkItem(next)?.state).toBe('closed');
    });
});

describe('additional skills (PendingServiceRouting.DropAdditionalSkillsTimeout)', () => {
    const french = { skill: 'French', level: 1, isAdditional: false, dropAfterMs: null };
    const billing = { skill: 'Billing', level: 1, isAdditional: true, dropAfterMs: null };
    const legal = { skill: 'Legal', level: 1, isAdditional: true, dropAfterMs: null };

    it("are all dropped together after the routing configuration's time-out", () => {
        const base = setup();
        const engine = new SimEngine(
            {
                ...base,
                routingConfigs: base.routingConfigs.map((r) =>
                    r.id === RC.leastActive ? { ...r, dropAdditionalSkillsTimeoutMs: 30_000 } : r
                )
            },
            1_000_000
        );
        engine.login(U.bob, ST.all); // French only
        const item = engine.addWork({ channel: CH.case, routingConfigId: RC.leastActive, skills: [french, billing, legal] });
        expect(engine.listPsrs()[0].dropAdditionalSkillsTimeoutMs).toBe(30_000);
        engine.advance(29_999);
        expect(assignedTo(engine, item)).toBeNull();
        engine.advance(1);
        expect(assignedTo(engine, item)).toBe(U.bob);
    });

    it('without a time-out they are never dropped; two different time-outs on one work are refused', () => {
        const { engine } = engineWithLog();
        engine.login(U.bob, ST.all);
        const item = engine.addWork({ channel: CH.case, routingConfigId: RC.leastActive, skills: [french, billing] });
        engine.advance(24 * 60 * MINUTE);
        expect(assignedTo(engine, item)).toBeNull();
        expect(() =>
            engine.addWork({
                channel: CH.case,
                routingConfigId: RC.leastActive,
                skills: [french, { ...billing, dropAfterMs: 30_000 }, { ...legal, dropAfterMs: 60_000 }]
            })
        ).toThrow(/dropped together/);
        expect(() =>
            engine.addWork({ channel: CH.case, routingConfigId: RC.leastActive, skills: [{ ...french, dropAfterMs: 1000 }] })
        ).toThrow(/only additional skills are dropped/);
    });
});

describe('transfers', () => {
    it('a call transferred to a rep cannot be declined (Unified Routing seed: transfer limitations)', () => {
        const { engine } = engineWithLog();
        engine.login(U.ann, ST.all);
        const call = engine.addWork({ channel: CH.voice, queueId: Q.cases });
        engine.accept(U.ann, activeWork(engine, call).id);
        engine.login(U.bob, ST.all);
        engine.transferToAgent(activeWork(engine, call).id, U.bob);
        const offered = activeWork(engine, call);
        expect(offered.userId).toBe(U.bob);
        expect(() => engine.decline(U.bob, offered.id)).toThrow(/transferred to a rep cannot be declined/);
        expect(activeWork(engine, call).status).toBe('Assigned');
    });

    it('a transfer to a rep keeps the routing configuration the work came with (priority, weight, push time-out)', () => {
        const { engine } = engineWithLog();
        engine.login(U.ann, ST.all);
        const item = engine.addWork({ channel: CH.case, queueId: Q.support }); // Least_Active: weight 2, no push time-out
        engine.accept(U.ann, activeWork(engine, item).id);
        engine.login(U.bob, ST.all);
        engine.transferToAgent(activeWork(engine, item).id, U.bob);
        expect(engine.listPsrs().find((p) => p.workItemId === item)).toMatchObject({
            isTransfer: true,
            routingModel: 'LeastActive',
            capacityWeight: 2,
            pushTimeoutMs: 0
        });
        expect(activeWork(engine, item).capacityWeight).toBe(2);
    });

    /** External work accepted by Ann: what a partner router and Ann's console did. */
    function externalWorkWithAnn(channel: string = CH.case) {
        const { engine, log } = engineWithLog();
        engine.login(U.ann, ST.all);
        engine.login(U.bob, ST.all);
        const item = engine.addWork({ channel, queueId: Q.external });
        const psr = engine.listPsrs().find((p) => p.workItemId === item)!;
        const first = engine.insertAgentWork({
            pendingServiceRoutingId: psr.id,
            userId: U.ann,
            serviceChannelId: channel,
            workItemId: item
        });
        engine.accept(U.ann, first.id);
        return { engine, log, item, first };
    }
    const worksOf = (engine: SimEngine, item: string) =>
        engine
            .listAgentWorks()
            .filter((w) => w.workItemId === item)
            .map((w) => ({ userId: w.userId, status: w.status }));

    describe('External Routing: transfer to a rep (Developer Guide seed, "Agent transfers the work to another agent")', () => {
        it('creates no PSR and leaves the first AgentWork Opened beside a second one Assigned', () => {
            const { engine, log, item, first } = externalWorkWithAnn();
            const created = log.length;
            const secondId = engine.transferToAgent(first.id, U.bob);
            // "A new PendingServiceRouting isn't created when the work is transferred."
            expect(engine.listPsrs()).toEqual([]);
            expect(log.slice(created).some((e) => e.type === 'psrChanged')).toBe(false);
            // "First AgentWork with the Status = Opened; Second AgentWork with the Status = Assigned."
            expect(worksOf(engine, item)).toEqual([
                { userId: U.ann, status: 'Opened' },
                { userId: U.bob, status: 'Assigned' }
            ]);
            expect(engine.listAgentWorks().find((w) => w.id === secondId)).toMatchObject({
                pendingServiceRoutingId: null,
                status: 'Assigned'
            });
            expect(rulesOf(log).at(-1)).toEqual({ userId: U.bob, rule: 'transfer to rep' });
            // Both hold capacity until the target answers; the work item stays with Ann (opened).
            expect(engine.agentView(U.ann).currentWorkload).toBe(1);
            expect(engine.agentView(U.bob).currentWorkload).toBe(1);
            expect(engine.getWorkItem(item)!.state).toBe('opened');
        });

        it("accepted: the first AgentWork ends Transferred and frees its capacity; the work is the target's", () => {
            const { engine, item, first } = externalWorkWithAnn();
            const secondId = engine.transferToAgent(first.id, U.bob);
            engine.accept(U.bob, secondId);
            expect(worksOf(engine, item)).toEqual([
                { userId: U.ann, status: 'Transferred' },
                { userId: U.bob, status: 'Opened' }
            ]);
            expect(engine.agentView(U.ann).currentWorkload).toBe(0);
            expect(engine.agentView(U.bob).currentWorkload).toBe(1);
            expect(engine.getWorkItem(item)!.state).toBe('opened');
            expect(engine.listPsrs()).toEqual([]);
        });

        it('declined or timed out: the first AgentWork stays Opened with the first rep; nothing is rerouted', () => {
            const { engine, item, first } = externalWorkWithAnn();
            engine.decline(U.bob, engine.transferToAgent(first.id, U.bob), 'Busy');
            expect(worksOf(engine, item)).toEqual([
                { userId: U.ann, status: 'Opened' },
                { userId: U.bob, status: 'Declined' }
            ]);
            expect(engine.listPsrs()).toEqual([]);
            expect(engine.agentView(U.bob).currentWorkload).toBe(0);
            expect(engine.agentView(U.ann).currentWorkload).toBe(1);
        });

        it("uses the External routing configuration's push time-out; the target gets its status on push time-out", () => {
            const { engine, item, first } = externalWorkWithAnn();
            const external = setup().routingConfigs.find((r) => r.id === RC.external)!;
            expect(external.pushTimeoutMs).toBe(0);
            const timed = new SimEngine(
                setup({ routingConfigs: setup().routingConfigs.map((r) => (r.id === RC.external ? { ...r, pushTimeoutMs: 20_000 } : r)) }),
                0
            );
            timed.login(U.ann, ST.all);
            timed.login(U.bob, ST.all);
            const it2 = timed.addWork({ channel: CH.case, queueId: Q.external });
            const psr = timed.listPsrs()[0];
            const w = timed.insertAgentWork({ pendingServiceRoutingId: psr.id, userId: U.ann, serviceChannelId: CH.case, workItemId: it2 });
            timed.accept(U.ann, w.id);
            timed.transferToAgent(w.id, U.bob);
            timed.advance(20_000);
            expect(worksOf(timed, it2)).toEqual([
                { userId: U.ann, status: 'Opened' },
                { userId: U.bob, status: 'DeclinedOnPushTimeout' }
            ]);
            expect(timed.agentView(U.bob).statusId).toBe(ST.break); // cfg-standard: Break on push time-out
            // No push time-out on the External configuration: the offer waits.
            engine.transferToAgent(first.id, U.bob);
            engine.advance(60_000);
            expect(worksOf(engine, item).at(-1)).toEqual({ userId: U.bob, status: 'Assigned' });
        });

        it('a target offline, without the channel or without room is refused with a typed error, and the work stays Opened', () => {
            const { engine, item, first } = externalWorkWithAnn();
            engine.setStatus(U.bob, ST.break, 'OmniManualStatusChange');
            expect(() => engine.transferToAgent(first.id, U.bob)).toThrow(expect.objectContaining({ code: 'NOT_LOGGED_IN' }));
            engine.setStatus(U.bob, ST.all, 'OmniManualStatusChange');
            for (let i = 0; i < 5; i++)
                engine.addWork({ channel: CH.case, queueId: Q.cases, preferredUserId: U.bob, isPreferredUserRequired: true });
            expect(engine.agentView(U.bob).currentWorkload).toBe(5);
            expect(() => engine.transferToAgent(first.id, U.bob)).toThrow(expect.objectContaining({ code: 'OVER_CAPACITY' }));
            expect(worksOf(engine, item)).toEqual([{ userId: U.ann, status: 'Opened' }]);
        });

        it('while the offer waits: no second transfer, the offer cannot be closed, and the first rep closing the work cancels it', () => {
            const { engine, item, first } = externalWorkWithAnn();
            engine.login(U.cat, ST.all);
            const secondId = engine.transferToAgent(first.id, U.bob);
            expect(() => engine.transferToAgent(first.id, U.cat)).toThrow(/being transferred to Bob/);
            expect(() => engine.transferToQueue(first.id, Q.cases)).toThrow(/being transferred to Bob/);
            expect(() => engine.close(U.bob, secondId)).toThrow(/waiting for an answer/);
            engine.close(U.ann, first.id);
            expect(worksOf(engine, item)).toEqual([
                { userId: U.ann, status: 'Closed' },
                { userId: U.bob, status: 'Canceled' }
            ]);
            expect(engine.getWorkItem(item)!.state).toBe('closed');
            expect(engine.agentView(U.bob).currentWorkload).toBe(0);
        });

        it('native routing keeps its behaviour: the first AgentWork ends Transferred and a direct-to-rep PSR is routed', () => {
            const { engine } = engineWithLog();
            engine.login(U.ann, ST.all);
            engine.login(U.bob, ST.all);
            const item = engine.addWork({ channel: CH.case, queueId: Q.cases });
            engine.accept(U.ann, activeWork(engine, item).id);
            engine.transferToAgent(activeWork(engine, item).id, U.bob);
            expect(worksOf(engine, item)).toEqual([
                { userId: U.ann, status: 'Transferred' },
                { userId: U.bob, status: 'Assigned' }
            ]);
            expect(engine.listPsrs()).toEqual([expect.objectContaining({ isTransfer: true, preferredUserId: U.bob, isPushed: true })]);
        });
    });
});
