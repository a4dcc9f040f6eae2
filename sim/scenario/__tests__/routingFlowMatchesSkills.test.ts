/**
 * The simulator routes a demo Case as the deployed Omni-Channel flow does, as far as the engine
 * models it: DEMO_CASE_ROUTING (sim/scenario/defaultOrg.ts) is compared with demo's routing
 * flow (flows/Omni_Kit_Route_Cases: its decision's conditions, its Route Work inputs, its queue
 * lookup) and with the WorkSkillRouting the flow's skills path evaluates
 * (workSkillRoutings/Omni_Kit_Case_Skills); then the engine routes Cases built from it.
 * Sources: Metadata API Developer Guide, "WorkSkillRouting" (relatedEntity, field, value, skill,
 * skillLevel, isAdditionalSkill); Salesforce Help, "How Does an Omni-Channel Flow Work?" (Route
 * Work to queues, reps or skills); docs/deploy.md, "The routing flow".
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { XMLParser } from 'fast-xml-parser';
import { SimEngine, SimError } from '../../engine/engine';
import type { SimEvent } from '../../engine/engine';
import { DEFAULT_ORG, DEMO_CASE_ROUTING, demoCaseWork } from '../defaultOrg';

type Xml = Record<string, unknown>;
interface Rule {
    field: string;
    value: string;
    skill: string;
    level: number;
}

const FORCE_APP = join(__dirname, '../../../demo/main/default');
/** Deployed queue developer name -> the simulated queue (as demoOrgMatchesMetadata.test.ts pairs them). */
const QUEUE_TWINS: Record<string, string> = { Omni_Kit_Cases: 'Cases', Omni_Kit_External: 'External' };
const CHANNEL_TWINS: Record<string, string> = { Omni_Kit_Cases: 'Cases' };

const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    isArray: (name) =>
        [
            'actionCalls',
            'decisions',
            'rules',
            'conditions',
            'inputParameters',
            'recordLookups',
            'filters',
            'workSkillRoutingAttributes'
        ].includes(name)
});
const read = (path: string): Xml => {
    const doc = parser.parse(readFileSync(join(FORCE_APP, path), 'utf8')) as Xml;
    return doc[Object.keys(doc).find((k) => k !== '?xml')!] as Xml;
};
const list = (x: Xml, field: string): Xml[] => (x[field] as Xml[] | undefined) ?? [];
const named = (items: Xml[], name: string): Xml | undefined => items.find((i) => i.name === name);
/** A Route Work input's value: a string, an element reference or a setup reference, as text. */
function input(action: Xml | undefined, name: string): string | undefined {
    const value = named(list(action ?? {}, 'inputParameters'), name)?.value as Xml | undefined;
    if (!value) return undefined;
    return String(value.stringValue ?? value.elementReference ?? value.setupReference ?? value.booleanValue);
}

