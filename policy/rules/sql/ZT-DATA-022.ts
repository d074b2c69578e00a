/** Azure SQL servers require TLS 1.2. */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-DATA-022',
  severity: 'medium',
  pillar: 'data',
  title: 'Azure SQL servers require TLS 1.2',
  rationale: 'TLS 1.0/1.1 are deprecated and vulnerable.',
  fix: 'Set minimum_tls_version = "1.2".',
  appliesTo: ['azurerm_mssql_server'],
  references: { checkov: ['CKV_AZURE_52'] },
  evaluate: (ctx) => each(ctx, ['azurerm_mssql_server'], (resource) => expectAttribute(ctx, resource, 'minimum_tls_version', '1.2', { default: '1.2' })),
});
