/** Bastion session audit logs go to Log Analytics through a diagnostic setting. */
import { defineCheck, each } from '../../engine';
import { diagnosticJudgement } from '../../lib/monitoring';

export default defineCheck({
  id: 'ZT-VIS-012',
  appliesTo: ['azurerm_bastion_host'],
  references: { custom: 'Bastion audit logs (BastionAuditLogs) record every session; no public Terraform check' },
  evaluate: (ctx) => each(ctx, ['azurerm_bastion_host'], (resource) => diagnosticJudgement(ctx, resource)),
});
