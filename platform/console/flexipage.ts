/**
 * Reads a UtilityBar flexipage (FlexiPage metadata of type UtilityBar) into the utility items
 * a Lightning console app gets from it, in the page's order, so jest and the simulator build
 * the same utility bar an org builds from the same file.
 *
 * The shape follows the Metadata API's FlexiPage type (*FlexiPage*, Metadata API Developer
 * Guide, https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_flexipage.htm):
 * `flexiPageRegions` (each a `name`, a `type` and `itemInstances` of
 * `componentInstance`: `componentName`, `identifier`, `componentInstanceProperties`), and what
 * App Builder writes for a utility bar: the region `utilityItems` of type `Region` holds the
 * utilities; a region of type `Background` holds background utility items (*Using Background
 * Utility Items*, Console Developer Guide, "added to an app the same way normal utility items
 * are, but they don't appear in the utility bar":
 * https://developer.salesforce.com/docs/service/api-console/guide/sforce-api-console-js-lightning-background-utility-item.html);
 * each utility's own settings (label, icon, panel width and height, "Start automatically")
 * are properties of type `decorator`, as App Builder writes them (the kit's demo flexipage),
 * the others are the component's design attributes.
 *
 * A file the console could not build from is refused with a FlexipageError naming the element
 * and the problem; nothing is guessed or silently dropped.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { UtilityItemSpec } from './types';

export class FlexipageError extends Error {
    /** The element at fault, as a path (e.g. `FlexiPage.flexiPageRegions[0].itemInstances[1].componentInstance.componentName`). */
    readonly element: string;
    constructor(element: string, problem: string) {
        super(`${element}: ${problem}`);
        this.name = 'FlexipageError';
        this.element = element;
    }
}

/** The decorators App Builder writes for a utility item; anything else of type decorator is refused. */
const DECORATORS = ['label', 'icon', 'width', 'height', 'eager'] as const;
type Decorator = (typeof DECORATORS)[number];

/** The region App Builder puts a utility bar's utilities in. */
export const UTILITY_REGION = 'utilityItems';

const ARRAYS = new Set(['flexiPageRegions', 'itemInstances', 'componentInstanceProperties']);

interface RawProperty {
    name?: unknown;
    type?: unknown;
    value?: unknown;
}

interface RawComponent {
    componentName?: unknown;
    identifier?: unknown;
    componentInstanceProperties?: RawProperty[];
}

interface RawRegion {
    name?: unknown;
    type?: unknown;
    itemInstances?: Array<{ componentInstance?: RawComponent; fieldInstance?: unknown }>;
}

function text(value: unknown): string | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'object') return undefined;
    return String(value).trim();
}

function positiveInteger(element: string, raw: string): number {
    if (!/^\d+$/.test(raw) || Number(raw) <= 0) throw new FlexipageError(element, `"${raw}" is not a number of pixels`);
    return Number(raw);
}

/**
 * The utility items of a UtilityBar flexipage, utilities first in the page's order, then the
 * background items in theirs. Throws FlexipageError on anything the console could not build from.
 */
