/**
 * The router's command line: `npm run router -- [options]` (node router/dist/src/cli.js).
 * Exit codes: 0 stopped by a signal, 2 bad configuration or arguments, 3 stopped on a
 * failure retrying cannot fix (a topic that does not exist, no access to it), 1 anything else.
 */
import { parseArgs } from 'node:util';
import { ConfigError, ENV_VARS, loadConfig } from './config.js';
import { createLogger, secrets, type LogLevel } from './log.js';
import { createRouterApp } from './app.js';
import { strategyNames, UnknownStrategyError, InvalidStrategyError } from './ledger/strategy.js';
import { TransportUnavailableError } from './transport/factory.js';
import { RouterStoppedError } from './runner/service.js';
import { readUnroutableReport, unroutableFileFor, UnroutableReportMissingError } from './routing/unroutable.js';
import { crashAfterInserts, FaultSpecError, parseFault } from './runner/faults.js';

const HELP = `omni-router: the external routing service for Omni-Channel External Routing

Usage: npm run router -- [options]
       node router/dist/src/cli.js [options]

Options:
  -c, --config <file>     JSON config file (or ROUTER_CONFIG)
      --transport <kind>  streaming | pubsub
      --strategy <name>   ${strategyNames().join(' | ')} | a plugged-in strategy
      --store <file>      journal file (replay position, insert intents)
      --log-level <level> debug | info | warn | error
      --check             validate the configuration and exit
      --unroutable        print the PSRs the router set aside (reason, since when) and
                          the counts per reason, from the report next to the store; exit
  -h, --help              this help

Environment (overrides the config file; keep secrets here):
${Object.entries(ENV_VARS)
    .map(([name, text]) => `  ${name.padEnd(24)}${text}`)
    .join('\n')}

Exit codes: 0 stopped by SIGINT/SIGTERM, 2 bad configuration or arguments,
3 stopped on a failure retrying cannot fix (see the log), 1 anything else.
`;

async function main(argv: string[]): Promise<number> {
    let values;
    try {
        ({ values } = parseArgs({
            args: argv,
            options: {
                config: { type: 'string', short: 'c' },
                transport: { type: 'string' },
                strategy: { type: 'string' },
                store: { type: 'string' },
                'log-level': { type: 'string' },
                check: { type: 'boolean' },
                unroutable: { type: 'boolean' },
                help: { type: 'boolean', short: 'h' }
            },
            strict: true
        }));
    } catch (error) {
        process.stderr.write(`omni-router: ${(error as Error).message}\n\n${HELP}`);
        return 2;
    }
    if (values.help) {
        process.stdout.write(HELP);
        return 0;
    }
    const overrides: Record<string, string> = {};
    if (values.transport) overrides.ROUTER_TRANSPORT = values.transport;
    if (values.strategy) overrides.ROUTER_STRATEGY = values.strategy;
    if (values.store) overrides.ROUTER_STORE = values.store;
    if (values['log-level']) overrides.ROUTER_LOG_LEVEL = values['log-level'];
    let config;
    try {
        config = loadConfig({ configFile: values.config, overrides });
    } catch (error) {
        if (error instanceof ConfigError) {
            process.stderr.write(`omni-router: ${error.message}\n(see --help)\n`);
            return 2;
        }
        throw error;
    }
    if (values.unroutable) {
        const file = unroutableFileFor(config.storePath);
        try {
            process.stdout.write(`${JSON.stringify(readUnroutableReport(file), null, 2)}\n`);
            return 0;
        } catch (error) {
            if (!(error instanceof UnroutableReportMissingError)) throw error;
            process.stderr.write(`omni-router: ${error.message}\n`);
            return 2;
        }
    }
    let fault;
    try {
        fault = parseFault(process.env.ROUTER_FAULT);
    } catch (error) {
        if (!(error instanceof FaultSpecError)) throw error;
        process.stderr.write(`omni-router: ${error.message}\n`);
        return 2;
    }
    const logger = createLogger({ level: config.logLevel as LogLevel });
    if (fault) logger.warn('fault injection on (ROUTER_FAULT): this process will kill itself; for crash tests only', { ...fault });
    let app;
    try {
        app = await createRouterApp(config, logger, fault ? { afterInsert: crashAfterInserts(fault) } : {});
    } catch (error) {
        if (error instanceof UnknownStrategyError || error instanceof InvalidStrategyError || error instanceof TransportUnavailableError) {
            process.stderr.write(`omni-router: ${error.message}\n`);
            return 2;
        }
        throw error;
    }
    if (values.check) {
        app.store.close();
        process.stdout.write('configuration OK\n');
        return 0;
    }
    const stop = () => void app.stop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
        await app.run();
    } catch (error) {
        if (!(error instanceof RouterStoppedError)) throw error;
        process.stderr.write(secrets.redact(`omni-router: ${error.message}\n`));
        return 3;
    }
    return 0;
}

main(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (error: Error) => {
        process.stderr.write(secrets.redact(`omni-router: ${error.name}: ${error.message}\n`));
        process.exitCode = 1;
    }
);
