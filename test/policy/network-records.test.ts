/**
 * The flow verifier and the policy pack read the same NSG rules and routes of the embedded environments: the pack's
 * helpers (policy/lib/network.ts) and the verifier's model, built on its own as `npm run flows` builds it, hold the
 * same records, and every record is either placed in the model or reported unreadable, never lost.
 */
import { EvaluationContext } from '../../policy/engine';
import { admitsFromAnywhere, judgeSecurityRules, parentKey, routes, securityRules } from '../../policy/lib/network';
import { TerraformJson, groupByEnvironment } from '../../verifier/load';
import { buildNetworkModel } from '../../verifier/model';
import { addressText } from '../../verifier/references';
import { embeddedConfigs, synthEnvironments } from '../helpers';
import { Stacks, ref } from '../verifier/fixtures';

const stacks = synthEnvironments(embeddedConfigs()) as unknown as Record<string, TerraformJson>;
const environments = Object.entries(groupByEnvironment(stacks)).filter(([environment]) => embeddedConfigs().some((config) => config.environment === environment));

describe.each(environments)('%s', (environment, envStacks) => {
  const ctx = new EvaluationContext(environment, envStacks);
  const model = buildNetworkModel(envStacks);

  test('the pack judges every NSG rule the verifier places, and only those it reads', () => {
    const packRules = securityRules(ctx);
    expect(packRules.length).toBeGreaterThan(0);
    const placed = model.securityGroups.flatMap((nsg) => nsg.rules.map((rule) => `${nsg.key} ${rule.stack}/${rule.resource} ${rule.name}`));
    const read = packRules.flatMap((record) =>
      record.read.kind === 'read' && parentKey(record) !== undefined ? [`${parentKey(record)} ${record.owner.stack}/${addressText(record.owner)} ${record.read.value.name}`] : [],
    );
    expect(read.sort()).toEqual(placed.sort());
    expect(packRules.filter((record) => record.read.kind === 'unreadable')).toEqual([]);
    expect(judgeSecurityRules(ctx, (view) => ({ matches: false, reason: view.label })).map((result) => result.reason)).toEqual(packRules.map((record) => record.label));
  });

  test('the pack sees every route the verifier places', () => {
    const placed = model.routeTables.flatMap((table) => table.routes.map((route) => `${table.key} ${route.stack}/${route.resource} ${route.name}`));
    expect(placed.length).toBeGreaterThan(0);
    const read = routes(ctx).flatMap((record) =>
      record.read.kind === 'read' && parentKey(record) !== undefined ? [`${parentKey(record)} ${record.owner.stack}/${addressText(record.owner)} ${record.read.value.name}`] : [],
    );
    expect(read.sort()).toEqual(placed.sort());
  });
});

describe('rules the verifier cannot place', () => {
  // One environment: an NSG with a readable rule, a rule whose access is a variable, and a rule whose source is computed.
  function context(): { ctx: EvaluationContext; envStacks: Record<string, TerraformJson> } {
    const fixture = new Stacks();
    const asg = fixture.add('dev-lz-app', 'azurerm_application_security_group', 'Asg', { name: 'asg' });
    const rule = { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: '*', destination_address_prefix: '*', source_port_range: '*', destination_port_range: '22' };
    fixture.add('dev-lz-app', 'azurerm_network_security_group', 'Nsg', {
      name: 'nsg',
      security_rule: [
        { ...rule, name: 'Ssh' },
        { ...rule, name: 'SshByVariable', priority: 110, access: '${var.access}' },
        { ...rule, name: 'SshFromAsgId', priority: 120, source_address_prefix: ref(asg, 'id') },
      ],
    });
    const envStacks = fixture.json();
    return { ctx: new EvaluationContext('dev', envStacks), envStacks };
  }

  test('the pack judges each rule on its own, with the reason of the field it could not read; the model drops the unreadable one', () => {
    const { ctx, envStacks } = context();
    const verdicts = judgeSecurityRules(ctx, (view) => admitsFromAnywhere(view, 'Inbound', [22])).map((result) => `${result.outcome}: ${result.reason}`);
    expect(verdicts).toEqual([
      'non-compliant: Ssh allows Tcp port 22 from *',
      'undecidable: SshByVariable: ${var.access}: no resource var.access in stack dev-lz-app',
      'undecidable: SshFromAsgId: ${azurerm_application_security_group.Asg.id} is computed at apply time',
    ]);
    const nsg = buildNetworkModel(envStacks).securityGroups.find((group) => group.name === 'nsg');
    expect(nsg?.rules.map((rule) => rule.name)).toEqual(['Ssh', 'SshFromAsgId']);
    expect(nsg?.unresolved).toEqual([expect.objectContaining({ attribute: 'access', expression: '${var.access}' })]);
  });
});
