/**
 * The host side of omniBridgeCore's toolkit protocol for hosts that are not Aura (the
 * simulator's bare pages, the benchmarks, jest tests of the client): what c:omniBridgeHost's
 * controller does, in plain TypeScript. It answers each `toolkitcall` event by running the
 * method and handing the outcome back through the core's @api completeToolkitCall, so the
 * core meets the same data-only contract as in an org.
 *
 * Attach it before the element is inserted: the core asks for its first reads as it connects.
 */
import { assertStructuredData } from '../lightning/structuredData';

export type ToolkitRunner = (method: string, args: Record<string, string> | undefined) => unknown;

interface ToolkitCallDetail {
    callId: string;
    method: string;
    args: Record<string, string> | null;
}

interface CoreElement extends HTMLElement {
    completeToolkitCall(callId: string, ok: boolean, valueOrMessage: unknown): void;
}

function messageOf(reason: unknown): string {
    if (reason instanceof Error) return reason.message;
    if (typeof reason === 'string') return reason;
    const message = (reason as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? message : JSON.stringify(reason ?? null);
}

/** Serves the core's toolkit calls with `run`; returns a function that stops serving. */
export function serveToolkitCalls(element: HTMLElement, run: ToolkitRunner): () => void {
    const core = element as CoreElement;
    const listener = (event: Event) => {
        const detail = (event as CustomEvent<ToolkitCallDetail>).detail;
        assertStructuredData(detail, 'toolkitcall detail');
        const { callId, method, args } = detail;
        let result: unknown;
        try {
            result = run(method, args ?? undefined);
        } catch (error) {
            result = Promise.reject(error);
        }
        Promise.resolve(result).then(
            (value) => {
                assertStructuredData(value, `${method} result`);
                if (core.isConnected) core.completeToolkitCall(callId, true, value);
            },
            (reason: unknown) => {
                if (core.isConnected) core.completeToolkitCall(callId, false, messageOf(reason));
            }
        );
    };
    element.addEventListener('toolkitcall', listener);
    return () => element.removeEventListener('toolkitcall', listener);
}
