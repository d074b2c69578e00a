import { Testing } from 'cdktf';
import { HubVirtualNetwork, HubVirtualNetworkProps } from '../../constructs/network/hub-virtual-network';
import { Subnet, VirtualNetwork } from '../../providers/azurerm';
import { onlyResource, parse, resourcesOfType, TEST_RESOURCE_GROUP } from '../helpers';

const BASE: HubVirtualNetworkProps = {
  resourceGroup: TEST_RESOURCE_GROUP,
  name: 'vnet-hub-test-weu',
  addressSpace: ['10.0.0.0/22'],
  subnets: { AzureFirewallSubnet: '10.0.0.0/26', AzureBastionSubnet: '10.0.0.64/26' },
};

function synth(props: Partial<HubVirtualNetworkProps> = {}): string {
  return Testing.synthScope((scope) => {
    new HubVirtualNetwork(scope, 'Hub', { ...BASE, ...props });
  });
}

describe('HubVirtualNetwork', () => {
  test('defines the VNet with its address space in the resource group', () => {
    expect(synth()).toHaveResourceWithProperties(VirtualNetwork, {
      name: 'vnet-hub-test-weu',
      resource_group_name: 'rg-test',
      location: 'westeurope',
      address_space: ['10.0.0.0/22'],
    });
  });

  test('creates exactly the given fixed-name subnets, all without default outbound access', () => {
    const json = parse(synth({ subnets: { ...BASE.subnets, GatewaySubnet: '10.0.0.128/27' } }));
    const subnets = resourcesOfType(json, 'azurerm_subnet');
    expect(subnets.map((s) => s.name).sort()).toEqual(['AzureBastionSubnet', 'AzureFirewallSubnet', 'GatewaySubnet']);
    for (const subnet of subnets) expect(subnet.default_outbound_access_enabled).toBe(false);
    expect(synth()).toHaveResourceWithProperties(Subnet, { name: 'AzureFirewallSubnet', address_prefixes: ['10.0.0.0/26'] });
  });

  test('links a DDoS protection plan when given, and none otherwise', () => {
    const planId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/ddosProtectionPlans/ddos';
    expect(synth({ ddosProtectionPlanId: planId })).toHaveResourceWithProperties(VirtualNetwork, {
      ddos_protection_plan: { id: planId, enable: true },
    });
    expect(onlyResource(parse(synth()), 'azurerm_virtual_network').ddos_protection_plan).toBeUndefined();
  });

  test('subnet() returns the subnet and fails clearly for a missing one', () => {
    Testing.synthScope((scope) => {
      const hub = new HubVirtualNetwork(scope, 'Hub', BASE);
      expect(hub.hasSubnet('AzureBastionSubnet')).toBe(true);
      expect(hub.hasSubnet('GatewaySubnet')).toBe(false);
      expect(() => hub.subnet('GatewaySubnet')).toThrow(/The hub has no GatewaySubnet; add its prefix/);
    });
  });

  test.each([
    ['an undersized AzureFirewallSubnet', { AzureFirewallSubnet: '10.0.0.0/27' }, /subnets.AzureFirewallSubnet: 10.0.0.0\/27 is a \/27, but Azure requires at least \/26/],
    ['an undersized GatewaySubnet', { AzureFirewallSubnet: '10.0.0.0/26', GatewaySubnet: '10.0.0.64/28' }, /at least \/27 for GatewaySubnet/],
    ['a subnet outside the address space', { AzureFirewallSubnet: '10.9.0.0/26' }, /outside the address space \(10.0.0.0\/22\)/],
    ['no AzureFirewallSubnet', { AzureBastionSubnet: '10.0.0.64/26' }, /subnets.AzureFirewallSubnet is required/],
    ['a prefix with host bits', { AzureFirewallSubnet: '10.0.0.1/26' }, /host bits set; the network address of that prefix is 10.0.0.0\/26/],
  ])('fails on %s', (_case, subnets, message) => {
    expect(() => synth({ subnets })).toThrow(message);
  });

  test('fails on an empty address space', () => {
    expect(() => synth({ addressSpace: [] })).toThrow(/addressSpace is empty/);
  });
});
