/**
 * A small, strict Aura runtime for local use (jest and the simulator; pure TS, runs in jsdom
 * and Chromium). It mounts an Aura bundle as a utility item of the local console
 * (platform/console) with the platform's rules, each from its documentation page:
 *
 * - A background utility item renders nothing: it "runs code without rendering itself in the
 *   app UI" (*Background Utility Item*, Component Reference,
 *   https://developer.salesforce.com/docs/platform/lightning-component-reference/guide/aura-background-utility-item.html),
 *   and "Lightning Web Components (LWC) doesn't currently support working with background utility
 *   items" (*Using Background Utility Items*, Console Developer Guide,
 *   https://developer.salesforce.com/docs/service/api-console/guide/sforce-api-console-js-lightning-background-utility-item.html).
 *   Its LWC children are created but never inserted into the document, so they never connect:
 *   from API 61.0 connectedCallback fires only for elements connected to the document
 *   (*Native Lifecycle Callbacks for Custom Elements*, LWC Developer Guide,
 *   https://developer.salesforce.com/docs/platform/lwc/guide/create-lifecycle-hooks-native-lifecycle.html).
 *   A context whose container is null (the console never renders the item) behaves the same.
 * - Lightning Message Service "only supports Aura components that render. You can't use
 *   lightning:messageChannel in an Aura component that uses the background utility item
 *   interface. Similarly, ... can't call Lightning Message Service methods in the init lifecycle
 *   handler because the component hasn't rendered." (*Lightning Message Service Limitations*,
 *   Aura Components Developer Guide,
 *   https://developer.salesforce.com/docs/platform/aura-platform/guide/message-channel-considerations.html).
 *   init handlers run before render; LWC children are not connected yet, so they have no
 *   MessageContext; lightning:messageChannel refuses to publish.
 * - Aura/LWC interop as documented: Aura sets an LWC's public properties and calls its @api
 *   methods; an LWC talks to Aura with a DOM CustomEvent that "an enclosing Aura component can
 *   listen for", handled by on<event>="{!c.action}" in "the first Aura component that the DOM event
 *   bubbles to" and read with event.getParam(name) (*Send Events to an Enclosing Aura Component*,
 *   LWC Developer Guide, https://developer.salesforce.com/docs/platform/lwc/guide/events-sending-to-aura-components.html).
 *   Only data crosses: a function (or anything not structured-cloneable) in a property, a method
 *   argument, a method result or an event's detail is refused, because passing functions is not
 *   a documented contract under Lightning Web Security or Locker.
 * - lightning:utilityBarAPI works from within a utility without an id ("For Aura Components,
 *   utilityId can be optional if it's called from within a utility", *Utility Bar API Method
 *   Parity*, https://developer.salesforce.com/docs/service/api-console/guide/sforce-api-console-js-utility-parity.html);
 *   outside a utility (no utility bar in the mount context) each call rejects.
 * - lightning:omniToolkitAPI methods return promises (each method's page in the Console
 *   Developer Guide); with no Omni-Channel in the app every call rejects.
 *
 * Anything it does not implement (an element, an expression, an attribute, a member of $A or of
 * the component) throws an error naming it: strict, never permissive.
 */
import { createElement } from 'lwc';
import type { MountedUtilityComponent, UtilityComponentFactory, UtilityItemSpec, UtilityMountContext } from '../console/types';
import { assertStructuredData } from '../lightning/structuredData';
import {
    APPLICATION_SCOPE,
    createComponentMessageContext,
    publish as lmsPublish,
    releaseMessageContext,
    subscribe as lmsSubscribe
} from '../lightning/messageService/messageService';
import { AuraMarkupError, parseExpression, parseMarkup, type Expression, type MarkupElement } from './markup';

export interface AuraBundleSource {
    /** e.g. 'c:omniWorkloadUtility'. */
    descriptor: string;
    markup: string;
    controller: string;
    helper?: string;
}

export interface AuraServices {
    /** What lightning:omniToolkitAPI runs; null when the app has no Omni-Channel: then every call rejects as the platform would. */
    omniToolkit: ((method: string, args?: Record<string, unknown>) => Promise<unknown>) | null;
    /** LWC constructors for the c:* LWC children the markup names (e.g. { 'c:omniBridgeCore': OmniBridgeCore }). */
    lwc: Record<string, unknown>;
    /** Other Aura bundles the markup may nest (e.g. 'c:omniBridgeHost'). */
    bundles?: Record<string, AuraBundleSource>;
    /** Custom Label values for $A.get('$Label.c.Name'). */
    labels?: Readonly<Record<string, string>>;
    /** Message channels lightning:messageChannel type="X__c" may name (the object @salesforce/messageChannel/X__c gives). */
    messageChannels?: Readonly<Record<string, unknown>>;
}

