/** Bastion runs the Standard or Premium SKU (host scaling, native client control, no shared Developer tier). */
import { defineCheck, each, expectWith } from '../../engine';

export default defineCheck({
  id: 'ZT-NET-030',
  appliesTo: ['azurerm_bastion_host'],
  references: { custom: 'Azure Bastion SKU guidance (Microsoft Learn "Bastion configuration settings"); no public check' },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_bastion_host'], (bastion) => expectWith(ctx, bastion, 'sku', { default: 'Basic' }, (v) => v === 'Standard' || v === 'Premium', '"Standard" or "Premium"')),
});
