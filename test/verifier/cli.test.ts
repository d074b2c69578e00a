/** The CLI as a process: exit codes, one-line errors without stack traces, a verdict and the matrix. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { APP1, landingZone, nsgRule } from './fixtures';

const root = path.resolve(__dirname, '../..');

function flows(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'verifier/cli.ts', ...args], { cwd: root, encoding: 'utf8' });
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
