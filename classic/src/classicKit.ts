/**
 * The kit on a Salesforce Classic console page (a Visualforce console component): the same
 * bridge engine and typed client as in Lightning, with the Console Integration Toolkit in
 * place of lightning:omniToolkitAPI and an in-page bus in place of Lightning Message
 * Service (Classic has none; the bridge and the client live in the same page).
 *
 *   const kit = OmniClassicKit.start();            // after integration.js has loaded
 *   kit.client.on('workAssigned', (event) => ...); // the typed client, as in LWC
 *   kit.client.acceptAgentWork({ workId });        // flags reject: Classic has no flag methods
 */
import { OmniBridgeEngine } from '../../force-app/main/default/lwc/omniBridgeCore/bridgeEngine';
import { createOmniClientOn, type OmniClient, type OmniTransport } from '../../force-app/main/default/lwc/omniClient/omniClient';
import { createClassicToolkit, type SforceConsoleLike } from './classicToolkit';

export interface ClassicKit {
    client: OmniClient;
    /** Stops listening to the console and releases the bridge; the client rejects from then on. */
    stop(): void;
}

export interface ClassicKitOptions {
    /** `sforce.console` from integration.js; by default `window.sforce.console`. */
    sforceConsole?: SforceConsoleLike;
    /** Client call timeout in ms (default 10000). */
    timeoutMs?: number;
    warn?: (message: string) => void;
}

/** Raised when the page has no Console Integration Toolkit (integration.js not loaded, or not in a console). */
export class ClassicConsoleMissingError extends Error {
    constructor() {
        super(
            'sforce.console.presence is not on this page: include /support/console/64.0/integration.js and open the page as a console component in a Salesforce Classic console app with Omni-Channel'
        );
        this.name = 'ClassicConsoleMissingError';
    }
}

/** Bridge and clients in one page: every message to every listener, in order, synchronously. */
export function createPageBus(): OmniTransport {
    const listeners = new Set<(message: unknown) => void>();
    return {
        publish(message) {
            for (const listener of [...listeners]) listener(message);
        },
        subscribe(listener) {
            listeners.add(listener);
            return () => listeners.delete(listener);
        }
    };
}

function consoleFromWindow(): SforceConsoleLike | undefined {
    const sforce = (globalThis as { sforce?: { console?: SforceConsoleLike } }).sforce;
    return sforce?.console;
}

export function start(options: ClassicKitOptions = {}): ClassicKit {
    const sforceConsole = options.sforceConsole ?? consoleFromWindow();
    if (!sforceConsole?.presence || typeof sforceConsole.addEventListener !== 'function') throw new ClassicConsoleMissingError();

    const bus = createPageBus();
    const toolkit = createClassicToolkit(sforceConsole);
    const engine = new OmniBridgeEngine({ publish: (message) => bus.publish(message), warn: options.warn });
    const stopBusListening = bus.subscribe((message) => engine.handleMessage(message));
    const stopConsoleListening = toolkit.listen((eventName, params) => engine.handleRawEvent(eventName, params));
    engine.start();
    engine.attachToolkit(toolkit.invoke);
    const client = createOmniClientOn(bus, { timeoutMs: options.timeoutMs });

    let stopped = false;
    return {
        client,
        stop() {
            if (stopped) return;
            stopped = true;
            stopConsoleListening();
            engine.stop();
            stopBusListening();
            client.dispose?.();
        }
    };
}
