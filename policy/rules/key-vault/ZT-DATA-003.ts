/** Key Vault soft delete keeps deleted objects for at least 90 days. */
import { defineRule, each, expectWith } from '../../engine';

export default defineRule({
  id: 'ZT-DATA-003',
  severity: 'medium',
  pillar: 'data',
  title: 'Key Vault soft delete keeps 90 days',
  rationale: 'Short retention narrows the window to notice and recover a malicious deletion.',
  fix: 'Set soft_delete_retention_days = 90 (KeyVault does).',
  appliesTo: ['azurerm_key_vault'],
  references: { checkov: ['CKV_AZURE_42'] },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_key_vault'], (vault) => expectWith(ctx, vault, 'soft_delete_retention_days', { default: 90 }, (v) => typeof v === 'number' && v >= 90, '>= 90')),
});
