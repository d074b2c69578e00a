/**
 * The public API as a package would ship it (docs/publishing.md): package.json `exports`/`types` point at the barrel's
 * build outputs, the package resolves by name, and `files` holds every module the barrel loads.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root';

interface PackageJson {
  readonly name: string;
  readonly main: string;
  readonly types: string;
  readonly exports: Record<string, { readonly types: string; readonly default: string } | string>;
  readonly files: readonly string[];
}

const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as PackageJson;
const typesConfig = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'tsconfig.types.json'), 'utf8')) as { compilerOptions: { outDir: string }; files: string[] };

/** Loads the package by its name in a fresh Node process; returns its export names and the project files it loaded. */
function loadByName(): { exports: string[]; loaded: string[] } {
  const script = `
    const api = require(${JSON.stringify(`${pkg.name}/constructs`)});
    const root = ${JSON.stringify(PROJECT_ROOT + path.sep)};
    const loaded = Object.keys(require.cache).filter((f) => f.startsWith(root) && !f.includes('node_modules')).map((f) => f.slice(root.length));
    process.stdout.write(JSON.stringify({ exports: Object.keys(api), loaded }));`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as { exports: string[]; loaded: string[] };
}

describe('public API package fields', () => {
  test('exports and types point at the outputs of constructs/index.ts (dist/ by the build, types/ by build:types)', () => {
    const barrel = typesConfig.files[0]!.replace(/\.ts$/, '');
    const entry = { types: `./${typesConfig.compilerOptions.outDir}/${barrel}.d.ts`, default: `./dist/${barrel}.js` };
    expect(pkg.exports['.']).toEqual(entry);
    expect(pkg.exports['./constructs']).toEqual(entry);
    expect(`./${pkg.types}`).toBe(entry.types);
    expect(`./${pkg.main}`).toBe(entry.default);
    expect(fs.existsSync(path.join(PROJECT_ROOT, entry.default))).toBe(true);
  });

  test('the package resolves by name, exposes the constructs and their imports, and ships every module it loads', () => {
    const { exports, loaded } = loadByName();
    for (const name of ['KeyVault', 'HubVirtualNetwork', 'HubNetworkBase', 'Hub', 'ThreeTierSpoke', 'LogAnalyticsWorkspace', 'PrivateDnsZones', 'DdosProtectionPlan', 'AzureFirewall', 'ExistingSubnet', 'grantIdOf', 'defineResourceLock']) {
      expect(exports).toContain(name);
    }
    const unshipped = loaded.filter((file) => !pkg.files.some((entry) => file.split(path.sep).join('/').startsWith(`${entry}/`)));
    expect(loaded.length).toBeGreaterThan(50);
    expect(unshipped).toEqual([]);
  });
});
