/** Bastion session audit logs go to Log Analytics through a diagnostic setting. */
import { defineRule, each } from '../../engine';
import { diagnosticJudgement } from '../../lib/monitoring';

export default defineRule({
  id: 'ZT-VIS-012',
  severity: 'medium',
  pillar: 'visibility',
  title: 'Bastion session logs are collected',
  rationale: 'Bastion audit logs record every administrative session.',
  fix: 'Add a diagnostic setting on the Bastion host to the workspace.',
  appliesTo: ['azurerm_bastion_host'],
  references: { custom: 'Bastion audit logs (BastionAuditLogs) record every session; no public Terraform check' },
  evaluate: (ctx) => each(ctx, ['azurerm_bastion_host'], (resource) => diagnosticJudgement(ctx, resource)),
});
