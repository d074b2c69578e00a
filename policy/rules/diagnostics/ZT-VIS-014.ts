/** Network security group event logs go to Log Analytics. */
import { defineRule, each } from '../../engine';
import { diagnosticJudgement } from '../../lib/monitoring';

export default defineRule({
  id: 'ZT-VIS-014',
  severity: 'medium',
  pillar: 'visibility',
  title: 'NSG event logs are collected',
  rationale: 'NSG events show which rules applied to which traffic.',
  fix: 'Add a diagnostic setting on each NSG to the workspace.',
  appliesTo: ['azurerm_network_security_group'],
  references: { custom: 'NSG event and rule counter logs; no public Terraform check' },
  evaluate: (ctx) => each(ctx, ['azurerm_network_security_group'], (resource) => diagnosticJudgement(ctx, resource)),
});