export function readUtilityBarFlexipage(xml: string): UtilityItemSpec[] {
    const wellFormed = XMLValidator.validate(xml);
    if (wellFormed !== true) {
        const { line, col, msg } = wellFormed.err;
        throw new FlexipageError(`line ${line}, column ${col}`, `not well-formed XML: ${msg}`);
    }
    const parsed = new XMLParser({
        ignoreAttributes: true,
        // Values stay strings: "false", "340" and an icon named "123" are read by the rules below.
        parseTagValue: false,
        trimValues: true,
        isArray: (name) => ARRAYS.has(name)
    }).parse(xml) as { FlexiPage?: { type?: unknown; flexiPageRegions?: RawRegion[] } };

    const page = parsed.FlexiPage;
    if (!page || typeof page !== 'object') throw new FlexipageError('FlexiPage', 'the root element is missing');
    const type = text(page.type);
    if (type !== 'UtilityBar')
        throw new FlexipageError('FlexiPage.type', `is ${type ? `"${type}"` : 'missing'}; a utility bar is of type UtilityBar`);

    const identifiers = new Map<string, string>();
    const utilities: UtilityItemSpec[] = [];
    const background: UtilityItemSpec[] = [];
    (page.flexiPageRegions ?? []).forEach((region, r) => {
        const regionPath = `FlexiPage.flexiPageRegions[${r}]`;
        const regionName = text(region.name);
        const regionType = text(region.type);
        let kind: UtilityItemSpec['region'];
        if (regionType === 'Background') kind = 'background';
        else if (regionType === 'Region' && regionName === UTILITY_REGION) kind = 'utility';
        else
            throw new FlexipageError(
                regionPath,
                `region "${regionName ?? ''}" of type "${regionType ?? ''}" is not part of a utility bar (expected "${UTILITY_REGION}" of type Region, or a Background region)`
            );
        (region.itemInstances ?? []).forEach((instance, i) => {
            const itemPath = `${regionPath}.itemInstances[${i}].componentInstance`;
            const spec = readItem(itemPath, instance.componentInstance, kind);
            const earlier = identifiers.get(spec.identifier);
            if (earlier) throw new FlexipageError(`${itemPath}.identifier`, `"${spec.identifier}" is used twice (also at ${earlier})`);
            identifiers.set(spec.identifier, itemPath);
            (kind === 'utility' ? utilities : background).push(spec);
        });
    });
    return [...utilities, ...background];
}

function readItem(itemPath: string, component: RawComponent | undefined, region: UtilityItemSpec['region']): UtilityItemSpec {
    if (!component || typeof component !== 'object') throw new FlexipageError(itemPath, 'an item without a componentInstance');
    const componentName = text(component.componentName);
    if (!componentName) throw new FlexipageError(`${itemPath}.componentName`, 'missing');
    if (!/^[A-Za-z][A-Za-z0-9_]*:[A-Za-z][A-Za-z0-9_]*$/.test(componentName))
        throw new FlexipageError(`${itemPath}.componentName`, `"${componentName}" is not a namespace:name component name`);
    const identifier = text(component.identifier);
    if (!identifier) throw new FlexipageError(`${itemPath}.identifier`, 'missing');

    const decorators: Partial<Record<Decorator, string>> = {};
    const properties: Record<string, string> = {};
    (component.componentInstanceProperties ?? []).forEach((property, p) => {
        const propertyPath = `${itemPath}.componentInstanceProperties[${p}]`;
        const name = text(property.name);
        if (!name) throw new FlexipageError(`${propertyPath}.name`, 'missing');
        const value = text(property.value) ?? '';
        const kind = text(property.type);
        if (kind === 'decorator') {
            if (!(DECORATORS as readonly string[]).includes(name))
                throw new FlexipageError(`${propertyPath}.name`, `"${name}" is not a utility decorator (${DECORATORS.join(', ')})`);
            if (decorators[name as Decorator] !== undefined)
                throw new FlexipageError(`${propertyPath}.name`, `decorator "${name}" is set twice`);
            decorators[name as Decorator] = value;
        } else if (kind === undefined) {
            if (name in properties) throw new FlexipageError(`${propertyPath}.name`, `design attribute "${name}" is set twice`);
            properties[name] = value;
        } else {
            throw new FlexipageError(
                `${propertyPath}.type`,
                `"${kind}" is not a property type of a utility item (decorator, or none for a design attribute)`
            );
        }
    });

    let eager = false;
    if (decorators.eager !== undefined) {
        if (decorators.eager !== 'true' && decorators.eager !== 'false')
            throw new FlexipageError(`${itemPath} decorator eager`, `"${decorators.eager}" is not true or false`);
        eager = decorators.eager === 'true';
    }
    return {
        identifier,
        componentName,
        region,
        label: decorators.label || undefined,
        icon: decorators.icon || undefined,
        width: decorators.width === undefined ? undefined : positiveInteger(`${itemPath} decorator width`, decorators.width),
        height: decorators.height === undefined ? undefined : positiveInteger(`${itemPath} decorator height`, decorators.height),
        eager,
        properties: Object.freeze(properties)
    };
}
