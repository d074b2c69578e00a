/** Firewall policies are Premium. */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-NET-022',
  severity: 'medium',
  pillar: 'networks',
  title: 'Firewall policies are Premium',
  rationale: 'A Standard policy on a Premium firewall silently disables IDPS and TLS inspection.',
  fix: 'Set sku = "Premium" on the firewall policy.',
  appliesTo: ['azurerm_firewall_policy'],
  references: { custom: 'Premium policy features (IDPS, TLS inspection) need the Premium SKU; no Terraform scanner check' },
  evaluate: (ctx) => each(ctx, ['azurerm_firewall_policy'], (resource) => expectAttribute(ctx, resource, 'sku', 'Premium', { default: 'Standard' })),
});
