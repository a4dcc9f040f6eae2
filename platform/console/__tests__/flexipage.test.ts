import fs from 'node:fs';
import path from 'node:path';
import { FlexipageError, readUtilityBarFlexipage } from '../flexipage';

const SHIPPED = path.join(__dirname, '../../../demo/main/default/flexipages/Omni_Console_Kit_UtilityBar.flexipage-meta.xml');

function prop(name: string, value: string, decorator = false): string {
    return `<componentInstanceProperties><name>${name}</name>${decorator ? '<type>decorator</type>' : ''}<value>${value}</value></componentInstanceProperties>`;
}

function item(componentName: string, identifier: string, props: string[] = []): string {
    return `<itemInstances><componentInstance>${props.join('')}<componentName>${componentName}</componentName><identifier>${identifier}</identifier></componentInstance></itemInstances>`;
}

function page({ utilities = [] as string[], background = [] as string[], type = 'UtilityBar' } = {}): string {
    return `<?xml version="1.0" encoding="UTF-8"?>
<FlexiPage xmlns="http://soap.sforce.com/2006/04/metadata">
    <flexiPageRegions>${utilities.join('')}<name>utilityItems</name><type>Region</type></flexiPageRegions>
    ${background.length ? `<flexiPageRegions>${background.join('')}<name>backgroundComponents</name><type>Background</type></flexiPageRegions>` : ''}
    <masterLabel>Test bar</masterLabel>
    <template><name>one:utilityBarTemplateDesktop</name></template>
    <type>${type}</type>
</FlexiPage>`;
}

function errorOf(xml: string): FlexipageError {
    try {
        readUtilityBarFlexipage(xml);
    } catch (error) {
        if (error instanceof FlexipageError) return error;
        throw error;
    }
    throw new Error('no error thrown');
}

describe('readUtilityBarFlexipage', () => {
    it("reads the project's own utility bar: every item, in order, with decorators and design attributes", () => {
        const items = readUtilityBarFlexipage(fs.readFileSync(SHIPPED, 'utf8'));
        expect(items.length).toBeGreaterThan(0);
        const identifiers = items.map((i) => i.identifier);
        expect(new Set(identifiers).size).toBe(identifiers.length);
        for (const spec of items) {
            expect(spec.componentName).toMatch(/^[A-Za-z]\w*:[A-Za-z]\w*$/);
            if (spec.region === 'utility') expect(spec.label).toBeTruthy();
        }
        // Utilities come before background items.
        const firstBackground = items.findIndex((i) => i.region === 'background');
        if (firstBackground >= 0) expect(items.slice(firstBackground).every((i) => i.region === 'background')).toBe(true);
    });

    it('keeps order, decorators (numbers and booleans typed) and design attributes as strings', () => {
        const items = readUtilityBarFlexipage(
            page({
                utilities: [
                    item('runtime_service_omnichannel:omniWidget', 'omni', [
                        prop('label', 'Omni-Channel', true),
                        prop('icon', 'omni_channel', true),
                        prop('eager', 'true', true)
                    ]),
                    item('c:omniWorkloadUtility', 'workload', [
                        prop('label', 'Omni Workload', true),
                        prop('width', '360', true),
                        prop('height', '480', true),
                        prop('showCapacity', 'true'),
                        prop('compactMode', 'false')
                    ])
                ],
                background: [item('c:someBackground', 'bg')]
            })
        );
        expect(items).toEqual([
            {
                identifier: 'omni',
                componentName: 'runtime_service_omnichannel:omniWidget',
                region: 'utility',
                label: 'Omni-Channel',
                icon: 'omni_channel',
                width: undefined,
                height: undefined,
                eager: true,
                properties: {}
            },
            {
                identifier: 'workload',
                componentName: 'c:omniWorkloadUtility',
                region: 'utility',
                label: 'Omni Workload',
                icon: undefined,
                width: 360,
                height: 480,
                eager: false,
                properties: { showCapacity: 'true', compactMode: 'false' }
            },
            {
                identifier: 'bg',
                componentName: 'c:someBackground',
                region: 'background',
                label: undefined,
                icon: undefined,
                width: undefined,
                height: undefined,
                eager: false,
                properties: {}
            }
        ]);
    });

    it('refuses a page that is not a utility bar, naming the element', () => {
        const error = errorOf(page({ type: 'AppPage' }));
        expect(error.element).toBe('FlexiPage.type');
        expect(error.message).toContain('"AppPage"');
    });

    it('refuses malformed XML with its line and column', () => {
        const error = errorOf('<FlexiPage><type>UtilityBar</type>\n<flexiPageRegions></FlexiPage>');
        expect(error.message).toMatch(/^line 2, column \d+: not well-formed XML/);
    });

    it('refuses an item without a componentName', () => {
        const xml = page({ utilities: [item('', 'x')] });
        const error = errorOf(xml);
        expect(error.element).toBe('FlexiPage.flexiPageRegions[0].itemInstances[0].componentInstance.componentName');
    });

    it('refuses a duplicate identifier, naming both places', () => {
        const error = errorOf(page({ utilities: [item('c:a', 'same')], background: [item('c:b', 'same')] }));
        expect(error.element).toBe('FlexiPage.flexiPageRegions[1].itemInstances[0].componentInstance.identifier');
        expect(error.message).toContain('also at FlexiPage.flexiPageRegions[0].itemInstances[0].componentInstance');
    });

    it.each([
        ['eager', 'yes', 'decorator eager', 'is not true or false'],
        ['width', 'wide', 'decorator width', 'is not a number of pixels'],
        ['height', '-1', 'decorator height', 'is not a number of pixels']
    ])('refuses decorator %s = %s', (name, value, where, problem) => {
        const error = errorOf(page({ utilities: [item('c:a', 'a', [prop(name, value, true)])] }));
        expect(error.element).toBe(`FlexiPage.flexiPageRegions[0].itemInstances[0].componentInstance ${where}`);
        expect(error.message).toContain(problem);
    });

    it('refuses an unknown decorator, a property type it does not know and a property set twice', () => {
        expect(errorOf(page({ utilities: [item('c:a', 'a', [prop('colour', 'red', true)])] })).message).toContain(
            'not a utility decorator'
        );
        const typed = page({ utilities: [item('c:a', 'a')] }).replace(
            '<componentName>',
            '<componentInstanceProperties><name>x</name><type>weird</type><value>1</value></componentInstanceProperties><componentName>'
        );
        expect(errorOf(typed).element).toMatch(/componentInstanceProperties\[0\]\.type$/);
        expect(errorOf(page({ utilities: [item('c:a', 'a', [prop('x', '1'), prop('x', '2')])] })).message).toContain('set twice');
    });

    it('refuses a region a utility bar does not have', () => {
        const xml = page({ utilities: [item('c:a', 'a')] }).replace('<name>utilityItems</name>', '<name>main</name>');
        expect(errorOf(xml).element).toBe('FlexiPage.flexiPageRegions[0]');
    });
});
