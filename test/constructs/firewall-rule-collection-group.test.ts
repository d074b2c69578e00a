import { Testing } from 'cdktf';
import { FirewallPolicy } from '../../constructs/network/firewall-policy';
import {
  FirewallApplicationRule,
  FirewallNetworkRule,
  FirewallRuleCollection,
  FirewallRuleCollectionGroup,
  FirewallRuleCollectionGroupProps,
} from '../../constructs/network/firewall-rule-collection-group';
import { AzurermFirewallPolicyRuleCollectionGroup } from '../../providers/azurerm';
import { addressOf, onlyResource, parse, referenceTo, resourcesOfType, TEST_RESOURCE_GROUP } from '../helpers';

type GroupProps = Omit<FirewallRuleCollectionGroupProps, 'firewallPolicyId' | 'after'>;

const DNS_RULE: FirewallNetworkRule = { name: 'dns', sourceAddresses: ['10.1.0.0/24'], destinationAddresses: ['10.0.0.4'], destinationPorts: ['53'], protocols: ['UDP', 'TCP'] };
const UPDATES_RULE: FirewallApplicationRule = { name: 'updates', sourceAddresses: ['10.1.0.0/24'], destinationFqdnTags: ['WindowsUpdate'], protocols: [{ type: 'Https', port: 443 }] };
const NETWORK: FirewallRuleCollection<FirewallNetworkRule> = { name: 'net-allow', priority: 100, action: 'Allow', rules: [DNS_RULE] };
const APPLICATION: FirewallRuleCollection<FirewallApplicationRule> = { name: 'app-allow', priority: 200, action: 'Allow', rules: [UPDATES_RULE] };
const GROUP: GroupProps = { name: 'rcg-test', priority: 500, networkRuleCollections: [NETWORK], applicationRuleCollections: [APPLICATION] };

/** Synthesizes a policy and adds each group through `addRuleCollectionGroup`, with its name as construct ID. */
function synthGroups(...groups: GroupProps[]): string {
  return Testing.synthScope((scope) => {
    const policy = new FirewallPolicy(scope, 'Policy', { resourceGroup: TEST_RESOURCE_GROUP, name: 'afwp-test' });
    for (const group of groups) policy.addRuleCollectionGroup(group.name, group);
  });
}

const withNetworkRule = (change: Partial<FirewallNetworkRule>): GroupProps => ({ ...GROUP, networkRuleCollections: [{ ...NETWORK, rules: [{ ...DNS_RULE, ...change }] }] });
const withApplicationRule = (change: Partial<FirewallApplicationRule>): GroupProps => ({
  ...GROUP,
  applicationRuleCollections: [{ ...APPLICATION, rules: [{ ...UPDATES_RULE, ...change }] }],
});

