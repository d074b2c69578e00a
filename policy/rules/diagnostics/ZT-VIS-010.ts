/** Key Vault logs (AuditEvent) go to Log Analytics through a diagnostic setting. */
import { defineCheck, each } from '../../engine';
import { diagnosticJudgement } from '../../lib/monitoring';

export default defineCheck({
  id: 'ZT-VIS-010',
  appliesTo: ['azurerm_key_vault'],
  references: { azurePolicy: ['cf820ca0-f99e-4f3e-84fb-66e913812d21'] },
  evaluate: (ctx) => each(ctx, ['azurerm_key_vault'], (resource) => diagnosticJudgement(ctx, resource)),
});
