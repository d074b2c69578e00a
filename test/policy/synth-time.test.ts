/**
 * The pack at synth time: a violation aborts the synth with the rule ID and fix, leaves the previous output
 * untouched, and an expired suppression stops working.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TerraformStack } from 'cdktf';
import { NetworkSecurityGroup } from '../../constructs/network/network-security-group';
import { synthAtomically } from '../../lib/atomic-synth';
import { enforcePolicyPack } from '../../policy/check';
import { ZERO_TRUST_PACK } from '../../policy/pack';
import { PolicySuppressions } from '../../lib/suppressions';
import { AzurermProvider } from '../../providers/azurerm';
import type { App } from '../../providers/cdktf';

/** A stack whose NSG lets SSH in from the Internet; `suppress` may silence the finding. */
function defineOpenSsh(app: App, suppress?: { expires?: string }): void {
  const stack = new TerraformStack(app, 'dev-lz-bad');
  new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId: '00000000-0000-0000-0000-000000000001' });
  const nsg = new NetworkSecurityGroup(stack, 'Nsg', { resourceGroup: { name: 'rg-bad', location: 'westeurope' }, name: 'nsg-bad' });
  nsg.addRule({ name: 'AllowSshFromInternet', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddresses: ['Internet'], destinationAddresses: ['*'], destinationPorts: ['22'] });
  if (suppress) PolicySuppressions.of(nsg).add({ ruleId: 'ZT-NET-002', reason: 'break-fix window agreed with the SOC', ...suppress });
}

/** The synth-time gate, limited to the rule under test (the tiny stack lacks everything else a landing zone has). */
const gate = (staging: string) => enforcePolicyPack(staging, { rules: ZERO_TRUST_PACK.filter((r) => r.id === 'ZT-NET-002') });

describe('the policy pack at synth time', () => {
  let dir: string;
  let outdir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-synth-'));
    outdir = path.join(dir, 'cdktf.out');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, 'previous.txt'), 'kept');
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('aborts on a violation, naming the rule and the fix, and keeps the previous output', () => {
    expect(() => synthAtomically(outdir, (app) => defineOpenSsh(app), gate)).toThrow(
      /the Zero Trust policy pack found violations:[\s\S]*ZT-NET-002[\s\S]*fix:/,
    );
    expect(fs.readdirSync(outdir)).toEqual(['previous.txt']);
    expect(fs.existsSync(`${outdir}.staging`)).toBe(false);
  });

  test('a valid suppression lets the synth through and is recorded in the output', () => {
    synthAtomically(outdir, (app) => defineOpenSsh(app, { expires: '2999-12-31' }), gate);
    const json = fs.readFileSync(path.join(outdir, 'stacks', 'dev-lz-bad', 'cdk.tf.json'), 'utf8');
    expect(json).toContain('"policySuppressions"');
    expect(json).toContain('break-fix window agreed with the SOC');
  });

  test('an expired suppression stops working and the report says so', () => {
    expect(() => synthAtomically(outdir, (app) => defineOpenSsh(app, { expires: '2020-01-31' }), gate)).toThrow(
      /ZT-NET-002[\s\S]*expired/i,
    );
    expect(fs.readdirSync(outdir)).toEqual(['previous.txt']);
  });
});