/** What the deployed flow and WorkSkillRouting say, in DEMO_CASE_ROUTING's terms; problems name what cannot be read. */
function deployedRouting(
    flow: Xml,
    wsr: Xml
): { routing: { channel: string; fallbackQueue: string; preferredRepField: string; skillRules: Rule[] }; problems: string[] } {
    const problems: string[] = [];
    const decision = list(flow, 'decisions')[0] ?? {};
    const rules = list(decision, 'rules');
    const actions = list(flow, 'actionCalls');
    const target = (rule: Xml | undefined) => named(actions, String((rule?.connector as Xml | undefined)?.targetReference));

    // 1. The rep path: "names a rep" tests the Case field, and routes to it with the queue as fallback.
    const repRule = rules[0];
    const repCondition = list(repRule ?? {}, 'conditions')[0] ?? {};
    const repField = String(repCondition.leftValueReference ?? '').replace(/^Get_Case\./, '');
    const repAction = target(repRule);
    if (repCondition.operator !== 'IsNull' || (repCondition.rightValue as Xml | undefined)?.booleanValue !== 'false')
        problems.push('the first rule does not test that the Case names a rep (IsNull false)');
    if (input(repAction, 'routingType') !== 'Agent' || input(repAction, 'agentId') !== `Get_Case.${repField}`)
        problems.push('the first rule does not route to the rep the Case names');

    // 2. The skills path: each condition is a Case field value; Route Work SkillsBased runs the WorkSkillRouting rules.
    const skillRule = rules[1] ?? {};
    const skillAction = target(skillRule);
    if (skillRule.conditionLogic !== 'or') problems.push('the skills rule does not take any one matching value (conditionLogic or)');
    if (input(skillAction, 'routingType') !== 'SkillsBased' || input(skillAction, 'skillOption') !== 'RunSBRRules')
        problems.push('the skills rule does not route SkillsBased with the skills-based routing rules (RunSBRRules)');
    const flowValues = list(skillRule, 'conditions').map((c) => ({
        field: String(c.leftValueReference).replace(/^Get_Case\./, ''),
        operator: c.operator,
        value: String((c.rightValue as Xml | undefined)?.stringValue)
    }));
    if (wsr.relatedEntity !== 'Case' || wsr.isActive !== 'true') problems.push('the WorkSkillRouting is not an active Case rule set');
    const skillRules: Rule[] = list(wsr, 'workSkillRoutingAttributes').map((a) => {
        if (a.isAdditionalSkill === 'true') problems.push(`${String(a.skill)}: additional in demo (the flow's path needs it required)`);
        return {
            field: String(a.field).replace(/^Case\./, ''),
            value: String(a.value),
            skill: String(a.skill),
            level: Number(a.skillLevel ?? 0)
        };
    });
    const key = (r: { field: string; value: string }) => `${r.field}=${r.value}`;
    const ruleKeys = skillRules.map(key).sort();
    const flowKeys = flowValues.map(key).sort();
    if (JSON.stringify(ruleKeys) !== JSON.stringify(flowKeys) || flowValues.some((v) => v.operator !== 'EqualTo'))
        problems.push(`the flow's skills rule tests ${JSON.stringify(flowKeys)}, the WorkSkillRouting maps ${JSON.stringify(ruleKeys)}`);

    // 3. The queue: the default path and every fault path; the lookup names it by developer name.
    const defaultAction = named(actions, String((decision.defaultConnector as Xml | undefined)?.targetReference));
    const queueLookup = named(list(flow, 'recordLookups'), 'Get_Queue');
    const queueFilter = list(queueLookup ?? {}, 'filters').find((f) => f.field === 'DeveloperName');
    const deployedQueue = String((queueFilter?.value as Xml | undefined)?.stringValue);
    if (input(defaultAction, 'routingType') !== 'QueueBased' || input(defaultAction, 'queueId') !== 'Get_Queue.Id')
        problems.push('the default path does not route to the looked-up queue');
    for (const action of [repAction, skillAction])
        if (String((action?.faultConnector as Xml | undefined)?.targetReference) !== defaultAction?.name)
            problems.push(`${String(action?.name)}: a failure does not fall back to the queue`);
    const channels = new Set(actions.map((a) => input(a, 'serviceChannelId')));
    if (channels.size !== 1) problems.push(`the Route Work actions use ${channels.size} service channels`);

    return {
        routing: {
            channel: CHANNEL_TWINS[[...channels][0] ?? ''] ?? `(no twin for ${String([...channels][0])})`,
            fallbackQueue: QUEUE_TWINS[deployedQueue] ?? `(no twin for ${deployedQueue})`,
            preferredRepField: repField,
            skillRules
        },
        problems
    };
}

const FLOW = read('flows/Omni_Kit_Route_Cases.flow-meta.xml');
const WSR = read('workSkillRoutings/Omni_Kit_Case_Skills.workSkillRouting-meta.xml');

describe("the simulator's demo Case routing matches the deployed routing flow and skills rules", () => {
    it('reads the flow and the WorkSkillRouting without a problem', () => {
        expect(deployedRouting(FLOW, WSR).problems).toEqual([]);
    });

    it('maps the same Case values to the same skills, the same rep field, queue and channel', () => {
        const { routing } = deployedRouting(FLOW, WSR);
        expect(routing).toEqual({ ...DEMO_CASE_ROUTING, skillRules: [...DEMO_CASE_ROUTING.skillRules] });
    });

    it('bites: a drifted value, skill or fault path is named', () => {
        const attributes = list(WSR, 'workSkillRoutingAttributes');
        const drifted = { ...WSR, workSkillRoutingAttributes: [{ ...attributes[0], value: 'Web' }, attributes[1]] };
        const { routing, problems } = deployedRouting(FLOW, drifted);
        expect(problems).toEqual([
            `the flow's skills rule tests ["Origin=Phone","Priority=High"], the WorkSkillRouting maps ["Origin=Web","Priority=High"]`
        ]);
        expect(routing.skillRules).not.toEqual([...DEMO_CASE_ROUTING.skillRules]);

        const noFault = {
            ...FLOW,
            actionCalls: list(FLOW, 'actionCalls').map((a) => (a.name === 'Route_By_Skills' ? { ...a, faultConnector: undefined } : a))
        };
        expect(deployedRouting(noFault, WSR).problems).toEqual(['Route_By_Skills: a failure does not fall back to the queue']);
    });
});

