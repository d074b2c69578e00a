/** Key Vault logs (AuditEvent) go to Log Analytics through a diagnostic setting. */
import { defineRule, each } from '../../engine';
import { diagnosticJudgement } from '../../lib/monitoring';

export default defineRule({
  id: 'ZT-VIS-010',
  severity: 'medium',
  pillar: 'visibility',
  title: 'Key Vault logs are collected',
  rationale: 'Key Vault audit events show who read which secret.',
  fix: 'Add a diagnostic setting (KeyVault.sendDiagnosticsTo) with category group audit or allLogs to the workspace.',
  appliesTo: ['azurerm_key_vault'],
  references: {},
  azurePolicy: [
    { definitionId: 'cf820ca0-f99e-4f3e-84fb-66e913812d21', effect: 'AuditIfNotExists' },
    { definitionId: '951af2fa-529b-416e-ab6e-066fd85ac459', effect: 'DeployIfNotExists', scope: 'environment', parameters: (context) => ({ logAnalytics: context.workspaceId }) },
  ],
  evaluate: (ctx) => each(ctx, ['azurerm_key_vault'], (resource) => diagnosticJudgement(ctx, resource)),
});
