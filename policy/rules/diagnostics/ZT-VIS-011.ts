/** Azure Firewall logs go to Log Analytics through a diagnostic setting. */
import { defineCheck, each } from '../../engine';
import { diagnosticJudgement } from '../../lib/monitoring';

export default defineCheck({
  id: 'ZT-VIS-011',
  appliesTo: ['azurerm_firewall'],
  references: { custom: 'Azure Monitor baseline for Azure Firewall (network and application rule logs, IDPS); no public Terraform check' },
  evaluate: (ctx) => each(ctx, ['azurerm_firewall'], (resource) => diagnosticJudgement(ctx, resource)),
});
