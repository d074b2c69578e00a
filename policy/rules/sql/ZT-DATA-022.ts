/** Azure SQL servers require TLS 1.2. */
import { defineCheck, each, expectAttribute } from '../../engine';

export default defineCheck({
  id: 'ZT-DATA-022',
  appliesTo: ['azurerm_mssql_server'],
  references: { checkov: ['CKV_AZURE_52'] },
  evaluate: (ctx) => each(ctx, ['azurerm_mssql_server'], (resource) => expectAttribute(ctx, resource, 'minimum_tls_version', '1.2', { default: '1.2' })),
});
