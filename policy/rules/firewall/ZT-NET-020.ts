/** Azure Firewall runs the Premium tier (IDPS and TLS inspection). */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-NET-020',
  severity: 'high',
  pillar: 'networks',
  title: 'Azure Firewall is Premium',
  rationale: 'IDPS and TLS inspection exist only in Premium; Standard cannot inspect what Zero Trust requires.',
  fix: 'Set sku_tier = "Premium" (the firewall takes its tier from the policy; hub.firewall.tier).',
  appliesTo: ['azurerm_firewall'],
  references: { custom: 'Azure Policy "Azure Firewall Standard should be upgraded to Premium for next generation protection"; no Terraform scanner check' },
  evaluate: (ctx) => each(ctx, ['azurerm_firewall'], (resource) => expectAttribute(ctx, resource, 'sku_tier', 'Premium')),
});
