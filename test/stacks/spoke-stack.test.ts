/**
 * Spoke stacks as synthesized for every embedded environment: segmentation and forced egress are asserted on the
 * Terraform JSON (the flow verifier proves the resulting reachability separately).
 */
import { LandingZoneConfig } from '../../config/schema';
import { cidr, contains } from '../../lib/cidr';
import { embeddedConfig, embeddedConfigs, onlyResource, regionCode, resourcesOfType, synthEnvironments, SynthesizedStack, UNTAGGABLE_TYPES, stackNamed } from '../helpers';

interface SynthesizedEnvironment {
  readonly connectivity: SynthesizedStack;
  readonly spokes: ReadonlyMap<string, SynthesizedStack>;
}

function synthEnvironment(config: LandingZoneConfig): SynthesizedEnvironment {
  const stacks = synthEnvironments([config]);
  return {
    connectivity: stackNamed(stacks, `${config.environment}-connectivity`),
    spokes: new Map(config.spokes.map((s) => [s.name, stackNamed(stacks, `${config.environment}-lz-${s.name}`)])),
  };
}

/** `${type.logicalId.attribute}` for every resource of a type, keyed by logical ID. */
function referencesOf(json: SynthesizedStack, type: string, attribute = 'id'): Map<string, string> {
  return new Map(Object.keys(json.resource?.[type] ?? {}).map((id) => [id, `\${${type}.${id}.${attribute}}`]));
}

/** The firewall's private IP as a spoke of `environment` references it (remote state of its connectivity stack). */
const firewallIp = (environment: string) =>
  new RegExp(`^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-${environment}-connectivity\\.outputs\\.cross-stack-output-azurerm_firewall.*private_ip_address\\}$`);

