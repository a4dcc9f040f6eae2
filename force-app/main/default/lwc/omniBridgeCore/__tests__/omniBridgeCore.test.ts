/**
 * omniBridgeCore, the LWC wrapper around the engine, as its Aura host uses it: documented
 * interop only (a toolkitcall event out, completeToolkitCall and handleOmniEvent in, data only),
 * started only once connected to the document, stopped by the host's problem, and saying bye
 * when it leaves although its wired context is released first.
 */
import { createElement } from 'lwc';
import OmniBridgeCore from 'c/omniBridgeCore';
import { createOmniClient, type OmniClient } from 'c/omniClient';
import { resetMessageService, subscriberCount } from '@platform/lightning/messageService/messageService';
import { serveToolkitCalls } from '@platform/aura/serveToolkitCalls';
import { DEFAULT_ANSWERS, IDS, createFakeToolkit, flushPromises } from '@platform/testing/omniFakes';

type Core = HTMLElement & {
    hostProblem: string | null;
    handleOmniEvent(name: string, params: unknown): void;
    completeToolkitCall(callId: string, ok: boolean, valueOrMessage: unknown): void;
};
type Call = { callId: string; method: string; args: Record<string, string> | null };

const CHANNEL = 'OmniConsoleKit__c';
const clients: OmniClient[] = [];

function createCore(): { core: Core; calls: Call[]; states: unknown[] } {
    const core = createElement('c-omni-bridge-core', { is: OmniBridgeCore }) as unknown as Core;
    const calls: Call[] = [];
    const states: unknown[] = [];
    core.addEventListener('toolkitcall', (event) => calls.push((event as CustomEvent<Call>).detail));
    core.addEventListener('bridgestate', (event) => states.push((event as CustomEvent).detail));
    return { core, calls, states };
}

function client(timeoutMs = 100): OmniClient {
    const c = createOmniClient({ timeoutMs });
    clients.push(c);
    return c;
}

async function rejectionCode(promise: Promise<unknown>): Promise<string | undefined> {
    try {
        await promise;
    } catch (error) {
        return (error as { code?: string }).code;
    }
    throw new Error('expected a rejection');
}

beforeEach(() => {
    resetMessageService();
    window.sessionStorage.clear();
});

afterEach(() => {
    clients.splice(0).forEach((c) => c.dispose());
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
});

describe('omniBridgeCore', () => {
    it('does nothing until it is connected to the document (no context, no toolkit call, no subscription)', async () => {
        const { core, calls } = createCore();
        core.handleOmniEvent('omniChannelWorkAssigned', { workId: IDS.work1, workItemId: IDS.case1 });
        await flushPromises();
        expect(calls).toEqual([]);
        expect(subscriberCount(CHANNEL)).toBe(0);
    });

    it('asks its host for toolkit calls with a toolkitcall event carrying data only', async () => {
        const { core, calls } = createCore();
        document.body.appendChild(core);
        await flushPromises();
        expect(calls.map((c) => c.method).sort()).toEqual(
            ['getAgentWorkload', 'getAgentWorks', 'getServicePresenceStatusChannels', 'getServicePresenceStatusId'].sort()
        );
        for (const call of calls) {
            expect(call).toEqual({ callId: expect.any(String), method: expect.any(String), args: null });
            expect(JSON.parse(JSON.stringify(call))).toEqual(call);
        }
    });

    it('takes results back through completeToolkitCall; an unknown or repeated call id is ignored', async () => {
        const { core, calls } = createCore();
        document.body.appendChild(core);
        await flushPromises();
        for (const call of calls) core.completeToolkitCall(call.callId, true, DEFAULT_ANSWERS[call.method]);
        core.completeToolkitCall(calls[0].callId, true, { statusId: 'garbage' });
        core.completeToolkitCall('t-none', true, null);
        await flushPromises(10);
        const snapshot = await client().getSnapshot();
        expect(snapshot.loginState).toBe('loggedIn');
        expect(snapshot.works).toHaveLength(1);
    });

    it("a rejected call reaches the client as Omni-Channel's refusal, in its words", async () => {
        const toolkit = createFakeToolkit();
        toolkit.reject('acceptAgentWork', new Error('This work is no longer available'));
        const { core } = createCore();
        serveToolkitCalls(core, toolkit.invoke);
        document.body.appendChild(core);
        await flushPromises(10);
        await expect(client().acceptAgentWork({ workId: IDS.work1 })).rejects.toThrow('This work is no longer available');
    });

    it('stops while its host reports a problem (clients get BRIDGE_UNAVAILABLE) and starts again when it clears', async () => {
        const { core, states } = createCore();
        serveToolkitCalls(core, createFakeToolkit().invoke);
        document.body.appendChild(core);
        await flushPromises(10);
        core.hostProblem = 'Omni-Channel did not answer.';
        await flushPromises(10);
        expect(await rejectionCode(client(50).getSnapshot())).toBe('BRIDGE_UNAVAILABLE');
        core.hostProblem = null;
        await flushPromises(10);
        expect((await client().getSnapshot()).loginState).toBe('loggedIn');
        expect(states.map((s) => (s as { running: boolean }).running)).toEqual([true, false, true]);
    });

    it('a host problem set before it connects keeps it from starting at all', async () => {
        const { core, calls } = createCore();
        core.hostProblem = 'No toolkit';
        document.body.appendChild(core);
        await flushPromises();
        expect(calls).toEqual([]);
    });

    it('says bye when removed although its wired context is released first: a second bridge takes over at once', async () => {
        const first = createCore();
        serveToolkitCalls(first.core, createFakeToolkit().invoke);
        document.body.appendChild(first.core);
        await flushPromises(10);
        const second = createCore();
        serveToolkitCalls(second.core, createFakeToolkit().invoke);
        document.body.appendChild(second.core);
        await flushPromises(10);
        expect(second.states[second.states.length - 1]).toMatchObject({ running: true, leading: false });
        document.body.removeChild(first.core);
        await flushPromises(10);
        expect(second.states[second.states.length - 1]).toMatchObject({ running: true, leading: true });
    });

    it('calls still waiting for the host end when the bridge is removed', async () => {
        const { core, calls } = createCore();
        document.body.appendChild(core);
        await flushPromises();
        expect(calls.length).toBeGreaterThan(0);
        document.body.removeChild(core);
        // Answers that come after the removal are ignored, not thrown.
        expect(() => core.completeToolkitCall(calls[0].callId, true, DEFAULT_ANSWERS.getAgentWorks)).not.toThrow();
    });
});
