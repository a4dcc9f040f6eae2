/**
 * The Classic adaptor against a fake `sforce.console` that behaves as the Console
 * Integration Toolkit documents it (callbacks with `success`, JSON-string works,
 * 15-character ids, numbers as strings, capitalised workload event fields), through the
 * real bridge engine and the real typed client.
 */
import { OmniCommandTimeoutError, OmniToolkitError, toId18 } from 'c/omniTypes';
import { ClassicConsoleMissingError, start, type ClassicKit } from '../src/classicKit';
import { CLASSIC_EVENTS, type ClassicResult, type SforceConsoleLike } from '../src/classicToolkit';
import { IDS } from '../../platform/testing/omniFakes';

type Handler = (result: ClassicResult) => void;

interface FakeClassicConsole extends SforceConsoleLike {
    calls: Array<{ method: string; args: unknown[] }>;
    fire(event: keyof typeof CLASSIC_EVENTS, result: ClassicResult): void;
    handlerCount(): number;
    /** Methods whose callback is never called (a console that hangs). */
    silent: Set<string>;
    failing: Map<string, ClassicResult>;
}

function fakeClassicConsole(): FakeClassicConsole {
    const handlers = new Map<unknown, Set<Handler>>();
    const calls: FakeClassicConsole['calls'] = [];
    const silent = new Set<string>();
    const failing = new Map<string, ClassicResult>();
    const answers: Record<string, ClassicResult> = {
        acceptAgentWork: { success: true },
        declineAgentWork: { success: true },
        closeAgentWork: { success: true },
        getAgentWorks: { success: true, works: JSON.stringify([{ workItemId: IDS.case1, workId: IDS.work1, isEngaged: true }]) },
        getAgentWorkload: { success: true, configuredCapacity: '5', currentWorkload: '1' },
        getServicePresenceStatusChannels: {
            success: true,
            channels: JSON.stringify([{ channelId: IDS.caseChannel, developerName: 'sfdc_case' }])
        },
        getServicePresenceStatusId: { success: true, statusId: IDS.available, statusName: 'Available', statusApiName: 'Available' },
        login: { success: true },
        logout: { success: true },
        setServicePresenceStatus: { success: true, statusId: IDS.busy, statusName: 'Busy', statusApiName: 'Busy', channels: '[]' }
    };
    const method =
        (name: string) =>
        (...args: unknown[]) => {
            calls.push({ method: name, args: args.slice(0, -1) });
            const callback = args[args.length - 1] as Handler;
            if (silent.has(name)) return;
            const answer = failing.get(name) ?? answers[name];
            // The real toolkit answers asynchronously (a postMessage round trip to the console).
            setTimeout(() => callback(answer), 0);
        };
    const presence = Object.fromEntries(
        Object.keys(answers).map((name) => [name, method(name)])
    ) as unknown as SforceConsoleLike['presence'];
    const PRESENCE = Object.fromEntries(Object.keys(CLASSIC_EVENTS).map((name) => [name, `presence:${name}`]));
    return {
        presence,
        ConsoleEvent: { PRESENCE },
        calls,
        silent,
        failing,
        addEventListener(type, handler) {
            const set = handlers.get(type) ?? new Set();
            set.add(handler);
            handlers.set(type, set);
        },
        removeEventListener(type, handler) {
            handlers.get(type)?.delete(handler);
        },
        fire(event, result) {
            handlers.get(PRESENCE[event])?.forEach((handler) => handler(result));
        },
        handlerCount() {
            return [...handlers.values()].reduce((n, set) => n + set.size, 0);
        }
    };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
let running: ClassicKit | null = null;

afterEach(() => {
    running?.stop();
    running = null;
    delete (globalThis as { sforce?: unknown }).sforce;
});

async function started(sforceConsole = fakeClassicConsole(), timeoutMs?: number) {
    running = start({ sforceConsole, timeoutMs, warn: () => undefined });
    await settle();
    return { kit: running, sforceConsole };
}

describe('the Classic adaptor', () => {
    it('says what is missing when the page has no Console Integration Toolkit', () => {
        expect(() => start()).toThrow(ClassicConsoleMissingError);
        expect(() => start()).toThrow(/integration\.js/);
    });

    it('uses window.sforce.console by default', async () => {
        const sforceConsole = fakeClassicConsole();
        (globalThis as { sforce?: unknown }).sforce = { console: sforceConsole };
        running = start({ warn: () => undefined });
        await settle();
        expect(sforceConsole.calls.map((c) => c.method)).toEqual(
            expect.arrayContaining(['getServicePresenceStatusId', 'getAgentWorks', 'getAgentWorkload'])
        );
    });

    it('seeds the typed snapshot from Classic answers: 18-character ids, numbers, works', async () => {
        const { kit } = await started();
        const snapshot = await kit.client.getSnapshot();
        expect(snapshot.presence?.statusId).toBe(toId18(IDS.available));
        expect(snapshot.works.map((w) => [w.workId, w.workItemId])).toEqual([[toId18(IDS.work1), toId18(IDS.case1)]]);
        expect(snapshot.workload).toMatchObject({ configuredCapacity: 5, currentWorkload: 1 });
    });

    it('turns PRESENCE events into typed events, including capitalised workload fields', async () => {
        const { kit, sforceConsole } = await started();
        const assigned: string[] = [];
        kit.client.on('workAssigned', (event) => assigned.push(event.workId));
        sforceConsole.fire('WORK_ASSIGNED', { workItemId: IDS.case2, workId: IDS.work2 });
        sforceConsole.fire('WORKLOAD_CHANGED', { ConfiguredCapacity: '5', PreviousWorkload: '1', NewWorkload: '2' });
        await settle();
        expect(assigned).toEqual([toId18(IDS.work2)]);
        const snapshot = await kit.client.getSnapshot();
        expect(snapshot.works).toHaveLength(2);
        expect(snapshot.workload).toMatchObject({ configuredCapacity: 5, currentWorkload: 2 });
    });

    it('runs the typed methods with Classic positional arguments and the ids Classic sent', async () => {
        const { kit, sforceConsole } = await started();
        await expect(kit.client.acceptAgentWork({ workId: toId18(IDS.work1)! })).resolves.toBe(true);
        await expect(kit.client.declineAgentWork({ workId: toId18(IDS.work1)!, declineReason: 'Busy' })).resolves.toBe(true);
        const status = await kit.client.setServicePresenceStatus({ statusId: IDS.busy });
        expect(status).toMatchObject({ statusId: toId18(IDS.busy), statusApiName: 'Busy', channels: [] });
        const channels = await kit.client.getServicePresenceStatusChannels();
        expect(channels).toEqual([{ channelId: toId18(IDS.caseChannel), developerName: 'sfdc_case' }]);
        const byMethod = (name: string) => sforceConsole.calls.filter((c) => c.method === name).map((c) => c.args);
        // The 15-character id the console gave us goes back as it came.
        expect(byMethod('acceptAgentWork')).toEqual([[IDS.work1]]);
        expect(byMethod('declineAgentWork')).toEqual([[IDS.work1, 'Busy']]);
    });

    it('rejects with a typed toolkit error when Classic answers success: false', async () => {
        const sforceConsole = fakeClassicConsole();
        sforceConsole.failing.set('closeAgentWork', { success: false });
        const { kit } = await started(sforceConsole);
        const closing = kit.client.closeAgentWork({ workId: IDS.work1 });
        await expect(closing).rejects.toBeInstanceOf(OmniToolkitError);
        await expect(closing).rejects.toThrow(/closeAgentWork failed in the Classic console/);
        // Nothing lost: the work is still there.
        expect((await kit.client.getSnapshot()).works).toHaveLength(1);
    });

    it('says flags are not available in Classic instead of pretending', async () => {
        const { kit, sforceConsole } = await started();
        const raising = kit.client.raiseAgentWorkFlag({ workId: IDS.work1, message: 'help' });
        await expect(raising).rejects.toBeInstanceOf(OmniToolkitError);
        await expect(raising).rejects.toThrow(/not available in Salesforce Classic/);
        expect(sforceConsole.calls.some((c) => c.method.includes('Flag'))).toBe(false);
    });

    it('times out a call the console never answers', async () => {
        const sforceConsole = fakeClassicConsole();
        sforceConsole.silent.add('logout');
        const { kit } = await started(sforceConsole, 50);
        await expect(kit.client.logout()).rejects.toBeInstanceOf(OmniCommandTimeoutError);
    });

    it('stops listening to the console when stopped', async () => {
        const { kit, sforceConsole } = await started();
        expect(sforceConsole.handlerCount()).toBe(Object.keys(CLASSIC_EVENTS).length);
        kit.stop();
        expect(sforceConsole.handlerCount()).toBe(0);
        kit.stop(); // idempotent
    });
});
