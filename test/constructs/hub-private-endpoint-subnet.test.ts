import { Testing } from 'cdktf';
import { HubVirtualNetwork, HubVirtualNetworkProps } from '../../constructs/network/hub-virtual-network';
import { onlyResource, parse, referenceTo, rendered, resourcesOfType, TEST_RESOURCE_GROUP } from '../helpers';

const PE_SUBNET = { name: 'snet-pe-hub-test-weu', addressPrefix: '10.0.0.128/27' };
const BASE: HubVirtualNetworkProps = {
  resourceGroup: TEST_RESOURCE_GROUP,
  name: 'vnet-hub-test-weu',
  addressSpace: ['10.0.0.0/22'],
  subnets: { AzureFirewallSubnet: '10.0.0.0/26' },
  privateEndpointSubnet: PE_SUBNET,
};

function synthHub(props: Partial<HubVirtualNetworkProps> = {}): string {
  return Testing.synthScope((scope) => {
    new HubVirtualNetwork(scope, 'Hub', { ...BASE, ...props });
  });
}

const peSubnetOf = (json: string) => resourcesOfType(parse(json), 'azurerm_subnet').filter((s) => s.name === PE_SUBNET.name);

describe('HubVirtualNetwork private-endpoint subnet', () => {
  test('has network policies on (so its NSG applies to the endpoints) and no default outbound access', () => {
    const json = synthHub();
    expect(peSubnetOf(json)).toEqual([
      {
        name: PE_SUBNET.name,
        resource_group_name: 'rg-test',
        virtual_network_name: referenceTo(parse(json), 'azurerm_virtual_network', 'vnet-hub-test-weu', 'name'),
        address_prefixes: ['10.0.0.128/27'],
        default_outbound_access_enabled: false,
        private_endpoint_network_policies: 'Enabled',
      },
    ]);
  });

  test('the fixed-name subnets keep the default endpoint network policies', () => {
    expect(onlyResource(parse(synthHub({ privateEndpointSubnet: undefined })), 'azurerm_subnet')).not.toHaveProperty('private_endpoint_network_policies');
  });

  test('privateEndpointSubnet returns that subnet', () => {
    const { synth, values } = rendered((scope) => ({ id: new HubVirtualNetwork(scope, 'Hub', BASE).privateEndpointSubnet.id }));
    expect(values).toEqual({ id: referenceTo(synth, 'azurerm_subnet', PE_SUBNET.name) });
  });

  test('privateEndpointSubnet fails when the hub has none, and no such subnet is created', () => {
    expect(peSubnetOf(synthHub({ privateEndpointSubnet: undefined }))).toEqual([]);
    Testing.synthScope((scope) => {
      const hub = new HubVirtualNetwork(scope, 'Hub', { ...BASE, privateEndpointSubnet: undefined });
      expect(() => hub.privateEndpointSubnet).toThrow('The hub has no private-endpoint subnet; pass HubVirtualNetworkProps.privateEndpointSubnet');
    });
  });

  test('accepts a /29, the smallest Azure allows', () => {
    expect(peSubnetOf(synthHub({ privateEndpointSubnet: { ...PE_SUBNET, addressPrefix: '10.0.0.128/29' } }))).toHaveLength(1);
  });

  test.each([
    ['outside the address space', '10.9.0.0/27', "HubVirtualNetwork 'vnet-hub-test-weu': privateEndpointSubnet 10.9.0.0/27 is outside the address space"],
    ['smaller than /29', '10.0.0.128/30', "HubVirtualNetwork 'vnet-hub-test-weu': privateEndpointSubnet 10.0.0.128/30 is a /30, but Azure subnets are at least /29; use a /29 or larger prefix"],
    ['both outside and too small', '10.9.0.0/30', 'privateEndpointSubnet 10.9.0.0/30 is outside the address space (10.0.0.0/22); pick a prefix inside it; privateEndpointSubnet 10.9.0.0/30 is a /30, but Azure subnets are at least /29'],
    ['with host bits set', '10.0.0.129/27', "HubVirtualNetwork: privateEndpointSubnet: '10.0.0.129/27' has host bits set; the network address of that prefix is 10.0.0.128/27"],
  ])('fails on a prefix %s', (_case, addressPrefix, message) => {
    expect(() => synthHub({ privateEndpointSubnet: { ...PE_SUBNET, addressPrefix } })).toThrow(message);
  });
});