describe('FirewallRuleCollectionGroup', () => {
  test('defines the group in the policy with network and application collections in the provider JSON shape', () => {
    const json = synthGroups(GROUP);
    expect(json).toHaveResourceWithProperties(AzurermFirewallPolicyRuleCollectionGroup, {
      name: 'rcg-test',
      priority: 500,
      firewall_policy_id: referenceTo(parse(json), 'azurerm_firewall_policy', 'afwp-test'),
    });
    const group = onlyResource(parse(json), 'azurerm_firewall_policy_rule_collection_group');
    expect(group.network_rule_collection).toEqual([
      {
        name: 'net-allow',
        priority: 100,
        action: 'Allow',
        rule: [{ name: 'dns', protocols: ['UDP', 'TCP'], source_addresses: ['10.1.0.0/24'], destination_addresses: ['10.0.0.4'], destination_ports: ['53'] }],
      },
    ]);
    expect(group.application_rule_collection).toEqual([
      {
        name: 'app-allow',
        priority: 200,
        action: 'Allow',
        rule: [{ name: 'updates', source_addresses: ['10.1.0.0/24'], destination_fqdn_tags: ['WindowsUpdate'], protocols: [{ type: 'Https', port: 443 }] }],
      },
    ]);
    expect(group.depends_on).toBeUndefined();
  });

  test('passes FQDN destinations through, for network and application rules', () => {
    const group = {
      ...withNetworkRule({ destinationAddresses: undefined, destinationFqdns: ['ntp.ubuntu.com'] }),
      applicationRuleCollections: [{ ...APPLICATION, action: 'Deny' as const, rules: [{ ...UPDATES_RULE, destinationFqdnTags: undefined, destinationFqdns: ['*.github.com'] }] }],
    };
    const synthesized = onlyResource(parse(synthGroups(group)), 'azurerm_firewall_policy_rule_collection_group');
    expect(synthesized.network_rule_collection).toEqual([
      expect.objectContaining({ rule: [{ name: 'dns', protocols: ['UDP', 'TCP'], source_addresses: ['10.1.0.0/24'], destination_fqdns: ['ntp.ubuntu.com'], destination_ports: ['53'] }] }),
    ]);
    expect(synthesized.application_rule_collection).toEqual([
      expect.objectContaining({ action: 'Deny', rule: [{ name: 'updates', source_addresses: ['10.1.0.0/24'], destination_fqdns: ['*.github.com'], protocols: [{ type: 'Https', port: 443 }] }] }),
    ]);
  });

  test('leaves out a kind of collection that is not given', () => {
    const group = onlyResource(parse(synthGroups({ ...GROUP, applicationRuleCollections: undefined })), 'azurerm_firewall_policy_rule_collection_group');
    expect(group.network_rule_collection).toHaveLength(1);
    expect(group.application_rule_collection).toBeUndefined();
  });

  test('depends on the groups passed as after', () => {
    const json = parse(
      Testing.synthScope((scope) => {
        const first = new FirewallRuleCollectionGroup(scope, 'First', { ...GROUP, firewallPolicyId: 'policy-id' });
        new FirewallRuleCollectionGroup(scope, 'Second', { ...GROUP, name: 'rcg-second', priority: 600, firewallPolicyId: 'policy-id', after: [first] });
      }),
    );
    const second = resourcesOfType(json, 'azurerm_firewall_policy_rule_collection_group').find((g) => g.name === 'rcg-second');
    expect(second?.depends_on).toEqual([addressOf(json, 'azurerm_firewall_policy_rule_collection_group', 'rcg-test')]);
  });

  test('accepts the priority bounds 100 and 65000', () => {
    expect(() => synthGroups({ ...GROUP, priority: 100, networkRuleCollections: [{ ...NETWORK, priority: 65000 }] })).not.toThrow();
    expect(() => synthGroups({ ...GROUP, priority: 65000, applicationRuleCollections: [{ ...APPLICATION, priority: 100 }], networkRuleCollections: undefined })).not.toThrow();
  });

  test.each<[string, GroupProps, RegExp]>([
    ['a group without collections', { name: 'rcg-test', priority: 500, networkRuleCollections: [] }, /has no rule collections; add one or do not create the group/],
    ['a collection without rules', { ...GROUP, networkRuleCollections: [{ ...NETWORK, rules: [] }] }, /collection 'net-allow' has no rules/],
    ['collections sharing a priority', { ...GROUP, applicationRuleCollections: [{ ...APPLICATION, priority: 100 }] }, /collections 'net-allow' and 'app-allow' share priority 100/],
    ['a network rule with both destinations', withNetworkRule({ destinationFqdns: ['ntp.ubuntu.com'] }), /network rule 'dns' needs exactly one of destinationAddresses or destinationFqdns/],
    ['a network rule without destination', withNetworkRule({ destinationAddresses: undefined }), /network rule 'dns' needs exactly one of destinationAddresses or destinationFqdns/],
    ['a network rule without sources', withNetworkRule({ sourceAddresses: [] }), /network rule 'dns' needs sources and ports/],
    ['a network rule without ports', withNetworkRule({ destinationPorts: [] }), /network rule 'dns' needs sources and ports/],
    ['an application rule without FQDNs or tags', withApplicationRule({ destinationFqdnTags: undefined }), /application rule 'updates' needs destinationFqdns or destinationFqdnTags/],
    ['an application rule with empty FQDNs and tags', withApplicationRule({ destinationFqdns: [], destinationFqdnTags: [] }), /application rule 'updates' needs destinationFqdns or destinationFqdnTags/],
    ['an application rule without protocols', withApplicationRule({ protocols: [] }), /application rule 'updates' needs sources and protocols/],
    ['a group priority below 100', { ...GROUP, priority: 99 }, /group priority 99 is outside 100-65000/],
    ['a group priority above 65000', { ...GROUP, priority: 65001 }, /group priority 65001 is outside 100-65000/],
    ['a fractional group priority', { ...GROUP, priority: 150.5 }, /group priority 150\.5 is outside 100-65000/],
    ['a collection priority above 65000', { ...GROUP, networkRuleCollections: [{ ...NETWORK, priority: 65001 }] }, /collection 'net-allow' priority 65001 is outside 100-65000/],
    ['a collection priority below 100', { ...GROUP, applicationRuleCollections: [{ ...APPLICATION, priority: 99 }] }, /collection 'app-allow' priority 99 is outside 100-65000/],
  ])('fails on %s', (_case, group, message) => {
    expect(() => synthGroups(group)).toThrow(message);
    expect(() => synthGroups(group)).toThrow(/^FirewallRuleCollectionGroup 'rcg-test': /);
  });

  // An empty list is no destination: Azure would reject the rule only at apply time.
  test('fails on a network rule whose only destination list is empty', () => {
    expect(() => synthGroups(withNetworkRule({ destinationAddresses: [] }))).toThrow(/network rule 'dns' needs exactly one of destinationAddresses or destinationFqdns/);
  });

  test('reports every problem of a group at once', () => {
    expect(() => synthGroups({ ...withNetworkRule({ sourceAddresses: [] }), priority: 42 })).toThrow(/group priority 42 is outside 100-65000; network rule 'dns' needs sources and ports/);
  });
});

