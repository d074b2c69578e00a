/** Storage accounts accept HTTPS only. */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-DATA-013',
  severity: 'high',
  pillar: 'data',
  title: 'Storage accounts accept HTTPS only',
  rationale: 'HTTP exposes data and SAS tokens in transit.',
  fix: 'Set https_traffic_only_enabled = true (azurerm 4; enable_https_traffic_only in 3.x).',
  appliesTo: ['azurerm_storage_account'],
  references: { checkov: ['CKV_AZURE_3'], trivy: ['AVD-AZU-0008'] },
  azurePolicy: [{ definitionId: '404c3081-a854-4457-ae30-26a93ef643f9', effect: 'Deny' }],
  evaluate: (ctx) => each(ctx, ['azurerm_storage_account'], (resource) => expectAttribute(ctx, resource, 'https_traffic_only_enabled', true, { default: true, legacy: 'enable_https_traffic_only' })),
});
