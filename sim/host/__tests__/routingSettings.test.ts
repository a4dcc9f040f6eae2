/** The pane's Routing settings: what decides where work goes, in the running scenario's org. */
import { loadDefaultScenario, ScenarioRun } from '../../scenario/runner';
import { createRoutingSettings } from '../routingSettings';

const SCENARIO = `name: settings shown
presenceConfigs:
  - { name: Auto_Accept, capacity: 3, interruptibleCapacity: 1, declineAllowed: false, autoAccept: true }
  - { name: Wrap_Up, capacity: 2, afterConversationWork: 45s }
channels:
  Cases: { capacityModel: TabBased }
routingConfigs:
  Least_Active: { capacityType: Primary }
agents: [{ name: Ann, config: Auto_Accept, status: Available }]
steps:
  - { expect: { agent: Ann, workload: 0 } }
`;

function rowText(root: HTMLElement, table: string, name: string): string[] {
    const row = [...root.querySelectorAll(`[data-id="${table}"] tbody tr`)].find((tr) => tr.firstElementChild?.textContent === name);
    if (!row) throw new Error(`no row ${name} in ${table}`);
    return [...row.children].map((cell) => cell.textContent ?? '');
}

describe('routing settings in the control pane', () => {
    it("shows each presence configuration's capacities, decline, auto-accept and after conversation work as the scenario set them", () => {
        const run = new ScenarioRun(loadDefaultScenario(SCENARIO, 'settings.yaml'));
        const view = createRoutingSettings();
        view.render(run.org);
        expect(rowText(view.element, 'presence-configs', 'Auto_Accept')).toEqual(['Auto_Accept', '3', '1', 'off', 'on', 'none']);
        expect(rowText(view.element, 'presence-configs', 'Wrap_Up')).toEqual(['Wrap_Up', '2', '0', 'on', 'off', '45 s']);
        expect(rowText(view.element, 'presence-configs', 'Standard')).toEqual(['Standard', '5', '2', 'on, with reasons', 'off', 'none']);
    });

    it('shows the capacity model and capacity used per channel, and the capacity type per routing configuration', () => {
        const run = new ScenarioRun(loadDefaultScenario(SCENARIO, 'settings.yaml'));
        const view = createRoutingSettings();
        view.render(run.org);
        expect(rowText(view.element, 'channels', 'Cases')).toEqual(['Cases', 'Tab-based', 'primary']);
        expect(rowText(view.element, 'channels', 'Chat')).toEqual(['Chat', 'Tab-based', 'primary (always, chat)']);
        expect(rowText(view.element, 'channels', 'Messaging')).toEqual(['Messaging', 'Status-based', 'primary']);
        expect(rowText(view.element, 'routing-configs', 'Least_Active')).toEqual([
            'Least_Active',
            'LeastActive',
            '2',
            '30 s',
            '2 units',
            'primary',
            'never'
        ]);
        expect(rowText(view.element, 'routing-configs', 'Back_Office').at(-2)).toBe('interruptible');
        expect(rowText(view.element, 'routing-configs', 'Urgent').slice(-3)).toEqual(['40%', 'inherited from the channel', 'never']);
    });
});
