/** Key Vaults disable public network access. */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-DATA-004',
  severity: 'high',
  pillar: 'data',
  title: 'Key Vaults have no public network access',
  rationale: 'A public endpoint exposes the data plane to the Internet, protected only by identity.',
  fix: 'Set public_network_access_enabled = false and add a private endpoint (KeyVault.addPrivateEndpoint).',
  appliesTo: ['azurerm_key_vault'],
  references: { checkov: ['CKV_AZURE_189'] },
  azurePolicy: [{ definitionId: '405c5871-3e91-4644-8a63-58e19d68ff5b', effect: 'Deny' }],
  evaluate: (ctx) => each(ctx, ['azurerm_key_vault'], (resource) => expectAttribute(ctx, resource, 'public_network_access_enabled', false, { default: true })),
});
