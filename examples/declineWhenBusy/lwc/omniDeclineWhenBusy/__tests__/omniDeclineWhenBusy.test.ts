import { createElement } from 'lwc';
import { createFakeOmni, type FakeOmni, type FakeOmniOptions } from 'omni-console-kit/testing';
import OmniDeclineWhenBusy from '../omniDeclineWhenBusy';

type DeclineWhenBusy = HTMLElement & { declineReason?: string };
let omni: FakeOmni;

async function mount(options: FakeOmniOptions = {}, declineReason?: string): Promise<void> {
    omni = await createFakeOmni(options);
    const element = createElement('c-omni-decline-when-busy', { is: OmniDeclineWhenBusy }) as unknown as DeclineWhenBusy;
    if (declineReason) element.declineReason = declineReason;
    document.body.appendChild(element);
    await omni.settle();
}

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    omni.dispose();
});

const declines = () => omni.toolkitCalls.filter((c) => c.method === 'declineAgentWork');

it('declines what is waiting when the rep moves to a status without channels, with the reason', async () => {
    await mount({ declineReasons: ['Busy'] }, 'Busy');
    await Promise.all([omni.offer(), omni.offer()]);
    await omni.widgetStatus('Break');
    await omni.settle();
    expect(omni.state().works).toEqual([]);
    expect(declines().map((c) => c.args?.declineReason)).toEqual(['Busy', 'Busy']);
});

it('leaves offers alone in a status with channels; a supervisor moving the rep to Break declines what waits', async () => {
    await mount();
    const { workId } = await omni.offer();
    await omni.settle();
    expect(declines()).toEqual([]);
    expect(omni.state().works).toHaveLength(1);
    await omni.supervisorStatus('Break');
    await omni.settle();
    expect(declines().map((c) => c.args?.workId?.slice(0, 15))).toEqual([workId]);
    expect(omni.state().works).toEqual([]);
});

it('does not try when the presence configuration forbids declining', async () => {
    await mount({ declineAllowed: false });
    await omni.offer();
    await omni.widgetStatus('Break');
    await omni.settle();
    expect(declines()).toEqual([]);
    expect(omni.state().works).toHaveLength(1);
});
