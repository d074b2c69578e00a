/** Key Vaults disable public network access. */
import { defineCheck, each, expectAttribute } from '../../engine';

export default defineCheck({
  id: 'ZT-DATA-004',
  appliesTo: ['azurerm_key_vault'],
  references: { checkov: ['CKV_AZURE_189'] },
  azurePolicy: [{ definitionId: '405c5871-3e91-4644-8a63-58e19d68ff5b', effect: 'Deny' }],
  evaluate: (ctx) => each(ctx, ['azurerm_key_vault'], (resource) => expectAttribute(ctx, resource, 'public_network_access_enabled', false, { default: true })),
});
