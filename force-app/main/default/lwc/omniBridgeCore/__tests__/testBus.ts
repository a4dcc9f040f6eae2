/**
 * A page's message channel for engine-level tests: every message is structured-cloned
 * (as the platform serializes it) and delivered synchronously to every subscriber,
 * the publisher included. Engines, clients and a test's forger share it.
 */
import { OmniBridgeEngine, type ToolkitInvoker } from '../bridgeEngine';
import { createOmniClientOn, type OmniClient, type OmniTransport } from 'c/omniClient';
import type { Envelope } from 'c/omniTypes';

export interface TestBus {
    transport(): OmniTransport & { detach(): void };
    /** Every message published so far. */
    log: Envelope[];
    publish(message: unknown): void;
}

/** A deep copy of plain data, NaN kept (jsdom has no structuredClone; JSON would turn NaN into null). */
function copy(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map(copy);
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = copy(v);
    return out;
}

export function createTestBus(): TestBus {
    const listeners = new Set<(message: unknown) => void>();
    const log: Envelope[] = [];
    const publish = (message: unknown) => {
        log.push(message as Envelope);
        for (const listener of [...listeners]) listener(copy(message));
    };
    return {
        log,
        publish,
        transport() {
            const mine = new Set<(message: unknown) => void>();
            return {
                publish: (message) => publish(message),
                subscribe(listener) {
                    listeners.add(listener);
                    mine.add(listener);
                    return () => {
                        listeners.delete(listener);
                        mine.delete(listener);
                    };
                },
                detach() {
                    for (const listener of mine) listeners.delete(listener);
                }
            };
        }
    };
}

export interface TestBridge {
    engine: OmniBridgeEngine;
    /** Cuts the bridge off the channel without a word, as a crashed frame or a closed pop-out. */
    vanish(): void;
}

/** A bridge wired as omniBridgeCore wires it: publishes and hears on the bus, jest's (fake) timers. */
export function addTestBridge(bus: TestBus, toolkit: ToolkitInvoker, bridgeId: string, toolkitTimeoutMs?: number): TestBridge {
    const transport = bus.transport();
    const engine = new OmniBridgeEngine({
        publish: (message) => transport.publish(message),
        now: () => Date.now(),
        warn: () => undefined,
        bridgeId,
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- jest's fake timers, handed to the engine as its timer option
        setTimer: (callback, ms) => setTimeout(callback, ms),
        clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
        toolkitTimeoutMs
    });
    transport.subscribe((message) => engine.handleMessage(message));
    engine.start();
    engine.attachToolkit(toolkit);
    return {
        engine,
        vanish() {
            // (Optional call: the same helper ran these tests against the engine before it had vanish().)
            (engine as { vanish?: () => void }).vanish?.();
            transport.detach();
        }
    };
}

export function addTestClient(bus: TestBus, timeoutMs = 10000): OmniClient {
    return createOmniClientOn(bus.transport(), { timeoutMs });
}
