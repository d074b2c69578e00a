/** VNet links of private DNS zones do not auto-register VM records (Private Link zones hold endpoint records only). */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-NET-052',
  severity: 'low',
  pillar: 'networks',
  title: 'Private DNS links do not auto-register',
  rationale: 'Auto-registration writes VM records into Private Link zones, where they can shadow endpoint records.',
  fix: 'Set registration_enabled = false on the link (PrivateDnsZones does).',
  appliesTo: ['azurerm_private_dns_zone_virtual_network_link'],
  references: { custom: 'Microsoft Learn "Azure Private Endpoint DNS integration": do not enable auto-registration on privatelink zones' },
  evaluate: (ctx) => each(ctx, ['azurerm_private_dns_zone_virtual_network_link'], (link) => expectAttribute(ctx, link, 'registration_enabled', false, { default: false })),
});
