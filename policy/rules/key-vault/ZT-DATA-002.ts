/** Key Vaults have purge protection. */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-DATA-002',
  severity: 'high',
  pillar: 'data',
  title: 'Key Vaults have purge protection',
  rationale: 'Without purge protection a compromised identity can delete and purge keys irrecoverably.',
  fix: 'Set purge_protection_enabled = true (KeyVault does).',
  appliesTo: ['azurerm_key_vault'],
  references: { checkov: ['CKV_AZURE_110'], trivy: ['AVD-AZU-0016'] },
  azurePolicy: [{ definitionId: '0b60c0b2-2dc2-4e1c-b5c9-abbed971de53', effect: 'Deny' }],
  evaluate: (ctx) => each(ctx, ['azurerm_key_vault'], (resource) => expectAttribute(ctx, resource, 'purge_protection_enabled', true, { default: false })),
});
