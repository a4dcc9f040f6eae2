/**
 * What `import m from '@salesforce/apex/Class.method'` gives a component, for fake Apex
 * classes: a function to call imperatively (a Promise of the result, or a rejection shaped
 * like the platform's: { body: { message }, status }) with an `adapter` property for
 * @wire (connect / update(config) / disconnect, each update answering { data, error }).
 * Results are copied per call; wired data is frozen, as the platform's is read-only.
 */
export interface ApexError {
    body: { message: string; exceptionType?: string };
    status: number;
    statusText: string;
}

export type ApexHandler = (params: Record<string, unknown>) => unknown;

export interface ApexMethod {
    (params?: Record<string, unknown>): Promise<unknown>;
    adapter: new (dataCallback: (value: { data?: unknown; error?: unknown }) => void) => {
        connect(): void;
        disconnect(): void;
        update(config: Record<string, unknown>): void;
    };
}

/** Every call made, for the preview's tests (unless recording is off). */
export const apexCalls: Array<{ method: string; params: Record<string, unknown> }> = [];

let latencyMs = 0;
let recording = true;

/** Stops (or resumes) recording calls in apexCalls: the benchmark's heap must not hold them. */
export function recordApexCalls(on: boolean): void {
    recording = on;
    if (!on) apexCalls.length = 0;
}

/** Delay before each answer, as a round trip to the server would take. */
export function setApexLatency(ms: number): void {
    latencyMs = Math.max(0, ms);
}

/** An AuraHandledException as a component receives it. */
export class ApexFault extends Error {}

function deepFreeze<T>(value: T): T {
    if (value && typeof value === 'object' && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    }
    return value;
}

function toApexError(error: unknown): ApexError {
    const message = error instanceof Error ? error.message : String(error);
    return error instanceof ApexFault
        ? { body: { message, exceptionType: 'System.AuraHandledException' }, status: 500, statusText: 'Server Error' }
        : { body: { message: `Script-thrown exception: ${message}` }, status: 500, statusText: 'Server Error' };
}

function call(name: string, handler: ApexHandler, params: Record<string, unknown>): Promise<unknown> {
    if (recording) apexCalls.push({ method: name, params });
    return new Promise((resolve, reject) => {
        setTimeout(() => {
            try {
                // Through JSON, as Apex results cross the network.
                resolve(JSON.parse(JSON.stringify(handler(JSON.parse(JSON.stringify(params))) ?? null)));
            } catch (error) {
                reject(toApexError(error));
            }
        }, latencyMs);
    });
}

export function apexMethod(name: string, handler: ApexHandler): ApexMethod {
    const method = ((params: Record<string, unknown> = {}) => call(name, handler, params)) as ApexMethod;
    method.adapter = class ApexWireAdapter {
        private connected = false;
        private request = 0;
        constructor(private readonly dataCallback: (value: { data?: unknown; error?: unknown }) => void) {}
        connect(): void {
            this.connected = true;
        }
        disconnect(): void {
            this.connected = false;
        }
        update(config: Record<string, unknown>): void {
            const request = ++this.request;
            call(name, handler, config ?? {}).then(
                (data) => {
                    if (this.connected && request === this.request) this.dataCallback({ data: deepFreeze(data), error: undefined });
                },
                (error) => {
                    if (this.connected && request === this.request) this.dataCallback({ data: undefined, error });
                }
            );
        }
    };
    return method;
}
