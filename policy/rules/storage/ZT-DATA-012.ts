/** Storage accounts require TLS 1.2. */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-DATA-012',
  severity: 'medium',
  pillar: 'data',
  title: 'Storage accounts require TLS 1.2',
  rationale: 'TLS 1.0/1.1 are deprecated and vulnerable.',
  fix: 'Set min_tls_version = "TLS1_2".',
  appliesTo: ['azurerm_storage_account'],
  references: { checkov: ['CKV_AZURE_44'], trivy: ['AVD-AZU-0011'] },
  azurePolicy: [{ definitionId: 'fe83a0eb-a853-422d-aac2-1bffd182c5d0', effect: 'Deny', parameters: () => ({ minimumTlsVersion: 'TLS1_2' }) }],
  evaluate: (ctx) => each(ctx, ['azurerm_storage_account'], (resource) => expectAttribute(ctx, resource, 'min_tls_version', 'TLS1_2', { default: 'TLS1_2' })),
});
