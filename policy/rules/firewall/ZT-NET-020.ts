/** Azure Firewall runs the Premium tier (IDPS and TLS inspection). */
import { defineCheck, each, expectAttribute } from '../../engine';

export default defineCheck({
  id: 'ZT-NET-020',
  appliesTo: ['azurerm_firewall'],
  references: { custom: 'Azure Policy "Azure Firewall Standard should be upgraded to Premium for next generation protection"; no Terraform scanner check' },
  evaluate: (ctx) => each(ctx, ['azurerm_firewall'], (resource) => expectAttribute(ctx, resource, 'sku_tier', 'Premium')),
});