describe.each(embeddedConfigs().map((c) => [c.environment, c] as const))('%s spokes', (environment, config) => {
  const synthesized = synthEnvironment(config);

  test('every embedded environment has at least two spokes, one stack each', () => {
    expect(config.spokes.length).toBeGreaterThanOrEqual(2);
    expect([...synthesized.spokes.keys()]).toEqual(config.spokes.map((s) => s.name));
  });

  describe.each(config.spokes.map((s) => [s.name, s] as const))('spoke %s', (name, spoke) => {
    const json = synthesized.spokes.get(name) as SynthesizedStack;
    const subnets = referencesOf(json, 'azurerm_subnet');

    test('has a subnet per tier at the planned prefix, default outbound access off', () => {
      const actual = Object.fromEntries(resourcesOfType(json, 'azurerm_subnet').map((s) => [s.name, (s.address_prefixes as string[])[0]]));
      const segment: Record<string, string> = { web: 'web', app: 'app', data: 'data', privateEndpoints: 'pe', appServiceIntegration: 'asi' };
      expect(actual).toEqual(Object.fromEntries(Object.entries(spoke.subnets).map(([tier, prefix]) => [`snet-${segment[tier]}-${name}-${environment}-${regionCode(config)}`, prefix])));
      for (const subnet of resourcesOfType(json, 'azurerm_subnet')) expect(subnet.default_outbound_access_enabled).toBe(false);
    });

    test('private endpoint subnet applies NSGs and routes to private endpoints', () => {
      const pe = resourcesOfType(json, 'azurerm_subnet').find((s) => String(s.name).startsWith('snet-pe-'));
      expect(pe?.private_endpoint_network_policies).toBe('Enabled');
    });

    test('every subnet has exactly one NSG and exactly one route table', () => {
      const nsgAssociations = resourcesOfType(json, 'azurerm_subnet_network_security_group_association').map((a) => a.subnet_id);
      const routeAssociations = resourcesOfType(json, 'azurerm_subnet_route_table_association').map((a) => a.subnet_id);
      expect([...nsgAssociations].sort()).toEqual([...subnets.values()].sort());
      expect([...routeAssociations].sort()).toEqual([...subnets.values()].sort());
      expect(resourcesOfType(json, 'azurerm_network_security_group')).toHaveLength(subnets.size);
    });

    test('every NSG ends with an explicit DenyAllInbound at 4096', () => {
      const nsgNames = referencesOf(json, 'azurerm_network_security_group', 'name');
      const denies = resourcesOfType(json, 'azurerm_network_security_rule').filter((r) => r.name === 'DenyAllInbound');
      expect(denies.map((r) => r.network_security_group_name).sort()).toEqual([...nsgNames.values()].sort());
      for (const rule of denies) expect(rule).toMatchObject({ priority: 4096, access: 'Deny', direction: 'Inbound', protocol: '*', source_address_prefix: '*', destination_address_prefix: '*' });
    });

    test('no NSG rule allows anything outbound to the Internet or to any address', () => {
      const outboundAllows = resourcesOfType(json, 'azurerm_network_security_rule').filter((r) => r.direction === 'Outbound' && r.access === 'Allow');
      for (const rule of outboundAllows) {
        expect([rule.destination_address_prefix, ...((rule.destination_address_prefixes as string[] | undefined) ?? [])]).not.toContain('Internet');
        expect(rule.destination_address_prefix).not.toBe('*');
      }
    });

    test('management ports are allowed only from AzureBastionSubnet', () => {
      const management = resourcesOfType(json, 'azurerm_network_security_rule').filter(
        (r) => r.direction === 'Inbound' && r.access === 'Allow' && [r.destination_port_range, ...((r.destination_port_ranges as string[] | undefined) ?? [])].some((p) => p === '22' || p === '3389' || p === '*'),
      );
      for (const rule of management.filter((r) => r.source_address_prefix !== 'AzureLoadBalancer')) {
        expect(rule.source_address_prefix).toBe(config.hub.subnets.AzureBastionSubnet);
      }
      // Every workload tier, except a web subnet that holds the Application Gateway (nothing to manage there).
      expect(management.filter((r) => r.name === 'AllowBastionManagement')).toHaveLength(spoke.workload?.ingress === 'appGateway' ? 2 : 3);
    });

    const gateway = spoke.workload?.ingress === 'appGateway';
    const tableName = (qualifier?: string) => ['rt', qualifier, name, environment, 'weu'].filter(Boolean).join('-');
    const routesOf = (table: string) => resourcesOfType(json, 'azurerm_route').filter((r) => String(r.route_table_name).includes(String(Object.entries(json.resource?.azurerm_route_table ?? {}).find(([, t]) => t.name === table)?.[0])));

    test('one route table (plus the Application Gateway subnet\'s), BGP propagation off, 0.0.0.0/0 and the private ranges (other spokes, on-premises) to the firewall', () => {
      expect(resourcesOfType(json, 'azurerm_route_table').map((t) => [t.name, t.bgp_route_propagation_enabled]).sort()).toEqual(
        [[tableName(), false], ...(gateway ? [[tableName('agw'), false]] : [])].sort(),
      );
      const routes = routesOf(tableName());
      expect(routes.map((r) => r.address_prefix).sort()).toEqual(['0.0.0.0/0', ...config.hub.firewall.privateRanges].sort());
      for (const route of routes) {
        expect(route.next_hop_type).toBe('VirtualAppliance');
        expect(route.next_hop_in_ip_address).toMatch(firewallIp(environment));
      }
      // Aggregates cover every other spoke and on-premises range, so adding a spoke changes no other spoke.
      const covered = (prefix: string) => config.hub.firewall.privateRanges.some((range) => contains(cidr(range), cidr(prefix)));
      for (const other of config.spokes.filter((s) => s.name !== name)) for (const space of other.addressSpace) expect(covered(space)).toBe(true);
      for (const space of config.onPremisesAddressSpaces) expect(covered(space)).toBe(true);
    });

    if (gateway) test('the Application Gateway subnet sends 0.0.0.0/0 to the Internet (Azure requires it) and the private ranges to the firewall', () => {
      const routes = routesOf(tableName('agw'));
      expect(routes.map((r) => [r.address_prefix, r.next_hop_type]).sort()).toEqual([['0.0.0.0/0', 'Internet'], ...config.hub.firewall.privateRanges.map((p) => [p, 'VirtualAppliance'])].sort());
    });

    test('peers with the hub only, in both directions', () => {
      const peerings = resourcesOfType(json, 'azurerm_virtual_network_peering');
      const spokeVnet = [...referencesOf(json, 'azurerm_virtual_network').values()][0];
      expect(peerings).toHaveLength(2);
      const hubToSpoke = peerings.find((p) => p.name === `peer-hub-to-${name}`);
      const spokeToHub = peerings.find((p) => p.name === `peer-${name}-to-hub`);
      expect(hubToSpoke).toMatchObject({ remote_virtual_network_id: spokeVnet, allow_forwarded_traffic: true, allow_virtual_network_access: true, use_remote_gateways: false });
      expect(String(hubToSpoke?.virtual_network_name)).toMatch(/cross-stack-reference-input-.*-connectivity.*HubNetwork/);
      expect(String(spokeToHub?.remote_virtual_network_id)).toMatch(/cross-stack-reference-input-.*-connectivity.*HubNetwork.*id\}$/);
      expect(spokeToHub?.use_remote_gateways).toBe(spoke.useRemoteGateways);
    });

    test('resolves DNS through the firewall DNS proxy', () => {
      expect(onlyResource(json, 'azurerm_virtual_network').dns_servers).toEqual([expect.stringMatching(firewallIp(environment))]);
    });

    test('every taggable resource carries the required tags', () => {
      for (const [type, resources] of Object.entries(json.resource ?? {})) {
        if (UNTAGGABLE_TYPES.has(type)) continue;
        for (const resource of Object.values(resources)) expect(resource.tags).toMatchObject({ environment, 'managed-by': 'cdktf', owner: config.tags.owner });
      }
    });

    if (spoke.workload) {
      test('the workload sends WAF logs to AzureDiagnostics (the Sentinel WAF rule) and SQL audit events through the master database', () => {
        const settings = resourcesOfType(json, 'azurerm_monitor_diagnostic_setting');
        const targeting = (type: string, suffix = '') => settings.filter((d) => String(d.target_resource_id).startsWith(`\${${type}.`) && String(d.target_resource_id).endsWith(`.id}${suffix}`));
        if (spoke.workload?.ingress === 'appGateway') {
          const [gateway] = targeting('azurerm_application_gateway');
          expect(gateway).toMatchObject({ enabled_log: [{ category_group: 'allLogs' }] });
          expect(gateway).not.toHaveProperty('log_analytics_destination_type');
        }
        if (spoke.workload?.sql) expect(targeting('azurerm_mssql_server', '/databases/master')).toEqual([expect.objectContaining({ enabled_log: [{ category: 'SQLSecurityAuditEvents' }] })]);
      });
    }

    test('exposes the VNet and every subnet as outputs for workload stacks', () => {
      expect(Object.keys(json.output ?? {}).filter((k) => !k.startsWith('cross-stack')).sort()).toEqual(
        [
          'spoke_virtual_network_id',
          ...Object.keys(spoke.subnets).map((t) => `${t.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_subnet_id`),
          ...(spoke.keyVault.enabled ? ['key_vault_uri', 'workload_identity_client_id', 'workload_identity_id'] : []),
          ...(spoke.workload ? ['web_app_default_host_name'] : []),
          ...(spoke.workload?.ingress === 'appGateway' ? ['application_gateway_public_ip'] : []),
          ...(spoke.workload?.sql ? ['sql_contained_user_script'] : []),
        ].sort(),
      );
    });
  });

  test('no spoke peers with another spoke in any stack', () => {
    for (const json of synthesized.spokes.values()) {
      for (const peering of resourcesOfType(json, 'azurerm_virtual_network_peering')) {
        const sides = [peering.virtual_network_name, peering.remote_virtual_network_id].map(String);
        expect(sides.filter((s) => s.includes('cross-stack-reference-input'))).toHaveLength(1);
      }
    }
  });

  test('the firewall policy allows the platform baseline from every spoke and each configured flow, nothing else', () => {
    const groups = resourcesOfType(synthesized.connectivity, 'azurerm_firewall_policy_rule_collection_group').sort((a, b) => Number(a.priority) - Number(b.priority));
    // A spoke gets a group only when it has flows or egress rules of its own.
    const withRules = config.spokes.flatMap((s, i) =>
      s.flows.length + s.egress.applicationRules.length + s.egress.networkRules.length > 0 ? [[`rcg-spoke-${s.name}`, 1000 + 100 * i]] : [],
    );
    expect(withRules.length).toBeGreaterThan(0);
    expect(groups.map((g) => [g.name, g.priority])).toEqual([['rcg-platform-egress', 200], ...withRules]);
    const collections = groups.flatMap((g) => [...((g.network_rule_collection as { action: string }[] | undefined) ?? []), ...((g.application_rule_collection as { action: string }[] | undefined) ?? [])]);
    for (const c of collections) expect(c.action).toBe('Allow');
    const platform = groups[0]!.network_rule_collection as { rule: { source_addresses: string[] }[] }[];
    for (const rule of platform[0]!.rule) expect(rule.source_addresses).toEqual(config.spokes.flatMap((s) => s.addressSpace));
    const shopToCrm = groups.find((g) => g.name === 'rcg-spoke-shop')?.network_rule_collection as { name: string; rule: unknown[] }[];
    const crm = config.spokes.find((s) => s.name === 'crm');
    expect(shopToCrm.find((c) => c.name === 'shop-east-west')?.rule).toEqual([
      {
        name: 'shop-to-crm-api',
        source_addresses: [config.spokes[0]!.subnets.app],
        destination_addresses: [crm?.subnets.app],
        destination_ports: ['8443'],
        protocols: ['TCP'],
      },
    ]);
  });
});

