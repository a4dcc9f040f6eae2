/**
 * c/omniKit on the testing kit's fake Omni (sim engine -> agent console -> real bridge ->
 * strict message service -> client): each helper, its argument checks, and the log.
 */
import { createOmniKit, KIT_VERSION, OmniApexError, type OmniKit, type OmniLogEntry } from 'c/omniKit';
import { OmniArgumentError, OmniBridgeUnavailableError, OmniPayloadError, toId18, type OmniWork } from 'c/omniClient';
import { createFakeOmni, type FakeOmni, type FakeOmniOptions } from '@platform/testing/fakeOmni';
import { resetMessageService } from '@platform/lightning/messageService/messageService';
import getDeclineSettings from '@salesforce/apex/OmniPanelController.getDeclineSettings';
import getPushTimeouts from '@salesforce/apex/OmniPanelController.getPushTimeouts';
import packageJson from '../../../../../../package.json';

const kits: OmniKit[] = [];
const fakes: FakeOmni[] = [];

async function setUp(options: FakeOmniOptions = {}, kitOptions: Parameters<typeof createOmniKit>[0] = {}) {
    const fake = await createFakeOmni(options);
    fakes.push(fake);
    const omni = createOmniKit({ ...fake.kitOptions, timeoutMs: 2000, ...kitOptions });
    kits.push(omni);
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
    kits.splice(0).forEach((k) => k.dispose());
    fakes.splice(0).forEach((f) => f.dispose());
});

describe('whenReady', () => {
    it('resolves with the seeded snapshot once the rep is logged in', async () => {
        const { omni } = await setUp();
        const snapshot = await omni.whenReady();
        expect(snapshot).toMatchObject({ seeded: true, loginState: 'loggedIn', presence: { statusApiName: 'Available' } });
    });

    it('does not believe a logged-out seed until it lasted restoreGraceMs: a status restored meanwhile wins', async () => {
        const { fake, omni } = await setUp({ startIn: null }, { restoreGraceMs: 300 });
        let settled: string | null = null;
        const ready = omni.whenReady().then((s) => (settled = s.loginState));
        await fake.settle();
        expect(omni.snapshot?.loginState).toBe('loggedOut');
        expect(settled).toBeNull();
        await fake.widgetStatus('Available');
        await ready;
        expect(settled).toBe('loggedIn');
    });

    it('resolves logged out once the grace period has passed', async () => {
        const { omni } = await setUp({ startIn: null }, { restoreGraceMs: 50 });
        const started = Date.now();
        const snapshot = await omni.whenReady();
        expect(snapshot.loginState).toBe('loggedOut');
        expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    });

    it('rejects with OmniBridgeUnavailableError when no bridge answers in time; a bad time-out is an argument error', async () => {
        const omni = createOmniKit({ timeoutMs: 100 });
        kits.push(omni);
        expect(await rejection(omni.whenReady())).toBeInstanceOf(OmniBridgeUnavailableError);
        expect(await rejection(omni.whenReady(-1))).toBeInstanceOf(OmniArgumentError);
    });
});

