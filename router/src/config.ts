/**
 * The router's configuration: a JSON file (--config or ROUTER_CONFIG) with environment
 * variables on top (secrets belong in the environment). Every problem is collected and
 * reported at once as a ConfigError, before anything connects.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultJwtAudience, type AuthConfig } from './auth/oauth.js';
import { LOG_LEVELS, type LogLevel } from './log.js';

export type TransportConfig =
    | { kind: 'streaming'; psrTopic: string; agentWorkTopic?: string; presenceTopic?: string; reconnectWindowMs?: number }
    | { kind: 'pubsub'; endpoint: string; topicName: string; tls: boolean; batchSize?: number };

export interface RouterConfig {
    auth: AuthConfig;
    transport: TransportConfig;
    strategy: string;
    strategyModule?: string;
    storePath: string;
    logLevel: LogLevel;
    apiVersion: string;
    firstStart: 'latest' | 'earliest';
    backoff: { baseMs: number; maxMs: number };
    /** Back-off after the daily event limit (it resets over hours): default 1 min doubling to 30 min. */
    limitBackoff: { baseMs: number; maxMs: number };
    /** Timed retry of waiting PSRs (ms; 0 = only when capacity frees). */
    retryWaitingMs?: number;
    /** Re-read agent availability from queries (ms; 0 = off). */
    resyncLedgerMs?: number;
    /** Retries of one failed REST call (5xx, no answer) before the event fails: default 5 attempts, 200 ms doubling to 5 s. */
    restRetry?: { attempts: number; baseMs: number; maxMs: number };
    /** PSR events handled at once (pipelined; default 32); 1 = one after the other. */
    concurrency?: number;
}

export class ConfigError extends Error {
    constructor(readonly problems: string[]) {
        super(`invalid router configuration:\n  - ${problems.join('\n  - ')}`);
        this.name = 'ConfigError';
    }
}

/** Environment variables, with the config-file key each one overrides. */
export const ENV_VARS: Record<string, string> = {
    ROUTER_CONFIG: 'path of the JSON config file',
    SF_AUTH_FLOW: 'auth.flow: jwt | client_credentials',
    SF_LOGIN_URL: 'auth.loginUrl: where token requests go (My Domain URL; login/test.salesforce.com for jwt only)',
    SF_JWT_AUDIENCE: 'auth.audience (jwt): the aud claim; default login.salesforce.com (test.salesforce.com for a sandbox)',
    SF_CLIENT_ID: "auth.clientId: the connected app's consumer key",
    SF_CLIENT_SECRET: 'auth.clientSecret (client_credentials)',
    SF_USERNAME: 'auth.username (jwt)',
    SF_PRIVATE_KEY: 'auth.privateKey: PEM text (jwt)',
    SF_PRIVATE_KEY_FILE: 'auth.privateKeyFile: path of the PEM key (jwt)',
    ROUTER_TRANSPORT: 'transport.kind: streaming | pubsub',
    ROUTER_PSR_TOPIC: 'transport.psrTopic (streaming; default PSRPushTopic)',
    ROUTER_AGENTWORK_TOPIC: 'transport.agentWorkTopic (streaming, optional)',
    ROUTER_PRESENCE_TOPIC: 'transport.presenceTopic (streaming, optional)',
    ROUTER_PUBSUB_ENDPOINT: 'transport.endpoint (pubsub; default api.pubsub.salesforce.com:7443)',
    ROUTER_PUBSUB_TOPIC: 'transport.topicName (pubsub; default /data/ExternalRoutingChannel__chn)',
    ROUTER_STRATEGY: 'strategy: most-available | least-active | longest-idle | a registered name',
    ROUTER_STRATEGY_MODULE: 'strategyModule: a module whose default export is a RoutingStrategy',
    ROUTER_STORE: 'storePath: the journal file (default ./router-state/journal.log)',
    ROUTER_LOG_LEVEL: 'logLevel: debug | info | warn | error',
    ROUTER_FIRST_START: 'firstStart: latest | earliest (without a saved position)'
};

type Json = Record<string, unknown>;

