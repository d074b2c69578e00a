import { Testing } from 'cdktf';
import { NetworkSecurityGroup, SecurityRule } from '../../constructs/network/network-security-group';
import { NetworkSecurityRule } from '../../providers/azurerm';
import { TEST_RESOURCE_GROUP } from '../helpers';

const HTTPS_IN: SecurityRule = {
  name: 'AllowHttpsFromGateway',
  priority: 100,
  direction: 'Inbound',
  access: 'Allow',
  protocol: 'Tcp',
  sourceAddresses: ['10.0.1.0/24'],
  destinationAddresses: ['10.0.2.0/24'],
  destinationPorts: ['443'],
};

function withNsg(test: (nsg: NetworkSecurityGroup) => void): string {
  return Testing.synthScope((scope) => {
    test(new NetworkSecurityGroup(scope, 'Nsg', { resourceGroup: TEST_RESOURCE_GROUP, name: 'nsg-test' }));
  });
}

describe('NetworkSecurityGroup', () => {
  test('defines each rule as its own resource, singular or plural fields as Azure expects', () => {
    const json = withNsg((nsg) => {
      nsg.addRule(HTTPS_IN);
      nsg.addRule({ ...HTTPS_IN, name: 'Multi', priority: 110, sourceAddresses: ['10.0.1.0/24', '10.0.3.0/24'], destinationPorts: ['443', '8443'] });
    });
    expect(json).toHaveResourceWithProperties(NetworkSecurityRule, {
      name: 'AllowHttpsFromGateway',
      network_security_group_name: '${azurerm_network_security_group.Nsg_3066DF64.name}',
      source_address_prefix: '10.0.1.0/24',
      destination_address_prefix: '10.0.2.0/24',
      destination_port_range: '443',
      source_port_range: '*',
    });
    expect(json).toHaveResourceWithProperties(NetworkSecurityRule, {
      name: 'Multi',
      source_address_prefixes: ['10.0.1.0/24', '10.0.3.0/24'],
      destination_port_ranges: ['443', '8443'],
    });
  });

  test('lets the same priority be used once per direction', () => {
    withNsg((nsg) => {
      nsg.addRule(HTTPS_IN);
      nsg.addRule({ ...HTTPS_IN, name: 'Out', direction: 'Outbound' });
      expect(nsg.securityRules.map((r) => r.name)).toEqual(['AllowHttpsFromGateway', 'Out']);
    });
  });

  test.each<[string, Partial<SecurityRule>, RegExp]>([
    ['a duplicate priority in the same direction', { name: 'Other' }, /priority 100 is already used by Inbound rule 'AllowHttpsFromGateway'/],
    ['a duplicate name', { priority: 200 }, /name 'AllowHttpsFromGateway' is already used/],
  ])('fails on %s', (_case, change, message) => {
    expect(() =>
      withNsg((nsg) => {
        nsg.addRule(HTTPS_IN);
        nsg.addRule({ ...HTTPS_IN, ...change });
      }),
    ).toThrow(message);
  });

  test.each<[string, Partial<SecurityRule>, RegExp]>([
    ['a priority below 100', { priority: 99 }, /priority 99 is outside 100-4096/],
    ['a priority above 4096', { priority: 4097 }, /priority 4097 is outside 100-4096/],
    ['an invalid name', { name: '-bad name' }, /name '-bad name' is not a valid security rule name \(letters, digits, underscores, periods and hyphens; start with a letter or digit; end with a letter, digit or underscore\)/],
    ['no destination ports', { destinationPorts: [] }, /destinationPorts is empty; use \['\*'\] for any/],
  ])('fails on %s', (_case, change, message) => {
    expect(() => withNsg((nsg) => nsg.addRule({ ...HTTPS_IN, ...change }))).toThrow(message);
  });

  test('a subnet association waits for every rule, also rules added after it', () => {
    const json = withNsg((nsg) => {
      nsg.addRule(HTTPS_IN);
      nsg.associateWithSubnet('Association', '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s');
      nsg.addRule({ ...HTTPS_IN, name: 'AddedLater', priority: 200 });
    });
    const association = Object.values(JSON.parse(json).resource.azurerm_subnet_network_security_group_association)[0] as { depends_on: string[] };
    expect(association.depends_on).toEqual([
      'azurerm_network_security_rule.Nsg_Rules_AllowHttpsFromGateway_58F71A68',
      expect.stringMatching(/^azurerm_network_security_rule\.Nsg_Rules_AddedLater_[0-9A-F]{8}$/),
    ]);
  });
});
