/** Bastion runs the Standard or Premium SKU (host scaling, native client control, no shared Developer tier). */
import { defineRule, each, expectWith } from '../../engine';

export default defineRule({
  id: 'ZT-NET-030',
  severity: 'medium',
  pillar: 'networks',
  title: 'Bastion is Standard or Premium',
  rationale: 'Basic and Developer lack the session controls (shareable links, IP connect, native client) this pack relies on being switchable.',
  fix: 'Set sku = "Standard" or "Premium" (hub.bastion.sku).',
  appliesTo: ['azurerm_bastion_host'],
  references: { custom: 'Azure Bastion SKU guidance (Microsoft Learn "Bastion configuration settings"); no public check' },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_bastion_host'], (bastion) => expectWith(ctx, bastion, 'sku', { default: 'Basic' }, (v) => v === 'Standard' || v === 'Premium', '"Standard" or "Premium"')),
});
