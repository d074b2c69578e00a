import { Testing } from 'cdktf';
import { FirewallPolicy, FirewallPolicyProps, FirewallTlsInspection } from '../../constructs/network/firewall-policy';
import { FirewallApplicationRule, FirewallRuleCollection } from '../../constructs/network/firewall-rule-collection-group';
import { onlyResource, parse, TEST_RESOURCE_GROUP } from '../helpers';

const TLS: FirewallTlsInspection = {
  keyVaultSecretId: 'https://kv-hub-test-weu-1a2b.vault.azure.net/secrets/tls-ca',
  certificateName: 'tls-ca',
  identityId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-afwp-hub-test-weu',
};
const rule = (name: string, terminateTls?: boolean): FirewallApplicationRule => ({
  name,
  sourceAddresses: ['10.1.0.64/26'],
  destinationFqdns: [`${name}.example.com`],
  protocols: [{ type: 'Https', port: 443 }],
  terminateTls,
});
const collection = (name: string, priority: number, rules: FirewallApplicationRule[]): FirewallRuleCollection<FirewallApplicationRule> => ({ name, priority, action: 'Allow', rules });
const INSPECTED_GROUP = {
  name: 'rcg-spoke-shop',
  priority: 1000,
  applicationRuleCollections: [collection('app-allow', 100, [rule('payments', true), rule('plain')]), collection('app-allow-2', 200, [rule('crm', true), rule('off', false)])],
};

/** A policy (TLS inspection by default) and, when given, a group added through `addRuleCollectionGroup`. */
function synthPolicy(props: Partial<FirewallPolicyProps> = { tlsInspection: TLS }, group?: typeof INSPECTED_GROUP): string {
  return Testing.synthScope((scope) => {
    const policy = new FirewallPolicy(scope, 'Policy', { resourceGroup: TEST_RESOURCE_GROUP, name: 'afwp-test', ...props });
    if (group) policy.addRuleCollectionGroup(group.name, group);
  });
}

describe('FirewallPolicy TLS inspection', () => {
  test('gives the policy the user-assigned identity and the CA by its Key Vault secret ID', () => {
    expect(onlyResource(parse(synthPolicy()), 'azurerm_firewall_policy')).toMatchObject({
      sku: 'Premium',
      identity: { type: 'UserAssigned', identity_ids: [TLS.identityId] },
      tls_certificate: { key_vault_secret_id: TLS.keyVaultSecretId, name: 'tls-ca' },
    });
  });

  test('has no identity and no certificate without tlsInspection', () => {
    const policy = onlyResource(parse(synthPolicy({})), 'azurerm_firewall_policy');
    expect(policy).not.toHaveProperty('identity');
    expect(policy).not.toHaveProperty('tls_certificate');
  });

  test('tlsInspectionEnabled says whether a CA is configured', () => {
    Testing.synthScope((scope) => {
      expect(new FirewallPolicy(scope, 'With', { resourceGroup: TEST_RESOURCE_GROUP, name: 'afwp-with', tlsInspection: TLS }).tlsInspectionEnabled).toBe(true);
      expect(new FirewallPolicy(scope, 'Without', { resourceGroup: TEST_RESOURCE_GROUP, name: 'afwp-without' }).tlsInspectionEnabled).toBe(false);
    });
  });

  test('fails on TLS inspection with the Standard tier', () => {
    expect(() => synthPolicy({ tier: 'Standard', tlsInspection: TLS })).toThrow(
      "FirewallPolicy 'afwp-test': tlsInspection needs the Premium tier (tier is 'Standard'); TLS inspection is a Premium feature; set tier: 'Premium' or remove the TLS inspection CA",
    );
  });

  test('refuses terminateTls rules without a CA, naming every such rule', () => {
    expect(() => synthPolicy({}, INSPECTED_GROUP)).toThrow(
      "FirewallPolicy: rule collection group 'rcg-spoke-shop' has terminateTls rules (payments, crm) but the policy has no TLS inspection CA; configure tlsInspection or drop terminateTls",
    );
  });

  test('accepts rules with terminateTls false or unset without a CA', () => {
    const group = { ...INSPECTED_GROUP, applicationRuleCollections: [collection('app-allow', 100, [rule('plain'), rule('off', false)])] };
    expect(onlyResource(parse(synthPolicy({}, group)), 'azurerm_firewall_policy_rule_collection_group').name).toBe('rcg-spoke-shop');
  });

  test('with a CA, renders terminate_tls true on the inspecting rules only', () => {
    const group = onlyResource(parse(synthPolicy({ tlsInspection: TLS }, INSPECTED_GROUP)), 'azurerm_firewall_policy_rule_collection_group');
    const rules = (group.application_rule_collection as { rule: { name: string; terminate_tls?: boolean }[] }[]).flatMap((c) => c.rule);
    expect(rules.map((r) => [r.name, r.terminate_tls])).toEqual([
      ['payments', true],
      ['plain', undefined],
      ['crm', true],
      ['off', false],
    ]);
  });
});
