// Checks the XML under every package directory (force-app, demo) offline.
// Why: `sf project convert source` accepts malformed metadata XML, so a broken -meta.xml or
// Aura markup file would only be reported by a deploy, and no org is reachable here.
//   - every *.xml (including *-meta.xml) and Aura markup (.cmp .app .evt .intf .design .tokens)
//     is well-formed XML (Aura `{!...}` expressions are ordinary attribute text);
//   - every *-meta.xml has a root element in the http://soap.sforce.com/2006/04/metadata
//     namespace, of the metadata type its suffix implies (for the suffixes listed below);
//   - every LWC bundle folder has its <name>.js-meta.xml.
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ROOT, rel, listFiles, finish, findLwcBundles } from './util.mjs';

const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';
const AURA_MARKUP = new Set(['.cmp', '.app', '.evt', '.intf', '.design', '.tokens']);
// Root element expected for "<name>.<suffix>-meta.xml"; other suffixes only get the namespace check.
const ROOT_BY_SUFFIX = {
    js: 'LightningComponentBundle',
    cmp: 'AuraDefinitionBundle',
    app: 'AuraDefinitionBundle',
    evt: 'AuraDefinitionBundle',
    intf: 'AuraDefinitionBundle',
    tokens: 'AuraDefinitionBundle',
    cls: 'ApexClass',
    trigger: 'ApexTrigger',
    messageChannel: 'LightningMessageChannel'
};

// Every package directory of sfdx-project.json: the kit (force-app) and the demo (demo).
const packageDirs = JSON.parse(fs.readFileSync(path.join(ROOT, 'sfdx-project.json'), 'utf8')).packageDirectories.map((p) =>
    path.join(ROOT, p.path)
);
const files = packageDirs.flatMap((dir) => listFiles(dir, { skipDirs: ['__tests__', '__mocks__'] }));
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true });
const problems = [];
let checked = 0;

for (const file of files) {
    const isXml = file.endsWith('.xml');
    if (!isXml && !AURA_MARKUP.has(path.extname(file))) continue;
    checked++;
    const text = fs.readFileSync(file, 'utf8');
    const result = XMLValidator.validate(text);
    if (result !== true) {
        problems.push(`${rel(file)}:${result.err.line}:${result.err.col}: not well-formed XML: ${result.err.msg}`);
        continue;
    }
    if (file.endsWith('-meta.xml')) checkMetaRoot(file, text);
}

function checkMetaRoot(file, text) {
    const rootNode = parser.parse(text).find((node) => !Object.keys(node).some((k) => k === '?xml' || k.startsWith('#')));
    if (!rootNode) {
        problems.push(`${rel(file)}: no root element`);
        return;
    }
    const rootName = Object.keys(rootNode).find((k) => k !== ':@');
    const xmlns = rootNode[':@']?.xmlns;
    if (xmlns !== METADATA_NS) {
        problems.push(`${rel(file)}: root element <${rootName}> has xmlns="${xmlns ?? ''}", expected "${METADATA_NS}"`);
    }
    // "omniTypes.js-meta.xml" -> "js", "OmniConsoleKit.messageChannel-meta.xml" -> "messageChannel"
    const suffix = path.basename(file, '-meta.xml').split('.').pop();
    // ".app-meta.xml" is an Aura app under aura/, but a CustomApplication under applications/.
    const inApplications = path.basename(path.dirname(file)) === 'applications';
    const expected = suffix === 'app' && inApplications ? 'CustomApplication' : ROOT_BY_SUFFIX[suffix];
    if (expected && rootName !== expected) {
        problems.push(`${rel(file)}: root element is <${rootName}>, expected <${expected}> for a .${suffix}-meta.xml file`);
    }
}

// Every LWC bundle needs <name>.js-meta.xml.
const bundles = findLwcBundles();
for (const { dir, name } of bundles) {
    if (!fs.existsSync(path.join(dir, `${name}.js-meta.xml`))) problems.push(`${rel(dir)}: LWC bundle has no ${name}.js-meta.xml`);
}

finish(
    'check-xml',
    problems,
    `${checked} XML/Aura markup file(s) well-formed, ${bundles.length} LWC bundle(s) with -meta.xml, metadata namespaces ok`
);
