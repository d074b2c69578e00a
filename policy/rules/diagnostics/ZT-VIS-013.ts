/** Public IP logs (DDoS notifications and mitigation reports) go to Log Analytics. */
import { defineRule, each } from '../../engine';
import { diagnosticJudgement } from '../../lib/monitoring';

export default defineRule({
  id: 'ZT-VIS-013',
  severity: 'medium',
  pillar: 'visibility',
  title: 'Public IP logs are collected',
  rationale: 'DDoS notifications and mitigation reports are emitted per public IP.',
  fix: 'Add a diagnostic setting on each public IP to the workspace.',
  appliesTo: ['azurerm_public_ip'],
  references: { custom: 'DDoS mitigation logs and metrics are emitted per public IP; no public Terraform check' },
  evaluate: (ctx) => each(ctx, ['azurerm_public_ip'], (resource) => diagnosticJudgement(ctx, resource)),
});
