/** Every Key Vault has a private endpoint. */
import { defineCheck, each } from '../../engine';
import { privateEndpointJudgement } from '../../lib/private-endpoints';

export default defineCheck({
  id: 'ZT-DATA-006',
  appliesTo: ['azurerm_key_vault'],
  references: { checkov: ['CKV2_AZURE_32'] },
  azurePolicy: [{ definitionId: 'a6abeaec-4d90-4a02-805f-6b26c4d3fbe9', effect: 'Audit' }],
  evaluate: (ctx) => each(ctx, ['azurerm_key_vault'], (resource) => privateEndpointJudgement(ctx, resource)),
});
