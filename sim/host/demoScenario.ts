/**
 * What the page shows when no scenario is asked for: the demo org with you and two
 * colleagues, one Case in progress. Written as a scenario file and loaded through the same
 * validator as any other, so it is also an example of the format (docs/scenarios.md).
 */
export const DEMO_SCENARIO_FILE = 'demo-floor.yaml (built in)';

export const DEMO_SCENARIO_TEXT = `name: Demo floor
description: >
    You, Bob and Cat on the demo org. You are Available on the Cases, Support and Urgent
    queues with one Case in progress; Bob is Available on Cases and Support; Cat (No_Decline,
    capacity 3) is offline. Add work, step the clock, act as a supervisor from this pane.
agents:
    - { name: You, status: Available, queues: [Cases, Support, Urgent], skills: { English: 5 } }
    - { name: Bob, status: Available, queues: [Cases, Support], skills: { English: 5, French: 5 } }
    - { name: Cat, config: No_Decline, queues: [Cases] }
steps:
    - at: 0s
      addWork: { title: '00001026', subtitle: Printer on fire, channel: Cases, queue: Cases, preferredAgent: You, preferredRequired: true }
    - { accept: { agent: You, work: '00001026' } }
`;
