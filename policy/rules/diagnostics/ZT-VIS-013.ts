/** Public IP logs (DDoS notifications and mitigation reports) go to Log Analytics. */
import { defineCheck, each } from '../../engine';
import { diagnosticJudgement } from '../../lib/monitoring';

export default defineCheck({
  id: 'ZT-VIS-013',
  appliesTo: ['azurerm_public_ip'],
  references: { custom: 'DDoS mitigation logs and metrics are emitted per public IP; no public Terraform check' },
  evaluate: (ctx) => each(ctx, ['azurerm_public_ip'], (resource) => diagnosticJudgement(ctx, resource)),
});
