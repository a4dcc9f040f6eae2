/** The console's metadata, bundled by sim/build/consoleModule.mjs. */
declare module 'omni-sim:console' {
    /** As platform/aura's AuraBundleSource. */
    interface AuraBundleSource {
        descriptor: string;
        markup: string;
        controller: string;
        helper?: string;
    }
    /** The UtilityBar flexipage the project deploys (path relative to the repository). */
    export const flexipage: { file: string; text: string };
    /** Each bundle of force-app/main/default/aura, by descriptor ('c:omniWorkloadUtility'). */
    export const auraBundles: Readonly<Record<string, AuraBundleSource>>;
    /** Bundles the kit no longer deploys but an org may still hold (c:omniBridge), by descriptor. */
    export const retiredBundles: Readonly<Record<string, AuraBundleSource>>;
    /** Custom Label values by name. */
    export const labels: Readonly<Record<string, string>>;
}
