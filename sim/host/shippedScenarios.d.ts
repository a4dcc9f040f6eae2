/** The scenario files of scenarios/, bundled by sim/build/scenariosModule.mjs. */
declare module 'omni-sim:scenarios' {
    const scenarios: ReadonlyArray<{ name: string; file: string; text: string }>;
    export default scenarios;
}