/** The ten Omni-Channel application events (Console Developer Guide, *Omni-Channel Events for Lightning Experience*). */
export const OMNI_APPLICATION_EVENTS: readonly string[] = [
    'lightning:omniChannelConnectionError',
    'lightning:omniChannelLoginSuccess',
    'lightning:omniChannelStatusChanged',
    'lightning:omniChannelLogout',
    'lightning:omniChannelWorkAssigned',
    'lightning:omniChannelWorkAccepted',
    'lightning:omniChannelWorkDeclined',
    'lightning:omniChannelWorkClosed',
    'lightning:omniChannelWorkFlagUpdated',
    'lightning:omniChannelWorkloadChanged'
];

/**
 * The twelve lightning:omniToolkitAPI methods (Lightning Experience). Written out here rather
 * than imported from c/omniTypes on purpose: this fake states what the platform offers, so a
 * wrong name in the kit fails against it instead of being copied into it
 * (platform/aura/__tests__/platformLists.test.ts checks the two lists agree).
 */
export const OMNI_TOOLKIT_METHODS: readonly string[] = [
    'acceptAgentWork',
    'declineAgentWork',
    'closeAgentWork',
    'getAgentWorks',
    'getAgentWorkload',
    'getServicePresenceStatusChannels',
    'getServicePresenceStatusId',
    'login',
    'logout',
    'raiseAgentWorkFlag',
    'lowerAgentWorkFlag',
    'setServicePresenceStatus'
];

const UTILITY_BAR_METHODS = ['setUtilityLabel', 'setUtilityHighlighted', 'setUtilityIcon', 'openUtility', 'minimizeUtility'] as const;

const KNOWN_INTERFACES = new Set([
    'flexipage:availableForAllPageTypes',
    'flexipage:availableForRecordHome',
    'force:appHostable',
    'lightning:backgroundUtilityItem',
    'lightning:utilityItem'
]);
const BACKGROUND = 'lightning:backgroundUtilityItem';

type AttributeType = 'Boolean' | 'String' | 'Integer' | 'Object' | 'List';
const ATTRIBUTE_TYPES = new Set<AttributeType>(['Boolean', 'String', 'Integer', 'Object', 'List']);

interface AttributeDef {
    name: string;
    type: AttributeType;
    defaultValue: unknown;
}

interface Binding {
    name: string;
    expression: Expression;
}

type ChildDef =
    | { kind: 'toolkit'; auraId: string }
    | { kind: 'utilityBar'; auraId: string }
    | { kind: 'messageChannel'; auraId: string | null; channelType: string; applicationScope: boolean; onMessage: string | null }
    | { kind: 'lwc'; descriptor: string; auraId: string | null; properties: Binding[]; handlers: Array<{ event: string; action: string }> }
    | { kind: 'aura'; descriptor: string; auraId: string | null; attributes: Binding[] };

interface BundleDef {
    descriptor: string;
    interfaces: Set<string>;
    attributes: Map<string, AttributeDef>;
    initActions: string[];
    eventHandlers: Array<{ event: string; action: string }>;
    children: ChildDef[];
    controller: Record<string, unknown>;
    helper: Record<string, unknown>;
}

interface Cell {
    value: unknown;
    readonly watchers: Set<(value: unknown) => void>;
}

type AuraAction = (cmp: unknown, event: unknown, helper: unknown) => unknown;

function strictObject<T extends object>(what: string, target: T): T {
    return new Proxy(target, {
        get(object, property, receiver) {
            if (typeof property === 'symbol' || property in object) return Reflect.get(object, property, receiver);
            // Promise resolution and console formatting probe these; they are not calls into Aura.
            if (property === 'then' || property === 'toJSON' || property === 'constructor') return undefined;
            throw new TypeError(`${what}.${property} is not supported by the local Aura runtime (platform/aura)`);
        },
        set(_object, property) {
            throw new TypeError(`${what}.${String(property)} cannot be assigned`);
        }
    });
}

