/** Azure SQL servers have auditing on (an extended auditing policy sending to Azure Monitor). */
import { defineRule, each, fail, pass, unknown } from '../../engine';

export default defineRule({
  id: 'ZT-DATA-023',
  severity: 'medium',
  pillar: 'data',
  title: 'Azure SQL servers have auditing',
  rationale: 'Without auditing, data access cannot be investigated.',
  fix: 'Add azurerm_mssql_server_extended_auditing_policy with log_monitoring_enabled = true and a diagnostic setting on the master database.',
  appliesTo: ['azurerm_mssql_server'],
  references: { checkov: ['CKV_AZURE_23'] },
  azurePolicy: [{ definitionId: 'a6fb4358-5bf4-4ad7-ba82-2cd2f41ce5e9', effect: 'AuditIfNotExists' }],
  evaluate: (ctx) => {
    const policies = ctx.referrers('azurerm_mssql_server_extended_auditing_policy', 'server_id');
    return each(ctx, ['azurerm_mssql_server'], (server) => {
      const found = (policies.byTarget.get(server.key) ?? []).filter((p) => p.attributes.enabled !== false);
      if (found.length > 0) return pass(`auditing by ${found.map((p) => p.address.name).join(', ')}`);
      const [unresolved] = policies.unresolved;
      if (unresolved) return unknown(unresolved.reason);
      return fail('no enabled azurerm_mssql_server_extended_auditing_policy for this server');
    });
  },
});
