/** Cosmos DB accounts disable public network access (reached through private endpoints only). */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-DATA-030',
  severity: 'high',
  pillar: 'data',
  title: 'Cosmos DB accounts have no public network access',
  rationale: 'A public endpoint exposes the account to the Internet; keys or tokens alone then protect the data.',
  fix: 'Set public_network_access_enabled = false and reach the account through a private endpoint.',
  appliesTo: ['azurerm_cosmosdb_account'],
  references: { checkov: ['CKV_AZURE_101'] },
  azurePolicy: [{ definitionId: '797b37f7-06b8-444c-b1ad-fc62867f335a', effect: 'Deny' }],
  evaluate: (ctx) => each(ctx, ['azurerm_cosmosdb_account'], (account) => expectAttribute(ctx, account, 'public_network_access_enabled', false, { default: true })),
});
