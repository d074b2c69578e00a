/** Key Vaults authorize data-plane access with Azure RBAC, not access policies. */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-DATA-001',
  severity: 'high',
  pillar: 'data',
  title: 'Key Vaults use RBAC authorization',
  rationale: 'Access policies are vault-wide and invisible to Azure RBAC reviews and PIM; RBAC scopes access down to one secret.',
  fix: 'Set rbac_authorization_enabled = true (KeyVault does) and grant with grantSecretRead/grantSecretsRead.',
  appliesTo: ['azurerm_key_vault'],
  references: { checkov: ['CKV_AZURE_242'] },
  azurePolicy: [{ definitionId: '12d4fa5e-1f9f-4c21-97a9-b99b3c6611b5', effect: 'Deny' }],
  evaluate: (ctx) => each(ctx, ['azurerm_key_vault'], (resource) => expectAttribute(ctx, resource, 'rbac_authorization_enabled', true, { default: false, legacy: 'enable_rbac_authorization' })),
});
