/**
 * What loading a module costs: each entry point's import closure, measured in a fresh Node process on the compiled
 * output (as the CLIs run it). A bound that fails means a new import pulled a layer in that the run does not use.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root';

interface Closure {
  /** Every module file loaded, relative to the repository root. */
  readonly modules: string[];
}

function closureOf(entry: string): Closure {
  const script = `
    const before = new Set(Object.keys(require.cache));
    require(${JSON.stringify(path.join(PROJECT_ROOT, 'dist', `${entry}.js`))});
    const loaded = Object.keys(require.cache).filter((file) => !before.has(file));
    process.stdout.write(JSON.stringify(loaded));`;
  // The module's own side effects (a CLI printing usage) must not run: only modules without a main guard are loaded here.
  const result = spawnSync(process.execPath, ['-e', script], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`loading ${entry} failed: ${result.stderr}`);
  return { modules: (JSON.parse(result.stdout) as string[]).map((file) => path.relative(PROJECT_ROOT, file).split(path.sep).join('/')) };
}

const own = (closure: Closure, folder: string) => closure.modules.filter((file) => file.startsWith(`dist/${folder}/`));
const fromPackage = (closure: Closure, name: string) => closure.modules.filter((file) => file.startsWith(`node_modules/${name}/`));

describe('config loading', () => {
  const closure = closureOf('config/load');

  test('imports neither the policy pack, the verifier, the stacks nor the constructs (rule IDs are passed in)', () => {
    expect(['policy', 'verifier', 'stacks', 'constructs', 'aspects'].flatMap((folder) => own(closure, folder))).toEqual([]);
  });

  test('loads no cdktf or provider module and stays under 200 modules in all', () => {
    expect([...fromPackage(closure, 'cdktf'), ...fromPackage(closure, '@cdktf')]).toEqual([]);
    expect(closure.modules.length).toBeLessThan(200);
  });
});

describe('the policy pack', () => {
  const closure = closureOf('policy/pack');

  test('reads synthesized JSON only: no cdktf, no provider binding, no config loading', () => {
    expect([...fromPackage(closure, 'cdktf'), ...fromPackage(closure, '@cdktf'), ...own(closure, 'config')]).toEqual([]);
  });
});

describe('the stacks', () => {
  const closure = closureOf('stacks/environment');

  test('import provider bindings by deep path only (the package roots load every resource)', () => {
    const roots = closure.modules.filter((file) => /^node_modules\/@cdktf\/provider-[a-z]+\/lib\/index\.js$/.test(file));
    expect(roots).toEqual([]);
    expect(fromPackage(closure, '@cdktf/provider-azurerm').length).toBeGreaterThan(0);
  });

  test('do not load the policy pack\'s rules or engine (they run on the output; constructs record suppressions only)', () => {
    const pack = own(closure, 'policy').filter((file) => !/^dist\/policy\/suppression(s|-model)\.js$/.test(file));
    expect(pack).toEqual([]);
  });
});
