const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
    ...jestConfig,
    moduleNameMapper: {
        // Platform modules sfdx-lwc-jest does not stub with behaviour: real in-page implementations.
        '^lightning/messageService$': '<rootDir>/platform/lightning/messageService/messageService.ts',
        '^lightning/platformUtilityBarApi$': '<rootDir>/platform/lightning/platformUtilityBarApi/platformUtilityBarApi.ts',
        '^@platform/(.*)$': '<rootDir>/platform/$1',
        // The public testing kit, under the name the kit's jest preset gives it (platform/testing/jestPreset.cjs).
        '^omni-console-kit/testing$': '<rootDir>/platform/testing/index.ts',
        // OmniPanelController's methods answer from the simulator's fake of the class (a test may still jest.mock them).
        '^@salesforce/apex/OmniPanelController\\.(getAvailableStatuses|getDeclineSettings|getWorkItemSummaries|getPushTimeouts)$':
            '<rootDir>/platform/testing/apex/OmniPanelController.$1.ts',
        // jsdom resolves yaml's browser ESM build; jest needs its CommonJS one.
        '^yaml$': '<rootDir>/node_modules/yaml/dist/index.js'
    },
    setupFilesAfterEnv: [...(jestConfig.setupFilesAfterEnv || []), '<rootDir>/platform/testing/labels.setup.ts'],
    testMatch: ['**/__tests__/**/*.test.ts'],
    testPathIgnorePatterns: ['<rootDir>/node_modules/', '<rootDir>/.sf/', '<rootDir>/.sfdx/'],
    modulePathIgnorePatterns: ['<rootDir>/.sf/', '<rootDir>/.sfdx/'],
    // Tests run against the TypeScript sources, not the .js tsc writes beside them.
    moduleFileExtensions: ['ts', 'js', 'html'],
    restoreMocks: true
};
