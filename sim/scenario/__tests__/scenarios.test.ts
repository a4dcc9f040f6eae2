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
            'bad.yaml:3:49: agents[0].queues[1]: unknown queue "Nowhere" (known: Cases, Support, External, Urgent)',
            'bad.yaml:4:13: agents[1].name: two agents are called "Ann"',
            'bad.yaml:6:46: steps[0].addWork.channel: unknown service channel "Fax" (known: Cases, Messaging, Phone, Chat)',
            'bad.yaml:7:11: steps[1].at: steps run in time order: "5s" is before the previous step',
            'bad.yaml:7:32: steps[1].accept.agent: no agent called "Zed" in agents',
            'bad.yaml:8:11: steps[2].at: "at" is a time such as 30s, 2m, 500ms or a number of ms; got "soon"',
            'bad.yaml:8:46: steps[2].decline.work: no earlier addWork has the title "B"',
            'bad.yaml:9:5: steps[3]: a step has "at" and exactly one action (addWork, accept, decline, close, login, setStatus, logout, connectionError, connectionRestored, duplicateLogin, maintenanceLogout, supervisorLogout, raiseFlag, lowerFlag, transferToQueue, transferToAgent, cancelWork, expect); found teleport',
            'bad.yaml:10:33: steps[4].expect.state: state is one of waiting, assigned, opened, closed, canceled',
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
