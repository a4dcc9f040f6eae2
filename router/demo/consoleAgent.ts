/**
 * One simulated rep at their console, as the kit runs in an org: the simulator's agent
 * console (sim/console: engine events as raw lightning:omniChannel* params, toolkit calls
 * answered by the engine) feeds the real bridge engine (omniBridgeCore), which talks over a
 * message bus of its own (one per rep: each rep has their own page) to the real typed client
 * (omniClient). The rep only ever uses the client: they hear `workAssigned`, then accept,
 * decline or let the push time out, close accepted work, and go back to Available after
 * Omni put them on a break. Transfers are console actions the toolkit API does not offer;
 * the demo does them on the engine and says so.
 */
import type { SimEngine } from '../../sim/engine/engine';
import { createAgentConsole, type AgentConsole } from '../../sim/console/agentConsole';
import { OmniBridgeEngine } from '../../force-app/main/default/lwc/omniBridgeCore/bridgeEngine';
import { createOmniClientOn, type OmniClient, type OmniTransport, type Unsubscribe } from 'c/omniClient';
import { toId15, type Envelope, type OmniMethod } from 'c/omniTypes';

/** What a rep does with work pushed to them (probabilities from a seeded random source). */
export interface RepHabits {
    /** Share of pushed work declined (with a reason). */
    decline: number;
    /** Share left unanswered until the push times out. */
    ignore: number;
    /** How long the rep takes to answer, ms. */
    answerMs: [number, number];
}

export interface RepDecision {
    userId: string;
    workId: string;
    workItemId: string;
}

export interface RepEvents {
    accepted(decision: RepDecision): void;
    declined(decision: RepDecision): void;
    ignored(decision: RepDecision): void;
    backFromBreak(userId: string): void;
    /** A client call that failed (the work moved on meanwhile): logged, not fatal. */
    failed(userId: string, what: string, error: Error): void;
}

/** A page's message channel: every message to every subscriber, copied, after the current task step. */
function pageBus(): OmniTransport {
    const listeners = new Set<(message: unknown) => void>();
    return {
        publish(message: Envelope) {
            const copy = structuredClone(message);
            queueMicrotask(() => {
                for (const listener of [...listeners]) listener(copy);
            });
        },
        subscribe(listener) {
            listeners.add(listener);
            return () => listeners.delete(listener);
        }
    };
}

export class ConsoleRep {
    readonly client: OmniClient;
    private readonly console: AgentConsole;
    private readonly bridge: OmniBridgeEngine;
    private readonly offBus: Unsubscribe;
    private readonly timers = new Set<NodeJS.Timeout>();
    private readonly offs: Unsubscribe[] = [];

    constructor(
        engine: SimEngine,
        readonly userId: string,
        readonly name: string,
        private readonly availableStatusId: string,
        private readonly habits: RepHabits,
        private readonly random: () => number,
        private readonly events: RepEvents
    ) {
        const bus = pageBus();
        this.bridge = new OmniBridgeEngine({
            publish: (message) => bus.publish(message),
            now: () => Date.now(),
            warn: (message) => events.failed(userId, 'bridge', new Error(message)),
            bridgeId: `demo-${userId}`
        });
        this.offBus = bus.subscribe((message) => this.bridge.handleMessage(message));
        // What the Aura bridge's helper does with each lightning:omniChannel* event.
        this.console = createAgentConsole(engine, userId, (eventName, params) => this.bridge.handleRawEvent(eventName, params));
        this.bridge.start();
        this.bridge.attachToolkit((method: OmniMethod, args) => this.console.invoke(method, args));
        this.client = createOmniClientOn(bus, { timeoutMs: 5000 });
        this.offs.push(
            this.client.on('workAssigned', (event) => this.answer({ userId, workId: event.workId, workItemId: event.workItemId })),
            // Omni moved the rep to a break (a push time-out): they come back after a moment.
            this.client.on('statusChanged', (event) => {
                if (event.statusId !== null && toId15(event.statusId) !== availableStatusId && event.reason === 'OmniPushTimeout')
                    this.later(800 + this.random() * 800, () =>
                        this.call('back to Available', () =>
                            this.client
                                .setServicePresenceStatus({ statusId: this.availableStatusId })
                                .then(() => events.backFromBreak(userId))
                        )
                    );
            })
        );
    }

    /** Logs in through the client, as the Omni widget's status menu does. */
    login(): Promise<true> {
        return this.client.login({ statusId: this.availableStatusId });
    }

    /** Closes accepted work through the client (the rep finished it). */
    close(workId: string): Promise<void> {
        return this.call('close', () => this.client.closeAgentWork({ workId }).then(() => undefined));
    }

    private answer(decision: RepDecision): void {
        const roll = this.random();
        const [min, max] = this.habits.answerMs;
        if (roll < this.habits.ignore) {
            this.events.ignored(decision);
            return; // the push times out
        }
        this.later(min + this.random() * (max - min), () => {
            if (roll < this.habits.ignore + this.habits.decline)
                void this.call('decline', () =>
                    this.client
                        .declineAgentWork({ workId: decision.workId, declineReason: 'Busy' })
                        .then(() => this.events.declined(decision))
                );
            else
                void this.call('accept', () =>
                    this.client.acceptAgentWork({ workId: decision.workId }).then(() => this.events.accepted(decision))
                );
        });
    }

    private async call(what: string, run: () => Promise<unknown>): Promise<void> {
        try {
            await run();
        } catch (error) {
            this.events.failed(this.userId, what, error as Error);
        }
    }

    private later(ms: number, fn: () => void): void {
        const timer = setTimeout(() => {
            this.timers.delete(timer);
            fn();
        }, ms);
        this.timers.add(timer);
    }

    dispose(): void {
        for (const timer of this.timers) clearTimeout(timer);
        for (const off of this.offs) off();
        this.client.dispose();
        this.bridge.stop();
        this.offBus();
        this.console.dispose();
    }
}
