/** A private endpoint's DNS zone is the Private Link zone of the sub-resource it connects to. */
import { PrivateLinkService, privateDnsZonesFor } from '../../../lib/private-link-zones';
import { defineRule, each, fail, pass, readAll, skip, unknown } from '../../engine';

/** Terraform type of a Private Link target -> the service in lib/private-link-zones.ts. */
const SERVICE_OF_TYPE: Record<string, PrivateLinkService> = {
  azurerm_key_vault: 'keyVault',
  azurerm_storage_account: 'storage',
  azurerm_mssql_server: 'sql',
  azurerm_linux_web_app: 'appService',
  azurerm_windows_web_app: 'appService',
  azurerm_linux_function_app: 'appService',
  azurerm_windows_function_app: 'appService',
  azurerm_container_registry: 'containerRegistry',
  azurerm_cosmosdb_account: 'cosmosDb',
};

export default defineRule({
  id: 'ZT-NET-053',
  severity: 'medium',
  pillar: 'networks',
  title: 'Private endpoint DNS zone matches its sub-resource',
  rationale: 'A zone for another service leaves the endpoint unresolvable and clients fall back to the public endpoint.',
  fix: 'Use the zone lib/private-link-zones.ts lists for the service and sub-resource.',
  appliesTo: ['azurerm_private_endpoint'],
  references: { custom: 'Microsoft "Azure Private Endpoint private DNS zone values"; checks the zone against the sub-resource, across stacks' },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_private_endpoint'], (endpoint) => {
      const stack = endpoint.address.stack;
      const service = ctx.target(stack, readAll(endpoint.attributes, 'private_service_connection.private_connection_resource_id')[0]);
      if (service.kind === 'unresolved') return unknown(`target ${service.reason}`);
      const serviceName = service.kind === 'resource' ? SERVICE_OF_TYPE[service.resource.address.type] : undefined;
      if (!serviceName) return skip('target is not a Private Link service this pack knows');
      const subresources = readAll(endpoint.attributes, 'private_service_connection.subresource_names').map(String);
      const expected = subresources.flatMap((sub) => privateDnsZonesFor(serviceName, sub));
      const zones: string[] = [];
      for (const raw of readAll(endpoint.attributes, 'private_dns_zone_group.private_dns_zone_ids')) {
        const zone = ctx.target(stack, raw);
        if (zone.kind === 'unresolved') return unknown(`zone ${zone.reason}`);
        const name = zone.kind === 'resource' ? ctx.value(zone.resource, 'name') : { known: true as const, value: String(zone.value).split('/').pop() };
        if (!name.known) return unknown(name.reason);
        zones.push(String(name.value));
      }
      if (zones.length === 0) return fail('no DNS zone (see ZT-NET-050)');
      const missing = expected.filter((zone) => !zones.includes(zone));
      return missing.length === 0 ? pass(`${subresources.join(', ')} -> ${zones.join(', ')}`) : fail(`${subresources.join(', ')} needs ${missing.join(', ')}; the zone group has ${zones.join(', ')}`);
    }),
});
