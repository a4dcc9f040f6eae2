import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { ScenarioError, parseDuration } from '../scenario';
import { ScenarioRun, loadDefaultScenario } from '../runner';

const dir = join(__dirname, '../../../scenarios');
const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f));

function load(text: string, file = 'test.yaml') {
    return loadDefaultScenario(text, file);
}

function problems(text: string, file = 'bad.yaml'): string[] {
    try {
        load(text, file);
    } catch (error) {
        expect(error).toBeInstanceOf(ScenarioError);
        return (error as ScenarioError).message.split('\n');
    }
    throw new Error('expected the scenario to be refused');
}

describe('shipped scenarios: one per documented Omni behaviour', () => {
    it('ships scenarios', () => {
        expect(files.length).toBeGreaterThanOrEqual(12);
    });

    it.each(files)('%s runs and every expectation holds', (file) => {
        const scenario = load(readFileSync(join(dir, file), 'utf8'), file);
        const results = new ScenarioRun(scenario).runAll();
        expect(results.filter((r) => !r.ok)).toEqual([]);
        expect(results.some((r) => r.kind === 'expect')).toBe(true);
    });
});

describe('expectations report what differs', () => {
    it('a wrong expectation fails with what was found', () => {
        const scenario = load(`
name: wrong
agents: [{ name: Ann, status: Break, queues: [Cases] }]
steps:
  - { addWork: { title: A, channel: Cases, queue: Cases } }
  - { expect: { work: A, assignedTo: Ann, state: assigned } }
`);
        const [, check] = new ScenarioRun(scenario).runAll();
        expect(check).toMatchObject({
            ok: false,
            where: 'steps[1]',
            message: '"A" is waiting, expected assigned; "A" is with nobody, expected Ann'
        });
    });

    it('an action the org refuses is a failed step, not a crash', () => {
        const scenario = load(`
name: refused
agents: [{ name: Cat, config: No_Decline, status: Available, queues: [Cases] }]
steps:
  - { addWork: { title: A, channel: Cases, queue: Cases } }
  - { decline: { agent: Cat, work: A } }
`);
        const results = new ScenarioRun(scenario).runAll();
        expect(results[1]).toMatchObject({
            ok: false,
            message: 'decline was refused: this presence configuration does not allow declining work'
        });
    });
});

