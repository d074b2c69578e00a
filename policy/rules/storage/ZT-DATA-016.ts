/** Every storage account has a private endpoint. */
import { defineRule, each } from '../../engine';
import { privateEndpointJudgement } from '../../lib/private-endpoints';

export default defineRule({
  id: 'ZT-DATA-016',
  severity: 'high',
  pillar: 'data',
  title: 'Every storage account has a private endpoint',
  rationale: 'With public access off, clients need a private endpoint for each sub-resource they use.',
  fix: 'Add a private endpoint per used sub-resource (blob, file, queue, table, dfs).',
  appliesTo: ['azurerm_storage_account'],
  references: { checkov: ['CKV2_AZURE_33'] },
  azurePolicy: [{ definitionId: '6edd7eda-6dd8-40f7-810d-67160c639cd9', effect: 'AuditIfNotExists' }],
  evaluate: (ctx) => each(ctx, ['azurerm_storage_account'], (resource) => privateEndpointJudgement(ctx, resource)),
});
