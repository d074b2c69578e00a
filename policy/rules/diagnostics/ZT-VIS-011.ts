/** Azure Firewall logs go to Log Analytics through a diagnostic setting. */
import { defineRule, each } from '../../engine';
import { diagnosticJudgement } from '../../lib/monitoring';

export default defineRule({
  id: 'ZT-VIS-011',
  severity: 'medium',
  pillar: 'visibility',
  title: 'Azure Firewall logs are collected',
  rationale: 'Firewall logs are the record of every allowed and denied flow and IDPS hit.',
  fix: 'Add a diagnostic setting on the firewall to the workspace (resource-specific tables).',
  appliesTo: ['azurerm_firewall'],
  references: { custom: 'Azure Monitor baseline for Azure Firewall (network and application rule logs, IDPS); no public Terraform check' },
  evaluate: (ctx) => each(ctx, ['azurerm_firewall'], (resource) => diagnosticJudgement(ctx, resource)),
});