describe('expectations on AgentWork, PSR, status-change and logout reasons', () => {
    const text = `
name: records
agents:
  - { name: Ann, status: Available, queues: [Cases] }
  - { name: Bob, status: Break, queues: [Cases] }
steps:
  - { addWork: { title: A, channel: Cases, queue: Cases } }
  - { decline: { agent: Ann, work: A } }
  - { expect: { work: A, workStatus: Declined, psr: { isPushed: false, isTransfer: false, lastDeclinedBy: Ann } } }
  - { expect: { work: A, workStatus: Assigned, psr: { isPushed: true, lastDeclinedBy: null } } }
  - { setStatus: { agent: Bob, status: Available, by: supervisor } }
  - { expect: { agent: Bob, statusReason: OmniSupervisorStatusChange } }
  - { expect: { agent: Bob, statusReason: OmniManualStatusChange } }
  - { expect: { work: A, psr: null } }
  - { accept: { agent: Bob, work: A } }
  - { expect: { work: A, workStatus: Opened, psr: null } }
  - { supervisorLogout: { agent: Ann } }
  - { expect: { agent: Ann, logoutReason: OmniSupervisorLogout } }
  - { expect: { agent: Ann, logoutReason: null } }
  - { expect: { agent: Bob, logoutReason: MaintenanceLogout } }
`;
    it('each holds when true and says what it found when not', () => {
        const results = new ScenarioRun(load(text)).runAll().filter((r) => r.kind === 'expect');
        expect(results.map((r) => [r.where, r.ok ? 'ok' : r.message])).toEqual([
            ['steps[2]', 'ok'],
            [
                'steps[3]',
                '"A"\'s latest AgentWork is Declined, expected Assigned; "A"\'s PSR has IsPushed false, expected true; "A"\'s PSR has LastDeclinedAgentSession of Ann, expected nobody'
            ],
            ['steps[5]', 'ok'],
            ['steps[6]', "Bob's last status change was OmniSupervisorStatusChange, expected OmniManualStatusChange"],
            ['steps[7]', '"A" still has a PendingServiceRouting, expected none'],
            ['steps[9]', 'ok'],
            ['steps[11]', 'ok'],
            ['steps[12]', 'Ann logged out with OmniSupervisorLogout, expected logged out without a reason'],
            ['steps[13]', 'Bob never logged out, expected logged out with MaintenanceLogout']
        ]);
    });

    it('bad values are refused with their path, and each check needs the work or agent it is about', () => {
        expect(
            problems(`name: bad
agents: [{ name: Ann, status: Available, queues: [Cases] }]
steps:
  - { addWork: { title: A, channel: Cases, queue: External } }
  - { insertAgentWork: { work: A, agent: Zed, skipCapacityCheck: maybe } }
  - { expect: { work: A, workStatus: Done, psr: { isPushed: yes, lastDeclinedBy: Zed, serial: 2 } } }
  - { expect: { agent: Ann, statusReason: Lunch, logoutReason: Bored } }
  - { expect: { state: waiting, workload: 1 } }
`)
        ).toEqual([
            'bad.yaml:5:42: steps[1].insertAgentWork.agent: no agent called "Zed" in agents',
            'bad.yaml:5:66: steps[1].insertAgentWork.skipCapacityCheck: skipCapacityCheck is true or false',
            'bad.yaml:6:38: steps[2].expect.workStatus: workStatus is one of Assigned, Opened, Declined, DeclinedOnPushTimeout, Closed, Canceled, Transferred, Unavailable',
            'bad.yaml:6:61: steps[2].expect.psr.isPushed: isPushed is true or false',
            'bad.yaml:6:82: steps[2].expect.psr.lastDeclinedBy: no agent called "Zed" in agents',
            'bad.yaml:6:95: steps[2].expect.psr.serial: unknown field (allowed: isPushed, isTransfer, lastDeclinedBy)',
            'bad.yaml:7:43: steps[3].expect.statusReason: statusReason is one of OmniToolkitStatusChange, OmniPushTimeout, OmniDeclineWork, OmniManualStatusChange, OmniSupervisorStatusChange, OmniLoginStatusChange',
            'bad.yaml:7:64: steps[3].expect.logoutReason: logoutReason is one of DuplicateLogin, DuplicateLoginInSameBrowser, MaintenanceLogout, OmniSupervisorLogout',
            'bad.yaml:8:24: steps[4].expect.state: state needs the work it is about',
            'bad.yaml:8:43: steps[4].expect.workload: workload needs the agent it is about'
        ]);
    });
});

describe('insertAgentWork: a partner router places External Routing work', () => {
    it('goes to the agent named, and is refused (as a failed step) for a PSR that is not External Routing', () => {
        const results = new ScenarioRun(
            load(`
name: external
agents: [{ name: Ann, status: Available, queues: [Cases, External] }]
steps:
  - { addWork: { title: X, channel: Cases, queue: External } }
  - { expect: { work: X, state: waiting, psr: { isPushed: false } } }
  - { insertAgentWork: { work: X, agent: Ann } }
  - { expect: { work: X, assignedTo: Ann, psr: { isPushed: true } } }
  - { addWork: { title: Q, channel: Cases, queue: Cases } }
  - { accept: { agent: Ann, work: Q } }
  - { insertAgentWork: { work: Q, agent: Ann } }
`)
        ).runAll();
        expect(results.filter((r) => !r.ok).map((r) => [r.where, r.message])).toEqual([
            ['steps[6]', 'insertAgentWork was refused: "Q" has no PendingServiceRouting to route']
        ]);
    });
});

