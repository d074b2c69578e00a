/**
 * Private endpoints resolve through central DNS, end to end in the synthesized configuration: every endpoint's DNS
 * zone group points at the central zone of its sub-resource, every zone is linked to the hub (registration off),
 * the firewall proxies DNS, and every spoke uses the firewall as its DNS server (or links the zones itself).
 */
import { LandingZoneConfig } from '../../config/schema';
import { privateDnsZonesFor, PrivateLinkService } from '../../lib/private-link-zones';
import type { TerraformJson } from '../../verifier/load';
import { References } from '../../verifier/references';
import { at, embeddedConfig, embeddedConfigs, regionCode, resourcesOfType, synthEnvironments, stackNamed } from '../helpers';

/** The Terraform resource a value refers to, followed across stacks; fails the test when unresolvable. */
function target(refs: References, stack: string, value: unknown): { type: string; attributes: Record<string, unknown> } {
  const resolved = refs.resolve(stack, value);
  if (resolved.kind !== 'attribute') throw new Error(`${String(value)} in ${stack} does not resolve to a resource attribute: ${JSON.stringify(resolved)}`);
  const [found] = refs.resourcesOfType(resolved.resource.type).filter((r) => r.address.stack === resolved.resource.stack && r.address.name === resolved.resource.name);
  return { type: resolved.resource.type, attributes: found!.attributes };
}

const SERVICE_OF_RESOURCE: Record<string, PrivateLinkService> = {
  azurerm_key_vault: 'keyVault',
  azurerm_mssql_server: 'sql',
  azurerm_storage_account: 'storage',
  azurerm_linux_web_app: 'appService',
  azurerm_monitor_private_link_scope: 'azureMonitor',
};

function check(config: LandingZoneConfig) {
  const stacks = synthEnvironments([config]);
  const refs = new References(stacks as unknown as Record<string, TerraformJson>);
  return { stacks, refs, connectivity: stackNamed(stacks, `${config.environment}-connectivity`) };
}

describe.each(embeddedConfigs().map((c) => [c.environment, c] as const))('%s: private endpoints resolve through central DNS', (environment, config) => {
  const { stacks, refs, connectivity } = check(config);

  test('every central zone is linked to the hub VNet once, registration off', () => {
    const zones = resourcesOfType(connectivity, 'azurerm_private_dns_zone').map((z) => z.name);
    expect(zones.length).toBe(19);
    const links = resourcesOfType(connectivity, 'azurerm_private_dns_zone_virtual_network_link');
    expect(links).toHaveLength(zones.length);
    for (const link of links) {
      expect(link.registration_enabled).toBe(false);
      expect(target(refs, `${environment}-connectivity`, link.virtual_network_id).attributes.name).toBe(`vnet-hub-${environment}-${regionCode(config)}`);
    }
  });

  test('every private endpoint registers in the central zone of its sub-resource, with automatic approval', () => {
    let endpoints = 0;
    for (const [stack, json] of Object.entries(stacks)) {
      for (const endpoint of resourcesOfType(json, 'azurerm_private_endpoint')) {
        endpoints++;
        const connection = endpoint.private_service_connection as { is_manual_connection: boolean; private_connection_resource_id: string; subresource_names: string[] };
        expect(connection.is_manual_connection).toBe(false);
        const service = SERVICE_OF_RESOURCE[target(refs, stack, connection.private_connection_resource_id).type];
        const expectedZones = privateDnsZonesFor(service!, at(connection.subresource_names, 0));
        const group = endpoint.private_dns_zone_group as { private_dns_zone_ids: string[] };
        const zoneNames = group.private_dns_zone_ids.map((id) => target(refs, stack, id).attributes.name);
        expect(zoneNames).toEqual(expectedZones);
        expect(target(refs, stack, endpoint.subnet_id).attributes.private_endpoint_network_policies).toBe('Enabled');
      }
    }
    // The platform vault and the Azure Monitor Private Link Scope in the hub, one vault per spoke that asked for one,
    // and a workload's web app, SQL server and storage (blob).
    const workloadEndpoints = config.spokes.reduce((sum, s) => sum + (s.workload ? 1 + (s.workload.sql ? 1 : 0) + (s.workload.storage ? 1 : 0) : 0), 0);
    expect(endpoints).toBe(1 + (config.management.privateLink.enabled ? 1 : 0) + config.spokes.filter((s) => s.keyVault.enabled).length + workloadEndpoints);
  });

  test('spokes resolve through the firewall DNS proxy, which forwards to Azure DNS in the hub', () => {
    const policy = resourcesOfType(connectivity, 'azurerm_firewall_policy')[0] as { dns: { proxy_enabled: boolean; servers?: string[] } };
    expect(policy.dns.proxy_enabled).toBe(true);
    expect(policy.dns.servers).toBeUndefined();
    for (const spoke of config.spokes) {
      const stack = `${environment}-lz-${spoke.name}`;
      const vnet = resourcesOfType(stacks[stack]!, 'azurerm_virtual_network')[0] as { dns_servers: string[] };
      const dnsServer = refs.resolve(stack, vnet.dns_servers[0]);
      expect(dnsServer).toMatchObject({ kind: 'attribute', resource: { type: 'azurerm_firewall' }, path: ['ip_configuration', '0', 'private_ip_address'] });
    }
  });
});

test('without the DNS proxy, each spoke links its own VNet to every central zone', () => {
  const base = embeddedConfig('dev');
  const config: LandingZoneConfig = {
    ...base,
    hub: { ...base.hub, firewall: { ...base.hub.firewall, dnsProxyEnabled: false, platformEgress: ['azure-monitor', 'entra-id', 'ubuntu-updates'] } },
  };
  const { stacks, refs } = check(config);
  const shop = stackNamed(stacks, 'dev-lz-shop');
  const links = resourcesOfType(shop, 'azurerm_private_dns_zone_virtual_network_link');
  expect(links).toHaveLength(19);
  for (const link of links) {
    expect(link).toMatchObject({ registration_enabled: false, name: 'link-vnet-shop-dev-weu' });
    expect(String(link.resource_group_name)).toMatch(/cross-stack-reference-input-dev-connectivity/);
    expect(target(refs, 'dev-lz-shop', link.virtual_network_id).attributes.name).toBe('vnet-shop-dev-weu');
  }
  expect(resourcesOfType(shop, 'azurerm_virtual_network')[0]!.dns_servers).toBeUndefined();
});
