import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { HubVirtualNetwork } from '../../constructs/network/hub-virtual-network';
import { SpokeHubContext, ThreeTierSpoke, ThreeTierSpokeProps } from '../../constructs/landing-zone/three-tier-spoke';
import { ResourceNamer } from '../../lib/naming';
import { SpokeTier, TIER_NAME_SEGMENT } from '../../lib/spoke-tiers';
import { PrivateEndpoint } from '../../constructs/network/private-endpoint';
import { AzurermProvider, NetworkSecurityRule, VirtualNetwork } from '../../providers/azurerm';
import { onlyResource, parse, referenceTo, resourceAddresses, resourcesOfType, SynthesizedStack, TEST_RESOURCE_GROUP, TEST_WORKSPACE_ID } from '../helpers';
import { jsonText } from '../../lib/json-text';

const FIREWALL_IP = '10.0.0.4';
const HUB_VNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub';
/** The hub context without its network, which is a construct of each test's scope (`withHub`). */
const HUB: Omit<SpokeHubContext, 'network'> = {
  firewallPrivateIp: FIREWALL_IP,
  firewallSubnetPrefix: '10.0.0.0/26',
  bastionSubnetPrefix: '10.0.0.64/26',
  dnsProxyEnabled: true,
  privateRanges: ['10.0.0.0/8'],
};
const BASE: Omit<ThreeTierSpokeProps, 'hub'> & { readonly hub: Omit<SpokeHubContext, 'network'> } = {
  resourceGroup: TEST_RESOURCE_GROUP,
  names: new ResourceNamer({ workload: 'shop', environment: 'test', regionShortName: 'weu' }),
  workload: 'shop',
  addressSpace: ['10.1.0.0/24'],
  subnets: { web: '10.1.0.0/26', app: '10.1.0.64/26', data: '10.1.0.128/27', privateEndpoints: '10.1.0.160/27', appServiceIntegration: '10.1.0.192/27' },
  hub: HUB,
  ingress: { sources: ['10.0.1.0/26'], ports: ['443'] },
  ports: { app: ['8080'], data: ['1433'], privateEndpoints: ['443'] },
  routedPrefixes: [
    { name: 'to-crm-0', addressPrefix: '10.2.0.0/24' },
    { name: 'to-onprem-0', addressPrefix: '192.168.0.0/16' },
  ],
};
const TIERS: readonly SpokeTier[] = ['web', 'app', 'data', 'privateEndpoints', 'appServiceIntegration'];

type TestProps = Partial<Omit<ThreeTierSpokeProps, 'hub'>> & { readonly hub?: Omit<SpokeHubContext, 'network'> & { readonly network?: SpokeHubContext['network'] } };

/** The props with the hub network imported into `scope` (unless the test brings its own). */
function withHub(scope: Construct, props: TestProps = {}): ThreeTierSpokeProps {
  const { network, ...hub }: NonNullable<TestProps['hub']> = props.hub ?? BASE.hub;
  return { ...BASE, ...props, hub: { ...hub, network: network ?? HubVirtualNetwork.fromExisting(scope, 'Hub', { virtualNetworkId: HUB_VNET_ID }) } };
}

function synth(props: TestProps = {}): string {
  return Testing.synthScope((scope) => {
    new ThreeTierSpoke(scope, 'Spoke', withHub(scope, props));
  });
}

const subnetName = (tier: SpokeTier) => `snet-${TIER_NAME_SEGMENT[tier]}-shop-test-weu`;
const nsgName = (tier: SpokeTier) => `nsg-${TIER_NAME_SEGMENT[tier]}-shop-test-weu`;

/** The associations of a type, keyed by the name of the subnet they attach to. */
function associationsBySubnet(json: SynthesizedStack, type: string): Map<string, Record<string, unknown>> {
  const byReference = new Map(resourcesOfType(json, type).map((a) => [a.subnet_id, a]));
  const result = new Map<string, Record<string, unknown>>();
  for (const tier of TIERS) {
    const association = byReference.get(referenceTo(json, 'azurerm_subnet', subnetName(tier)));
    if (association) result.set(subnetName(tier), association);
  }
  return result;
}

