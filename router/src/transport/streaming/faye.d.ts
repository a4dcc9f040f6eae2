/** The part of faye 1.4's API the router uses (faye ships no types). */
declare module 'faye' {
    namespace Faye {
        interface Message {
            channel: string;
            clientId?: string;
            subscription?: string;
            successful?: boolean;
            error?: string;
            data?: unknown;
            ext?: Record<string, unknown>;
            advice?: Record<string, unknown>;
            id?: string;
            [key: string]: unknown;
        }
        interface Extension {
            incoming?(message: Message, callback: (message: Message | null) => void): void;
            outgoing?(message: Message, callback: (message: Message | null) => void): void;
            added?(host: unknown): void;
        }
        interface FayeError {
            code: number | null;
            params: string[];
            message: string;
        }
        interface Subscription {
            then(onSuccess: () => void, onError: (error: FayeError) => void): void;
            cancel(): void;
        }
        class Client {
            constructor(url: string, options?: { timeout?: number; retry?: number; interval?: number });
            addExtension(extension: Extension): void;
            disable(feature: string): void;
            setHeader(name: string, value: string): void;
            subscribe(channel: string, callback: (data: unknown) => void): Subscription;
            publish(channel: string, data: unknown): { then(onSuccess: () => void, onError: (error: FayeError) => void): void };
            disconnect(): void;
            on(event: 'transport:up' | 'transport:down', listener: () => void): void;
        }
        class NodeAdapter {
            constructor(options: { mount: string; timeout?: number; ping?: number; engine?: unknown });
            attach(server: import('node:http').Server): void;
            addExtension(extension: Extension): void;
            getClient(): Client;
            on(event: 'handshake' | 'disconnect', listener: (clientId: string) => void): void;
            on(event: 'subscribe' | 'unsubscribe', listener: (clientId: string, channel: string) => void): void;
            on(event: 'publish', listener: (clientId: string, channel: string, data: unknown) => void): void;
            close(): void;
        }
        const logger: ((message: string) => void) | undefined;
    }
    export = Faye;
}
