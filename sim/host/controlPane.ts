/**
 * The control pane beside the console: the scenario (load one, play its steps), the
 * virtual clock, the floor (agents and waiting work), the rep's faults, a supervisor's
 * actions, forms to add work and agents, and the live event log. Each part is its own
 * module; this one lays them out, keeps them in step with the world and shows refused
 * actions.
 */
import { createAgentList } from './agentList';
import { createClockControls, formatClock } from './clock';
import { button, h, rerender, section } from './dom';
import { createEventLog } from './eventLog';
import { createRoutingSettings } from './routingSettings';
import { createAddAgentForm, createAddWorkForm } from './forms';
import type { PaneContext } from './paneContext';
import { createScenarioLoader, type ScenarioLoader } from './scenarioLoader';
import { createSupervisorControls } from './supervisor';
import type { Scenario } from '../scenario/scenario';
import { PAGE_ORG, type PageWorld } from './world';
import { createUtilityBarControls } from './utilityBarControls';
import type { UtilityItemSpec } from '../../platform/console/types';

export interface ControlPane {
    element: HTMLElement;
    loader: ScenarioLoader;
    /** Shows a (new) world; call on every world change. */
    render(): void;
    pauseClock(): void;
}

export function createControlPane(options: {
    world: () => PageWorld;
    loadScenario: (scenario: Scenario) => void;
    /** The flexipage the utility bar was built from, and a way to rebuild it from another. */
    flexipage: () => { file: string; items: readonly UtilityItemSpec[] };
    loadFlexipage: (text: string, file: string) => unknown;
}): ControlPane {
    const actionError = h('div', { data: { id: 'action-error' } });
    const showActionError = (what: string, message: string) =>
        actionError.replaceChildren(
            h('div', { class: 'slds-notify slds-notify_alert slds-alert_warning sim-pane__alert', attrs: { role: 'alert' } }, [
                h('p', { text: `${what}: ${message}` }),
                h('button', {
                    class: 'slds-button slds-button_icon slds-notify__close',
                    text: '\u2715',
                    attrs: { type: 'button', 'aria-label': 'Dismiss' },
                    on: { click: () => actionError.replaceChildren() }
                })
            ])
        );

    const ctx: PaneContext = {
        world: options.world,
        act(what, action) {
            try {
                action(options.world());
                actionError.replaceChildren();
            } catch (error) {
                showActionError(what, error instanceof Error ? error.message : String(error));
            }
        }
    };

    const loader = createScenarioLoader(options.loadScenario);
    const scenarioInfo = h('div', { class: 'sim-pane__stack', data: { id: 'scenario' } });
    const clock = createClockControls((ms) => ctx.act('Clock', (w) => w.advance(ms)));
    const agents = createAgentList(ctx);
    const supervisor = createSupervisorControls(ctx, PAGE_ORG);
    const addWork = createAddWorkForm(ctx, PAGE_ORG);
    const log = createEventLog();
    const routingSettings = createRoutingSettings();
    const utilityBar = createUtilityBarControls({ current: options.flexipage, load: options.loadFlexipage });
    const faults = h('div', { class: 'sim-pane__row', attrs: { role: 'group', 'aria-label': 'Faults on your console' } }, [
        button('Connection error', () => ctx.act('Connection error', (w) => w.connectionError())),
        button('Restore connection', () => ctx.act('Restore connection', (w) => w.connectionRestored())),
        button('Duplicate login', () => ctx.act('Duplicate login', (w) => w.duplicateLogin())),
        button('Maintenance logout', () => ctx.act('Maintenance logout', (w) => w.maintenanceLogout()))
    ]);

    const element = h('aside', { class: 'sim-pane', attrs: { 'aria-label': 'Simulator control pane' } }, [
        actionError,
        section('Scenario', [scenarioInfo, loader.element]),
        section('Clock', [clock.element]),
        section('Add work', [addWork.element]),
        section('Agents', [agents.element]),
        section('Your console: faults', [faults]),
        section('Supervisor', [supervisor.element]),
        section('Add an agent', [createAddAgentForm(ctx, PAGE_ORG)]),
        section('Event log', [log.element]),
        section('Routing settings', [routingSettings.element]),
        section('Utility bar', [utilityBar.element])
    ]);

    const renderScenario = (world: PageWorld) => {
        const { scenario, results } = world;
        const next = world.nextStep;
        rerender(scenarioInfo, [
            h('p', { class: 'slds-text-heading_small', text: scenario.name, data: { id: 'scenario-name' } }),
            scenario.description ? h('p', { class: 'slds-text-body_small slds-text-color_weak', text: scenario.description }) : null,
            h('p', { class: 'slds-text-body_small', text: `You are ${world.repName}; the panel in the utility bar is your console.` }),
            scenario.steps.length
                ? h(
                      'ol',
                      { class: 'sim-steps', data: { id: 'steps' } },
                      scenario.steps.map((step, i) => {
                          const result = results[i];
                          const state = result ? (result.ok ? 'ok' : 'failed') : 'pending';
                          return h('li', { class: `sim-steps__step sim-steps__step_${state}`, data: { state } }, [
                              h('span', { class: 'sim-log__time', text: formatClock(step.at) }),
                              h('span', {
                                  text: `${step.action.kind}${result ? (result.ok ? ' \u2713' : ` \u2717 ${result.message}`) : ''}`
                              })
                          ]);
                      })
                  )
                : null,
            h('div', { class: 'sim-pane__row' }, [
                button(
                    next ? `Next step (${next.action.kind} at ${formatClock(next.at)})` : 'No steps left',
                    () => ctx.act('Next step', (w) => w.playNextStep()),
                    {
                        key: 'next-step'
                    }
                ),
                button('Play all steps', () => ctx.act('Play all steps', (w) => w.playAll()), { key: 'play-all' })
            ])
        ]);
        for (const b of scenarioInfo.querySelectorAll('button')) b.disabled = next === null;
    };

    return {
        element,
        loader,
        render() {
            const world = options.world();
            renderScenario(world);
            clock.show(world.elapsed);
            agents.render();
            supervisor.render();
            addWork.render();
            log.render(world.log);
            routingSettings.render(world.run.org);
            utilityBar.render();
        },
        pauseClock: () => clock.pause()
    };
}