describe('environment-specific spoke choices', () => {
  test('prod publishes the crm web tier on the firewall public IP (DNAT to its internal address); dev publishes nothing', () => {
    const groups = (environment: string) =>
      resourcesOfType(synthEnvironment(embeddedConfig(environment)).connectivity, 'azurerm_firewall_policy_rule_collection_group');
    const crm = groups('prod').find((g) => g.name === 'rcg-spoke-crm');
    expect(crm?.nat_rule_collection).toEqual([
      {
        name: 'crm-publish-web',
        priority: 400,
        action: 'Dnat',
        rule: [
          {
            name: 'crm-web-443',
            protocols: ['TCP'],
            source_addresses: ['*'],
            destination_address: expect.stringMatching(/^\$\{azurerm_public_ip\.Firewall_PublicIp_[0-9A-F]{8}\.ip_address\}$/),
            destination_ports: ['443'],
            translated_address: '10.21.1.10',
            translated_port: 443,
          },
        ],
      },
    ]);
    for (const group of groups('dev')) expect(group.nat_rule_collection).toBeUndefined();
  });

  test('prod shop has an App Service integration subnet delegated to Microsoft.Web/serverFarms', () => {
    const json = synthEnvironment(embeddedConfig('prod')).spokes.get('shop') as SynthesizedStack;
    const integration = resourcesOfType(json, 'azurerm_subnet').find((s) => String(s.name).startsWith('snet-asi-'));
    expect(integration?.delegation).toEqual([
      { name: 'app-service', service_delegation: { name: 'Microsoft.Web/serverFarms', actions: ['Microsoft.Network/virtualNetworks/subnets/action'] } },
    ]);
  });

  test('prod routes spoke prefixes from the GatewaySubnet to the firewall, keeping BGP there', () => {
    const { connectivity } = synthEnvironment(embeddedConfig('prod'));
    const table = onlyResource(connectivity, 'azurerm_route_table');
    expect(table).toMatchObject({ name: 'rt-gw-hub-prod-weu', bgp_route_propagation_enabled: true });
    expect(resourcesOfType(connectivity, 'azurerm_route').map((r) => r.address_prefix).sort()).toEqual(['10.21.0.0/24', '10.21.1.0/24']);
  });

  test('dev has no gateway, so no gateway route table', () => {
    expect(resourcesOfType(synthEnvironment(embeddedConfig('dev')).connectivity, 'azurerm_route_table')).toHaveLength(0);
  });

  test('a spoke in its own subscription gets that provider and creates the hub half of the peering with an aliased hub provider', () => {
    const base = embeddedConfig('dev');
    const subscriptionId = '00000000-0000-0000-0000-000000000042';
    const config = { ...base, spokes: base.spokes.map((s, i) => (i === 0 ? { ...s, subscriptionId } : s)) };
    const json = synthEnvironment(config).spokes.get('shop') as SynthesizedStack;
    const providers = json.provider?.azurerm as Record<string, unknown>[];
    expect(providers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ subscription_id: subscriptionId }),
        expect.objectContaining({ alias: 'hub', subscription_id: base.subscriptionId }),
      ]),
    );
    const hubToSpoke = resourcesOfType(json, 'azurerm_virtual_network_peering').find((p) => p.name === 'peer-hub-to-shop');
    expect(hubToSpoke?.provider).toBe('azurerm.hub');
  });

  test('a spoke using the hub gateway gets gateway transit on the hub side', () => {
    const base = embeddedConfig('prod');
    const config = { ...base, spokes: base.spokes.map((s) => ({ ...s, useRemoteGateways: true })) };
    const json = synthEnvironment(config).spokes.get('crm') as SynthesizedStack;
    const peerings = resourcesOfType(json, 'azurerm_virtual_network_peering');
    expect(peerings.find((p) => p.name === 'peer-hub-to-crm')).toMatchObject({ allow_gateway_transit: true, use_remote_gateways: false });
    expect(peerings.find((p) => p.name === 'peer-crm-to-hub')).toMatchObject({ allow_gateway_transit: false, use_remote_gateways: true });
  });
});

test('on-premises ranges outside the firewall private ranges get their own route', () => {
  const base = embeddedConfig('prod');
  const config = { ...base, onPremisesAddressSpaces: ['172.16.0.0/16', '203.0.113.0/24'] };
  const json = stackNamed(synthEnvironments([config]), 'prod-lz-crm');
  expect(resourcesOfType(json, 'azurerm_route').map((r) => [r.name, r.address_prefix])).toContainEqual(['on-premises-0', '203.0.113.0/24']);
  expect(resourcesOfType(json, 'azurerm_route')).toHaveLength(1 + base.hub.firewall.privateRanges.length + 1);
});
