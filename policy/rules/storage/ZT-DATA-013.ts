/** Storage accounts accept HTTPS only. */
import { defineCheck, each, expectAttribute } from '../../engine';

export default defineCheck({
  id: 'ZT-DATA-013',
  appliesTo: ['azurerm_storage_account'],
  references: { checkov: ['CKV_AZURE_3'], trivy: ['AVD-AZU-0008'] },
  azurePolicy: [{ definitionId: '404c3081-a854-4457-ae30-26a93ef643f9', effect: 'Deny' }],
  evaluate: (ctx) => each(ctx, ['azurerm_storage_account'], (resource) => expectAttribute(ctx, resource, 'https_traffic_only_enabled', true, { default: true, legacy: 'enable_https_traffic_only' })),
});