describe('capabilities and push time-out', () => {
    it('reads the decline settings once, caches them, and adds the push time-out Apex does not carry', async () => {
        const { fake } = await setUp({ declineReasons: ['Wrong language'] });
        // The default loader is the Apex method (the sim's fake of OmniPanelController in jest); counted here.
        const load = jest.fn(() => getDeclineSettings());
        const omni = createOmniKit({ ...fake.kitOptions, loadCapabilities: load });
        kits.push(omni);
        expect(omni.capabilities).toBeNull();
        const capabilities = await omni.getCapabilities();
        await omni.getCapabilities();
        expect(load).toHaveBeenCalledTimes(1);
        expect(capabilities).toMatchObject({
            declineAllowed: true,
            declineReasonsEnabled: true,
            declineReasons: [{ label: 'Wrong language', developerName: 'Wrong_language' }],
            pushTimeoutMs: 30000,
            capacity: 5
        });
        expect(omni.capabilities).toBe(capabilities);
    });

    it('a failed read is an OmniApexError, not cached; a malformed answer is an OmniPayloadError naming the field', async () => {
        const load = jest.fn().mockRejectedValueOnce(new Error('Apex down')).mockResolvedValueOnce({ declineAllowed: 'yes' });
        const omni = createOmniKit({ loadCapabilities: load, timeoutMs: 100 });
        kits.push(omni);
        const failed = await rejection(omni.getCapabilities());
        expect(failed).toBeInstanceOf(OmniApexError);
        expect(failed.message).toBe('OmniPanelController.getDeclineSettings failed: Apex down');
        const malformed = await rejection(omni.getCapabilities());
        expect(malformed).toBeInstanceOf(OmniPayloadError);
        expect(malformed.message).toContain('getDeclineSettings.declineAllowed');
        expect(load).toHaveBeenCalledTimes(2);
    });

    it('timeLeftMs counts down from the offer to the pushTimeoutMs override; null once accepted; bad ids refused', async () => {
        const loadPushTimeouts = jest.fn();
        const { fake, omni } = await setUp({ pushTimeoutMs: 20000 }, { pushTimeoutMs: 20000, loadPushTimeouts });
        await omni.whenReady();
        const { workId } = await fake.offer();
        const left = omni.timeLeftMs(workId!)!;
        // The override answers: Apex is not asked about time-outs at all.
        expect(loadPushTimeouts).not.toHaveBeenCalled();
        expect((await omni.getPushTimeout(workId!)).pushTimeoutMs).toBe(20000);
        expect(left).toBeGreaterThan(19000);
        expect(left).toBeLessThanOrEqual(20000);
        await omni.acceptAgentWork({ workId: workId! });
        await fake.settle();
        expect(omni.timeLeftMs(workId!)).toBeNull();
        expect(() => omni.timeLeftMs('500SM0000000001')).toThrow(OmniArgumentError);
        expect(() => omni.timeLeftMs(42 as unknown as string)).toThrow(/AgentWork id/);
    });
});

