/** Network security group event logs go to Log Analytics. */
import { defineCheck, each } from '../../engine';
import { diagnosticJudgement } from '../../lib/monitoring';

export default defineCheck({
  id: 'ZT-VIS-014',
  appliesTo: ['azurerm_network_security_group'],
  references: { custom: 'NSG event and rule counter logs; no public Terraform check' },
  evaluate: (ctx) => each(ctx, ['azurerm_network_security_group'], (resource) => diagnosticJudgement(ctx, resource)),
});
