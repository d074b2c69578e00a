import { platformPrivateEndpointRules } from '../../constructs/landing-zone/tier-security-rules';
import { SecurityRule } from '../../constructs/network/network-security-group';

const SUBNET = '10.0.0.128/27';
const FIREWALL_SUBNET = '10.0.0.0/26';
const ON_PREMISES = ['192.168.0.0/16', '172.20.0.0/14'];

const firewallRule: SecurityRule = {
  name: 'AllowFirewallToKeyVault',
  priority: 100,
  direction: 'Inbound',
  access: 'Allow',
  protocol: 'Tcp',
  sourceAddresses: [FIREWALL_SUBNET],
  destinationAddresses: [SUBNET],
  destinationPorts: ['443'],
  description: 'Azure Firewall reads its TLS inspection CA',
};
const denyAll = (direction: 'Inbound' | 'Outbound', description: string): SecurityRule => ({
  name: `DenyAll${direction}`,
  priority: 4096,
  direction,
  access: 'Deny',
  protocol: '*',
  sourceAddresses: ['*'],
  destinationAddresses: ['*'],
  destinationPorts: ['*'],
  description,
});
const DENY_ALL = [denyAll('Inbound', "Overrides Azure's AllowVnetInBound and AllowAzureLoadBalancerInBound"), denyAll('Outbound', 'Nothing leaves this subnet')];

describe('platformPrivateEndpointRules', () => {
  test('without on-premises ranges: HTTPS from the firewall subnet only, then deny all both ways', () => {
    expect(platformPrivateEndpointRules({ subnetPrefix: SUBNET, firewallSubnetPrefix: FIREWALL_SUBNET, onPremises: [] })).toEqual([firewallRule, ...DENY_ALL]);
  });

  test('with on-premises ranges: operators get HTTPS too, in one rule after the firewall', () => {
    expect(platformPrivateEndpointRules({ subnetPrefix: SUBNET, firewallSubnetPrefix: FIREWALL_SUBNET, onPremises: ON_PREMISES })).toEqual([
      firewallRule,
      { ...firewallRule, name: 'AllowOperatorsFromOnPremises', priority: 110, sourceAddresses: ON_PREMISES, description: 'Platform operators manage the vault over the private network' },
      ...DENY_ALL,
    ]);
  });
});
