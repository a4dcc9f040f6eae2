/** The examples' components, bundled by sim/build/examplesModule.mjs (empty in a production build). */
declare module 'omni-sim:examples' {
    import type { LightningElement } from 'lwc';
    /** Each example bundle's constructor by flexipage component name ('c:omniAcceptOneAtATime'). */
    export const exampleLwcs: Readonly<Record<string, typeof LightningElement>>;
}
