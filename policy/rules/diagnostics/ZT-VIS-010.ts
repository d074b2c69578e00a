/** Key Vault logs (AuditEvent) go to Log Analytics through a diagnostic setting. */
import { defineCheck, each } from '../../engine';
import { diagnosticJudgement } from '../../lib/monitoring';

export default defineCheck({
  id: 'ZT-VIS-010',
  appliesTo: ['azurerm_key_vault'],
  references: {},
  azurePolicy: [
    { definitionId: 'cf820ca0-f99e-4f3e-84fb-66e913812d21', effect: 'AuditIfNotExists' },
    { definitionId: '951af2fa-529b-416e-ab6e-066fd85ac459', effect: 'DeployIfNotExists', scope: 'environment', parameters: (context) => ({ logAnalytics: context.workspaceId }) },
  ],
  evaluate: (ctx) => each(ctx, ['azurerm_key_vault'], (resource) => diagnosticJudgement(ctx, resource)),
});