describe('the engine routes demo Cases as the flow does', () => {
    const CASES_QUEUE = DEFAULT_ORG.queues.find((q) => q.name === 'Cases')!.id;
    const AVAILABLE = DEFAULT_ORG.statuses.find((s) => s.developerName === 'Available')!.id;
    const STANDARD = DEFAULT_ORG.configs.find((c) => c.developerName === 'Standard')!.id;
    const PHONE_REP = '005SM00000000P1';
    const OTHER_REP = '005SM00000000P2';

    function engine(): { sim: SimEngine; assigned: Map<string, string> } {
        const sim = new SimEngine(
            {
                ...DEFAULT_ORG,
                agents: [
                    {
                        userId: PHONE_REP,
                        name: 'Phone rep',
                        configId: STANDARD,
                        skills: [{ skill: 'Omni_Kit_Phone', level: 1 }],
                        queueIds: [CASES_QUEUE]
                    },
                    { userId: OTHER_REP, name: 'Other rep', configId: STANDARD, skills: [], queueIds: [CASES_QUEUE] }
                ]
            },
            1_000_000
        );
        const assigned = new Map<string, string>();
        sim.on((e: SimEvent) => {
            if (e.type === 'workAssigned') assigned.set(e.work.workItemId, e.userId);
        });
        sim.login(PHONE_REP, AVAILABLE);
        sim.login(OTHER_REP, AVAILABLE);
        return { sim, assigned };
    }

    it('a phone Case needs Omni_Kit_Phone: only the rep with the skill gets it, even when the other has more room', () => {
        const { sim, assigned } = engine();
        const first = sim.addWork(demoCaseWork({ Omni_Kit_Preferred_Rep__c: PHONE_REP })); // the phone rep now has less room
        expect(assigned.get(first)).toBe(PHONE_REP);
        const phoneCase = sim.addWork(demoCaseWork({ Origin: 'Phone' }));
        expect(assigned.get(phoneCase)).toBe(PHONE_REP);
        const again = sim.addWork(demoCaseWork({ Origin: 'Phone' }));
        expect(assigned.get(again)).toBe(PHONE_REP);
    });

    it('a high-priority Case needs Omni_Kit_Escalations: nobody here has it, so it waits', () => {
        const { sim, assigned } = engine();
        const urgent = sim.addWork(demoCaseWork({ Priority: 'High', Origin: 'Web' }));
        expect(assigned.get(urgent)).toBeUndefined();
        expect(
            sim
                .listPsrs()
                .find((p) => p.workItemId === urgent)
                ?.skills.map((s) => s.skill)
        ).toEqual(['Omni_Kit_Escalations']);
    });

    it('a Case naming a rep goes to that rep, before any skill rule', () => {
        const { sim, assigned } = engine();
        const named_ = sim.addWork(demoCaseWork({ Omni_Kit_Preferred_Rep__c: OTHER_REP, Origin: 'Phone' }));
        expect(assigned.get(named_)).toBe(OTHER_REP);
    });

    it('a Case matching no rule goes to the Cases queue', () => {
        expect(demoCaseWork({ Origin: 'Email', Priority: 'Medium' })).toEqual({ channel: 'Cases', queueId: CASES_QUEUE });
    });

    it('an org without the Cases queue is refused with a typed error, not routed nowhere', () => {
        const org = { ...DEFAULT_ORG, queues: DEFAULT_ORG.queues.filter((q) => q.name !== 'Cases') };
        expect(() => demoCaseWork({}, org)).toThrow(SimError);
        expect(() => demoCaseWork({}, org)).toThrow(/needs the queue Cases/);
    });
});