describe('malformed scenario files are refused with file, line and path', () => {
    it('broken YAML names the line', () => {
        const [first] = problems('name: x\nagents: [\n  { name: Ann\nsteps: []\n');
        expect(first).toMatch(/^bad\.yaml:\d+:\d+: not valid JSON or YAML/);
    });

    it('broken JSON names the line', () => {
        const [first] = problems('{\n  "name": "x",\n  "agents": [,]\n}', 'bad.json');
        expect(first).toMatch(/^bad\.json:3:\d+: not valid JSON or YAML/);
    });

    it('unknown names, missing fields and wrong types are all listed with their line and path', () => {
        const lines = problems(`name: checks
agents:
  - { name: Ann, status: Lunch, queues: [Cases, Nowhere] }
  - { name: Ann }
steps:
  - { at: 10s, addWork: { title: A, channel: Fax, queue: Cases } }
  - { at: 5s, accept: { agent: Zed, work: A } }
  - { at: soon, decline: { agent: Ann, work: B } }
  - { teleport: { agent: Ann } }
  - { expect: { work: A, state: pending, workload: lots } }
`);
        expect(lines).toEqual([
            'bad.yaml:3:26: agents[0].status: unknown presence status "Lunch" (known: Available, Cases_Only, Break, Phone_And_Messaging)',
            'bad.yaml:3:49: agents[0].queues[1]: unknown queue "Nowhere" (known: Cases, Support, External, Urgent, Back_Office)',
            'bad.yaml:4:13: agents[1].name: two agents are called "Ann"',
            'bad.yaml:6:46: steps[0].addWork.channel: unknown service channel "Fax" (known: Cases, Messaging, Phone, Chat)',
            'bad.yaml:7:11: steps[1].at: steps run in time order: "5s" is before the previous step',
            'bad.yaml:7:32: steps[1].accept.agent: no agent called "Zed" in agents',
            'bad.yaml:8:11: steps[2].at: "at" is a time such as 30s, 2m, 500ms or a number of ms; got "soon"',
            'bad.yaml:8:46: steps[2].decline.work: no earlier addWork has the title "B"',
            'bad.yaml:9:5: steps[3]: a step has "at" and exactly one action (addWork, accept, decline, close, login, setStatus, logout, connectionError, connectionRestored, duplicateLogin, maintenanceLogout, supervisorLogout, raiseFlag, lowerFlag, transferToQueue, transferToAgent, cancelWork, insertAgentWork, expect); found teleport',
            'bad.yaml:10:33: steps[4].expect.state: state is one of waiting, assigned, opened, closed, canceled',
            'bad.yaml:10:52: steps[4].expect.workload: workload needs the agent it is about',
            'bad.yaml:10:52: steps[4].expect.workload: workload is a number'
        ]);
    });

    it('a file that is not a scenario object, or lacks agents and steps', () => {
        expect(problems('- just\n- a list\n')).toEqual(['bad.yaml:1:1: a scenario is an object with name, agents and steps']);
        expect(problems('name: empty\n')).toEqual([
            'bad.yaml:1:1: agents: is required (a list)',
            'bad.yaml:1:1: steps: is required (a list)'
        ]);
    });

    it('reads durations', () => {
        expect([
            parseDuration('30s'),
            parseDuration('2m'),
            parseDuration('500ms'),
            parseDuration(1500),
            parseDuration('1.5s'),
            parseDuration('-1s'),
            parseDuration('x')
        ]).toEqual([30_000, 120_000, 500, 1500, 1500, null, null]);
    });
});