describe("push time-out from Apex (each offer's routing configuration)", () => {
    /** Lets the fake Apex (a timer of 0 ms) and the kit's promises answer. */
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- waits for the fake Apex timer
    const apexAnswered = () => new Promise((resolve) => setTimeout(resolve, 5));

    it("reads each offer's time-out from its queue's routing configuration once, as it arrives; timeLeftMs uses it", async () => {
        // The routing configuration's PushTimeout (seconds) is 45 in the fake's org; no override given to the kit.
        const fake = await createFakeOmni({ pushTimeoutMs: 45000 });
        fakes.push(fake);
        const load = jest.fn((workIds: string[]) => getPushTimeouts({ workIds }));
        const omni = createOmniKit({ timeoutMs: 2000, loadPushTimeouts: load });
        kits.push(omni);
        await omni.whenReady();
        const { workId } = await fake.offer();
        await fake.settle();
        await apexAnswered();

        expect(load).toHaveBeenCalledTimes(1);
        // 18-character ids, as the client hands them out.
        expect(load).toHaveBeenCalledWith([toId18(workId)]);
        const left = omni.timeLeftMs(workId!)!;
        expect(left).toBeGreaterThan(44000);
        expect(left).toBeLessThanOrEqual(45000);
        const timeout = await omni.getPushTimeout(workId!);
        expect(timeout).toMatchObject({ workId: toId18(workId), pushTimeoutMs: 45000, routingConfigName: expect.any(String) });
        expect(timeout.routingConfigId).toMatch(/^[A-Za-z0-9]{18}$/);
        // Cached: asking again, or reading capabilities, calls Apex no more.
        await omni.getPushTimeout(workId!);
        const capabilities = await omni.getCapabilities();
        expect(capabilities.pushTimeoutMs).toBeNull();
        expect(capabilities.pushTimeouts.get(toId18(workId)!)).toEqual(timeout);
        expect(load).toHaveBeenCalledTimes(1);
        expect(omni.getLog().some((e) => e.kind === 'pushTimeouts' && e.name === 'getPushTimeouts')).toBe(true);

        // Accepted: no longer an offer, so no time left; the cached entry is dropped once the work leaves.
        await omni.acceptAgentWork({ workId: workId! });
        await fake.settle();
        expect(omni.timeLeftMs(workId!)).toBeNull();
    });

    it('an Apex failure is an OmniApexError with its status, logged and not cached: the next ask reads again', async () => {
        const fake = await createFakeOmni({ pushTimeoutMs: 30000 });
        fakes.push(fake);
        const refused = { body: { message: 'Insufficient access to QueueRoutingConfig' }, status: 500, statusText: 'Server Error' };
        const load = jest
            .fn((workIds: string[]) => getPushTimeouts({ workIds }))
            .mockRejectedValueOnce(refused)
            .mockRejectedValueOnce(refused);
        const omni = createOmniKit({ timeoutMs: 2000, loadPushTimeouts: load });
        kits.push(omni);
        await omni.whenReady();
        const { workId } = await fake.offer();
        await fake.settle();
        await apexAnswered();
        // The read on arrival failed: nothing is known, nothing guessed.
        expect(load).toHaveBeenCalledTimes(1);
        expect(omni.timeLeftMs(workId!)).toBeNull();

        const failure = await rejection(omni.getPushTimeout(workId!));
        expect(failure).toBeInstanceOf(OmniApexError);
        expect(failure).toMatchObject({ method: 'getPushTimeouts', status: 500 });
        expect(failure.message).toBe('OmniPanelController.getPushTimeouts failed: Insufficient access to QueueRoutingConfig');
        expect(omni.getLog().filter((e) => e.kind === 'failure' && e.name === 'getPushTimeouts')).toHaveLength(2);

        expect((await omni.getPushTimeout(workId!)).pushTimeoutMs).toBe(30000);
        expect(load).toHaveBeenCalledTimes(3);
        expect(omni.timeLeftMs(workId!)).toBeGreaterThan(29000);
    });

    it('a malformed answer is an OmniPayloadError naming the field; a bad work id is refused before Apex is asked', async () => {
        const load = jest.fn().mockResolvedValue([{ workId: '0BzSM0000000001', pushTimeoutSeconds: '30' }]);
        const omni = createOmniKit({ timeoutMs: 100, loadPushTimeouts: load });
        kits.push(omni);
        const malformed = await rejection(omni.getPushTimeout('0BzSM0000000001'));
        expect(malformed).toBeInstanceOf(OmniPayloadError);
        expect(malformed.message).toContain('getPushTimeouts[0].pushTimeoutSeconds');
        expect(await rejection(omni.getPushTimeout('500SM0000000001'))).toBeInstanceOf(OmniArgumentError);
        expect(load).toHaveBeenCalledTimes(1);
    });

    it('a routing configuration without push time-out (0) means the offer never runs out: timeLeftMs is null', async () => {
        const fake = await createFakeOmni({ pushTimeoutMs: 30000 });
        fakes.push(fake);
        const load = jest.fn((workIds: string[]) => Promise.resolve(workIds.map((workId) => ({ workId, pushTimeoutSeconds: 0 }))));
        const omni = createOmniKit({ timeoutMs: 2000, loadPushTimeouts: load });
        kits.push(omni);
        await omni.whenReady();
        const { workId } = await fake.offer();
        await fake.settle();
        expect((await omni.getPushTimeout(workId!)).pushTimeoutMs).toBe(0);
        expect(omni.timeLeftMs(workId!)).toBeNull();
    });
});

describe('statuses by API name', () => {
    it('lists the statuses the rep may use and sets one by API name', async () => {
        const { fake, omni } = await setUp();
        await omni.whenReady();
        const statuses = await omni.getStatuses();
        // As OmniPanelController orders them: online first, then by label.
        expect(statuses.map((s) => [s.apiName, s.isOnline])).toEqual([
            ['Available', true],
            ['Cases_Only', true],
            ['Phone_And_Messaging', true],
            ['Break', false]
        ]);
        const result = await omni.setStatusByApiName('Break');
        expect(result).toMatchObject({ statusApiName: 'Break', channels: [] });
        expect(fake.state().statusApiName).toBe('Break');
    });

    it('an API name the rep may not use rejects naming it, and nothing reaches the toolkit', async () => {
        const { fake, omni } = await setUp();
        await omni.whenReady();
        const callsBefore = fake.toolkitCalls.length;
        const error = await rejection(omni.setStatusByApiName('Lunch'));
        expect(error).toBeInstanceOf(OmniArgumentError);
        expect(error.message).toBe(
            'setStatusByApiName: "Lunch" is not a status this rep may use (allowed: Available, Cases_Only, Phone_And_Messaging, Break)'
        );
        expect(await rejection(omni.setStatusByApiName('  '))).toBeInstanceOf(OmniArgumentError);
        expect(await rejection(omni.setStatusByApiName({ apiName: 'Break' } as unknown as string))).toBeInstanceOf(OmniArgumentError);
        expect(fake.toolkitCalls.length).toBe(callsBefore);
    });

    it('logs a logged-out rep in (setServicePresenceStatus does, as the toolkit documents)', async () => {
        const { fake, omni } = await setUp({ startIn: null }, { restoreGraceMs: 0 });
        await omni.whenReady();
        await omni.setStatusByApiName('Cases_Only');
        await fake.settle();
        expect(fake.state()).toMatchObject({ loggedIn: true, statusApiName: 'Cases_Only' });
        expect(omni.snapshot?.loginState).toBe('loggedIn');
    });
});

