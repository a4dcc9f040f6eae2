/**
 * The fake OmniPanelController.getPushTimeouts answers from the real simulator engine as the
 * Apex class reads an org (AgentWork -> PSR queue -> QueueRoutingConfig.PushTimeout), and is
 * as strict: unknown (null) where the Apex cannot tell, refused ids as AuraHandledExceptions.
 */
import { SimEngine } from '../../../engine/engine';
import { CH, Q, RC, ST, U, setup } from '../../../engine/__tests__/fixture';
import { toId18 } from 'c/omniTypes';
import { DEMO_ORG_SOURCE, useOrgSource } from '../../orgSource';
import { getPushTimeouts } from '../OmniPanelController';
import { workRoutingOf } from '../workRouting';

type Entry = { workId: string; routingConfigId: string | null; routingConfigName: string | null; pushTimeoutSeconds: number | null };

function floor() {
    const org = setup();
    const engine = new SimEngine(org, Date.UTC(2026, 0, 5, 9));
    engine.login(U.ann, ST.all);
    useOrgSource({ ...DEMO_ORG_SOURCE, workRouting: (id) => workRoutingOf(engine, org, U.ann, id) });
    return engine;
}

/** Ann's AgentWork for a work item. */
function workOf(engine: SimEngine, workItemId: string): string {
    const work = engine.listAgentWorks().find((w) => w.workItemId === workItemId && w.userId === U.ann);
    if (!work) throw new Error(`no AgentWork of Ann for ${workItemId}`);
    return work.id;
}

async function rejectionMessage(promise: Promise<unknown>): Promise<string> {
    try {
        await promise;
    } catch (error) {
        return (error as { body: { message: string } }).body.message;
    }
    throw new Error('expected a rejection');
}

afterEach(() => useOrgSource(DEMO_ORG_SOURCE));

describe('fake OmniPanelController.getPushTimeouts', () => {
    it("follows each offer to its queue's routing configuration: seconds, 0 when it has none, one entry per distinct id", async () => {
        const engine = floor();
        const cases = workOf(
            engine,
            engine.addWork({ channel: CH.case, queueId: Q.cases, preferredUserId: U.ann, isPreferredUserRequired: true })
        );
        const support = workOf(
            engine,
            engine.addWork({ channel: CH.case, queueId: Q.support, preferredUserId: U.ann, isPreferredUserRequired: true })
        );

        const answer = (await getPushTimeouts({ workIds: [support, cases, toId18(support)] })) as Entry[];

        expect(answer).toEqual([
            { workId: toId18(support), routingConfigId: toId18(RC.leastActive), routingConfigName: 'Least_Active', pushTimeoutSeconds: 0 },
            {
                workId: toId18(cases),
                routingConfigId: toId18(RC.mostAvailable),
                routingConfigName: 'Most_Available',
                pushTimeoutSeconds: 30
            }
        ]);
    });

    it('unknown (null), as the Apex, once accepted (the PSR is gone) and for skills-based work (no queue)', async () => {
        const engine = floor();
        const accepted = workOf(
            engine,
            engine.addWork({ channel: CH.case, queueId: Q.cases, preferredUserId: U.ann, isPreferredUserRequired: true })
        );
        engine.accept(U.ann, accepted);
        const skills = workOf(
            engine,
            engine.addWork({
                channel: CH.case,
                routingConfigId: RC.mostAvailable,
                skills: [{ skill: 'French', level: 5, isAdditional: false, dropAfterMs: null }],
                preferredUserId: U.ann,
                isPreferredUserRequired: true
            })
        );
        // The engine itself knows a time-out for the skills-based offer; the Apex cannot see one.
        expect(engine.listPsrs().some((p) => p.groupId === null && p.pushTimeoutMs === 30_000)).toBe(true);

        const answer = (await getPushTimeouts({ workIds: [accepted, skills] })) as Entry[];

        expect(answer.map((e) => e.pushTimeoutSeconds)).toEqual([null, null]);
        expect(answer.map((e) => e.routingConfigId)).toEqual([null, null]);
    });

    it('refuses ids that are not AgentWork ids, null ids and more than 200 ids; nothing or an empty list is empty', async () => {
        floor();
        expect(await rejectionMessage(getPushTimeouts({ workIds: ['500SM0000000001'] }))).toBe(
            `getPushTimeouts: ${toId18('500SM0000000001')} is not an AgentWork id.`
        );
        expect(await rejectionMessage(getPushTimeouts({ workIds: [null] }))).toBe('getPushTimeouts: a work id is null.');
        const many = Array.from({ length: 201 }, (_, i) => `0BzSM${String(i + 1).padStart(10, '0')}`);
        expect(await rejectionMessage(getPushTimeouts({ workIds: many }))).toContain('at most 200 AgentWork ids');
        expect(await getPushTimeouts({})).toEqual([]);
        expect(await getPushTimeouts({ workIds: [] })).toEqual([]);
    });
});
