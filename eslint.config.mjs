import base from './eslint.base.config.mjs';

/**
 * The project's lint: the rules of eslint.base.config.mjs, and the ones that
 * need the type checker. A promise nobody awaits or catches loses its failure,
 * and one handed where a void callback is expected (an onClick, an event
 * listener) does too. They cover what tsconfig.json compiles.
 */
export default [
  ...base,
  {
    files: ['{core,electron,renderer,cli,server,tests,bench}/**/*.{ts,tsx}', 'forge.config.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
];