function lwcTagName(descriptor: string): string {
    const [namespace, name] = descriptor.split(':');
    return `${namespace}-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

function convertValue(descriptor: string, element: string, attribute: AttributeDef, raw: string): unknown {
    switch (attribute.type) {
        case 'Boolean':
            if (raw === 'true') return true;
            if (raw === 'false') return false;
            throw new AuraMarkupError(descriptor, element, `${attribute.name}="${raw}": a Boolean attribute takes true or false`);
        case 'Integer': {
            const value = Number(raw);
            if (!Number.isInteger(value)) throw new AuraMarkupError(descriptor, element, `${attribute.name}="${raw}": not an Integer`);
            return value;
        }
        case 'String':
            return raw;
        default:
            throw new AuraMarkupError(
                descriptor,
                element,
                `${attribute.name}: a ${attribute.type} attribute cannot take the text "${raw}"`
            );
    }
}

/** Evaluates an Aura controller or helper file (`({ ... })`) as Aura does, with the given $A. */
function evaluateObject(descriptor: string, file: string, source: string | undefined, $A: unknown): Record<string, unknown> {
    if (source === undefined || source.trim() === '') return {};
    const body = source.trim().replace(/;\s*$/, '');
    let value: unknown;
    try {
        value = new Function('$A', `"use strict";\nreturn (\n${body}\n);`)($A);
    } catch (error) {
        throw new Error(`${descriptor}: its ${file} does not evaluate: ${(error as Error).message}`);
    }
    if (!value || typeof value !== 'object') throw new Error(`${descriptor}: its ${file} must be an object literal ({ ... })`);
    return value as Record<string, unknown>;
}

function only(descriptor: string, element: MarkupElement, allowed: string[]): void {
    for (const name of Object.keys(element.attributes)) {
        if (!allowed.includes(name))
            throw new AuraMarkupError(descriptor, element.tag, `attribute "${name}" is not supported by the local Aura runtime`);
    }
    if (element.children.length > 0 && element.tag !== 'aura:component') {
        throw new AuraMarkupError(descriptor, element.tag, `may not have child elements here (found <${element.children[0].tag}>)`);
    }
}

function actionName(descriptor: string, element: string, attribute: string, raw: string | undefined): string {
    if (raw === undefined) throw new AuraMarkupError(descriptor, element, `needs ${attribute}="{!c.action}"`);
    const expression = parseExpression(descriptor, element, attribute, raw);
    if (expression.kind !== 'c') throw new AuraMarkupError(descriptor, element, `${attribute}="${raw}" must be {!c.action}`);
    return expression.name;
}

/** Compiles one bundle's markup, controller and helper into a definition (checked against services). */
function compileBundle(source: AuraBundleSource, services: AuraServices, $A: unknown): BundleDef {
    const { descriptor } = source;
    const root = parseMarkup(descriptor, source.markup);
    only(descriptor, root, ['implements', 'access', 'description']);
    const interfaces = new Set(
        (root.attributes.implements ?? '')
            .split(',')
            .map((name) => name.trim())
            .filter(Boolean)
    );
    for (const name of interfaces) {
        if (!KNOWN_INTERFACES.has(name))
            throw new AuraMarkupError(descriptor, 'aura:component', `implements "${name}", which the local Aura runtime does not know`);
    }
    const controller = evaluateObject(descriptor, 'controller', source.controller, $A);
    const helper = evaluateObject(descriptor, 'helper', source.helper, $A);
    const def: BundleDef = {
        descriptor,
        interfaces,
        attributes: new Map(),
        initActions: [],
        eventHandlers: [],
        children: [],
        controller,
        helper
    };
    const auraIds = new Set<string>();
    const claimId = (element: MarkupElement, required: boolean): string | null => {
        const id = element.attributes['aura:id'];
        if (id === undefined) {
            if (required) throw new AuraMarkupError(descriptor, element.tag, 'needs an aura:id (the controller reaches it with cmp.find)');
            return null;
        }
        if (auraIds.has(id)) throw new AuraMarkupError(descriptor, element.tag, `aura:id "${id}" is used twice`);
        auraIds.add(id);
        return id;
    };
    const requireAction = (element: string, name: string) => {
        if (typeof controller[name] !== 'function')
            throw new AuraMarkupError(descriptor, element, `names c.${name}, which the controller does not define`);
    };

    for (const element of root.children) {
        const { tag, attributes } = element;
        if (tag === 'aura:attribute') {
            only(descriptor, element, ['name', 'type', 'default', 'access', 'description']);
            const type = attributes.type as AttributeType;
            if (!attributes.name) throw new AuraMarkupError(descriptor, tag, 'needs a name');
            if (!ATTRIBUTE_TYPES.has(type))
                throw new AuraMarkupError(descriptor, tag, `${attributes.name}: type "${attributes.type}" is not supported`);
            const attribute: AttributeDef = { name: attributes.name, type, defaultValue: undefined };
            if (attributes.default !== undefined) attribute.defaultValue = convertValue(descriptor, tag, attribute, attributes.default);
            def.attributes.set(attribute.name, attribute);
        } else if (tag === 'aura:handler') {
            if (attributes.name !== undefined) {
                only(descriptor, element, ['name', 'value', 'action']);
                if (attributes.name !== 'init' || attributes.value !== '{!this}') {
                    throw new AuraMarkupError(
                        descriptor,
                        tag,
                        `name="${attributes.name}" value="${attributes.value}": only the init handler (value="{!this}") is supported`
                    );
                }
                const action = actionName(descriptor, tag, 'action', attributes.action);
                requireAction(tag, action);
                def.initActions.push(action);
            } else if (attributes.event !== undefined) {
                only(descriptor, element, ['event', 'action']);
                if (!OMNI_APPLICATION_EVENTS.includes(attributes.event)) {
                    throw new AuraMarkupError(
                        descriptor,
                        tag,
                        `event="${attributes.event}" is not an application event the local Aura runtime delivers`
                    );
                }
                const action = actionName(descriptor, tag, 'action', attributes.action);
                requireAction(tag, action);
                def.eventHandlers.push({ event: attributes.event, action });
            } else {
                throw new AuraMarkupError(descriptor, tag, 'needs name="init" or event="..."');
            }
        } else if (tag === 'lightning:omniToolkitAPI') {
            only(descriptor, element, ['aura:id']);
            def.children.push({ kind: 'toolkit', auraId: claimId(element, true)! });
        } else if (tag === 'lightning:utilityBarAPI') {
            only(descriptor, element, ['aura:id']);
            def.children.push({ kind: 'utilityBar', auraId: claimId(element, true)! });
        } else if (tag === 'lightning:messageChannel') {
            only(descriptor, element, ['aura:id', 'type', 'scope', 'onMessage']);
            if (interfaces.has(BACKGROUND)) {
                throw new AuraMarkupError(
                    descriptor,
                    tag,
                    "can't be used in an Aura component that uses the background utility item interface (Lightning Message Service Limitations)"
                );
            }
            const channelType = attributes.type;
            if (!channelType || !services.messageChannels || !(channelType in services.messageChannels)) {
                throw new AuraMarkupError(descriptor, tag, `type="${channelType}": no such message channel in services.messageChannels`);
            }
            if (attributes.scope !== undefined && attributes.scope !== 'APPLICATION')
                throw new AuraMarkupError(descriptor, tag, `scope="${attributes.scope}" is not APPLICATION`);
            const onMessage = attributes.onMessage === undefined ? null : actionName(descriptor, tag, 'onMessage', attributes.onMessage);
            if (onMessage) requireAction(tag, onMessage);
            def.children.push({
                kind: 'messageChannel',
                auraId: claimId(element, false),
                channelType,
                applicationScope: attributes.scope === 'APPLICATION',
                onMessage
            });
        } else if (tag.startsWith('c:')) {
            if (tag in services.lwc) {
                only(descriptor, element, Object.keys(attributes));
                const properties: Binding[] = [];
                const handlers: Array<{ event: string; action: string }> = [];
                for (const [name, raw] of Object.entries(attributes)) {
                    if (name === 'aura:id') continue;
                    const expression = parseExpression(descriptor, tag, name, raw);
                    if (/^on[a-z]+$/.test(name)) {
                        if (expression.kind !== 'c') throw new AuraMarkupError(descriptor, tag, `${name}="${raw}" must be {!c.action}`);
                        requireAction(tag, expression.name);
                        handlers.push({ event: name.slice(2), action: expression.name });
                    } else {
                        if (expression.kind === 'c' || expression.kind === 'this') {
                            throw new AuraMarkupError(
                                descriptor,
                                tag,
                                `${name}="${raw}": only data ({!v.name} or text) may be passed to a Lightning web component`
                            );
                        }
                        if (name.includes('-'))
                            throw new AuraMarkupError(descriptor, tag, `${name}: Aura markup names an LWC property in camelCase`);
                        if (expression.kind === 'v' && !def.attributes.has(expression.name)) {
                            throw new AuraMarkupError(descriptor, tag, `${name}="${raw}": no aura:attribute named ${expression.name}`);
                        }
                        properties.push({ name, expression });
                    }
                }
                def.children.push({ kind: 'lwc', descriptor: tag, auraId: claimId(element, false), properties, handlers });
            } else if (services.bundles && tag in services.bundles) {
                const attributesOf: Binding[] = [];
                for (const [name, raw] of Object.entries(attributes)) {
                    if (name === 'aura:id') continue;
                    const expression = parseExpression(descriptor, tag, name, raw);
                    if (expression.kind === 'c' || expression.kind === 'this') {
                        throw new AuraMarkupError(
                            descriptor,
                            tag,
                            `${name}="${raw}": component events of nested Aura components are not supported`
                        );
                    }
                    if (expression.kind === 'v' && !def.attributes.has(expression.name)) {
                        throw new AuraMarkupError(descriptor, tag, `${name}="${raw}": no aura:attribute named ${expression.name}`);
                    }
                    attributesOf.push({ name, expression });
                }
                if (element.children.length > 0) throw new AuraMarkupError(descriptor, tag, 'body content is not supported');
                def.children.push({ kind: 'aura', descriptor: tag, auraId: claimId(element, false), attributes: attributesOf });
            } else {
                throw new AuraMarkupError(descriptor, tag, 'is neither an LWC in services.lwc nor an Aura bundle in services.bundles');
            }
        } else {
            throw new AuraMarkupError(descriptor, tag, 'is not supported by the local Aura runtime');
        }
    }
    return def;
}

/** One live Aura component (the root of a utility, or one nested in it). */
class AuraInstance {
    readonly cells = new Map<string, Cell>();
    readonly parts = new Map<string, unknown>();
    readonly nested: AuraInstance[] = [];
    readonly elements: Array<HTMLElement | AuraInstance> = [];
    readonly cleanups: Array<() => void> = [];
    /** Run once the component has rendered (e.g. lightning:messageChannel subscribing for onMessage). */
    readonly afterRender: Array<() => void> = [];
    valid = true;
    rendered = false;
    wrapper: HTMLElement | null = null;
    readonly cmp: unknown;

    constructor(
        readonly def: BundleDef,
        private readonly runtime: Runtime,
        cellsFromParent: Map<string, Cell>
    ) {
        for (const attribute of def.attributes.values()) {
            this.cells.set(attribute.name, cellsFromParent.get(attribute.name) ?? { value: attribute.defaultValue, watchers: new Set() });
        }
        this.cmp = strictObject(`component ${def.descriptor}`, {
            get: (expression: string) => this.cell(expression).value,
            set: (expression: string, value: unknown) => this.set(expression, value),
            find: (auraId: string) => (this.valid ? this.parts.get(auraId) : undefined),
            isValid: () => this.valid,
            getName: () => def.descriptor.split(':')[1]
        });
    }

    private cell(expression: string): Cell {
        const match = /^v\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expression);
        if (!match) throw new TypeError(`${this.def.descriptor}: cmp.get/set("${expression}"): only "v.<attribute>" is supported`);
        const cell = this.cells.get(match[1]);
        if (!cell) throw new TypeError(`${this.def.descriptor}: no aura:attribute named ${match[1]}`);
        return cell;
    }

    set(expression: string, value: unknown): void {
        const cell = this.cell(expression);
        if (!this.valid) {
            // Aura ignores set() on a destroyed component (with a warning): nothing renders it any more.
            console.warn(`[aura] ${this.def.descriptor}: cmp.set("${expression}") after destroy ignored`);
            return;
        }
        cell.value = value;
        for (const watcher of [...cell.watchers]) watcher(value);
    }

    /** Runs a controller action with (cmp, event, helper), as Aura does. */
    run(action: string, event: unknown): unknown {
        const fn = this.def.controller[action] as AuraAction;
        try {
            return fn.call(this.def.controller, this.cmp, event, this.def.helper);
        } catch (error) {
            const wrapped = new Error(`${this.def.descriptor} c.${action}: ${(error as Error)?.message ?? String(error)}`);
            (wrapped as Error & { cause?: unknown }).cause = error;
            throw wrapped;
        }
    }

    get tree(): AuraInstance[] {
        return [this, ...this.nested.flatMap((child) => child.tree)];
    }

    destroy(): void {
        for (const instance of this.tree) {
            instance.valid = false;
            instance.cleanups.splice(0).forEach((cleanup) => cleanup());
        }
        this.wrapper?.remove();
    }

    /** Builds parts (LWC elements, APIs, nested components), not yet in the document. */
    build(context: UtilityMountContext): void {
        for (const child of this.def.children) {
            if (child.kind === 'toolkit') this.parts.set(child.auraId, this.runtime.toolkit(this.def.descriptor));
            else if (child.kind === 'utilityBar') this.parts.set(child.auraId, this.runtime.utilityBar(this.def.descriptor, context));
            else if (child.kind === 'messageChannel') {
                const channel = this.runtime.messageChannel(this, child);
                if (child.auraId) this.parts.set(child.auraId, channel);
            } else if (child.kind === 'lwc') {
                const element = this.runtime.createLwc(this, child);
                this.elements.push(element);
                if (child.auraId) this.parts.set(child.auraId, this.runtime.lwcFacade(child.descriptor, element));
            } else {
                const cells = new Map<string, Cell>();
                const nestedDef = this.runtime.definition(child.descriptor);
                for (const binding of child.attributes) {
                    const attribute = nestedDef.attributes.get(binding.name);
                    if (!attribute)
                        throw new AuraMarkupError(this.def.descriptor, child.descriptor, `has no aura:attribute named ${binding.name}`);
                    // {!v.x} binds both ways, as Aura's bound expressions do; text is converted by the attribute's type.
                    if (binding.expression.kind === 'v') cells.set(binding.name, this.cells.get(binding.expression.name)!);
                    else if (binding.expression.kind === 'literal') {
                        cells.set(binding.name, {
                            value: convertValue(this.def.descriptor, child.descriptor, attribute, binding.expression.value),
                            watchers: new Set()
                        });
                    }
                }
                const instance = new AuraInstance(nestedDef, this.runtime, cells);
                instance.build(context);
                this.nested.push(instance);
                this.elements.push(instance);
                if (child.auraId) this.parts.set(child.auraId, instance.cmp);
            }
        }
    }

    /** init handlers: nested components first, then this one (before anything renders). */
    init(): void {
        for (const child of this.nested) child.init();
        for (const action of this.def.initActions) this.run(action, initEvent());
    }

    /** Renders into the document: a wrapper element holding the LWC children in markup order. */
    render(container: HTMLElement): void {
        this.wrapper = this.buildWrapper();
        container.appendChild(this.wrapper);
        for (const instance of this.tree) instance.rendered = true;
        for (const instance of this.tree) instance.afterRender.splice(0).forEach((hook) => hook());
    }

    private buildWrapper(): HTMLElement {
        const wrapper = document.createElement('div');
        wrapper.dataset.auraComponent = this.def.descriptor;
        for (const part of this.elements) wrapper.appendChild(part instanceof AuraInstance ? part.buildWrapper() : part);
        return wrapper;
    }
}

function initEvent(): unknown {
    return strictObject('init event', { getName: () => 'init', getParam: () => undefined, getParams: () => ({}) });
}

class Runtime {
    private readonly definitions = new Map<string, BundleDef>();
    readonly $A: unknown;

    constructor(private readonly services: AuraServices & { bundles: Record<string, AuraBundleSource> }) {
        const labels = services.labels ?? {};
        this.$A = strictObject('$A', {
            // Aura wraps code that runs outside its own lifecycle (promise callbacks, DOM events).
            getCallback: (fn: (...args: unknown[]) => unknown) => {
                if (typeof fn !== 'function') throw new TypeError('$A.getCallback needs a function');
                return function (this: unknown, ...args: unknown[]) {
                    return fn.apply(this, args);
                };
            },
            get: (key: string) => {
                const match = /^\$Label\.c\.([A-Za-z0-9_]+)$/.exec(key);
                if (!match) throw new TypeError(`$A.get("${key}"): only $Label.c.<name> is supported by the local Aura runtime`);
                if (!(match[1] in labels)) throw new Error(`$A.get("${key}"): no Custom Label named ${match[1]}`);
                return labels[match[1]];
            }
        });
    }

    definition(descriptor: string): BundleDef {
        let def = this.definitions.get(descriptor);
        if (!def) {
            const source = this.services.bundles[descriptor];
            if (!source) throw new Error(`platform/aura: no Aura bundle ${descriptor} in services.bundles`);
            if (source.descriptor !== descriptor)
                throw new Error(`platform/aura: services.bundles["${descriptor}"] holds ${source.descriptor}`);
            def = compileBundle(source, this.services, this.$A);
            this.definitions.set(descriptor, def);
        }
        return def;
    }

    toolkit(descriptor: string): unknown {
        const run = this.services.omniToolkit;
        const api: Record<string, (args?: Record<string, unknown>) => Promise<unknown>> = {};
        for (const method of OMNI_TOOLKIT_METHODS) {
            api[method] = (args?: Record<string, unknown>) => {
                if (args !== undefined) assertStructuredData(args, `${descriptor} lightning:omniToolkitAPI.${method} argument`);
                if (!run) return Promise.reject(new Error(`lightning:omniToolkitAPI.${method}: Omni-Channel is not available in this app`));
                return Promise.resolve().then(() => run(method, args));
            };
        }
        return strictObject('lightning:omniToolkitAPI', api);
    }

    utilityBar(descriptor: string, context: UtilityMountContext): unknown {
        const api: Record<string, (args?: Record<string, unknown>) => Promise<unknown>> = {};
        const bar = context.utilityBar;
        for (const method of UTILITY_BAR_METHODS) {
            api[method] = (args: Record<string, unknown> = {}) => {
                if (!bar) return Promise.reject(new Error(`lightning:utilityBarAPI.${method}: ${descriptor} is not in a utility`));
                if (args.utilityId !== undefined && args.utilityId !== context.utilityId) {
                    return Promise.reject(new Error(`lightning:utilityBarAPI.${method}: no utility ${String(args.utilityId)} here`));
                }
                const { utilityId: _ignored, ...rest } = args;
                void _ignored;
                return (bar[method] as (a: unknown) => Promise<boolean>).call(bar, rest);
            };
        }
        // Resolves to the enclosing utility's id, or false outside a utility (Console Developer Guide, getEnclosingUtilityId()).
        const getEnclosingUtilityId = () => Promise.resolve(bar ? context.utilityId : false);
        return strictObject('lightning:utilityBarAPI', { ...api, getEnclosingUtilityId });
    }

    messageChannel(instance: AuraInstance, child: Extract<ChildDef, { kind: 'messageChannel' }>): unknown {
        const descriptor = instance.def.descriptor;
        const channel = this.services.messageChannels![child.channelType];
        let context: unknown = null;
        const liveContext = () => {
            if (!instance.rendered)
                throw new Error(
                    `${descriptor}: Lightning Message Service cannot be called before the component renders, e.g. from its init handler (Lightning Message Service Limitations)`
                );
            if (!instance.valid) throw new Error(`${descriptor}: the component was destroyed`);
            if (!context) {
                context = createComponentMessageContext();
                instance.cleanups.push(() => releaseMessageContext(context as never));
                if (child.onMessage) {
                    const action = child.onMessage;
                    lmsSubscribe(
                        context as never,
                        channel,
                        (message) => instance.run(action, auraEvent('onMessage', message as Record<string, unknown>)),
                        child.applicationScope ? { scope: APPLICATION_SCOPE } : undefined
                    );
                }
            }
            return context;
        };
        // A channel with onMessage subscribes once the component has rendered (never, if it does not render).
        if (child.onMessage) instance.afterRender.push(() => void liveContext());
        return strictObject('lightning:messageChannel', {
            publish: (message: unknown) => lmsPublish(liveContext() as never, channel, message)
        });
    }

    createLwc(instance: AuraInstance, child: Extract<ChildDef, { kind: 'lwc' }>): HTMLElement {
        const Ctor = this.services.lwc[child.descriptor];
        const element = createElement(lwcTagName(child.descriptor), { is: Ctor as never }) as unknown as HTMLElement &
            Record<string, unknown>;
        const where = `${instance.def.descriptor} <${child.descriptor}>`;
        for (const binding of child.properties) {
            if (!(binding.name in element))
                throw new AuraMarkupError(instance.def.descriptor, child.descriptor, `has no public property ${binding.name}`);
            const apply = (value: unknown) => {
                assertStructuredData(value, `${where} ${binding.name}`);
                element[binding.name] = value;
            };
            if (binding.expression.kind === 'literal') apply(binding.expression.value);
            else if (binding.expression.kind === 'v') {
                const cell = instance.cells.get(binding.expression.name)!;
                if (cell.value !== undefined) apply(cell.value);
                cell.watchers.add(apply);
                instance.cleanups.push(() => cell.watchers.delete(apply));
            }
        }
        for (const handler of child.handlers) {
            const listener = (event: Event) => {
                if (!instance.valid) return;
                const detail = (event as CustomEvent).detail;
                assertStructuredData(detail, `${where} event ${handler.event} detail`);
                instance.run(handler.action, auraEvent(handler.event, detail, this.lwcFacade(child.descriptor, element)));
            };
            element.addEventListener(handler.event, listener);
            instance.cleanups.push(() => element.removeEventListener(handler.event, listener));
        }
        return element;
    }

    /** What cmp.find gives for an LWC child: its element, with only data crossing in either direction. */
    lwcFacade(descriptor: string, element: HTMLElement): unknown {
        return new Proxy(element, {
            get(target, property) {
                const value = Reflect.get(target, property, target);
                if (typeof value !== 'function' || typeof property === 'symbol') return value;
                return (...args: unknown[]) => {
                    args.forEach((arg, index) => assertStructuredData(arg, `${descriptor}.${property} argument ${index + 1}`));
                    const result = value.apply(target, args);
                    if (result !== undefined) assertStructuredData(result, `${descriptor}.${property} result`);
                    return result;
                };
            },
            set(target, property, value) {
                if (typeof property === 'symbol' || !(property in target))
                    throw new TypeError(`${descriptor} has no public property ${String(property)}`);
                assertStructuredData(value, `${descriptor}.${property}`);
                Reflect.set(target, property, value, target);
                return true;
            }
        });
    }

    mount(spec: UtilityItemSpec, context: UtilityMountContext): MountedUtilityComponent {
        const def = this.definition(spec.componentName);
        const cells = new Map<string, Cell>();
        for (const [name, raw] of Object.entries(spec.properties)) {
            const attribute = def.attributes.get(name);
            if (!attribute)
                throw new AuraMarkupError(def.descriptor, 'aura:component', `has no attribute ${name}, which the flexipage sets`);
            cells.set(name, { value: convertValue(def.descriptor, `flexipage property ${name}`, attribute, raw), watchers: new Set() });
        }
        const root = new AuraInstance(def, this, cells);
        root.build(context);
        root.init();
        const background = def.interfaces.has(BACKGROUND) || spec.region === 'background';
        if (!background && context.container) root.render(context.container);
        return {
            fireApplicationEvent(descriptor, params) {
                if (!OMNI_APPLICATION_EVENTS.includes(descriptor))
                    throw new Error(`platform/aura: ${descriptor} is not an application event the local Aura runtime delivers`);
                if (!root.valid) return;
                const name = descriptor.split(':')[1];
                for (const instance of root.tree) {
                    for (const handler of instance.def.eventHandlers) {
                        if (handler.event === descriptor && instance.valid) instance.run(handler.action, auraEvent(name, params));
                    }
                }
            },
            destroy() {
                root.destroy();
            }
        };
    }
}

/** An Aura event as controllers see it: getParam(name), getParams(), getName(), getSource(). */
function auraEvent(name: string, params: unknown, source?: unknown): unknown {
    const bag = (params ?? {}) as Record<string, unknown>;
    return strictObject(`event ${name}`, {
        getName: () => name,
        getParam: (key: string) => (bag && typeof bag === 'object' ? bag[key] : undefined),
        getParams: () => bag,
        getSource: () => source
    });
}

/** The factory the local console calls to create each Aura utility item. */
export function createAuraComponentFactory(
    services: AuraServices & { bundles: Record<string, AuraBundleSource> }
): UtilityComponentFactory {
    const runtime = new Runtime(services);
    return (spec, context) => runtime.mount(spec, context);
}

/** Checks that a bundle compiles against the services (markup, controller actions, children) without mounting it. */
export function compileAuraBundle(descriptor: string, services: AuraServices & { bundles: Record<string, AuraBundleSource> }): void {
    new Runtime(services).definition(descriptor);
}
