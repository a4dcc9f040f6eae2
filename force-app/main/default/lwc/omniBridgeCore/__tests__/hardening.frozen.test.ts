/**
 * Issue 11, defect 6, end to end: a bridge and two real clients on the in-page message
 * service. A subscriber of one client that tries to change its snapshot must change neither
 * the other client's copy nor the bridge's own, by reference (clone:false, what a page that
 * trusts its publishers gets) and with a structured clone per message (clone:true, shared by
 * every subscriber of that message).
 */
import { OmniBridgeEngine } from '../bridgeEngine';
import { storageWorkTimes } from '../workTimes';
import { createOmniClient, toId18, type OmniAgentSnapshot, type OmniClient } from 'c/omniClient';
import {
    APPLICATION_SCOPE,
    configureMessageService,
    createMessageContext,
    publish,
    resetMessageService,
    subscribe
} from '@platform/lightning/messageService/messageService';
import { IDS, createFakeToolkit, flushPromises } from '@platform/testing/omniFakes';

const CHANNEL = 'OmniConsoleKit__c';
const clients: OmniClient[] = [];
const engines: OmniBridgeEngine[] = [];

afterEach(() => {
    clients.splice(0).forEach((c) => c.dispose());
    engines.splice(0).forEach((e) => e.stop());
    resetMessageService();
});

async function page(clone: boolean): Promise<{ engine: OmniBridgeEngine; a: OmniClient; b: OmniClient }> {
    resetMessageService();
    configureMessageService({ delivery: 'sync', clone });
    const context = createMessageContext();
    const engine = new OmniBridgeEngine({
        publish: (message) => publish(context, CHANNEL, message),
        warn: () => undefined,
        bridgeId: 'bridge-frozen',
        workTimes: storageWorkTimes(undefined)
    });
    engines.push(engine);
    subscribe(context, CHANNEL, (message) => engine.handleMessage(message), { scope: APPLICATION_SCOPE });
    engine.start();
    engine.attachToolkit(createFakeToolkit().invoke as never);
    await flushPromises(10);
    const a = createOmniClient({ timeoutMs: 2000 });
    const b = createOmniClient({ timeoutMs: 2000 });
    clients.push(a, b);
    await Promise.all([a.getSnapshot(), b.getSnapshot()]);
    return { engine, a, b };
}

/** Tries four writes on a snapshot; returns what each did. */
function tamper(s: OmniAgentSnapshot): string[] {
    const writes: Array<() => void> = [
        () => (s.works as unknown as unknown[]).push({ workId: 'forged' }),
        () => ((s.works[0] as { state: string }).state = 'assigned'),
        () => ((s.presence as { statusName: string }).statusName = 'Hacked'),
        () => ((s as { loginState: string }).loginState = 'loggedOut')
    ];
    return writes.map((write) => {
        try {
            write();
            return 'changed';
        } catch (error) {
            return (error as Error).name;
        }
    });
}

describe.each([
    ['by reference (clone:false)', false],
    ['with a structured clone per message (clone:true)', true]
])('a subscriber that mutates its snapshot, %s', (_label, clone) => {
    it('changes neither the other client nor the bridge', async () => {
        const { engine, a, b } = await page(clone);
        const results: string[][] = [];
        a.onSnapshot((snapshot) => results.push(tamper(snapshot)));
        engine.handleRawEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        await flushPromises();
        expect(results).toEqual([['TypeError', 'TypeError', 'TypeError', 'TypeError']]);
        const expected = {
            loginState: 'loggedIn',
            presence: { statusName: 'Available' },
            works: [
                { workId: toId18(IDS.work1), state: 'accepted' },
                { workId: toId18(IDS.work2), state: 'assigned' }
            ]
        };
        expect(b.snapshot).toMatchObject(expected);
        expect(engine.snapshot).toMatchObject(expected);
        expect(b.snapshot!.works).toHaveLength(2);
        expect(engine.snapshot.works).toHaveLength(2);
    });

    it('cannot change the event the next client hears either', async () => {
        const { engine, a, b } = await page(clone);
        const writes: string[] = [];
        a.on('workAssigned', (event) => {
            try {
                (event as { workId: string }).workId = 'forged';
                writes.push('changed');
            } catch (error) {
                writes.push((error as Error).name);
            }
        });
        const heardByB: string[] = [];
        b.on('workAssigned', (event) => heardByB.push(event.workId));
        engine.handleRawEvent('omniChannelWorkAssigned', { workId: IDS.work2, workItemId: IDS.case2 });
        await flushPromises();
        expect(writes).toEqual(['TypeError']);
        expect(heardByB).toEqual([toId18(IDS.work2)]);
    });

    it('cannot change the snapshot a new client adopts either', async () => {
        const { engine, a, b } = await page(clone);
        expect(tamper(a.snapshot!)).toEqual(['TypeError', 'TypeError', 'TypeError', 'TypeError']);
        expect(b.snapshot!.works).toHaveLength(1);
        expect(engine.snapshot.presence?.statusName).toBe('Available');
    });
});