describe('declineAllWaiting', () => {
    it('declines every offer not accepted yet, with the reason, and leaves accepted work alone', async () => {
        const { fake, omni } = await setUp();
        await omni.whenReady();
        const first = await fake.offer();
        await omni.acceptAgentWork({ workId: first.workId! });
        await Promise.all([fake.offer(), fake.offer()]);
        const result = await omni.declineAllWaiting('Wrong language');
        await fake.settle();
        expect(result.declined).toHaveLength(2);
        expect(result.failed).toEqual([]);
        expect(fake.state().works.map((w) => w.status)).toEqual(['Opened']);
        expect(fake.toolkitCalls.filter((c) => c.method === 'declineAgentWork').map((c) => c.args?.declineReason)).toEqual([
            'Wrong language',
            'Wrong language'
        ]);
    });

    it('one refusal does not stop the others: each failure is returned with its error', async () => {
        const { fake, omni } = await setUp({ declineAllowed: false });
        await omni.whenReady();
        await Promise.all([fake.offer(), fake.offer()]);
        const result = await omni.declineAllWaiting();
        expect(result.declined).toEqual([]);
        expect(result.failed).toHaveLength(2);
        expect(fake.state().works).toHaveLength(2);
    });

    it('a reason that is not a string is refused before anything is sent', async () => {
        const { fake, omni } = await setUp();
        await omni.whenReady();
        await fake.offer();
        const callsBefore = fake.toolkitCalls.length;
        expect(await rejection(omni.declineAllWaiting(7 as unknown as string))).toBeInstanceOf(OmniArgumentError);
        expect(fake.toolkitCalls.length).toBe(callsBefore);
    });
});

describe('onEachOffer', () => {
    it('runs once per offer when three arrive together, and never again for the same work', async () => {
        const { fake, omni } = await setUp();
        await omni.whenReady();
        const seen: string[] = [];
        omni.onEachOffer((work) => {
            seen.push(work.workId);
        });
        const offers = await Promise.all([fake.offer(), fake.offer(), fake.offer()]);
        await omni.resync();
        await fake.settle();
        expect(seen.sort()).toEqual(offers.map((o) => omni.snapshot!.works.find((w) => w.workId.startsWith(o.workId!))!.workId).sort());
        expect(new Set(seen).size).toBe(3);
    });

    it('oneAtATime: each handler starts after the previous one finished (accept one at a time)', async () => {
        const { fake, omni } = await setUp();
        await omni.whenReady();
        let running = 0;
        let most = 0;
        const accepted: string[] = [];
        omni.onEachOffer(
            async (work: OmniWork) => {
                running += 1;
                most = Math.max(most, running);
                await omni.acceptAgentWork({ workId: work.workId });
                accepted.push(work.workId);
                running -= 1;
            },
            { oneAtATime: true }
        );
        await Promise.all([fake.offer(), fake.offer(), fake.offer()]);
        await fake.settle();
        await fake.settle();
        expect(accepted).toHaveLength(3);
        expect(most).toBe(1);
        expect(fake.state().works.map((w) => w.status)).toEqual(['Opened', 'Opened', 'Opened']);
    });

    it('hands over offers already waiting (or not, with includeWaiting false); a throwing handler is logged and the next still runs', async () => {
        const { fake, omni } = await setUp();
        await omni.whenReady();
        await fake.offer();
        const waiting: string[] = [];
        const fresh: string[] = [];
        omni.onEachOffer((work) => {
            waiting.push(work.workId);
            throw new Error('handler bug');
        });
        omni.onEachOffer(
            (work) => {
                fresh.push(work.workId);
            },
            { includeWaiting: false }
        );
        await fake.settle();
        expect(waiting).toHaveLength(1);
        expect(fresh).toHaveLength(0);
        await fake.offer();
        await fake.settle();
        expect(waiting).toHaveLength(2);
        expect(fresh).toHaveLength(1);
        expect(omni.getLog().filter((e) => e.kind === 'handlerFailed')).toHaveLength(2);
        expect(() => omni.onEachOffer('accept' as never)).toThrow(OmniArgumentError);
    });
});

