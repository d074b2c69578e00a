/** Private endpoints register in a private DNS zone through a zone group (clients resolve the private address). */
import { defineRule, each, fail, pass, readAll } from '../../engine';

export default defineRule({
  id: 'ZT-NET-050',
  severity: 'medium',
  pillar: 'networks',
  title: 'Private endpoints register in private DNS',
  rationale: 'Without a zone group, clients resolve the public address and traffic never reaches the endpoint.',
  fix: 'Give the endpoint a private_dns_zone_group (PrivateEndpoint does with dnsZones).',
  appliesTo: ['azurerm_private_endpoint'],
  references: { custom: 'Azure Policy "Configure private endpoints to use private DNS zones" exists per service (DeployIfNotExists); checked here for all' },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_private_endpoint'], (endpoint) => {
      const zones = readAll(endpoint.attributes, 'private_dns_zone_group.private_dns_zone_ids');
      return zones.length > 0 ? pass(`zone group with ${zones.length} zone(s)`) : fail('no private_dns_zone_group with a zone');
    }),
});
