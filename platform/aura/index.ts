/** The local Aura runtime: hosts Aura bundles as utility items of the local console (see auraRuntime.ts). */
export {
    createAuraComponentFactory,
    compileAuraBundle,
    OMNI_APPLICATION_EVENTS,
    OMNI_TOOLKIT_METHODS,
    type AuraBundleSource,
    type AuraServices
} from './auraRuntime';
export { AuraMarkupError } from './markup';
export { serveToolkitCalls, type ToolkitRunner } from './serveToolkitCalls';
