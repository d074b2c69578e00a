/**
 * Suppressions: the construct API (reason >= 10 characters, expiry date), how they survive synthesis into
 * cdk.tf.json (resource, construct subtree, stack), and how the engine and the CLI honour them, or not once expired.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformResource, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { checkSynthesizedOutput } from '../../policy/check';
import { evaluateStacks } from '../../policy/evaluate';
import { ZERO_TRUST_PACK } from '../../policy/pack';
import { PolicySuppressions } from '../../lib/suppressions';
import { run } from '../../policy/cli';
import { TerraformJson } from '../../verifier/load';

const NOW = new Date('2026-01-15T12:00:00Z');
const RULE = (id: string) => ZERO_TRUST_PACK.filter((r) => r.id === id);

/** A stack with a Bastion host that allows shareable links (ZT-NET-031) and a vault without purge protection. */
function synthesize(configure: (stack: TerraformStack, bastion: TerraformResource, vault: TerraformResource, group: Construct) => void): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-suppress-'));
  const app = new App({ outdir, stackTraces: false });
  const stack = new TerraformStack(app, 'dev-hub');
  const group = new Construct(stack, 'Data');
  const bastion = new TerraformResource(stack, 'Bastion', { terraformResourceType: 'azurerm_bastion_host' });
  bastion.addOverride('sku', 'Standard');
  bastion.addOverride('shareable_link_enabled', true);
  const vault = new TerraformResource(group, 'Vault', { terraformResourceType: 'azurerm_key_vault' });
  vault.addOverride('purge_protection_enabled', false);
  configure(stack, bastion, vault, group);
  app.synth();
  return outdir;
}

function stackJson(outdir: string): TerraformJson {
  return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'dev-hub', 'cdk.tf.json'), 'utf8')) as TerraformJson;
}

describe('PolicySuppressions.add', () => {
  test('throws when the reason is shorter than 10 characters', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'dev-x');
    expect(() => PolicySuppressions.of(stack).add({ ruleId: 'ZT-NET-040', reason: 'dev only' })).toThrow(/at least 10 characters/);
    expect(() => PolicySuppressions.of(stack).add({ ruleId: 'ZT-NET-040', reason: '          x' })).toThrow(/at least 10 characters/);
  });

  test('throws on a malformed rule ID or expiry date', () => {
    const stack = new TerraformStack(Testing.app(), 'dev-x');
    expect(() => PolicySuppressions.of(stack).add({ ruleId: 'NET-040', reason: 'a long enough reason' })).toThrow(/not a policy rule ID/);
    expect(() => PolicySuppressions.of(stack).add({ ruleId: 'ZT-NET-040', reason: 'a long enough reason', expires: '2026-02-30' })).toThrow(/not a date/);
  });
});

