// Lint rules for the JavaScript of the site, the build scripts and the tests
// (run by build-scripts/test.sh; Prettier owns the formatting).
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['build/', 'node_modules/'] },
  js.configs.recommended,
  {
    files: ['www/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser, createDescentCore: 'readonly' } },
  },
  {
    files: ['build-scripts/**/*.{js,mjs}', 'tests/**/*.{js,mjs}', 'bindings/**/*.js', '*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, createDescentCore: 'readonly' } },
  },
  {
    // Linked into the Emscripten module with --pre-js: Module is the module being built; the others
    // are the glue's own variables, set by the time a pre-js hook runs.
    files: ['bindings/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        ...globals.browser,
        Module: 'readonly',
        ENVIRONMENT_IS_NODE: 'readonly',
        wasmBinaryFile: 'readonly',
        readyPromiseReject: 'readonly',
        require: 'readonly',
      },
    },
  },
  {
    rules: {
      'no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error',
      'no-var': 'error',
    },
  },
];
