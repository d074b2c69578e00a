import tseslint from 'typescript-eslint';
import base from './eslint.config.mjs';

/**
 * Type-aware rules on top of eslint.config.mjs (`npm run lint:typed`). They need the TypeScript program (~40 s cold),
 * so they run in CI next to the declaration build, not in `npm test` (which stays within a minute).
 */
export default tseslint.config(...base, {
  files: ['**/*.ts'],
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  rules: {
    '@typescript-eslint/no-unnecessary-condition': 'error',
    // V8's CallSite prints its `at` line; @types/node does not declare that toString.
    '@typescript-eslint/no-base-to-string': ['error', { ignoredTypeNames: ['Error', 'RegExp', 'URL', 'URLSearchParams', 'CallSite'] }],
    '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    '@typescript-eslint/no-unnecessary-type-assertion': 'error',
    '@typescript-eslint/no-floating-promises': 'error',
    '@typescript-eslint/no-misused-promises': 'error',
    '@typescript-eslint/await-thenable': 'error',
    '@typescript-eslint/switch-exhaustiveness-check': 'error',
  },
});