describe('FirewallPolicy.addRuleCollectionGroup', () => {
  test('chains each group after the previous one, so Azure never updates the policy twice at once', () => {
    const json = parse(synthGroups(GROUP, { ...GROUP, name: 'rcg-b', priority: 600 }, { ...GROUP, name: 'rcg-c', priority: 400 }));
    const groups = Object.fromEntries(resourcesOfType(json, 'azurerm_firewall_policy_rule_collection_group').map((g) => [g.name, g]));
    const address = (name: string) => addressOf(json, 'azurerm_firewall_policy_rule_collection_group', name);
    expect(groups['rcg-test'].depends_on).toBeUndefined();
    expect(groups['rcg-b'].depends_on).toEqual([address('rcg-test')]);
    expect(groups['rcg-c'].depends_on).toEqual([address('rcg-b')]);
  });

  test('lists the groups in the order added', () => {
    Testing.synthScope((scope) => {
      const policy = new FirewallPolicy(scope, 'Policy', { resourceGroup: TEST_RESOURCE_GROUP, name: 'afwp-test' });
      const first = policy.addRuleCollectionGroup('First', GROUP);
      const second = policy.addRuleCollectionGroup('Second', { ...GROUP, priority: 300 });
      expect(policy.ruleCollectionGroups).toEqual([first, second]);
      expect(second.priority).toBe(300);
    });
  });

  test('fails when two groups share a priority, naming both', () => {
    expect(() => synthGroups(GROUP, { ...GROUP, name: 'rcg-b' })).toThrow(
      "FirewallPolicy: rule collection group 'rcg-b' has priority 500, already used by 'rcg-test'; pick another",
    );
  });
});

describe('DNAT collections', () => {
  const natRule = {
    name: 'shop-web-443',
    sourceAddresses: ['*'],
    destinationAddress: '203.0.113.4',
    destinationPorts: ['443'],
    protocols: ['TCP'] as const,
    translatedAddress: '10.21.0.10',
    translatedPort: 443,
  };
  const synthNat = (collection: Record<string, unknown>) =>
    Testing.synthScope((scope) => {
      new FirewallRuleCollectionGroup(scope, 'Group', {
        firewallPolicyId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/firewallPolicies/afwp',
        name: 'rcg-nat',
        priority: 1000,
        natRuleCollections: [{ name: 'publish', priority: 400, action: 'Dnat', rules: [natRule], ...collection } as never],
      });
    });

  test('renders nat_rule_collection with the translation', () => {
    const group = onlyResource(parse(synthNat({})), 'azurerm_firewall_policy_rule_collection_group');
    expect(group.nat_rule_collection).toEqual([
      {
        name: 'publish',
        priority: 400,
        action: 'Dnat',
        rule: [
          {
            name: 'shop-web-443',
            protocols: ['TCP'],
            source_addresses: ['*'],
            destination_address: '203.0.113.4',
            destination_ports: ['443'],
            translated_address: '10.21.0.10',
            translated_port: 443,
          },
        ],
      },
    ]);
  });

  test.each([
    ['a NAT collection whose action is not Dnat', { action: 'Allow' }, /NAT collection 'publish' has action Allow; DNAT collections take action Dnat/],
    ['a translated port out of range', { rules: [{ ...natRule, translatedPort: 70000 }] }, /translates to port 70000, outside 1-65535/],
    ['two destination ports in one rule', { rules: [{ ...natRule, destinationPorts: ['443', '8443'] }] }, /needs exactly one destination port/],
  ])('fails on %s', (_case, collection, message) => {
    expect(() => synthNat(collection)).toThrow(message);
  });
});
