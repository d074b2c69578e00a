import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../verifier/identity/cli';
import { copyOf, identityJson, policy } from './fixtures';

/** Writes stacks the way cdktf does (`<out>/stacks/<name>/cdk.tf.json`) and runs the CLI on them. */
function run(stacks: Record<string, unknown>, args: string[] = []) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-whatif-'));
  try {
    for (const [name, json] of Object.entries(stacks)) {
      fs.mkdirSync(path.join(out, 'stacks', name), { recursive: true });
      fs.writeFileSync(path.join(out, 'stacks', name, 'cdk.tf.json'), JSON.stringify(json));
    }
    let stdout = '';
    let stderr = '';
    const code = main(['--out', out, ...args], (t) => (stdout += t), (t) => (stderr += t));
    return { code, stdout, stderr };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

const both = () => ({ 'fabrikam-identity': identityJson('staged'), 'contoso-identity': identityJson('embedded'), 'dev-connectivity': { resource: {} } });

describe('npm run whatif', () => {
  test('prints a persona x scenario matrix per tenant identity stack', () => {
    const { code, stdout } = run(both());
    expect(code).toBe(0);
    expect(stdout).toContain('### fabrikam: Conditional Access What-If');
    expect(stdout).toContain('### contoso: Conditional Access What-If');
    expect(stdout).toMatch(/\| Device code flow \| allow \/ RO: block 53003 \|/);
  });

  test('--tenant (or its synonym --env) narrows to one tenant; an unknown one is an error', () => {
    expect(run(both(), ['--tenant', 'contoso']).stdout).not.toContain('### fabrikam');
    expect(run(both(), ['--env', 'contoso']).stdout).not.toContain('### fabrikam');
    expect(run(both(), ['--tenant', 'test'])).toMatchObject({ code: 1, stderr: expect.stringContaining("no identity stack for tenant 'test'; found: contoso, fabrikam") });
  });

  test('--check runs the lockout guard and exits 1 on a problem', () => {
    expect(run(both(), ['--check'])).toMatchObject({ code: 0, stdout: expect.stringContaining('✔ contoso-identity: lockout guard passed') });
    const broken = copyOf(identityJson('staged'));
    policy(broken, 'CA002').conditions.users.excluded_groups = [];
    const result = run({ 'fabrikam-identity': broken }, ['--check']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[break-glass-excluded] identity.conditionalAccess.policies.CA002: CA002-');
  });

  test('--persona and --scenario explain one cell policy by policy', () => {
    const { code, stdout } = run(both(), ['--tenant', 'fabrikam', '--persona', 'member', '--scenario', 'imap']);
    expect(code).toBe(0);
    expect(stdout).toContain('Member / IMAP (legacy auth)');
    expect(stdout).toContain('enforced:    block 53003 (CA001-');
    expect(stdout).toMatch(/CA002-\S+ \(enabledForReportingButNotEnforced\): does not apply \[authenticationFlow\]/);
    expect(run(both(), ['--tenant', 'fabrikam', '--persona', 'robot', '--scenario', 'imap'])).toMatchObject({ code: 1, stderr: expect.stringContaining("no persona 'robot'") });
  });

  test('output without identity stacks is an error that says what to do', () => {
    expect(run({ 'dev-connectivity': { resource: {} } })).toMatchObject({ code: 1, stderr: expect.stringContaining('add an identity section') });
  });
});
