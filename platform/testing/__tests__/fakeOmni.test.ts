/**
 * The testing kit's fake Omni is stateful: what Omni does (login, logout, status, accept,
 * decline, close, flags, push time-outs, connection loss) changes what the toolkit answers
 * next, as the simulator's engine rules say.
 */
import { createOmniClient, OmniToolkitError, type OmniClient } from 'c/omniClient';
import { resetMessageService } from '@platform/lightning/messageService/messageService';
import getAvailableStatuses from '@salesforce/apex/OmniPanelController.getAvailableStatuses';
import { createFakeOmni, FakeOmniError, type FakeOmni, type FakeOmniOptions } from '@platform/testing';

let currentFake: FakeOmni | null = null;
let currentClient: OmniClient | null = null;

async function start(options: FakeOmniOptions = {}) {
    const fake = await createFakeOmni(options);
    const omni = createOmniClient({ timeoutMs: 2000 });
    currentFake = fake;
    currentClient = omni;
    await omni.getSnapshot();
    return { fake, omni };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
    try {
        await promise;
    } catch (error) {
        return error as Error;
    }
    throw new Error('expected the promise to reject');
}

beforeEach(() => {
    resetMessageService();
    window.sessionStorage.clear();
});

afterEach(() => {
    currentClient?.dispose();
    currentFake?.dispose();
    currentClient = null;
    currentFake = null;
});

it('after a logout (with its reason) the toolkit answers logged out, and a login brings the rep back', async () => {
    const { fake, omni } = await start();
    await expect(omni.getServicePresenceStatusId()).resolves.toMatchObject({ statusApiName: 'Available' });
    await fake.logout('DuplicateLogin');
    expect(omni.snapshot).toMatchObject({ loginState: 'loggedOut', lastLogoutReason: 'DuplicateLogin', presence: null });
    expect(await rejection(omni.getServicePresenceStatusId())).toBeInstanceOf(OmniToolkitError);
    const statuses = (await getAvailableStatuses()) as Array<{ statusId: string; developerName: string }>;
    await omni.login({ statusId: statuses.find((s) => s.developerName === 'Cases_Only')!.statusId });
    await fake.settle();
    expect(fake.state()).toMatchObject({ loggedIn: true, statusApiName: 'Cases_Only' });
    await expect(omni.getServicePresenceStatusId()).resolves.toMatchObject({ statusApiName: 'Cases_Only' });
});

it('a lost connection: every toolkit call rejects until it returns; the snapshot says so', async () => {
    const { fake, omni } = await start();
    await fake.connectionLost('network down');
    expect(omni.snapshot?.connection).toMatchObject({ state: 'error', message: 'network down' });
    expect(await rejection(omni.getAgentWorks())).toBeInstanceOf(OmniToolkitError);
    await fake.connectionRestored();
    await expect(omni.getAgentWorks()).resolves.toEqual([]);
    expect(omni.snapshot?.connection.state).toBe('connected');
});

it('accept, flag, close and a push time-out change the works the toolkit lists', async () => {
    const { fake, omni } = await start({ pushTimeoutMs: 5000, statusOnPushTimeout: 'Break' });
    const first = await fake.offer({ title: 'Case 1' });
    const second = await fake.offer();
    expect(omni.snapshot?.works.map((w) => w.state)).toEqual(['assigned', 'assigned']);
    await omni.acceptAgentWork({ workId: first.workId! });
    await fake.supervisorFlag(first.workId!, { message: 'Need help?' });
    await fake.settle();
    expect(omni.snapshot?.works[0]).toMatchObject({
        state: 'accepted',
        flag: { isFlagged: true, roleUpdatedBy: 'SUPERVISOR', message: 'Need help?' }
    });
    await fake.pushTimeout();
    // The offer not accepted timed out: gone, and the rep moved to Break (OmniPushTimeout).
    expect(fake.state().works.map((w) => w.workId)).toEqual([first.workId]);
    expect(omni.snapshot?.works.map((w) => w.workId.slice(0, 15))).toEqual([first.workId]);
    expect(omni.snapshot?.presence?.statusApiName).toBe('Break');
    expect(second.workId).not.toBeNull();
    await omni.closeAgentWork({ workId: first.workId! });
    await fake.settle();
    await expect(omni.getAgentWorks()).resolves.toEqual([]);
    expect(fake.state().workload).toBe(0);
});

it('offers wait while the rep cannot take them, and route when the rep becomes available', async () => {
    const { fake, omni } = await start({ startIn: 'Break' });
    const offer = await fake.offer();
    expect(offer.workId).toBeNull();
    await fake.widgetStatus('Available');
    expect(fake.state().works).toHaveLength(1);
    expect(omni.snapshot?.works).toHaveLength(1);
});

it('a supervisor status change arrives with its reason; decline is refused when the configuration forbids it', async () => {
    const { fake, omni } = await start({ declineAllowed: false });
    const reasons: Array<string | null> = [];
    omni.on('statusChanged', (event) => reasons.push(event.reason));
    await fake.supervisorStatus('Break');
    expect(reasons).toEqual(['OmniSupervisorStatusChange']);
    await fake.widgetStatus('Available');
    const { workId } = await fake.offer();
    expect(await rejection(omni.declineAgentWork({ workId: workId! }))).toBeInstanceOf(OmniToolkitError);
    expect(fake.state().works).toHaveLength(1);
});

it('bad input to the fake is a FakeOmniError naming it', async () => {
    await expect(createFakeOmni({ startIn: 'Lunch' })).rejects.toThrow(/unknown status "Lunch"/);
    await expect(createFakeOmni({ capacity: 0 })).rejects.toBeInstanceOf(FakeOmniError);
    const { fake } = await start();
    await expect(fake.supervisorFlag('0BzSM0000000999')).rejects.toThrow(/no work 0BzSM0000000999/);
    await expect(fake.advance(-1)).rejects.toBeInstanceOf(FakeOmniError);
    expect(fake.toolkitCalls.map((c) => c.method)).toEqual(expect.arrayContaining(['getServicePresenceStatusId', 'getAgentWorks']));
});
