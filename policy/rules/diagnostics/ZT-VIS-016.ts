/** Azure SQL database logs go to Log Analytics. */
import { defineRule, each } from '../../engine';
import { diagnosticJudgement } from '../../lib/monitoring';

export default defineRule({
  id: 'ZT-VIS-016',
  severity: 'medium',
  pillar: 'visibility',
  title: 'Azure SQL database logs are collected',
  rationale: 'Security audit events show who queried what.',
  fix: 'Add a diagnostic setting on each database to the workspace.',
  appliesTo: ['azurerm_mssql_database'],
  references: { custom: 'Azure SQL database diagnostic logs (SQLSecurityAuditEvents); auditing itself is ZT-DATA-023' },
  evaluate: (ctx) => each(ctx, ['azurerm_mssql_database'], (resource) => diagnosticJudgement(ctx, resource)),
});
