import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import layers from './tools/eslint/layers-rule.mjs';

/**
 * Every rule that needs no type checker: eslint.config.mjs adds the type-aware
 * ones. The lint tests of tests/unit/tools lint imaginary files through this
 * one (the type checker only knows files on disk, and starting it per probe
 * would cost seconds each).
 */

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.vite/', 'out/', 'coverage/', 'tests/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { berkas: { rules: { layers } } },
    rules: {
      'berkas/layers': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    // useAsync (renderer/src/lib/use-async.ts) takes deps as useEffect does, and is checked the same way.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': ['error', { additionalHooks: '^useAsync$' }] },
  },
  {
    // Command-line and benchmark programs talk to a terminal by design.
    files: ['cli/**', 'bench/**', 'tools/**', 'tests/**', 'server/**'],
    rules: { 'no-console': 'off' },
  },
);
