// Checks that the project's Markdown stays true to the repository, offline.
// Why: the README was split into docs/ by audience; moved text keeps relative links, and
// commands in prose outlive the package.json scripts they name. Nothing else would notice a
// link to a renamed file or an `npm run` of a removed script until a reader tried it.
//   - every relative link or image target exists (a file or folder), and a `#anchor`, on its
//     own or after a `.md` path, names a heading of that file (GitHub-style slug);
//   - every `npm run <script>` / `npm start` / `npm test` in inline code or a code block names
//     a script of the nearest package.json; `node scripts|bench|e2e/<file>` paths exist beside it.
// External http(s) links are not fetched (the checks run offline).
// Usage: node scripts/check-docs.mjs [file.md ...]   (default: README, CHANGELOG, docs, examples, demo-optional)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_FILES = ['README.md', 'CHANGELOG.md'];
const DEFAULT_DIRS = ['docs', 'examples', 'demo-optional'];
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', '.sfdx', '.sf']);

/** @typedef {{ file: string, line: number, problem: string }} DocProblem */

/** Markdown files under `dir` (recursively), skipping dependency and build folders. */
export function listMarkdown(dir) {
    if (!fs.existsSync(dir)) return [];
    const out = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (!SKIP_DIRS.has(entry.name)) out.push(...listMarkdown(full));
        } else if (entry.name.endsWith('.md')) {
            out.push(full);
        }
    }
    return out.sort();
}

/**
 * GitHub's heading anchor: the heading's text as rendered (code ticks, emphasis and link
 * targets dropped), lower-cased, punctuation other than `-` and `_` removed, spaces to `-`;
 * a repeated heading gets `-1`, `-2`... (the rule github-slugger implements).
 */
export function slugify(heading) {
    const text = heading
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/[`*]/g, '')
        .replace(/<[^>]+>/g, '')
        .trim()
        .toLowerCase();
    return text.replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '').replace(/\s/g, '-');
}

/** Splits a Markdown text into lines, each tagged as inside a fenced code block or not. */
function scanLines(text) {
    const lines = text.split(/\r?\n/);
    let fence = null;
    return lines.map((line) => {
        const m = /^\s*(`{3,}|~{3,})/.exec(line);
        if (m) {
            if (fence === null) {
                fence = m[1];
                return { line, code: true };
            }
            if (m[1][0] === fence[0] && m[1].length >= fence.length) {
                fence = null;
                return { line, code: true };
            }
        }
        return { line, code: fence !== null };
    });
}

/** The set of anchors a Markdown file's headings make, with GitHub's numbering of repeats. */
export function anchorsOf(text) {
    const seen = new Map();
    const anchors = new Set();
    for (const { line, code } of scanLines(text)) {
        if (code) continue;
        const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
        if (!m) continue;
        const base = slugify(m[1]);
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        anchors.add(n === 0 ? base : `${base}-${n}`);
    }
    return anchors;
}

/** The package.json scripts that apply to a Markdown file: the nearest package.json at or above it, within the root. */
function scriptsFor(file, root, cache) {
    let dir = path.dirname(file);
    for (;;) {
        const pkg = path.join(dir, 'package.json');
        if (fs.existsSync(pkg)) {
            if (!cache.has(pkg)) {
                cache.set(pkg, { pkg, scripts: JSON.parse(fs.readFileSync(pkg, 'utf8')).scripts ?? {} });
            }
            return cache.get(pkg);
        }
        const up = path.dirname(dir);
        if (dir === root || up === dir) return null;
        dir = up;
    }
}

