/**
 * Every label the code imports exists in CustomLabels, every OmniKit label is used, and the
 * workload panel's templates carry no text of their own (only {bindings}), so a rep never
 * reads anything an admin cannot translate. What the TypeScript builds is checked by
 * rendering: omniWorkloadPanel/__tests__/onlyLabels.test.ts.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { XMLParser } from 'fast-xml-parser';

const defaultDir = join(__dirname, '../../..');
const parsed = new XMLParser({ isArray: (name) => name === 'labels' }).parse(
    readFileSync(join(defaultDir, 'labels/CustomLabels.labels-meta.xml'), 'utf8')
);
const defined = new Map<string, string>(
    (parsed.CustomLabels.labels as Array<{ fullName: string; value: string }>).map((l) => [l.fullName, String(l.value)])
);

function sources(dir: string, extensions: string[]): string[] {
    return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return name === '__tests__' ? [] : sources(path, extensions);
        return extensions.some((extension) => path.endsWith(extension)) ? [path] : [];
    });
}

// LWC imports labels; Aura controllers and helpers read them with $A.get('$Label.c.Name').
const imported = new Set([
    ...sources(join(defaultDir, 'lwc'), ['.ts']).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/@salesforce\/label\/c\.(\w+)/g)].map((m) => m[1])
    ),
    ...sources(join(defaultDir, 'aura'), ['.js', '.cmp']).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/\$Label\.c\.(\w+)/g)].map((m) => m[1])
    )
]);

describe('Custom Labels', () => {
    it('defines every label the components import or read', () => {
        expect([...imported].filter((name) => !defined.has(name))).toEqual([]);
    });

    it('has no unused OmniKit label', () => {
        expect([...defined.keys()].filter((name) => name.startsWith('OmniKit_') && !imported.has(name))).toEqual([]);
    });

    it('has no empty label and balanced placeholders', () => {
        for (const [name, value] of defined) {
            expect({ name, empty: value.trim() === '' }).toEqual({ name, empty: false });
            expect({ name, bad: /\{[^0-9}]*\}/.test(value) }).toEqual({ name, bad: false });
        }
    });
});

/** The workload panel and its children, and the supervisor view. */
const PANEL_BUNDLES = ['omniWorkloadPanel', 'omniWorkRow', 'omniPresenceControl', 'omniCapacityGauge', 'omniTeamPanel'];
/** Attributes a rep reads or a screen reader speaks. */
const SPOKEN_ATTRIBUTES = ['label', 'alternative-text', 'title', 'placeholder', 'aria-label', 'aria-valuetext', 'field-level-help'];

/** Literal text nodes and literal spoken attribute values of an LWC template. */
function literalTextIn(template: string): string[] {
    const markup = template.replace(/<!--[\s\S]*?-->/g, '');
    const texts = [...markup.matchAll(/>([^<]*)</g)].map((m) => m[1].replace(/\{[^}]*\}/g, '').trim()).filter((t) => t !== '');
    const attributePattern = new RegExp(`\\s(${SPOKEN_ATTRIBUTES.join('|')}|message-when-[a-z-]+)="([^"]*)"`, 'g');
    const attributes = [...markup.matchAll(attributePattern)]
        .filter((m) => m[2] !== '' && !/^\{[^}]*\}$/.test(m[2]))
        .map((m) => `${m[1]}="${m[2]}"`);
    return [...texts, ...attributes];
}

describe('templates of the panels', () => {
    it('finds literal text and literal spoken attributes (the check itself)', () => {
        expect(
            literalTextIn(
                '<template><span class="slds-assistive-text">warning</span><p>{a} · {b}</p><lightning-icon alternative-text="Case"></lightning-icon>' +
                    '<lightning-icon alternative-text=""></lightning-icon><lightning-button label={labels.Ok} data-id="x"></lightning-button><!-- a comment --></template>'
            )
        ).toEqual(['warning', '·', 'alternative-text="Case"']);
    });

    it.each(PANEL_BUNDLES)('%s shows only bound text', (bundle) => {
        const template = readFileSync(join(defaultDir, 'lwc', bundle, `${bundle}.html`), 'utf8');
        expect(literalTextIn(template)).toEqual([]);
    });
});
