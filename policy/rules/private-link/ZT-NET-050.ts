/** Private endpoints register in a private DNS zone through a zone group (clients resolve the private address). */
import { defineCheck, each, fail, pass, readAll } from '../../engine';

export default defineCheck({
  id: 'ZT-NET-050',
  appliesTo: ['azurerm_private_endpoint'],
  references: { custom: 'Azure Policy "Configure private endpoints to use private DNS zones" exists per service (DeployIfNotExists); checked here for all' },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_private_endpoint'], (endpoint) => {
      const zones = readAll(endpoint.attributes, 'private_dns_zone_group.private_dns_zone_ids');
      return zones.length > 0 ? pass(`zone group with ${zones.length} zone(s)`) : fail('no private_dns_zone_group with a zone');
    }),
});
