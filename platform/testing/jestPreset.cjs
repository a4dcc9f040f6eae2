/**
 * The Omni Console Kit's jest preset for users' own tests (see the README, "Testing kit").
 * In your jest.config.js, after sfdx-lwc-jest's config:
 *
 *   const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');
 *   const { omniKitJestConfig } = require('<kit>/platform/testing/jestPreset.cjs');
 *   const kit = omniKitJestConfig({ kitRoot: '<rootDir>/<kit>' });
 *   module.exports = { ...jestConfig, moduleNameMapper: { ...kit.moduleNameMapper } };
 *
 * It maps the kit's bundles (c/omniClient, c/omniKit, c/omniTypes, c/omniBridgeCore) wherever
 * the kit sits, the platform modules the kit fakes with behaviour (lightning/messageService,
 * lightning/platformUtilityBarApi), and the testing kit itself as `omni-console-kit/testing`.
 *
 * dropIn: true maps lightning/messageService to the drop-in fake whose exports are jest mock
 * functions (for tests written against sfdx-lwc-jest's stubs: expect(publish).toHaveBeenCalledWith
 * keeps working); false (the default) to the strict fake the kit's own tests use.
 */
'use strict';

const KIT_BUNDLES = ['omniClient', 'omniKit', 'omniTypes', 'omniBridgeCore'];

function omniKitJestConfig(options = {}) {
    const kitRoot = options.kitRoot;
    if (typeof kitRoot !== 'string' || kitRoot === '')
        throw new TypeError('omniKitJestConfig: kitRoot (the kit checkout, e.g. "<rootDir>/vendor/omni-console-kit") is required');
    const lwc = `${kitRoot}/force-app/main/default/lwc`;
    const messageService = options.dropIn
        ? `${kitRoot}/platform/testing/dropIn/messageService.ts`
        : `${kitRoot}/platform/lightning/messageService/messageService.ts`;
    const moduleNameMapper = {
        '^lightning/messageService$': messageService,
        '^lightning/platformUtilityBarApi$': `${kitRoot}/platform/lightning/platformUtilityBarApi/platformUtilityBarApi.ts`,
        '^omni-console-kit/testing$': `${kitRoot}/platform/testing/index.ts`,
        // The kit's Apex (statuses, decline settings, push time-outs) answers for the org the fake Omni plays.
        '^@salesforce/apex/OmniPanelController\\.(getAvailableStatuses|getDeclineSettings|getWorkItemSummaries|getPushTimeouts)$': `${kitRoot}/platform/testing/apex/OmniPanelController.$1.ts`
    };
    for (const bundle of KIT_BUNDLES) moduleNameMapper[`^c/${bundle}$`] = `${lwc}/${bundle}/${bundle}.ts`;
    return { moduleNameMapper };
}

module.exports = { omniKitJestConfig, KIT_BUNDLES };