function readFile(file: string, problems: string[]): Json {
    let text: string;
    try {
        text = readFileSync(file, 'utf8');
    } catch (error) {
        problems.push(`config file ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
        return {};
    }
    try {
        const json = JSON.parse(text) as unknown;
        if (json && typeof json === 'object' && !Array.isArray(json)) return json as Json;
        problems.push(`config file ${file}: must hold a JSON object`);
    } catch (error) {
        problems.push(`config file ${file}: not valid JSON (${(error as Error).message})`);
    }
    return {};
}

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

export function loadConfig(
    options: { configFile?: string; env?: NodeJS.ProcessEnv; overrides?: Partial<Record<string, string>> } = {}
): RouterConfig {
    const env = { ...(options.env ?? process.env), ...options.overrides };
    const problems: string[] = [];
    const configFile = options.configFile ?? env.ROUTER_CONFIG;
    const file = configFile ? readFile(configFile, problems) : {};
    const baseDir = configFile ? path.dirname(path.resolve(configFile)) : process.cwd();
    const fileAuth = obj(file.auth);
    const fileTransport = obj(file.transport);

    const str = (envName: string | null, value: unknown, name: string, fallback?: string): string | undefined => {
        const raw = (envName ? env[envName] : undefined) ?? value;
        if (raw === undefined || raw === null || raw === '') return fallback;
        if (typeof raw !== 'string') {
            problems.push(`${name} must be a string`);
            return fallback;
        }
        return raw;
    };
    const required = (envName: string, value: unknown, name: string): string => {
        const v = str(envName, value, name);
        if (v === undefined) problems.push(`${name} is required (config file or ${envName})`);
        return v ?? '';
    };
    const url = (envName: string, value: unknown, name: string, fallback?: string): string => {
        const v = fallback === undefined ? required(envName, value, name) : (str(envName, value, name) ?? fallback);
        if (v && !/^https?:\/\/[^/\s]+/.test(v)) problems.push(`${name} must be an http(s) URL, got ${JSON.stringify(v)}`);
        return v.replace(/\/$/, '');
    };

    const flow = str('SF_AUTH_FLOW', fileAuth.flow, 'auth.flow', 'jwt');
    const loginUrl = url('SF_LOGIN_URL', fileAuth.loginUrl, 'auth.loginUrl');
    const clientId = required('SF_CLIENT_ID', fileAuth.clientId, 'auth.clientId');
    let auth: AuthConfig;
    if (flow === 'jwt') {
        let privateKey = str('SF_PRIVATE_KEY', fileAuth.privateKey, 'auth.privateKey');
        const keyFile = str('SF_PRIVATE_KEY_FILE', fileAuth.privateKeyFile, 'auth.privateKeyFile');
        if (!privateKey && keyFile) {
            try {
                privateKey = readFileSync(path.resolve(baseDir, keyFile), 'utf8');
            } catch {
                problems.push(`auth.privateKeyFile ${keyFile} cannot be read`);
            }
        }
        if (!privateKey)
            problems.push('auth.privateKey or auth.privateKeyFile is required for the jwt flow (SF_PRIVATE_KEY / SF_PRIVATE_KEY_FILE)');
        else if (!privateKey.includes('PRIVATE KEY-----')) problems.push('auth.privateKey is not a PEM private key');
        const audience = url('SF_JWT_AUDIENCE', fileAuth.audience, 'auth.audience', defaultJwtAudience(loginUrl));
        auth = {
            flow,
            loginUrl,
            clientId,
            username: required('SF_USERNAME', fileAuth.username, 'auth.username'),
            privateKey: privateKey ?? '',
            audience
        };
    } else if (flow === 'client_credentials') {
        // Salesforce answers "request not supported on this domain" on the generic login hosts.
        if (/^https?:\/\/(login|test)\.salesforce\.com$/i.test(loginUrl))
            problems.push(
                `auth.loginUrl: the client credentials flow needs the org's My Domain URL (https://<MyDomain>.my.salesforce.com), not ${loginUrl}`
            );
        auth = { flow, loginUrl, clientId, clientSecret: required('SF_CLIENT_SECRET', fileAuth.clientSecret, 'auth.clientSecret') };
    } else {
        problems.push(`auth.flow must be jwt or client_credentials, got ${JSON.stringify(flow)}`);
        auth = { flow: 'client_credentials', loginUrl, clientId, clientSecret: '' };
    }

    const kind = str('ROUTER_TRANSPORT', fileTransport.kind, 'transport.kind', 'streaming');
    let transport: TransportConfig;
    if (kind === 'pubsub') {
        const tls = env.ROUTER_PUBSUB_TLS !== undefined ? env.ROUTER_PUBSUB_TLS !== 'false' : fileTransport.tls !== false;
        const batchSize = fileTransport.batchSize;
        if (batchSize !== undefined && !(Number.isInteger(batchSize) && (batchSize as number) >= 1 && (batchSize as number) <= 100))
            problems.push('transport.batchSize must be an integer from 1 to 100 (Pub/Sub fetches at most 100 events)');
        transport = {
            kind,
            endpoint: str('ROUTER_PUBSUB_ENDPOINT', fileTransport.endpoint, 'transport.endpoint', 'api.pubsub.salesforce.com:7443')!,
            topicName: str('ROUTER_PUBSUB_TOPIC', fileTransport.topicName, 'transport.topicName', '/data/ExternalRoutingChannel__chn')!,
            tls,
            ...(typeof batchSize === 'number' ? { batchSize } : {})
        };
        if (!/^[^\s:]+:\d+$/.test(transport.endpoint))
            problems.push(`transport.endpoint must be host:port, got ${JSON.stringify(transport.endpoint)}`);
    } else if (kind === 'streaming') {
        const topic = (envName: string, v: unknown, name: string, fallback?: string) => {
            const t = str(envName, v, name, fallback);
            if (t !== undefined && !/^\w{1,25}$/.test(t))
                problems.push(`${name} must be a PushTopic name (letters, digits, _; at most 25), got ${JSON.stringify(t)}`);
            return t;
        };
        const windowMs = fileTransport.reconnectWindowMs;
        transport = {
            kind,
            psrTopic: topic('ROUTER_PSR_TOPIC', fileTransport.psrTopic, 'transport.psrTopic', 'PSRPushTopic')!,
            agentWorkTopic: topic('ROUTER_AGENTWORK_TOPIC', fileTransport.agentWorkTopic, 'transport.agentWorkTopic'),
            presenceTopic: topic('ROUTER_PRESENCE_TOPIC', fileTransport.presenceTopic, 'transport.presenceTopic'),
            ...(typeof windowMs === 'number' ? { reconnectWindowMs: windowMs } : {})
        };
    } else {
        problems.push(`transport.kind must be streaming or pubsub, got ${JSON.stringify(kind)}`);
        transport = { kind: 'streaming', psrTopic: 'PSRPushTopic' };
    }

    const logLevel = str('ROUTER_LOG_LEVEL', file.logLevel, 'logLevel', 'info') as LogLevel;
    if (!LOG_LEVELS.includes(logLevel)) problems.push(`logLevel must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`);
    const firstStart = str('ROUTER_FIRST_START', file.firstStart, 'firstStart', 'latest');
    if (firstStart !== 'latest' && firstStart !== 'earliest')
        problems.push(`firstStart must be latest or earliest, got ${JSON.stringify(firstStart)}`);
    const backoff = obj(file.backoff);
    const baseMs = typeof backoff.baseMs === 'number' ? backoff.baseMs : 1000;
    const maxMs = typeof backoff.maxMs === 'number' ? backoff.maxMs : 60_000;
    if (!(baseMs > 0 && maxMs >= baseMs)) problems.push('backoff needs 0 < baseMs <= maxMs');
    const strategyModule = str('ROUTER_STRATEGY_MODULE', file.strategyModule, 'strategyModule');

    const config: RouterConfig = {
        auth,
        transport,
        strategy: str('ROUTER_STRATEGY', file.strategy, 'strategy', 'most-available')!,
        ...(strategyModule ? { strategyModule: path.resolve(baseDir, strategyModule) } : {}),
        storePath: path.resolve(baseDir, str('ROUTER_STORE', file.storePath, 'storePath', './router-state/journal.log')!),
        logLevel,
        apiVersion: str(null, file.apiVersion, 'apiVersion', '64.0')!,
        firstStart: firstStart as 'latest' | 'earliest',
        backoff: { baseMs, maxMs },
        limitBackoff: {
            baseMs: typeof obj(file.limitBackoff).baseMs === 'number' ? (obj(file.limitBackoff).baseMs as number) : 60_000,
            maxMs: typeof obj(file.limitBackoff).maxMs === 'number' ? (obj(file.limitBackoff).maxMs as number) : 30 * 60_000
        }
    };
    for (const key of ['retryWaitingMs', 'resyncLedgerMs'] as const) {
        const value = file[key];
        if (value === undefined) continue;
        if (typeof value === 'number' && value >= 0) config[key] = value;
        else problems.push(`${key} must be a number of milliseconds >= 0`);
    }
    if (file.concurrency !== undefined) {
        const c = file.concurrency;
        if (typeof c === 'number' && Number.isInteger(c) && c >= 1 && c <= 1000) config.concurrency = c;
        else problems.push('concurrency must be an integer from 1 to 1000');
    }
    if (file.restRetry !== undefined) {
        const r = obj(file.restRetry);
        const attempts = r.attempts ?? 5;
        const retryBase = r.baseMs ?? 200;
        const retryMax = r.maxMs ?? 5000;
        if (
            typeof attempts === 'number' &&
            Number.isInteger(attempts) &&
            attempts >= 1 &&
            typeof retryBase === 'number' &&
            typeof retryMax === 'number' &&
            retryBase > 0 &&
            retryMax >= retryBase
        )
            config.restRetry = { attempts, baseMs: retryBase, maxMs: retryMax };
        else problems.push('restRetry needs an integer attempts >= 1 and 0 < baseMs <= maxMs');
    }
    if (!/^\d+\.0$/.test(config.apiVersion)) problems.push(`apiVersion must look like 64.0, got ${JSON.stringify(config.apiVersion)}`);
    if (problems.length) throw new ConfigError(problems);
    return config;
}