it('includeWaiting false on a kit that has no snapshot yet: what waits at start is skipped, new offers are not', async () => {
    const { fake } = await setUp();
    await fake.offer();
    const omni = createOmniKit({ timeoutMs: 2000 });
    kits.push(omni);
    const handed: string[] = [];
    omni.onEachOffer(
        (work) => {
            handed.push(work.workId);
        },
        { includeWaiting: false }
    );
    await fake.settle();
    expect(omni.snapshot?.works).toHaveLength(1);
    expect(handed).toEqual([]);
    const { workId } = await fake.offer();
    await fake.settle();
    expect(handed.map((id) => id.slice(0, 15))).toEqual([workId]);
});

describe('logger and log', () => {
    it('every event, command and result is one structured entry, to the logger and the bounded log', async () => {
        const entries: OmniLogEntry[] = [];
        const { fake, omni } = await setUp({}, { logger: (e) => entries.push(e) });
        await omni.whenReady();
        const { workId } = await fake.offer();
        await omni.acceptAgentWork({ workId: workId! });
        await fake.settle();
        expect(entries.map((e) => `${e.kind}:${e.name}`)).toEqual(
            expect.arrayContaining(['event:workAssigned', 'command:acceptAgentWork', 'result:acceptAgentWork', 'event:workAccepted'])
        );
        expect(entries.every((e) => e.level !== 'debug')).toBe(true);
        expect(omni.getLog()).toEqual(entries);
        const lines = omni
            .getLogText()
            .split('\n')
            .map((line) => JSON.parse(line));
        expect(lines).toHaveLength(entries.length);
        const failed = await rejection(omni.acceptAgentWork({ workId: workId! }));
        expect(omni.getLog().at(-1)).toMatchObject({
            level: 'warn',
            kind: 'failure',
            name: 'acceptAgentWork',
            data: { error: failed.message }
        });
    });

    it('a logger that throws never breaks delivery nor a command', async () => {
        const errorSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
        const { fake, omni } = await setUp(
            {},
            {
                logger: () => {
                    throw new Error('logger bug');
                }
            }
        );
        await omni.whenReady();
        const assigned = jest.fn();
        omni.on('workAssigned', assigned);
        const { workId } = await fake.offer();
        await expect(omni.acceptAgentWork({ workId: workId! })).resolves.toBe(true);
        expect(assigned).toHaveBeenCalledTimes(1);
        expect(errorSpy).toHaveBeenCalledTimes(1);
    });

    it('keeps only logSize entries (sequence numbers show the gap) and filters by logLevel', async () => {
        const { fake, omni } = await setUp({}, { logSize: 3, logLevel: 'debug' });
        await omni.whenReady();
        await Promise.all([fake.offer(), fake.offer()]);
        const log = omni.getLog();
        expect(log).toHaveLength(3);
        expect(log[2].seq - log[0].seq).toBe(2);
        expect(log[0].seq).toBeGreaterThan(1);
        expect(log.some((e) => e.level === 'debug')).toBe(true);
    });

    it('options are checked before anything starts', () => {
        expect(() => createOmniKit({ logger: 'console' as never })).toThrow(OmniArgumentError);
        expect(() => createOmniKit({ logLevel: 'verbose' as never })).toThrow(/logLevel must be one of debug, info, warn, error/);
        expect(() => createOmniKit({ logSize: 1e9 })).toThrow(OmniArgumentError);
        expect(() => createOmniKit({ pushTimeoutMs: 0 })).toThrow(OmniArgumentError);
        expect(() => createOmniKit({ loadStatuses: [] as never })).toThrow(OmniArgumentError);
    });
});

it('exports the kit version, equal to package.json', () => {
    expect(KIT_VERSION).toBe(packageJson.version);
    const kit = createOmniKit({ timeoutMs: 100 });
    kits.push(kit);
    expect(kit.version).toBe(KIT_VERSION);
});