describe('suppressions in the synthesized JSON', () => {
  test('are recorded on the resource, on every resource of a subtree and on the stack, and honoured', () => {
    const outdir = synthesize((stack, bastion, _vault, group) => {
      PolicySuppressions.of(bastion).add({ ruleId: 'ZT-NET-031', reason: 'Break-glass support sessions need a link' });
      PolicySuppressions.of(group).add({ ruleId: 'ZT-DATA-002', reason: 'Throw-away test vault, recreated daily', expires: '2026-12-31' });
      PolicySuppressions.of(stack).add({ ruleId: 'ZT-NET-033', reason: 'Stack-wide decision recorded for review' });
    });
    const json = stackJson(outdir);
    const meta = (type: string, name: string) => (json.resource?.[type]?.[name] as Record<string, { policySuppressions?: unknown }>)['//']!.policySuppressions;
    expect(meta('azurerm_bastion_host', 'Bastion')).toEqual([{ ruleId: 'ZT-NET-031', reason: 'Break-glass support sessions need a link', addedOn: 'dev-hub/Bastion' }]);
    const vaultMeta = Object.values(json.resource?.azurerm_key_vault ?? {})[0]!['//'] as { policySuppressions: unknown };
    expect(vaultMeta.policySuppressions).toEqual([{ ruleId: 'ZT-DATA-002', reason: 'Throw-away test vault, recreated daily', expires: '2026-12-31', addedOn: 'dev-hub/Data' }]);
    expect((json['//'] as { policySuppressions: unknown }).policySuppressions).toEqual([{ ruleId: 'ZT-NET-033', reason: 'Stack-wide decision recorded for review', addedOn: 'dev-hub' }]);

    const [result] = evaluateStacks({ 'dev-hub': json }, [...RULE('ZT-NET-031'), ...RULE('ZT-DATA-002'), ...RULE('ZT-NET-033')], { now: NOW });
    expect(result!.rows.filter((r) => r.resource !== null).map((r) => [r.rule, r.outcome])).toEqual([
      ['ZT-NET-031', 'suppressed'],
      ['ZT-DATA-002', 'suppressed'],
      ['ZT-NET-033', 'compliant'],
    ]);
    expect(result!.suppressions.map((s) => [s.ruleId, s.status, s.matched]).sort()).toEqual([
      ['ZT-DATA-002', 'active', 1],
      ['ZT-NET-031', 'active', 1],
      ['ZT-NET-033', 'active', 0],
    ]);
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('an expired suppression stops working: the finding fails and the report says it expired', () => {
    const outdir = synthesize((_stack, bastion) => {
      PolicySuppressions.of(bastion).add({ ruleId: 'ZT-NET-031', reason: 'Temporary support access for migration', expires: '2026-01-14' });
    });
    const [result] = evaluateStacks({ 'dev-hub': stackJson(outdir) }, RULE('ZT-NET-031'), { now: NOW });
    const row = result!.rows.find((r) => r.resource !== null);
    expect(row?.outcome).toBe('non-compliant');
    expect(row?.suppression).toMatchObject({ expired: true, expires: '2026-01-14' });
    expect(row?.reason).toMatch(/suppression expired 2026-01-14/);
    expect(result!.suppressions[0]).toMatchObject({ status: 'expired', matched: 1 });
    const check = checkSynthesizedOutput(outdir, { rules: RULE('ZT-NET-031'), now: NOW });
    expect(check.ok).toBe(false);
    expect(check.text).toMatch(/ZT-NET-031/);
    expect(check.text).toMatch(/is expired since 2026-01-14/);
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('a hand-edited suppression with a short reason is invalid and ignored', () => {
    const outdir = synthesize(() => undefined);
    const json = stackJson(outdir) as unknown as { resource: Record<string, Record<string, Record<string, Record<string, unknown>>>> };
    json.resource.azurerm_bastion_host!.Bastion!['//']!.policySuppressions = [{ ruleId: 'ZT-NET-031', reason: 'because' }];
    const [result] = evaluateStacks({ 'dev-hub': json }, RULE('ZT-NET-031'), { now: NOW });
    expect(result!.rows.find((r) => r.resource !== null)?.outcome).toBe('non-compliant');
    expect(result!.suppressions[0]).toMatchObject({ status: 'invalid' });
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});

describe('the synth-time check and the CLI', () => {
  test('a violation fails the check with rule ID, resource and fix; a suppression recorded in the JSON makes the CLI pass', () => {
    const failing = synthesize(() => undefined);
    const check = checkSynthesizedOutput(failing, { rules: RULE('ZT-NET-031'), now: NOW });
    expect(check.ok).toBe(false);
    expect(check.text).toMatch(/✖ \[high\] ZT-NET-031 .* at dev-hub\/Bastion .*shareable_link_enabled is true/);
    expect(check.text).toMatch(/fix: Set shareable_link_enabled = false/);
    expect(run(['--out', failing]).code).toBe(1);

    const suppressed = synthesize((stack, bastion, vault) => {
      PolicySuppressions.of(bastion).add({ ruleId: 'ZT-NET-031', reason: 'Support sessions via links, reviewed monthly' });
      PolicySuppressions.of(vault).add({ ruleId: 'ZT-DATA-002', reason: 'Test vault without purge protection' });
      for (const id of ['ZT-DATA-001', 'ZT-DATA-004', 'ZT-DATA-005', 'ZT-DATA-006', 'ZT-VIS-001', 'ZT-VIS-010', 'ZT-VIS-012', 'ZT-VIS-040', 'ZT-INF-002', 'ZT-NET-030']) {
        PolicySuppressions.of(stack).add({ ruleId: id, reason: 'Minimal test stack, not a landing zone' });
      }
    });
    const cli = run(['--out', suppressed, '--format', 'json']);
    const report = JSON.parse(cli.stdout) as { ok: boolean; stacks: { rows: { rule: string; outcome: string }[]; suppressions: { ruleId: string }[] }[] };
    expect(report.stacks[0]!.rows.find((r) => r.rule === 'ZT-NET-031')?.outcome).toBe('suppressed');
    expect(report.stacks[0]!.suppressions.map((s) => s.ruleId)).toEqual(expect.arrayContaining(['ZT-NET-031', 'ZT-DATA-002']));
    expect(report.stacks[0]!.rows.filter((r) => r.outcome === 'non-compliant' || r.outcome === 'undecidable')).toEqual([]);
    expect(cli.code).toBe(0);
    for (const dir of [failing, suppressed]) fs.rmSync(dir, { recursive: true, force: true });
  });
});
