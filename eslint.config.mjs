import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

// Provider packages must be imported by deep path (the root import costs ~1.3 s and ~400 MB per process).
const PROVIDER_ROOT_IMPORTS = [
  { name: '@cdktf/provider-azurerm', message: "Import '@cdktf/provider-azurerm/lib/<resource>' in providers/azurerm.ts." },
  { name: '@cdktf/provider-azuread', message: "Import '@cdktf/provider-azuread/lib/<resource>' in providers/azuread.ts." },
];

// ...and only through providers/, so a cdktf -> cdktn switch touches one folder (tests and bench/ aside).
const PROVIDER_PACKAGES_OUTSIDE_PROVIDERS = [
  { regex: '^cdktf(/|$)', message: "Provider rule: import cdktf through providers/cdktf.ts." },
  { regex: '^@cdktf/provider-azurerm(/|$)', message: 'Provider rule: import azurerm resources through providers/azurerm.ts.' },
  { regex: '^@cdktf/provider-azuread(/|$)', message: 'Provider rule: import azuread resources through providers/azuread.ts.' },
];

/**
 * Layers (ARCHITECTURE.md, "Layers"): each folder may import only the folders listed for it, so imports point down
 * and no folder imports another in a cycle (test/architecture/layers.test.ts checks both). Folders not listed
 * (main.ts, deploy/, review/, workloads/, scripts/, bench/, test/) are the top and may import anything.
 */
const LAYERS = {
  providers: [],
  lib: ['providers'],
  config: ['lib', 'providers'],
  constructs: ['config', 'lib', 'providers'],
  aspects: ['constructs', 'config', 'lib', 'providers'],
  verifier: ['config', 'lib'],
  policy: ['verifier', 'config', 'lib'],
  stacks: ['aspects', 'constructs', 'verifier', 'config', 'lib', 'providers'],
};
const PROJECT_FOLDERS = [
  'aspects', 'bench', 'config', 'constructs', 'deploy', 'lib', 'main', 'policy', 'providers', 'review', 'scripts', 'stacks',
  'test', 'verifier', 'workloads',
];

function layerRule(folder) {
  const allowed = LAYERS[folder];
  const forbidden = PROJECT_FOLDERS.filter((other) => other !== folder && !allowed.includes(other));
  const may = allowed.length > 0 ? allowed.map((name) => `${name}/`).join(', ') : 'no other project folder';
  return {
    files: [`${folder}/**/*.ts`],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: PROVIDER_ROOT_IMPORTS,
          patterns: [
            ...forbidden.map((other) => ({
              regex: `^(\\.\\./)+${other}(/|$)`,
              message: `Layer rule: ${folder}/ may import only ${may} (ARCHITECTURE.md, "Layers"); ${other} is not below it.`,
            })),
            ...(folder === 'providers' ? [] : PROVIDER_PACKAGES_OUTSIDE_PROVIDERS),
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdktf.out/**', 'cdktf.out.*/**', 'dist/**', 'types/**', '.bench/**', 'coverage/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { paths: PROVIDER_ROOT_IMPORTS }],
    },
  },
  {
    // Outside the layered folders (main.ts, deploy/, review/, workloads/, scripts/): providers only through providers/.
    files: ['main.ts', 'deploy/**/*.ts', 'review/**/*.ts', 'workloads/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: PROVIDER_ROOT_IMPORTS, patterns: PROVIDER_PACKAGES_OUTSIDE_PROVIDERS }] },
  },
  ...Object.keys(LAYERS).map(layerRule),
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', __filename: 'readonly', Buffer: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
