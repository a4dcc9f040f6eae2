/** Every label the code imports exists in CustomLabels, and every OmniKit label is used. */
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

function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return name === '__tests__' ? [] : sources(path);
        return path.endsWith('.ts') ? [path] : [];
    });
}

const imported = new Set(
    sources(join(defaultDir, 'lwc')).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/@salesforce\/label\/c\.(\w+)/g)].map((m) => m[1])
    )
);

describe('Custom Labels', () => {
    it('defines every label the components import', () => {
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