describe('routing settings a scenario chooses (presenceConfigs, channels, routingConfigs)', () => {
    it('contradictory options are refused with file:line:column: path: problem, and nothing loads', () => {
        const lines = problems(`name: contradictions
presenceConfigs:
  - { name: Auto, capacity: 3, autoAccept: true, declineAllowed: true }
  - { name: Blended, capacity: 3, interruptibleCapacity: 4 }
  - { name: Standard, autoAccept: true }
  - { name: Short, capacity: 1, afterConversationWork: 5s, declineAllowed: false, declineReasons: true }
channels:
  Chat: { capacityModel: Tabs }
  Fax: { capacityModel: TabBased }
routingConfigs:
  Most_Available: { capacityType: Sometimes }
agents: [{ name: Ann, config: Nope, status: Available }]
steps:
  - { expect: { agent: Ann, interruptibleWorkload: many } }
`);
        expect(lines).toEqual([
            'bad.yaml:3:44: presenceConfigs[0].autoAccept: auto-accept and decline cannot both be on (enableAutoAccept is available only if enableDecline is false)',
            'bad.yaml:4:58: presenceConfigs[1].interruptibleCapacity: interruptible capacity 4 is above capacity 3',
            'bad.yaml:5:35: presenceConfigs[2].autoAccept: auto-accept and decline cannot both be on (enableAutoAccept is available only if enableDecline is false)',
            'bad.yaml:6:56: presenceConfigs[3].afterConversationWork: after conversation work time 5 s is outside 10 to 3600 s',
            'bad.yaml:6:99: presenceConfigs[3].declineReasons: decline reasons need decline to be allowed',
            'bad.yaml:8:26: channels.Chat.capacityModel: capacityModel is one of StatusBased, TabBased',
            'bad.yaml:9:8: channels.Fax: unknown service channel "Fax" (known: Cases, Messaging, Phone, Chat)',
            'bad.yaml:11:35: routingConfigs.Most_Available.capacityType: capacityType is one of Inherited, Primary, Interruptible',
            'bad.yaml:12:31: agents[0].config: unknown presence configuration "Nope" (known: Standard, No_Decline, Break_On_Decline, Auto, Blended, Short)',
            'bad.yaml:14:52: steps[0].expect.interruptibleWorkload: interruptibleWorkload is a number'
        ]);
    });

    it('a new configuration adds to the org, a known name changes only the fields it sets', () => {
        const scenario = load(`name: settings
presenceConfigs:
  - { name: Standard, capacity: 2, interruptibleCapacity: 1 }
  - { name: Wrap_Up, capacity: 1, afterConversationWork: 30s, statusOnPushTimeout: Break }
channels:
  Messaging: { interruptible: true, capacityModel: TabBased }
routingConfigs:
  Least_Active: { capacityType: Primary, dropAdditionalSkillsAfter: 90s }
agents: [{ name: Ann, status: Available }, { name: Bob, config: Wrap_Up }]
steps:
  - { expect: { agent: Ann, workload: 0 } }
`);
        const run = new ScenarioRun(scenario);
        const standard = run.org.configs.find((c) => c.developerName === 'Standard')!;
        expect(standard).toMatchObject({ capacity: 2, interruptibleCapacity: 1, declineAllowed: true, declineReasonsEnabled: true });
        expect(run.org.configs.find((c) => c.developerName === 'Wrap_Up')).toMatchObject({
            capacity: 1,
            afterConversationWorkMs: 30_000,
            declineAllowed: true,
            statusOnPushTimeoutId: run.org.statuses.find((s) => s.developerName === 'Break')!.id
        });
        expect(run.org.channels.find((c) => c.developerName === 'Messaging')).toMatchObject({
            isInterruptible: true,
            capacityModel: 'TabBased'
        });
        expect(run.org.routingConfigs.find((r) => r.developerName === 'Least_Active')).toMatchObject({
            capacityType: 'Primary',
            dropAdditionalSkillsTimeoutMs: 90_000
        });
        expect(run.engine.configOf(run.agentIds.get('Bob')!).developerName).toBe('Wrap_Up');
    });

    it('an expectation on the rule that picked the rep says which one did', () => {
        const scenario = load(`name: rule
agents: [{ name: Ann, status: Available, queues: [Cases] }]
steps:
  - { addWork: { title: A, channel: Cases, queue: Cases } }
  - { expect: { work: A, rule: most available } }
`);
        const [, check] = new ScenarioRun(scenario).runAll();
        expect(check).toMatchObject({ ok: false, message: '"A" was last assigned by only eligible rep, expected most available' });
    });
});

describe('additional skills in a scenario', () => {
    it('are dropped together: different dropAfter values, or one on a required skill, are refused with their line', () => {
        expect(
            problems(`name: skills
agents: [{ name: Ann, status: Available }]
steps:
  - addWork:
      title: A
      channel: Cases
      routingConfig: Least_Active
      skills:
        - { skill: French, level: 1, dropAfter: 10s }
        - { skill: Billing, level: 1, additional: true, dropAfter: 30s }
        - { skill: Legal, level: 1, additional: true, dropAfter: 60s }
`)
        ).toEqual([
            'bad.yaml:9:49: steps[0].addWork.skills[0].dropAfter: only an additional skill is dropped (add additional: true)',
            'bad.yaml:11:66: steps[0].addWork.skills[2].dropAfter: additional skills are dropped together: give every additional skill the same dropAfter'
        ]);
    });
});
