/**
 * The type-aware lint layer is wired where the docs say: a cached npm script over eslint.typed.config.mjs, which
 * builds on the base config and turns on the typed rules, run by CI right after `npm test` (not inside it, which
 * stays within a minute). Its findings are checked by running it (`npm run lint:typed`), not here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root';

const read = (file: string): string => fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

test('npm run lint:typed lints everything with the typed config, cached apart from the base lint', () => {
  expect(scripts['lint:typed']).toBe('eslint --config eslint.typed.config.mjs --cache --cache-location node_modules/.cache/eslint-typed/ .');
  expect(scripts.test).not.toContain('lint:typed');
  expect(read('scripts/check.cjs')).not.toContain('lint:typed');
});

test('the typed config extends the base config with type information and the typed rules', () => {
  const config = read('eslint.typed.config.mjs');
  expect(config).toMatch(/^import base from '\.\/eslint\.config\.mjs';$/m);
  expect(config).toContain('...base');
  expect(config).toContain('projectService: true');
  const rules = [
    'no-unnecessary-condition',
    'no-base-to-string',
    'restrict-template-expressions',
    'no-unnecessary-type-assertion',
    'no-floating-promises',
    'no-misused-promises',
    'await-thenable',
    'switch-exhaustiveness-check',
  ];
  for (const rule of rules) expect(config).toMatch(new RegExp(`'@typescript-eslint/${rule}': \\[?'error'`));
});

test('CI runs it right after npm test', () => {
  const ci = read('.ci/run')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
  const tests = ci.indexOf('npm test');
  expect(tests).toBeGreaterThanOrEqual(0);
  expect(ci.slice(tests + 1, tests + 3)).toContain('npm run lint:typed');
});