const LINK = /!?\[(?:[^\][]|\[[^\]]*\])*\]\(\s*<?([^()\s<>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const REF_DEF = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/;
const NPM_RUN = /\bnpm\s+(?:run|run-script)\s+(?:--?[\w-]+(?:=\S+)?\s+)*([\w:.-]+)/g;
const NPM_LIFECYCLE = /\bnpm\s+(start|test)\b/g;
const NODE_FILE = /\bnode\s+(?:--?[\w-]+(?:=\S+)?\s+)*((?:scripts|bench|e2e)\/[\w./-]+\.[cm]?js)\b/g;

/** Commands in a piece of code (an inline span or a code-block line). */
function checkCommands(code, ctx, lineNo, problems) {
    const here = (problem) => problems.push({ file: ctx.relFile, line: lineNo, problem });
    const names = [];
    for (const m of code.matchAll(NPM_RUN)) names.push(m[1]);
    for (const m of code.matchAll(NPM_LIFECYCLE)) names.push(m[1]);
    for (const name of names) {
        if (!ctx.scripts) {
            here(`\`npm ${name}\`: no package.json above this file`);
        } else if (!Object.hasOwn(ctx.scripts.scripts, name)) {
            here(`npm script "${name}" does not exist in ${path.relative(ctx.root, ctx.scripts.pkg)}`);
        }
    }
    for (const m of code.matchAll(NODE_FILE)) {
        // Commands run where their package.json is (the project root for the root README).
        const base = ctx.scripts ? path.dirname(ctx.scripts.pkg) : ctx.root;
        if (!fs.existsSync(path.join(base, m[1]))) here(`\`node ${m[1]}\`: no such file`);
    }
}

/** One link target: a file or folder relative to the Markdown file, and its anchor if any. */
function checkTarget(target, ctx, lineNo, problems) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return; // http(s), mailto: not fetched
    const here = (problem) => problems.push({ file: ctx.relFile, line: lineNo, problem });
    const hash = target.indexOf('#');
    const rawPath = hash === -1 ? target : target.slice(0, hash);
    const anchor = hash === -1 ? null : decodeURIComponent(target.slice(hash + 1));
    let targetFile = ctx.file;
    if (rawPath !== '') {
        const decoded = decodeURIComponent(rawPath.split('?')[0]);
        targetFile = decoded.startsWith('/') ? path.join(ctx.root, decoded) : path.resolve(path.dirname(ctx.file), decoded);
        if (!fs.existsSync(targetFile)) {
            here(`broken link: ${target} (no ${path.relative(ctx.root, targetFile)})`);
            return;
        }
    }
    if (anchor !== null && anchor !== '' && targetFile.endsWith('.md') && fs.statSync(targetFile).isFile()) {
        if (!ctx.anchorsOf(targetFile).has(anchor.toLowerCase())) {
            here(`missing anchor: ${target} (no heading "#${anchor}" in ${path.relative(ctx.root, targetFile)})`);
        }
    }
}

/**
 * Checks Markdown files; returns every problem found (an empty list when all is well).
 * @param {string[]} files absolute paths
 * @param {{ root?: string }} [options] the repository root (links starting with `/` and `node` paths resolve from it)
 * @returns {DocProblem[]}
 */
export function checkDocs(files, { root = ROOT } = {}) {
    const problems = [];
    const anchorCache = new Map();
    const pkgCache = new Map();
    const anchorsOfFile = (file) => {
        if (!anchorCache.has(file)) anchorCache.set(file, anchorsOf(fs.readFileSync(file, 'utf8')));
        return anchorCache.get(file);
    };
    for (const file of files) {
        const relFile = path.relative(root, file);
        if (!fs.existsSync(file)) {
            problems.push({ file: relFile, line: 0, problem: 'file does not exist' });
            continue;
        }
        const ctx = { root, file, relFile, scripts: scriptsFor(file, root, pkgCache), anchorsOf: anchorsOfFile };
        scanLines(fs.readFileSync(file, 'utf8')).forEach(({ line, code }, i) => {
            const lineNo = i + 1;
            if (code) {
                checkCommands(line, ctx, lineNo, problems);
                return;
            }
            // Inline code spans hold commands, never links: check them, then drop them before looking for links.
            const prose = line.replace(/(`+)(.+?)\1/g, (_, _ticks, span) => {
                checkCommands(span, ctx, lineNo, problems);
                return ' ';
            });
            for (const m of prose.matchAll(LINK)) checkTarget(m[1], ctx, lineNo, problems);
            const def = REF_DEF.exec(prose);
            if (def) checkTarget(def[1], ctx, lineNo, problems);
        });
    }
    return problems;
}

/** The files checked by default: README, CHANGELOG and every .md under docs/, examples/, demo-optional/. */
export function defaultFiles(root = ROOT) {
    return [
        ...DEFAULT_FILES.map((f) => path.join(root, f)).filter((f) => fs.existsSync(f)),
        ...DEFAULT_DIRS.flatMap((d) => listMarkdown(path.join(root, d)))
    ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const args = process.argv.slice(2);
    const files = args.length > 0 ? args.map((f) => path.resolve(f)) : defaultFiles();
    const problems = checkDocs(files);
    for (const p of problems) console.error(`${p.file}:${p.line}: ${p.problem}`);
    if (problems.length > 0) {
        console.error(`check-docs: ${problems.length} problem(s) in ${files.length} file(s)`);
        process.exit(1);
    }
    console.log(`check-docs: ${files.length} file(s), links, anchors and commands ok`);
}
