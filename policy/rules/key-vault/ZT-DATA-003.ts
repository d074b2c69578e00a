/** Key Vault soft delete keeps deleted objects for at least 90 days. */
import { defineCheck, each, expectWith } from '../../engine';

export default defineCheck({
  id: 'ZT-DATA-003',
  appliesTo: ['azurerm_key_vault'],
  references: { checkov: ['CKV_AZURE_42'] },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_key_vault'], (vault) => expectWith(ctx, vault, 'soft_delete_retention_days', { default: 90 }, (v) => typeof v === 'number' && v >= 90, '>= 90')),
});
