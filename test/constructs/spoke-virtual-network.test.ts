import { Fn, Testing } from 'cdktf';
import { SpokeSubnet, SpokeVirtualNetwork, SpokeVirtualNetworkProps } from '../../constructs/network/spoke-virtual-network';
import { SpokeTier } from '../../lib/spoke-tiers';
import { VirtualNetwork } from '../../providers/azurerm';
import { onlyResource, parse, referenceTo, resourcesOfType, TEST_SPOKE_NETWORK } from '../helpers';
import { jsonText } from '../../lib/json-text';

const INTEGRATION: SpokeSubnet = { tier: 'appServiceIntegration', name: 'snet-asi-shop-test-weu', addressPrefix: '10.1.0.192/27' };

function synth(props: Partial<SpokeVirtualNetworkProps> = {}): string {
  return Testing.synthScope((scope) => {
    new SpokeVirtualNetwork(scope, 'Spoke', { ...TEST_SPOKE_NETWORK, ...props });
  });
}

/** The base subnets with one tier's prefix replaced (or the tier dropped when `prefix` is undefined). */
function subnetsWith(tier: SpokeTier, prefix: string | undefined): SpokeSubnet[] {
  const others = TEST_SPOKE_NETWORK.subnets.filter((s) => s.tier !== tier);
  return prefix === undefined ? others : [...others, { tier, name: `snet-${tier}`, addressPrefix: prefix }];
}

function withSubnet(tier: SpokeTier, prefix: string | undefined): Partial<SpokeVirtualNetworkProps> {
  return { subnets: subnetsWith(tier, prefix) };
}

/** `field` of the subnet named `name` in a spoke with all five tiers, after checking that no other subnet sets it. */
function onlyOn(name: string, field: string): unknown {
  const subnets = resourcesOfType(parse(synth({ subnets: [...TEST_SPOKE_NETWORK.subnets, INTEGRATION] })), 'azurerm_subnet');
  expect(subnets.filter((s) => s.name !== name).map((s) => s[field])).toEqual([undefined, undefined, undefined, undefined]);
  return subnets.find((s) => s.name === name)?.[field];
}

