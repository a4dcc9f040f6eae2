// The README's worked example: a jest test of an Omni component on the testing kit, importing nothing internal.
import { createElement } from 'lwc';
import { createFakeOmni, type FakeOmni } from 'omni-console-kit/testing';
import OmniAcceptOneAtATime from '../omniAcceptOneAtATime';

let omni: FakeOmni;
beforeEach(async () => (omni = await createFakeOmni()));
afterEach(() => omni.dispose());

it('accepts three offers that arrive together, each once, one after another', async () => {
    document.body.appendChild(createElement('c-omni-accept-one-at-a-time', { is: OmniAcceptOneAtATime }));
    await Promise.all([omni.offer(), omni.offer(), omni.offer()]);
    await omni.settle();
    expect(omni.state().works.map((work) => work.status)).toEqual(['Opened', 'Opened', 'Opened']);
    expect(omni.toolkitCalls.filter((call) => call.method === 'acceptAgentWork')).toHaveLength(3);
});
