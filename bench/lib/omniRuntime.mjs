/**
 * The Omni Console Kit runtime the pipeline benches drive, bundled once per process from
 * the TypeScript sources. One bundle means one instance of the in-page message service,
 * shared by the engine, the clients and the baseline (module state must not be split).
 */
import { bundleAndImport, lwcPath } from './bundle.mjs';

const ENTRY = `
export { OmniBridgeEngine } from ${JSON.stringify(lwcPath('omniBridgeCore', 'bridgeEngine.ts'))};
export { storageWorkTimes } from ${JSON.stringify(lwcPath('omniBridgeCore', 'workTimes.ts'))};
export { reduceEvent, initialSnapshot } from ${JSON.stringify(lwcPath('omniTypes', 'snapshot.ts'))};
export { createOmniClientOn, messageServiceTransport } from 'c/omniClient';
export { parseOmniEvent, parseEnvelope } from 'c/omniTypes';
export * as lms from 'lightning/messageService';
import OMNI_CHANNEL from '@salesforce/messageChannel/OmniConsoleKit__c';
export { OMNI_CHANNEL };
`;

let loading = null;

export function loadOmniRuntime(ctx) {
    loading ??= bundleAndImport(ctx, { name: 'omni-runtime', contents: ENTRY });
    return loading;
}

/** What the fake lightning:omniToolkitAPI resolves to (raw shapes, as the toolkit sends them). */
const TOOLKIT_RESULTS = {
    getServicePresenceStatusId: { statusId: '0N5RM0000000001', statusName: 'Available', statusApiName: 'Available' },
    getAgentWorks: { works: '[]' },
    getAgentWorkload: { configuredCapacity: '5', currentWorkload: '0' }
};

/** A toolkit invoker that resolves immediately; other methods reject as an absent toolkit would. */
export function fakeToolkit(method) {
    return method in TOOLKIT_RESULTS ? Promise.resolve(TOOLKIT_RESULTS[method]) : Promise.reject(new Error(`${method} not faked`));
}

/** sessionStorage stand-in, so workTimes does the same work it does in the console. */
export function memoryStorage() {
    const map = new Map();
    return {
        getItem: (key) => map.get(key) ?? null,
        setItem: (key, value) => void map.set(key, String(value)),
        removeItem: (key) => void map.delete(key)
    };
}

/**
 * A bridge wired as omniBridgeCore wires it (publishes on the channel, hears every message
 * on it including its own, keeps work times in storage), started, leading, toolkit attached.
 * `channel` defaults to OmniConsoleKit__c (where omniClients listen); `publish` replaces the
 * message service entirely. Call `await settle()` afterwards so the seed completes.
 */
export function createBridge(rt, { publish, channel = rt.OMNI_CHANNEL } = {}) {
    const context = rt.lms.createMessageContext();
    const warnings = [];
    const engine = new rt.OmniBridgeEngine({
        publish: publish ?? ((message) => rt.lms.publish(context, channel, message)),
        warn: (message) => warnings.push(message),
        workTimes: rt.storageWorkTimes(memoryStorage()),
        bridgeId: 'benchBridge'
    });
    if (!publish) rt.lms.subscribe(context, channel, (message) => engine.handleMessage(message), { scope: rt.lms.APPLICATION_SCOPE });
    return { engine, warnings, context };
}

/** Lets pending promise callbacks (the seed) run. */
export function settle() {
    return new Promise((resolve) => setImmediate(resolve));
}
