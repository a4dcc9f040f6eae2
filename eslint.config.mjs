// ESLint 9 flat config for the whole repo.
//
// Why it is hand-written: the config the sf CLI generates for TypeScript projects spreads
// `tseslint.configs.base`, which is an object in typescript-eslint 8, and crashes
// ("tseslint.configs.base is not iterable"). This file follows the same layout as that
// template and Salesforce's lwc-recipes, with that bug fixed:
//   - LWC (.ts, compiled by tsc to .js beside it): @salesforce/eslint-config-lwc recommended-ts
//     rules, parsed by typescript-eslint's parser, plus typescript-eslint's recommended rules.
//   - Aura (.js): @salesforce/eslint-plugin-aura recommended + locker (as the sf CLI template).
//   - Jest tests, platform/ implementations and Node scripts: their own globals.
import { defineConfig, globalIgnores } from 'eslint/config';
import eslintJs from '@eslint/js';
import tseslint from 'typescript-eslint';
import jestPlugin from 'eslint-plugin-jest';
import globals from 'globals';
import lwcConfig from '@salesforce/eslint-config-lwc';
import auraPlugin from '@salesforce/eslint-plugin-aura';

// Core rules that @salesforce/eslint-config-lwc enables but that report false positives on
// TypeScript syntax (type-only declarations, overloads, parameter properties, types used
// before their declaration...). typescript-eslint documents these as "extension rules":
// the core rule is switched off and its type-aware twin runs with the same options.
const tsExtensionRules = {
    'no-shadow': 'off',
    '@typescript-eslint/no-shadow': 'error',
    'no-use-before-define': 'off',
    '@typescript-eslint/no-use-before-define': ['error', { functions: false }],
    'no-useless-constructor': 'off',
    '@typescript-eslint/no-useless-constructor': 'error',
    'no-empty-function': 'off',
    '@typescript-eslint/no-empty-function': ['error', { allow: ['arrowFunctions', 'functions', 'methods'] }],
    // Same options as the sf CLI TypeScript template.
    '@typescript-eslint/no-unused-vars': ['error', { vars: 'all', args: 'after-used', argsIgnorePattern: '^_' }]
};

export default defineConfig([
    globalIgnores([
        // JavaScript that tsc generates beside LWC TypeScript sources (see .gitignore);
        // hand-written .js under __tests__ is still linted.
        'force-app/**/lwc/**/*.js',
        '!force-app/**/lwc/**/__tests__/**/*.js',
        'platform/**/*.js',
        '**/node_modules/',
        '**/.sf/',
        '**/.sfdx/',
        '**/.localdevserver/',
        'coverage/'
    ]),

    // Every TypeScript file outside LWC bundles (platform/, types/, Aura tests): JS + TS recommended.
    {
        files: ['**/*.ts'],
        extends: [eslintJs.configs.recommended, tseslint.configs.recommended],
        rules: tsExtensionRules
    },

    // LWC bundles: Salesforce's recommended-ts rules, typescript-eslint parser and rules.
    {
        files: ['force-app/**/lwc/**/*.{ts,js}'],
        extends: [lwcConfig.configs.recommendedTs, tseslint.configs.recommended],
        languageOptions: {
            parser: tseslint.parser,
            ecmaVersion: 'latest',
            sourceType: 'module'
        },
        rules: tsExtensionRules
    },

    // Jest tests (LWC bundles and the Aura bundle): jest globals and rules, node globals as
    // in the sf CLI template.
    {
        files: ['force-app/**/__tests__/**/*.{ts,js}', 'sim/**/__tests__/**/*.ts', 'classic/**/__tests__/**/*.ts'],
        extends: [jestPlugin.configs['flat/recommended']],
        languageOptions: {
            globals: {
                ...globals.node,
                ...globals.jest
            }
        },
        rules: {
            // Helpers that assert on a result and return it count as assertions.
            'jest/expect-expect': ['warn', { assertFunctionNames: ['expect', 'payloadError', 'argumentError', 'rejection'] }],
            // jest.mock factories are hoisted above imports, so they must require() (as in lwc-recipes).
            '@typescript-eslint/no-require-imports': 'off'
        }
    },
    {
        // LWC tests emit wire adapter data directly (as in lwc-recipes and the sf CLI template).
        files: ['force-app/**/lwc/**/__tests__/**/*.{ts,js}'],
        rules: {
            '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off'
        }
    },

    // Aura controllers, helpers and renderers.
    {
        files: ['force-app/**/aura/**/*.js'],
        ignores: ['force-app/**/aura/**/__tests__/**'],
        extends: [auraPlugin.configs.recommended, auraPlugin.configs.locker],
        rules: {
            // Documented false positive: an Aura controller/helper file *is* the expression
            // statement `({ ... });`, which this rule reports.
            'no-unused-expressions': 'off'
        }
    },

    // Local implementations of Salesforce platform modules and test fakes (used by jest).
    {
        files: ['platform/**/*.ts'],
        languageOptions: {
            globals: globals.node
        }
    },

    // CommonJS config files at the root (jest.config.js).
    {
        files: ['*.js', '*.cjs'],
        extends: [eslintJs.configs.recommended],
        languageOptions: {
            sourceType: 'commonjs',
            globals: globals.node
        }
    },

    // Node ESM tooling.
    {
        files: ['scripts/**/*.mjs', 'bench/**/*.mjs', 'e2e/**/*.mjs', 'sim/**/*.mjs', '*.mjs'],
        extends: [eslintJs.configs.recommended],
        languageOptions: {
            ecmaVersion: 'latest',
            sourceType: 'module',
            globals: globals.node
        }
    }
]);