describe('SpokeVirtualNetwork', () => {
  test('defines the VNet with its address space in the resource group, with Azure DNS by default', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(VirtualNetwork, {
      name: 'vnet-shop-test-weu',
      resource_group_name: 'rg-test',
      location: 'westeurope',
      address_space: ['10.1.0.0/24'],
    });
    expect(onlyResource(parse(json), 'azurerm_virtual_network').dns_servers).toBeUndefined();
  });

  test('uses the DNS servers given (the firewall DNS proxy)', () => {
    expect(synth({ dnsServers: ['10.0.0.4'] })).toHaveResourceWithProperties(VirtualNetwork, { dns_servers: ['10.0.0.4'] });
  });

  test('creates one subnet per tier in the VNet, all without default outbound access', () => {
    const json = synth({ subnets: [...TEST_SPOKE_NETWORK.subnets, INTEGRATION] });
    const subnets = resourcesOfType(parse(json), 'azurerm_subnet');
    const vnetName = referenceTo(parse(json), 'azurerm_virtual_network', 'vnet-shop-test-weu', 'name');
    expect(subnets.map((s) => `${jsonText(s.name)} ${(s.address_prefixes as string[]).join()}`).sort()).toEqual([
      'snet-app-shop-test-weu 10.1.0.64/26',
      'snet-asi-shop-test-weu 10.1.0.192/27',
      'snet-data-shop-test-weu 10.1.0.128/27',
      'snet-pe-shop-test-weu 10.1.0.160/27',
      'snet-web-shop-test-weu 10.1.0.0/26',
    ]);
    for (const subnet of subnets) {
      expect(subnet).toMatchObject({ default_outbound_access_enabled: false, resource_group_name: 'rg-test', virtual_network_name: vnetName });
    }
  });

  test('turns private endpoint network policies on for the private-endpoint subnet only', () => {
    expect(onlyOn('snet-pe-shop-test-weu', 'private_endpoint_network_policies')).toBe('Enabled');
  });

  test('delegates the App Service integration subnet, and only it, to Microsoft.Web/serverFarms', () => {
    expect(onlyOn('snet-asi-shop-test-weu', 'delegation')).toEqual([
      { name: 'app-service', service_delegation: { name: 'Microsoft.Web/serverFarms', actions: ['Microsoft.Network/virtualNetworks/subnets/action'] } },
    ]);
  });

  test('subnet() returns the subnet of a tier, tiers lists them in order, and a missing tier fails clearly', () => {
    Testing.synthScope((scope) => {
      const spoke = new SpokeVirtualNetwork(scope, 'Spoke', TEST_SPOKE_NETWORK);
      expect(spoke.tiers).toEqual(['web', 'app', 'data', 'privateEndpoints']);
      expect(spoke.subnet('data').nameInput).toBe('snet-data-shop-test-weu');
      expect(spoke.addressSpace).toEqual(['10.1.0.0/24']);
      expect(() => spoke.subnet('appServiceIntegration')).toThrow(
        "Spoke 'shop' has no appServiceIntegration subnet; add it to SpokeVirtualNetworkProps.subnets",
      );
    });
  });

  test('accepts the smallest subnets Azure allows (/29, and /28 for App Service integration)', () => {
    const subnets = [...subnetsWith('web', '10.1.0.0/29'), { ...INTEGRATION, addressPrefix: '10.1.0.192/28' }];
    expect(() => synth({ subnets })).not.toThrow();
  });

  test.each<[string, Partial<SpokeVirtualNetworkProps>, RegExp]>([
    ['a missing data tier', withSubnet('data', undefined), /subnets has no data tier; every spoke needs web, app, data and privateEndpoints/],
    ['a missing privateEndpoints tier', withSubnet('privateEndpoints', undefined), /subnets has no privateEndpoints tier/],
    ['overlapping subnets', withSubnet('app', '10.1.0.32/27'), /subnets\.app 10\.1\.0\.32\/27 overlaps subnets\.web 10\.1\.0\.0\/26/],
    ['a subnet outside the address space', withSubnet('web', '10.9.0.0/26'), /subnets\.web 10\.9\.0\.0\/26 is outside the address space \(10\.1\.0\.0\/24\)/],
    ['a /30 web subnet', withSubnet('web', '10.1.0.0/30'), /subnets\.web 10\.1\.0\.0\/30 is a \/30, but Azure needs at least \/29 for the web subnet; use a larger prefix/],
    [
      'a /29 App Service integration subnet',
      { subnets: [...TEST_SPOKE_NETWORK.subnets, { ...INTEGRATION, addressPrefix: '10.1.0.192/29' }] },
      /subnets\.appServiceIntegration 10\.1\.0\.192\/29 is a \/29, but Azure needs at least \/28 for the appServiceIntegration subnet; use a larger prefix/,
    ],
    ['a subnet prefix with host bits', withSubnet('web', '10.1.0.1/26'), /subnets\.web is not valid: '10\.1\.0\.1\/26' has host bits set; the network address of that prefix is 10\.1\.0\.0\/26/],
    ['a tier given twice', { subnets: [...TEST_SPOKE_NETWORK.subnets, { tier: 'web', name: 'snet-web-2', addressPrefix: '10.1.0.224/27' }] }, /subnets has web twice/],
    ['an empty address space', { addressSpace: [] }, /addressSpace is empty; pass at least one prefix/],
    ['a token address space', { addressSpace: [Fn.cidrsubnet('10.0.0.0/16', 8, 1)] }, /addressSpace is a token; pass a literal CIDR/],
    ['a token subnet prefix', withSubnet('data', Fn.cidrsubnet('10.1.0.0/24', 3, 4)), /subnets\.data is a token; pass a literal CIDR/],
  ])('fails on %s', (_case, props, message) => {
    expect(() => synth(props)).toThrow(message);
    expect(() => synth(props)).toThrow(/^SpokeVirtualNetwork 'vnet-shop-test-weu': /);
  });

  test('reports every problem at once', () => {
    const props = { ...withSubnet('data', undefined), addressSpace: ['10.1.0.0/25'] };
    expect(() => synth(props)).toThrow(/subnets has no data tier.*; subnets\.privateEndpoints 10\.1\.0\.160\/27 is outside the address space \(10\.1\.0\.0\/25\)/);
  });
});
