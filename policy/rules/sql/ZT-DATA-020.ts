/** Azure SQL servers disable public network access. */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-DATA-020',
  severity: 'high',
  pillar: 'data',
  title: 'Azure SQL servers have no public network access',
  rationale: 'A public SQL endpoint is scanned and brute-forced continuously.',
  fix: 'Set public_network_access_enabled = false and add a private endpoint.',
  appliesTo: ['azurerm_mssql_server'],
  references: { checkov: ['CKV_AZURE_113'], trivy: ['AVD-AZU-0022'] },
  azurePolicy: [{ definitionId: '1b8ca024-1d5c-4dec-8995-b1a932b41780', effect: 'Deny' }],
  evaluate: (ctx) => each(ctx, ['azurerm_mssql_server'], (resource) => expectAttribute(ctx, resource, 'public_network_access_enabled', false, { default: true })),
});
