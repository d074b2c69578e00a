/** VNet links of private DNS zones do not auto-register VM records (Private Link zones hold endpoint records only). */
import { defineCheck, each, expectAttribute } from '../../engine';

export default defineCheck({
  id: 'ZT-NET-052',
  appliesTo: ['azurerm_private_dns_zone_virtual_network_link'],
  references: { custom: 'Microsoft Learn "Azure Private Endpoint DNS integration": do not enable auto-registration on privatelink zones' },
  evaluate: (ctx) => each(ctx, ['azurerm_private_dns_zone_virtual_network_link'], (link) => expectAttribute(ctx, link, 'registration_enabled', false, { default: false })),
});
