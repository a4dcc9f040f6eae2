/**
 * Jest setup: every @salesforce/label/c.* import resolves to its English value from
 * force-app's CustomLabels, so tests read the text a rep reads (sfdx-lwc-jest would
 * otherwise hand out the label's name).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { XMLParser } from 'fast-xml-parser';

const file = join(__dirname, '../../force-app/main/default/labels/CustomLabels.labels-meta.xml');
const parsed = new XMLParser({ isArray: (name) => name === 'labels' }).parse(readFileSync(file, 'utf8'));
for (const mockLabel of parsed.CustomLabels.labels as Array<{ fullName: string; value: string }>) {
    // The factory runs lazily, so the loop variable is safe (jest allows mock-prefixed names).
    jest.mock(`@salesforce/label/c.${mockLabel.fullName}`, () => ({ __esModule: true, default: String(mockLabel.value) }), {
        virtual: true
    });
}
