/** Firewall policies are Premium. */
import { defineCheck, each, expectAttribute } from '../../engine';

export default defineCheck({
  id: 'ZT-NET-022',
  appliesTo: ['azurerm_firewall_policy'],
  references: { custom: 'Premium policy features (IDPS, TLS inspection) need the Premium SKU; no Terraform scanner check' },
  evaluate: (ctx) => each(ctx, ['azurerm_firewall_policy'], (resource) => expectAttribute(ctx, resource, 'sku', 'Premium', { default: 'Standard' })),
});
