/** End-to-end tests of the entry point as the cdktf CLI runs it: a child process per synth. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../lib/project-root';
import { embeddedConfigs, embeddedMainJob, runMainJob } from './helpers';

const ROOT = PROJECT_ROOT;
const tempDirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-main-'));
  tempDirs.push(dir);
  return dir;
}

/** Every file under `dir` with its content, keyed by relative path. */
function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
  }
  return files;
}

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('main.ts', () => {
  test('synthesizes every embedded environment, byte-identically on a second run', () => {
    // The run the other tests of the suite share (test/helpers.ts), and a second one here.
    const a = embeddedMainJob();
    const first = a.outdir;
    const second = path.join(tempDir(), 'out');
    const b = runMainJob(second);
    expect(a.status).toBe(0);
    expect(b.status).toBe(0);
    const treeA = readTree(first);
    expect(Object.keys(treeA).sort()).toEqual(
      expect.arrayContaining(['manifest.json', 'stacks/dev-connectivity/cdk.tf.json', 'stacks/prod-connectivity/cdk.tf.json']),
    );
    expect(readTree(second)).toEqual(treeA);
    // No machine-specific paths leak into what reviewers diff.
    expect(Object.values(treeA).join('\n')).not.toContain(ROOT);
    expect(a.stdout).toContain('hub.ddosProtection.enabled');
    // One gate line per environment: policy findings, suppressions in force, intended flows checked.
    for (const { environment } of embeddedConfigs()) {
      expect(a.stdout).toMatch(new RegExp(`^✔ ${environment}: policy pack \\d+ findings? \\(fails at medium\\), \\d+ suppressions? in force; \\d+ intended flows checked$`, 'm'));
    }
  });

  test('a widened ingress source or SSH in ports.app fails the synth gate with the flows named; nothing is written', () => {
    const dir = tempDir();
    const outdir = path.join(dir, 'out');
    fs.mkdirSync(outdir, { recursive: true });
    fs.writeFileSync(path.join(outdir, 'sentinel.txt'), 'previous synth');
    const prod = fs.readFileSync(path.join(ROOT, 'config/environments/prod.yaml'), 'utf8');
    // crm: published through the firewall today; the change widens its ingress to the whole Internet and adds SSH.
    const crmIngress = '    ingress:\n      publish:\n        webAddress: 10.21.1.10\n';
    const crmPorts = '    ports:\n      app: [8443]\n';
    expect(prod).toContain(crmIngress);
    expect(prod).toContain(crmPorts);
    const configFile = path.join(dir, 'prod.yaml');
    fs.writeFileSync(configFile, prod.replace(crmIngress, '    ingress:\n      sources: [0.0.0.0/0]\n').replace(crmPorts, '    ports:\n      app: [8443, 22]\n'));

    const result = runMainJob(outdir, { LZ_CONFIG: configFile, LZ_TENANTS: path.join(ROOT, 'config/tenants') });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Synthesis failed, nothing was written: the synth gate failed:');
    expect(result.stderr).toContain('✖ prod: Internet -> crm web 443/Tcp: expected denied, got allowed: allowed by nsg-web-crm-prod-weu inbound rule AllowIngressToWeb');
    expect(result.stderr).toContain('✖ prod: crm web -> crm app (management) 22/Tcp: expected denied, got allowed: allowed by nsg-app-crm-prod-weu inbound rule AllowWebToApp');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(readTree(outdir)).toEqual({ 'sentinel.txt': 'previous synth' });
    expect(fs.existsSync(`${outdir}.staging`)).toBe(false);
  });

  test('reports every config problem at once, exits 1 without a stack trace and leaves existing output untouched', () => {
    const dir = tempDir();
    const outdir = path.join(dir, 'out');
    fs.mkdirSync(path.join(outdir, 'stacks'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'sentinel.txt'), 'previous synth');
    const configFile = path.join(dir, 'dev.yaml');
    fs.writeFileSync(
      configFile,
      [
        'environment: dev',
        'location: westeurop',
        'tenant: contoso',
        'subscriptionId: not-a-guid',
        'tags: { owner: me }',
        'hub:',
        '  addressSpace: [10.10.0.0/22]',
        '  subnets: { AzureBastionSubnet: 10.10.0.0/27 }',
      ].join('\n'),
    );

    const result = runMainJob(outdir, { LZ_CONFIG: configFile, LZ_TENANTS: path.join(ROOT, 'config/tenants') });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Configuration has 4 errors; nothing was synthesized');
    for (const pathInFile of ['location', 'subscriptionId', 'tags.cost-center', 'hub.subnets.AzureBastionSubnet']) {
      expect(result.stderr).toContain(`${configFile} ${pathInFile}:`);
    }
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(readTree(outdir)).toEqual({ 'sentinel.txt': 'previous synth' });
    expect(fs.existsSync(`${outdir}.staging`)).toBe(false);
  });

  test('LZ_CONFIG can point at a single environment file', () => {
    const outdir = path.join(tempDir(), 'out');
    const result = runMainJob(outdir, { LZ_CONFIG: path.join(ROOT, 'config/environments/prod.yaml') });
    expect(result.status).toBe(0);
    expect(fs.readdirSync(path.join(outdir, 'stacks'))).toEqual(['contoso-governance', 'contoso-identity', 'prod-connectivity', 'prod-lz-crm', 'prod-lz-shop', 'prod-management']);
  });
});
