// The reporting half of `npm run check:analyzer`: given the violations Salesforce Code Analyzer
// found and the checked-in suppression file, decide what fails. Kept apart from the analyzer run
// (scripts/check-code-analyzer.mjs) so a unit test can plant a violation without starting PMD.
//
// Rules:
// - Severity 1 (Critical) and 2 (High) can never be suppressed: the AppExchange security review
//   treats them as blockers, so they are fixed in the source, not listed.
// - Severity 3-5 fail unless an entry of config/code-analyzer-suppressions.json matches the rule and
//   the file and gives a reason.
// - An entry that matches nothing is reported (stale suppressions hide nothing, but they rot).

/**
 * @typedef {{ rule: string, severity: number, file: string, line: number, message: string }} Finding
 *   rule is "engine:RuleName"; file is relative to the project root with forward slashes.
 * @typedef {{ rule: string, file: string, reason: string }} Suppression
 *   file is a glob: `*` matches within one path segment, `**` across segments.
 */

export class SuppressionFileError extends Error {
    constructor(message) {
        super(`code-analyzer suppressions: ${message}`);
        this.name = 'SuppressionFileError';
    }
}

/** Validates the parsed suppression file; every entry needs rule, file and a non-empty reason. */
export function parseSuppressions(json) {
    if (json === null || typeof json !== 'object' || !Array.isArray(json.suppressions)) {
        throw new SuppressionFileError('expected an object with a "suppressions" array');
    }
    return json.suppressions.map((entry, index) => {
        const where = `entry ${index}`;
        if (entry === null || typeof entry !== 'object') throw new SuppressionFileError(`${where} is not an object`);
        for (const key of ['rule', 'file', 'reason']) {
            if (typeof entry[key] !== 'string' || entry[key].trim() === '') {
                throw new SuppressionFileError(`${where}: "${key}" must be a non-empty string`);
            }
        }
        if (!/^[\w@/-]+:[\w@/.-]+$/.test(entry.rule)) {
            throw new SuppressionFileError(`${where}: rule "${entry.rule}" must be "engine:RuleName"`);
        }
        return { rule: entry.rule, file: entry.file, reason: entry.reason };
    });
}

/** Converts a path glob into an anchored regular expression. */
export function globToRegExp(glob) {
    let source = '';
    for (let i = 0; i < glob.length; i += 1) {
        const char = glob[i];
        if (char === '*' && glob[i + 1] === '*') {
            // `**/` matches zero or more whole segments; a trailing `**` matches the rest.
            if (glob[i + 2] === '/') {
                source += '(?:.*/)?';
                i += 2;
            } else {
                source += '.*';
                i += 1;
            }
        } else if (char === '*') {
            source += '[^/]*';
        } else {
            source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
        }
    }
    return new RegExp(`^${source}$`);
}

/**
 * @param {Finding[]} findings
 * @param {Suppression[]} suppressions
 * @returns {{ failures: Finding[], suppressed: number, unused: Suppression[] }}
 */
export function evaluate(findings, suppressions) {
    const compiled = suppressions.map((s) => ({ ...s, pattern: globToRegExp(s.file), used: false }));
    const failures = [];
    let suppressed = 0;
    for (const finding of findings) {
        const match = finding.severity >= 3 ? compiled.find((s) => s.rule === finding.rule && s.pattern.test(finding.file)) : undefined;
        if (match) {
            match.used = true;
            suppressed += 1;
        } else {
            failures.push(finding);
        }
    }
    const unused = compiled.filter((s) => !s.used).map(({ rule, file, reason }) => ({ rule, file, reason }));
    return { failures, suppressed, unused };
}

/** One line per failure: file:line, rule, severity and message, sorted for stable output. */
export function formatFailures(failures) {
    return [...failures]
        .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule))
        .map((f) => {
            const why = f.severity <= 2 ? ' (severity 1-2 cannot be suppressed: fix it)' : '';
            return `${f.file}:${f.line}  ${f.rule}  severity ${f.severity}${why}  ${f.message}`;
        });
}
