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
    // Linked into the Emscripten module with --pre-js: Module is the module being built.
    files: ['bindings/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { Module: 'readonly' } },
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
