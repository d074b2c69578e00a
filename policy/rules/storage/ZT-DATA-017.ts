/** Storage account network rules deny by default. */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-DATA-017',
  severity: 'medium',
  pillar: 'data',
  title: 'Storage network rules deny by default',
  rationale: 'With default Allow, the storage firewall admits every network.',
  fix: 'Set network_rules.default_action = "Deny".',
  appliesTo: ['azurerm_storage_account'],
  references: { checkov: ['CKV_AZURE_35'] },
  azurePolicy: [{ definitionId: '34c877ad-507e-4c82-993e-3452a6e0ad3c', effect: 'Deny' }],
  evaluate: (ctx) => each(ctx, ['azurerm_storage_account'], (resource) => expectAttribute(ctx, resource, 'network_rules.default_action', 'Deny', { default: 'Allow' })),
});
