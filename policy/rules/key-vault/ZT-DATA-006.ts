/** Every Key Vault has a private endpoint. */
import { defineRule, each } from '../../engine';
import { privateEndpointJudgement } from '../../lib/private-endpoints';

export default defineRule({
  id: 'ZT-DATA-006',
  severity: 'high',
  pillar: 'data',
  title: 'Every Key Vault has a private endpoint',
  rationale: 'With public access off, a vault without a private endpoint is unreachable, or someone turns public access back on.',
  fix: 'Call KeyVault.addPrivateEndpoint into the spoke or hub private-endpoint subnet.',
  appliesTo: ['azurerm_key_vault'],
  references: { checkov: ['CKV2_AZURE_32'] },
  azurePolicy: [{ definitionId: 'a6abeaec-4d90-4a02-805f-6b26c4d3fbe9', effect: 'Audit' }],
  evaluate: (ctx) => each(ctx, ['azurerm_key_vault'], (resource) => privateEndpointJudgement(ctx, resource)),
});
