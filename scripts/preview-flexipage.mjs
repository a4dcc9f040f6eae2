// Which UtilityBar flexipage the preview starts with, from the command line or the environment
// (shared by preview-start.mjs and preview-build.mjs; Node built-ins only):
//
//   --flexipage <file>     OMNI_FLEXIPAGE=<file>     any UtilityBar flexipage (a variant to try)
//   --example <name>       OMNI_EXAMPLE=<name>       examples/flexipages/<name>.flexipage-meta.xml:
//                                                    the example beside the Omni-Channel and
//                                                    workload utilities (acceptOneAtATime,
//                                                    autoLogin, declineWhenBusy, busyLightSync)
//
// The answer goes to OMNI_FLEXIPAGE, which sim/build/consoleModule.mjs reads when it is imported.
import fs from 'node:fs';
import path from 'node:path';

export class PreviewArgumentError extends Error {}

/** The examples that have a ready flexipage, by name. */
export function exampleFlexipages(root) {
    const dir = path.join(root, 'examples/flexipages');
    if (!fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.flexipage-meta.xml'))
        .map((f) => f.slice(0, -'.flexipage-meta.xml'.length))
        .sort();
}

function valueOf(args, flag) {
    const i = args.indexOf(flag);
    if (i < 0) return undefined;
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) throw new PreviewArgumentError(`${flag} needs a value`);
    return value;
}

/** The absolute flexipage path asked for, or null for the project's own; a bad ask is a PreviewArgumentError. */
export function chosenFlexipage(root, args, env = process.env) {
    const file = valueOf(args, '--flexipage') ?? (env.OMNI_FLEXIPAGE || undefined);
    const example = valueOf(args, '--example') ?? (env.OMNI_EXAMPLE || undefined);
    if (file !== undefined && example !== undefined) throw new PreviewArgumentError('give --flexipage or --example, not both');
    if (example !== undefined) {
        const known = exampleFlexipages(root);
        if (!known.includes(example)) throw new PreviewArgumentError(`no example "${example}" (examples: ${known.join(', ') || 'none'})`);
        return path.join(root, 'examples/flexipages', `${example}.flexipage-meta.xml`);
    }
    if (file === undefined) return null;
    const resolved = path.resolve(file);
    if (!fs.existsSync(resolved)) throw new PreviewArgumentError(`flexipage ${file}: no such file`);
    return resolved;
}