describe('ThreeTierSpoke', () => {
  test('with a diagnostics destination, its VNet and every NSG send there (one setting each)', () => {
    const team = TEST_WORKSPACE_ID.replace(/[^/]+$/, 'log-team');
    const json = parse(synth({ diagnostics: { logAnalyticsWorkspaceId: team } }));
    const settings = resourcesOfType(json, 'azurerm_monitor_diagnostic_setting');
    const expected = [referenceTo(json, 'azurerm_virtual_network', 'vnet-shop-test-weu'), ...TIERS.map((tier) => referenceTo(json, 'azurerm_network_security_group', nsgName(tier)))];
    expect(settings.map((s) => s.target_resource_id).sort()).toEqual(expected.sort());
    expect(new Set(settings.map((s) => s.log_analytics_workspace_id))).toEqual(new Set([team]));
  });

  test('gives every subnet its own NSG, associated after all of the rules of that NSG', () => {
    const json = parse(synth());
    expect(resourcesOfType(json, 'azurerm_network_security_group').map((n) => n.name).sort()).toEqual(TIERS.map(nsgName).sort());
    const associations = associationsBySubnet(json, 'azurerm_subnet_network_security_group_association');
    expect(resourceAddresses(json, 'azurerm_subnet_network_security_group_association')).toHaveLength(TIERS.length);
    for (const tier of TIERS) {
      const association = associations.get(subnetName(tier));
      expect(association?.network_security_group_id).toBe(referenceTo(json, 'azurerm_network_security_group', nsgName(tier)));
      const nsgRules = resourcesOfType(json, 'azurerm_network_security_rule').filter(
        (r) => r.network_security_group_name === referenceTo(json, 'azurerm_network_security_group', nsgName(tier), 'name'),
      );
      expect(nsgRules.length).toBeGreaterThan(0);
      expect(association?.depends_on).toHaveLength(nsgRules.length);
    }
  });

  test('puts the tier rules in the tier NSGs', () => {
    const synthesized = synth();
    const json = parse(synthesized);
    const nsg = (tier: SpokeTier) => referenceTo(json, 'azurerm_network_security_group', nsgName(tier), 'name');
    expect(synthesized).toHaveResourceWithProperties(NetworkSecurityRule, {
      name: 'AllowIngressToWeb',
      network_security_group_name: nsg('web'),
      source_address_prefix: '10.0.1.0/26',
      destination_address_prefix: '10.1.0.0/26',
      destination_port_range: '443',
    });
    expect(synthesized).toHaveResourceWithProperties(NetworkSecurityRule, {
      name: 'AllowDnsUdpToFirewall',
      network_security_group_name: nsg('data'),
      destination_address_prefix: HUB.firewallSubnetPrefix,
    });
    expect(synthesized).toHaveResourceWithProperties(NetworkSecurityRule, { name: 'DenyAllOutbound', network_security_group_name: nsg('privateEndpoints'), priority: 4096 });
    expect(synthesized).toHaveResourceWithProperties(NetworkSecurityRule, { name: 'AllowBastionManagement', network_security_group_name: nsg('app'), source_address_prefix: HUB.bastionSubnetPrefix });
  });

  test('passes flows to the NSGs of their tiers', () => {
    const synthesized = synth({
      outboundFlows: [{ name: 'shop-to-crm', tier: 'app', remotePrefix: '10.2.0.64/26', ports: ['8443'], protocol: 'Tcp' }],
      inboundFlows: [{ name: 'erp-shop', tier: 'data', remotePrefix: '10.3.0.0/26', ports: ['1433'], protocol: 'Tcp' }],
    });
    const json = parse(synthesized);
    expect(synthesized).toHaveResourceWithProperties(NetworkSecurityRule, {
      name: 'AllowFlowOut-shop-to-crm',
      network_security_group_name: referenceTo(json, 'azurerm_network_security_group', nsgName('app'), 'name'),
      destination_address_prefix: '10.2.0.64/26',
    });
    expect(synthesized).toHaveResourceWithProperties(NetworkSecurityRule, {
      name: 'AllowFlowIn-erp-shop',
      network_security_group_name: referenceTo(json, 'azurerm_network_security_group', nsgName('data'), 'name'),
      source_address_prefix: '10.3.0.0/26',
    });
  });

  test('has one route table, BGP propagation off, sending 0.0.0.0/0 and every routed prefix to the firewall', () => {
    const json = parse(synth());
    expect(onlyResource(json, 'azurerm_route_table')).toMatchObject({ name: 'rt-shop-test-weu', bgp_route_propagation_enabled: false });
    const routes = resourcesOfType(json, 'azurerm_route').map((r) => `${jsonText(r.name)} ${jsonText(r.address_prefix)} ${jsonText(r.next_hop_type)} ${jsonText(r.next_hop_in_ip_address)}`);
    expect(routes.sort()).toEqual([
      `default-via-firewall 0.0.0.0/0 VirtualAppliance ${FIREWALL_IP}`,
      `to-crm-0 10.2.0.0/24 VirtualAppliance ${FIREWALL_IP}`,
      `to-onprem-0 192.168.0.0/16 VirtualAppliance ${FIREWALL_IP}`,
    ]);
  });

  test('associates every subnet with the route table after all its routes', () => {
    const json = parse(synth());
    const associations = associationsBySubnet(json, 'azurerm_subnet_route_table_association');
    expect(resourceAddresses(json, 'azurerm_subnet_route_table_association')).toHaveLength(TIERS.length);
    expect([...associations.keys()].sort()).toEqual(TIERS.map(subnetName).sort());
    for (const association of associations.values()) {
      expect(association.route_table_id).toBe(referenceTo(json, 'azurerm_route_table', 'rt-shop-test-weu'));
      expect([...(association.depends_on as string[])].sort()).toEqual(resourceAddresses(json, 'azurerm_route').sort());
    }
  });

  test('without routed prefixes, routes 0.0.0.0/0 only', () => {
    const json = parse(synth({ routedPrefixes: undefined }));
    expect(resourcesOfType(json, 'azurerm_route').map((r) => r.address_prefix)).toEqual(['0.0.0.0/0']);
  });

  test('builds the four required tiers only when no App Service integration is wanted', () => {
    const { appServiceIntegration: _omitted, ...subnets } = BASE.subnets;
    const json = parse(synth({ subnets }));
    for (const type of ['azurerm_subnet', 'azurerm_network_security_group', 'azurerm_subnet_network_security_group_association', 'azurerm_subnet_route_table_association']) {
      expect({ type, count: resourcesOfType(json, type).length }).toEqual({ type, count: 4 });
    }
    expect(resourcesOfType(json, 'azurerm_subnet').map((s) => s.name)).not.toContain(subnetName('appServiceIntegration'));
  });

  test('uses the firewall as DNS server when its DNS proxy is on, with DNS rules to the firewall subnet', () => {
    const synthesized = synth();
    expect(synthesized).toHaveResourceWithProperties(VirtualNetwork, { name: 'vnet-shop-test-weu', dns_servers: [FIREWALL_IP] });
    const dnsRules = resourcesOfType(parse(synthesized), 'azurerm_network_security_rule').filter((r) => r.destination_port_range === '53');
    // UDP and TCP from each tier that originates traffic: web, app, data and the App Service integration subnet.
    expect(dnsRules).toHaveLength(8);
    for (const rule of dnsRules) expect(rule.destination_address_prefix).toBe(HUB.firewallSubnetPrefix);
  });

  test('uses Azure DNS, with no DNS rules, when the DNS proxy is off', () => {
    const json = parse(synth({ hub: { ...HUB, dnsProxyEnabled: false } }));
    expect(onlyResource(json, 'azurerm_virtual_network').dns_servers).toBeUndefined();
    expect(resourcesOfType(json, 'azurerm_network_security_rule').filter((r) => r.destination_port_range === '53')).toEqual([]);
  });

  test('peers with the hub only, through the hub provider and gateway choice given', () => {
    const json = parse(
      Testing.synthScope((scope) => {
        const provider = new AzurermProvider(scope, 'HubProvider', { alias: 'hub', features: [{}] });
        new ThreeTierSpoke(scope, 'Spoke', withHub(scope, { hub: { ...HUB, network: HubVirtualNetwork.fromExisting(scope, 'Hub', { virtualNetworkId: HUB_VNET_ID, provider }) }, useRemoteGateways: true }));
      }),
    );
    const peerings = resourcesOfType(json, 'azurerm_virtual_network_peering');
    expect(peerings.map((p) => `${jsonText(p.name)} ${jsonText(p.provider ?? 'default')} ${jsonText(p.use_remote_gateways)}`).sort()).toEqual([
      'peer-hub-to-shop azurerm.hub false',
      'peer-shop-to-hub default true',
    ]);
  });

  test('securityGroup(tier) returns the NSG of that tier, to add workload rules', () => {
    const json = parse(
      Testing.synthScope((scope) => {
        const spoke = new ThreeTierSpoke(scope, 'Spoke', withHub(scope));
        spoke.securityGroup('app').addRule({
          name: 'AllowWebToAppGrpc',
          priority: 150,
          direction: 'Inbound',
          access: 'Allow',
          protocol: 'Tcp',
          sourceAddresses: ['10.1.0.0/26'],
          destinationAddresses: ['10.1.0.64/26'],
          destinationPorts: ['50051'],
        });
      }),
    );
    const rule = resourcesOfType(json, 'azurerm_network_security_rule').find((r) => r.name === 'AllowWebToAppGrpc');
    expect(rule?.network_security_group_name).toBe(referenceTo(json, 'azurerm_network_security_group', nsgName('app'), 'name'));
  });

  test('securityGroup(tier) fails for a tier the spoke does not have', () => {
    const { appServiceIntegration: _omitted, ...subnets } = BASE.subnets;
    Testing.synthScope((scope) => {
      const spoke = new ThreeTierSpoke(scope, 'Spoke', withHub(scope, { subnets }));
      expect(() => spoke.securityGroup('appServiceIntegration')).toThrow('Spoke has no appServiceIntegration subnet, so no appServiceIntegration NSG');
    });
  });

  describe('private endpoints placed in privateEndpointSubnet', () => {
    const TARGET = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.Sql/servers/sql-shop';
    const VAULT = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.KeyVault/vaults/kv-shop';
    const zones = { zoneId: (zone: string) => `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/${zone}` };
    const withEndpoints = () =>
      parse(
        Testing.synthScope((scope) => {
          const spoke = new ThreeTierSpoke(scope, 'Spoke', withHub(scope, { ports: { ...BASE.ports, privateEndpoints: [] } }));
          const endpoint = (id: string, targetResourceId: string, service: 'sql' | 'keyVault', subresource: string) =>
            new PrivateEndpoint(scope, id, { resourceGroup: TEST_RESOURCE_GROUP, name: `pe-${id}`, subnet: spoke.privateEndpointSubnet, targetResourceId, service, subresource, dnsZones: zones });
          endpoint('sql', TARGET, 'sql', 'sqlServer');
          endpoint('kv', VAULT, 'keyVault', 'vault');
          endpoint('kv2', VAULT, 'keyVault', 'vault');
        }),
      );

    test('open each port once: 443 from every calling tier, 1433 from the app tiers only, in and out', () => {
      const json = withEndpoints();
      const rules = resourcesOfType(json, 'azurerm_network_security_rule').filter((r) => String(r.name).startsWith('AllowToPrivateEndpoints-'));
      const byNsg = (tier: SpokeTier) => rules.filter((r) => r.network_security_group_name === referenceTo(json, 'azurerm_network_security_group', nsgName(tier), 'name'));
      const inbound = byNsg('privateEndpoints');
      expect(inbound.map((r) => [r.name, r.direction, r.destination_port_range, r.source_address_prefixes ?? r.source_address_prefix])).toEqual([
        ['AllowToPrivateEndpoints-1433', 'Inbound', '1433', ['10.1.0.64/26', '10.1.0.192/27']],
        ['AllowToPrivateEndpoints-443', 'Inbound', '443', ['10.1.0.0/26', '10.1.0.64/26', '10.1.0.128/27', '10.1.0.192/27']],
      ]);
      expect(byNsg('app').map((r) => [r.destination_port_range, r.direction, r.destination_address_prefix])).toEqual([
        ['1433', 'Outbound', '10.1.0.160/27'],
        ['443', 'Outbound', '10.1.0.160/27'],
      ]);
      expect(byNsg('web').map((r) => r.destination_port_range)).toEqual(['443']);
      expect(byNsg('data').map((r) => r.destination_port_range)).toEqual(['443']);
      expect(byNsg('appServiceIntegration').map((r) => r.destination_port_range)).toEqual(['1433', '443']);
      expect(new Set(rules.map((r) => r.priority))).toEqual(new Set([130, 131]));
    });

    test('open nothing without endpoints, beyond the configured extra ports', () => {
      const json = parse(synth({ ports: { ...BASE.ports, privateEndpoints: [] } }));
      expect(resourcesOfType(json, 'azurerm_network_security_rule').filter((r) => String(r.name).includes('PrivateEndpoints'))).toEqual([]);
    });
  });

  describe('web tier as the Application Gateway subnet', () => {
    const gateway = () => synth({ webTierIsApplicationGateway: true, ingress: { sources: ['Internet'], ports: ['443', '80'] } });

    test('gets the rules Azure requires for Application Gateway v2, listener ports from the clients, and no Bastion rules', () => {
      const json = parse(gateway());
      const web = resourcesOfType(json, 'azurerm_network_security_rule').filter((r) => r.network_security_group_name === referenceTo(json, 'azurerm_network_security_group', nsgName('web'), 'name') && r.direction === 'Inbound');
      expect(web.map((r) => [r.name, r.priority, r.source_address_prefix, r.destination_port_range ?? r.destination_port_ranges, r.destination_address_prefix])).toEqual([
        ['AllowAzureLoadBalancer', 120, 'AzureLoadBalancer', '*', '*'],
        ['AllowGatewayManager', 110, 'GatewayManager', '65200-65535', '*'],
        ['AllowIngressToWeb', 100, 'Internet', ['443', '80'], '10.1.0.0/26'],
        ['DenyAllInbound', 4096, '*', '*', '*'],
      ]);
    });

    test('has its own route table: 0.0.0.0/0 to the Internet (Azure supports no appliance there), private prefixes to the firewall', () => {
      const json = parse(gateway());
      const table = referenceTo(json, 'azurerm_route_table', 'rt-agw-shop-test-weu');
      const routes = resourcesOfType(json, 'azurerm_route').filter((r) => r.route_table_name === referenceTo(json, 'azurerm_route_table', 'rt-agw-shop-test-weu', 'name'));
      expect(routes.map((r) => [r.address_prefix, r.next_hop_type, r.next_hop_in_ip_address])).toEqual([
        ['0.0.0.0/0', 'Internet', undefined],
        ['10.2.0.0/24', 'VirtualAppliance', FIREWALL_IP],
        ['192.168.0.0/16', 'VirtualAppliance', FIREWALL_IP],
      ]);
      const associations = associationsBySubnet(json, 'azurerm_subnet_route_table_association');
      expect(associations.get(subnetName('web'))?.route_table_id).toBe(table);
      expect(associations.get(subnetName('app'))?.route_table_id).toBe(referenceTo(json, 'azurerm_route_table', 'rt-shop-test-weu'));
    });

    test('fails on a web subnet smaller than /26', () => {
      expect(() => synth({ webTierIsApplicationGateway: true, subnets: { ...BASE.subnets, web: '10.1.0.0/27' } })).toThrow("ThreeTierSpoke 'shop': subnets.web 10.1.0.0/27 holds the Application Gateway v2 and is too small for it; use a /26 or larger (Azure recommends /24)");
    });
  });
});
