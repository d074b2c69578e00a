/** Cosmos DB accounts disable public network access (reached through private endpoints only). */
import { defineCheck, each, expectAttribute } from '../../engine';

export default defineCheck({
  id: 'ZT-DATA-030',
  appliesTo: ['azurerm_cosmosdb_account'],
  references: { checkov: ['CKV_AZURE_101'] },
  azurePolicy: [{ definitionId: '797b37f7-06b8-444c-b1ad-fc62867f335a', effect: 'Deny' }],
  evaluate: (ctx) => each(ctx, ['azurerm_cosmosdb_account'], (account) => expectAttribute(ctx, account, 'public_network_access_enabled', false, { default: true })),
});
