/**
 * Test doubles for the Omni toolkit, shared by the kit's jest suites: a fake
 * lightning:omniToolkitAPI that answers in the toolkit's raw shapes (JSON strings,
 * 15-character ids, numbers as strings) and records every call.
 *
 * It is stateless on purpose (each method answers a fixed value, set per test): the kit's
 * low-level tests use it to feed exact raw answers to the bridge. It is not a model of Omni
 * (after a logout it still answers "logged in"): tests of components, and users' own tests,
 * use the testing kit's stateful fake instead (createFakeOmni in ./fakeOmni.ts).
 */
export type ToolkitCall = { method: string; args: Record<string, string> | undefined };
type Answer = unknown | ((args: Record<string, string> | undefined) => unknown);

export const IDS = {
    available: '0N5RM0000000001',
    busy: '0N5RM0000000002',
    work1: '0BzRM0000000001',
    work2: '0BzRM0000000002',
    case1: '500RM000000A1nv',
    case2: '500RM000000A2nv',
    caseChannel: '0N9RM0000000001',
    supervisor: '005RM000000Sup1'
} as const;

export const DEFAULT_ANSWERS: Record<string, Answer> = {
    acceptAgentWork: true,
    declineAgentWork: true,
    closeAgentWork: true,
    getAgentWorks: { works: JSON.stringify([{ workItemId: IDS.case1, workId: IDS.work1, isEngaged: true }]) },
    getAgentWorkload: {
        configuredCapacity: '5',
        currentWorkload: '1',
        configuredInterruptibleCapacity: '2',
        currentInterruptibleWorkload: '0'
    },
    getServicePresenceStatusChannels: { channels: JSON.stringify([{ channelId: IDS.caseChannel, developerName: 'sfdc_case' }]) },
    getServicePresenceStatusId: { statusId: IDS.available, statusName: 'Available', statusApiName: 'Available' },
    login: true,
    logout: true,
    raiseAgentWorkFlag: true,
    lowerAgentWorkFlag: true,
    setServicePresenceStatus: (args: Record<string, string> | undefined) => ({
        statusId: args?.statusId,
        statusName: 'Busy',
        statusApiName: 'Busy',
        channels: '[]'
    })
};

export interface FakeToolkit {
    invoke: (method: string, args: Record<string, string> | undefined) => Promise<unknown>;
    calls: ToolkitCall[];
    answer(method: string, value: Answer): void;
    reject(method: string, reason: unknown): void;
    /** Holds answers of a method until release() is called (for race tests). */
    hold(method: string): { release(): void };
}

export function createFakeToolkit(overrides: Record<string, Answer> = {}): FakeToolkit {
    const answers: Record<string, Answer> = { ...DEFAULT_ANSWERS, ...overrides };
    const rejections = new Map<string, unknown>();
    const holds = new Map<string, Promise<void>>();
    const calls: ToolkitCall[] = [];
    return {
        calls,
        async invoke(method, args) {
            calls.push({ method, args });
            const held = holds.get(method);
            if (held) await held;
            if (rejections.has(method)) throw rejections.get(method);
            const answer = answers[method];
            return typeof answer === 'function' ? (answer as (a: typeof args) => unknown)(args) : answer;
        },
        answer(method, value) {
            answers[method] = value;
            rejections.delete(method);
        },
        reject(method, reason) {
            rejections.set(method, reason);
        },
        hold(method) {
            let release!: () => void;
            holds.set(method, new Promise<void>((resolve) => (release = resolve)));
            return {
                release: () => {
                    holds.delete(method);
                    release();
                }
            };
        }
    };
}

/** Lets pending promise callbacks run (a few turns, for chains of awaits). */
export async function flushPromises(turns = 5): Promise<void> {
    for (let i = 0; i < turns; i++) await Promise.resolve();
}
