/** Every storage account has a private endpoint. */
import { defineCheck, each } from '../../engine';
import { privateEndpointJudgement } from '../../lib/private-endpoints';

export default defineCheck({
  id: 'ZT-DATA-016',
  appliesTo: ['azurerm_storage_account'],
  references: { checkov: ['CKV2_AZURE_33'] },
  azurePolicy: [{ definitionId: '6edd7eda-6dd8-40f7-810d-67160c639cd9', effect: 'AuditIfNotExists' }],
  evaluate: (ctx) => each(ctx, ['azurerm_storage_account'], (resource) => privateEndpointJudgement(ctx, resource)),
});
