/** Azure SQL servers disable public network access. */
import { defineCheck, each, expectAttribute } from '../../engine';

export default defineCheck({
  id: 'ZT-DATA-020',
  appliesTo: ['azurerm_mssql_server'],
  references: { checkov: ['CKV_AZURE_113'], trivy: ['AVD-AZU-0022'] },
  azurePolicy: [{ definitionId: '1b8ca024-1d5c-4dec-8995-b1a932b41780', effect: 'Deny' }],
  evaluate: (ctx) => each(ctx, ['azurerm_mssql_server'], (resource) => expectAttribute(ctx, resource, 'public_network_access_enabled', false, { default: true })),
});
