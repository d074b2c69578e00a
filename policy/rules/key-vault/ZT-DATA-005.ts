/** Key Vault network ACLs deny by default. */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-DATA-005',
  severity: 'high',
  pillar: 'data',
  title: 'Key Vault network ACLs deny by default',
  rationale: 'With default Allow, the vault firewall admits every network.',
  fix: 'Set network_acls.default_action = "Deny" (KeyVault does).',
  appliesTo: ['azurerm_key_vault'],
  references: { checkov: ['CKV_AZURE_109'], trivy: ['AVD-AZU-0013'] },
  azurePolicy: [{ definitionId: '55615ac9-af46-4a59-874e-391cc3dfb490', effect: 'Deny' }],
  evaluate: (ctx) => each(ctx, ['azurerm_key_vault'], (resource) => expectAttribute(ctx, resource, 'network_acls.default_action', 'Deny', { default: 'Allow' })),
});
