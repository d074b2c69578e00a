import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdktf.out/**', 'cdktf.out.*/**', 'dist/**', '.bench/**', 'coverage/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // Provider packages must be imported by deep path (the root import costs ~1.3 s and ~400 MB per process),
      // and only through providers/ so a cdktf -> cdktn switch touches one folder.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@cdktf/provider-azurerm', message: "Import '@cdktf/provider-azurerm/lib/<resource>' in providers/azurerm.ts." },
            { name: '@cdktf/provider-azuread', message: "Import '@cdktf/provider-azuread/lib/<resource>' in providers/azuread.ts." },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', Buffer: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
