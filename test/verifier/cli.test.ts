/** The CLI as a process: exit codes, one-line errors without stack traces, a verdict and the matrix. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { embeddedConfigs, embeddedMainJob } from '../helpers';
import { APP1, landingZone, nsgRule } from './fixtures';
import { PROJECT_ROOT } from '../../lib/project-root';
import { DECLARED_FLOWS_KEY } from '../../lib/stack-metadata';
import { spokeSubnetName } from '../../config/spoke-names';

const root = PROJECT_ROOT;

function flows(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['dist/verifier/cli.js', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: withoutConfigOverrides(process.env),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeOutdir(): string {
  const lz = landingZone();
  nsgRule(lz.s, APP1, lz.nsgData, 'DenyAllInbound', { priority: 4096, access: 'Deny', protocol: '*', destination_port_range: '*' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flows-cli-'));
  for (const [stack, json] of Object.entries(lz.s.json())) {
    fs.mkdirSync(path.join(dir, 'stacks', stack), { recursive: true });
    fs.writeFileSync(path.join(dir, 'stacks', stack, 'cdk.tf.json'), JSON.stringify(json));
  }
  return dir;
}

describe('flows CLI', () => {
  it('exits 1 with one line and no stack trace when the output directory is missing', () => {
    const result = flows('--out', '/nonexistent/cdktf.out');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('flows: no synthesized stacks in /nonexistent/cdktf.out/stacks; run npm run synth first (or pass --out <dir>)\n');
    expect(result.stdout).toBe('');
  });

  it('exits 1 on bad arguments', () => {
    const result = flows('--port', 'x');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('flows: --from, --to and --port go together\n');
  });

  it('prints a denied verdict with its deciding rule and exits 0', () => {
    const result = flows('--out', writeOutdir(), '--env', 'dev', '--from', 'snet-web-app1', '--to', 'snet-data-app1', '--port', '1433');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('DENIED: denied by nsg-data-app1 inbound rule DenyAllInbound (priority 4096)');
    expect(result.stdout).toContain('decided by: nsg-rule nsg=nsg-data-app1 rule=DenyAllInbound priority=4096');
  });

  it('prints the matrix of an environment', () => {
    const result = flows('--out', writeOutdir(), '--env', 'dev');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('## Reachability matrix: dev');
    expect(result.stdout).toContain('| snet-web-app1 | – | – | 22, 3389 |');
  });
});

/** The environment without the developer's config overrides, so the embedded environments are used. */
function withoutConfigOverrides(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { LZ_CONFIG: _config, CDKTF_CONTEXT_JSON: _context, ...rest } = env;
  return rest;
}

describe('flows CLI --check', () => {
  /** The embedded environments synthesized by the main job, as `npm run synth` writes them (shared by the run's test files). */
  let pristine: string | undefined;
  const copies: string[] = [];
  afterAll(() => {
    // The main job's output itself is the run's shared copy (test/helpers.ts embeddedMainJob), left in place.
    for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh copy of the main job's output for the embedded environments, optionally with one stack hand-edited. */
  function synthesizedOutdir(edit?: (stacks: string) => void): string {
    if (!pristine) {
      const mainJob = embeddedMainJob();
      expect(mainJob.status).toBe(0);
      pristine = mainJob.outdir;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flows-check-'));
    copies.push(dir);
    fs.cpSync(pristine, dir, { recursive: true });
    edit?.(path.join(dir, 'stacks'));
    return dir;
  }

  it('exits 0 when every intended flow of every environment holds', () => {
    const result = flows('--out', synthesizedOutdir(), '--check');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // One line per environment of the config (tenant-wide stacks have no network), sorted.
    const lines = result.stdout.trim().split('\n');
    expect(lines.map((line) => line.replace(/\d+/, 'N'))).toEqual(embeddedConfigs().map((c) => `✔ ${c.environment}: all N intended flows hold`));
  });

  it('exits 1 and names the deciding rule when a hand-edited output breaks the segmentation', () => {
    const outdir = synthesizedOutdir((stacks) => {
      const file = path.join(stacks, 'prod-lz-crm', 'cdk.tf.json');
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { resource: Record<string, Record<string, Record<string, unknown>>> };
      // Someone "temporarily" opens SSH from anywhere on the crm data tier, and the web tier lets it out.
      for (const rule of Object.values(json.resource.azurerm_network_security_rule ?? {})) {
        if (rule.name === 'AllowBastionManagement' && String(rule.network_security_group_name).includes('dataNsg')) rule.source_address_prefix = '*';
      }
      fs.writeFileSync(file, JSON.stringify(json));
    });
    const result = flows('--out', outdir, '--env', 'prod', '--check');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('✖ prod:');
    expect(result.stdout).toContain('prod: Internet -> crm data 22/Tcp: expected denied, got allowed: allowed by nsg-data-crm-prod-weu inbound rule AllowBastionManagement (priority 300)');
  });

  it('checks the flows a stack declares (allowFlow): a declared flow whose rules are missing fails, naming the deny', () => {
    const config = embeddedConfigs().find((c) => c.environment === 'prod');
    const spoke = config?.spokes[0];
    if (!config || !spoke) throw new Error('prod has no spoke');
    const outdir = synthesizedOutdir((stacks) => {
      const file = path.join(stacks, `prod-lz-${spoke.name}`, 'cdk.tf.json');
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
      // The record without the two rules allowFlow writes: the check must expect the flow and find it denied.
      json['//']![DECLARED_FLOWS_KEY] = [
        { spoke: spoke.name, fromTier: 'web', toTier: 'app', fromSubnet: spokeSubnetName(config, spoke.name, 'web'), toSubnet: spokeSubnetName(config, spoke.name, 'app'), ports: ['8443'], protocol: 'Tcp' },
      ];
      fs.writeFileSync(file, JSON.stringify(json));
    });
    const result = flows('--out', outdir, '--env', 'prod', '--check');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`✖ prod: 1 of \\d+ intended flows do not hold`));
    expect(result.stdout).toContain(`prod: ${spoke.name} web -> ${spoke.name} app (allowFlow) 8443/Tcp: expected allowed, got denied: denied by nsg-web-${spoke.name}-prod-weu outbound rule DenyPrivateOutbound (priority 4000)`);
  });
});
