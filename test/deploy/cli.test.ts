/**
 * `npm run plan` / `npm run deploy` against a fake terraform (test/deploy/fake-terraform.sh) on PATH: real ordering,
 * stop at the first failure, parallelism within a level, plan files with their text, refusal of placeholder IDs and
 * one-line failures without terraform or credentials; cdktf.out is never touched.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_CONFIG_DIR } from '../../config/load';
import { DEFAULT_TENANT_DIR } from '../../config/tenants';
import { main, runLimited } from '../../deploy/cli';
import { levels, stackOrder } from '../../deploy/stack-order';
import { at, defined, embeddedConfigs } from '../helpers';
import { PROJECT_ROOT } from '../../lib/project-root';

const FAKE_TERRAFORM = path.join(PROJECT_ROOT, 'test', 'deploy', 'fake-terraform.sh');
/** A non-placeholder GUID prefix: the copied config is the embedded one with real-looking IDs. */
const REAL_PREFIX = '3f2a9c1e-5b7d-4e8f-9a0b-';

interface Fixture {
  readonly root: string;
  readonly outdir: string;
  readonly log: string;
  readonly env: NodeJS.ProcessEnv;
}

/** A project directory: dev.yaml and the tenant with real-looking IDs, and a fake synthesized cdktf.out. */
function fixture(options: { placeholders?: boolean } = {}): Fixture {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-deploy-'));
  for (const [from, to] of [
    [path.join(DEFAULT_CONFIG_DIR, 'dev.yaml'), 'config/environments/dev.yaml'],
    [path.join(DEFAULT_TENANT_DIR, 'contoso.yaml'), 'config/tenants/contoso.yaml'],
  ] as const) {
    fs.mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
    const text = fs.readFileSync(from, 'utf8');
    fs.writeFileSync(path.join(root, to), options.placeholders ? text : text.replaceAll('00000000-0000-0000-0000-', REAL_PREFIX));
  }
  const outdir = path.join(root, 'cdktf.out');
  const dev = embeddedConfigs().find((c) => c.environment === 'dev');
  if (!dev) throw new Error('no embedded dev');
  for (const stack of stackOrder(dev, { identity: true })) {
    fs.mkdirSync(path.join(outdir, 'stacks', stack.name), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'stacks', stack.name, 'cdk.tf.json'), JSON.stringify({ stack: stack.name }));
  }
  const bin = path.join(root, 'bin');
  fs.mkdirSync(bin);
  fs.symlinkSync(FAKE_TERRAFORM, path.join(bin, 'terraform'));
  const log = path.join(root, 'terraform.log');
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}:/usr/bin:/bin`,
    HOME: root,
    LZ_CONFIG: path.join(root, 'config/environments/dev.yaml'),
    FAKE_TF_LOG: log,
    ARM_USE_MSI: 'true',
    CI: 'true',
  };
  return { root, outdir, log, env };
}

function tree(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) result[path.relative(dir, path.join(entry.parentPath, entry.name))] = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    else if (entry.isDirectory()) result[`${path.relative(dir, path.join(entry.parentPath, entry.name))}/`] = '';
  }
  return result;
}

async function run(f: Fixture, command: 'plan' | 'deploy', args: string[], extraEnv: NodeJS.ProcessEnv = {}, azLoggedIn = false) {
  let stdout = '';
  let stderr = '';
  const code = await main(command, args, { out: (t) => (stdout += t), err: (t) => (stderr += t), env: { ...f.env, ...extraEnv }, cwd: f.root }, () => azLoggedIn);
  const calls = fs.existsSync(f.log)
    ? fs
        .readFileSync(f.log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split(' '))
    : [];
  return { code, stdout, stderr, calls };
}

const fixtures: Fixture[] = [];
const make = (options?: { placeholders?: boolean }) => {
  const f = fixture(options);
  fixtures.push(f);
  return f;
};
afterAll(() => fixtures.forEach((f) => fs.rmSync(f.root, { recursive: true, force: true })));

describe('stack order', () => {
  test.each(embeddedConfigs().map((c) => [c.environment, c] as const))('%s: management, connectivity, then every spoke on one level; identity first on request', (_env, config) => {
    const order = stackOrder(config);
    expect(levels(order).map((l) => l.map((s) => s.kind))).toEqual([['management'], ['connectivity'], config.spokes.map(() => 'spoke')]);
    expect(order.filter((s) => s.kind === 'spoke').map((s) => s.name).sort()).toEqual(config.spokes.map((s) => `${config.environment}-lz-${s.name}`).sort());
    const withIdentity = stackOrder(config, { identity: true });
    expect(withIdentity[0]).toMatchObject({ name: `${config.tenantConfig.tenant}-identity`, level: 0 });
    expect(withIdentity.slice(1).every((s) => s.level > 0)).toBe(true);
  });

  test('runLimited keeps at most N running and starts nothing after a failure', async () => {
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const failures = await runLimited([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 20));
      running--;
      return n === 2 ? 'two failed' : undefined;
    });
    expect(peak).toBe(2);
    expect(failures).toEqual(['two failed']);
    expect(started).toEqual([1, 2, 3]);
  });
});

describe('npm run plan / deploy with a fake terraform', () => {
  test('--list-stacks --json gives the order and levels for a CI matrix, without terraform', async () => {
    const f = make();
    const { code, stdout, calls } = await run(f, 'plan', ['--env', 'dev', '--identity', '--list-stacks', '--json'], { PATH: '/nonexistent' });
    expect(code).toBe(0);
    expect(calls).toEqual([]);
    const listed = JSON.parse(stdout) as { levels: string[][]; stacks: { name: string; level: number }[] };
    expect(listed.levels).toEqual([['contoso-identity'], ['dev-management'], ['dev-connectivity'], ['dev-lz-crm', 'dev-lz-shop']]);
  });

  test('plan: every stack in order, telemetry off, no prompts, plan files with their show text, cdktf.out untouched', async () => {
    const f = make();
    const before = tree(f.outdir);
    const { code, stdout, stderr, calls } = await run(f, 'plan', ['--env', 'dev', '--identity']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const starts = calls.filter((c) => c[0] === 'start');
    const order = [...new Set(starts.map((c) => c[1]))];
    expect(order.slice(0, 3)).toEqual(['contoso-identity', 'dev-management', 'dev-connectivity']);
    expect(order.slice(3).sort()).toEqual(['dev-lz-crm', 'dev-lz-shop']);
    expect(starts.every((c) => c.includes('CHECKPOINT_DISABLE=1') && c.includes('TF_INPUT=0'))).toBe(true);
    expect(calls.filter((c) => c[0] === 'start' && c[2] === 'apply')).toEqual([]);
    for (const stack of order) {
      expect(fs.readFileSync(path.join(f.root, 'plans', `${stack}.tfplan`), 'utf8')).toContain(`binary plan of ${stack}`);
      expect(fs.readFileSync(path.join(f.root, 'plans', `${stack}.tfplan.txt`), 'utf8')).toContain(`# ${stack}: 3 to add`);
    }
    expect(stdout).toContain('first apply of the identity stack needs TF_VAR_break_glass_breakglass01_password, TF_VAR_break_glass_breakglass02_password');
    expect(stdout).toMatch(/deployer needs for identity: .*Conditional Access Administrator/);
    expect(stdout).toMatch(/deployer needs for management: Owner .*Storage Blob Data Contributor|deployer needs for management: Owner/);
    expect(tree(f.outdir)).toEqual(before);
    expect(fs.existsSync(path.join(f.root, '.deploy', 'stacks', 'dev-management', '.terraform'))).toBe(true);
  });

  test('deploy stops at the first failure: nothing after the failing level starts, one line names the stack and log', async () => {
    const f = make();
    const { code, stderr, calls } = await run(f, 'deploy', ['--env', 'dev', '--auto-approve'], { FAKE_TF_FAIL: 'dev-connectivity:plan', FAKE_TF_ERROR: 'Invalid reference' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^deploy: dev-connectivity: terraform plan failed: Error: Invalid reference \(log: plans\/dev-connectivity\.plan\.log\); stopped, 2 later stacks not started/);
    const stacksTouched = [...new Set(calls.map((c) => c[1]))];
    expect(stacksTouched).toEqual(['dev-management', 'dev-connectivity']);
    expect(calls.filter((c) => c[0] === 'start' && c[1] === 'dev-management').map((c) => c[2])).toEqual(['init', 'plan', 'show', 'apply']);
  });

  test('spokes of one level run in parallel up to --parallelism', async () => {
    // Two spokes of dev's spoke level; only their plans take time: the windows overlap or not, the rest do not wait.
    const dev = embeddedConfigs().find((c) => c.environment === 'dev');
    const spokes = stackOrder(defined(dev, 'the embedded dev environment')).filter((s) => s.kind === 'spoke').map((s) => s.name);
    expect(spokes.length).toBeGreaterThanOrEqual(2);
    const [first, second] = [at(spokes, 0), at(spokes, 1)];
    const overlap = async (parallelism: string) => {
      const f = make();
      const { code, calls } = await run(f, 'plan', ['--env', 'dev', '--parallelism', parallelism], { FAKE_TF_SLEEP: '0.4', FAKE_TF_SLEEP_STACKS: `${first},${second}` });
      expect(code).toBe(0);
      const window = (stack: string) => {
        const plan = calls.filter((c) => c[1] === stack && c[2] === 'plan');
        return [Number(plan[0]![3]), Number(plan[1]![3])];
      };
      const [a, b] = [window(first), window(second)];
      return a[0]! < b[1]! && b[0]! < a[1]!;
    };
    expect(await overlap('2')).toBe(true);
    expect(await overlap('1')).toBe(false);
  });

  test('deploy in CI without --auto-approve refuses before terraform runs instead of prompting', async () => {
    const f = make();
    const { code, stderr, calls } = await run(f, 'deploy', ['--env', 'dev']);
    expect(code).toBe(1);
    expect(stderr).toBe('deploy: CI is set, so nothing prompts: pass --auto-approve to apply the plans this run makes\n');
    expect(calls).toEqual([]);
  });

  test('placeholder IDs are refused before terraform init, each with its file and path', async () => {
    const f = make({ placeholders: true });
    const before = tree(f.outdir);
    const { code, stderr, calls } = await run(f, 'deploy', ['--env', 'dev', '--auto-approve']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^deploy: refusing to run terraform: \d+ placeholder IDs/);
    expect(stderr).toMatch(/config\/environments\/dev\.yaml subscriptionId: 00000000-0000-0000-0000-000000000001/);
    expect(stderr).toMatch(/config\/tenants\/contoso\.yaml tenantId: 00000000-0000-0000-0000-000000000000/);
    expect(calls).toEqual([]);
    expect(tree(f.outdir)).toEqual(before);
  });

  test('without terraform, or without credentials: one line, exit 1, nothing run and cdktf.out byte-identical', async () => {
    const f = make();
    const before = tree(f.outdir);
    const noTerraform = await run(f, 'deploy', ['--env', 'dev', '--auto-approve'], { PATH: '/nonexistent' });
    expect(noTerraform.code).toBe(1);
    expect(noTerraform.stderr).toMatch(/^deploy: terraform not found on PATH \(or TERRAFORM\); install Terraform[^\n]*\n$/);
    const noCredentials = await run(f, 'deploy', ['--env', 'dev', '--auto-approve'], { ARM_USE_MSI: '' });
    expect(noCredentials.code).toBe(1);
    expect(noCredentials.stderr).toMatch(/^deploy: no Azure credentials: run az login[^\n]*\n$/);
    expect(noCredentials.calls).toEqual([]);
    expect((await run(f, 'plan', ['--env', 'dev', '--list-stacks'], { ARM_USE_MSI: '' }, true)).code).toBe(0);
    expect(tree(f.outdir)).toEqual(before);
  });

  test('a provider download failure is explained in one line', async () => {
    const f = make();
    const { code, stderr } = await run(f, 'plan', ['--env', 'dev'], { FAKE_TF_FAIL: 'dev-management:init', FAKE_TF_ERROR: 'Failed to query available provider packages' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^plan: dev-management: terraform init failed: providers could not be installed .*; stopped, 3 later stacks not started\n$/);
  });

  test('bad arguments and unknown environments are one line each', async () => {
    const f = make();
    expect((await run(f, 'plan', ['--env', 'nope'])).stderr).toBe("plan: no environment 'nope'; configured: dev\n");
    expect((await run(f, 'plan', ['--env', 'dev', '--parallelism', '0'])).stderr).toBe("plan: --parallelism must be a whole number of at least 1, not '0'\n");
    expect((await run(f, 'plan', ['--env', 'dev', '--stack', 'dev-lz-erp'])).stderr).toContain("plan: no stack 'dev-lz-erp' in this run");
  });
});
