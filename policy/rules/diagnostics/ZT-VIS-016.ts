/** Azure SQL database logs go to Log Analytics. */
import { defineCheck, each } from '../../engine';
import { diagnosticJudgement } from '../../lib/monitoring';

export default defineCheck({
  id: 'ZT-VIS-016',
  appliesTo: ['azurerm_mssql_database'],
  references: { custom: 'Azure SQL database diagnostic logs (SQLSecurityAuditEvents); auditing itself is ZT-DATA-023' },
  evaluate: (ctx) => each(ctx, ['azurerm_mssql_database'], (resource) => diagnosticJudgement(ctx, resource)),
});
