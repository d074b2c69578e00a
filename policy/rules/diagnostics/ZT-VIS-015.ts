/** Storage account logs go to Log Analytics (the account or its blob/file/queue/table services). */
import { defineRule, each } from '../../engine';
import { diagnosticJudgement } from '../../lib/monitoring';

export default defineRule({
  id: 'ZT-VIS-015',
  severity: 'medium',
  pillar: 'visibility',
  title: 'Storage logs are collected',
  rationale: 'Storage read/write/delete logs are needed to investigate data access.',
  fix: 'Add a diagnostic setting on the account and its blob/file/queue/table services.',
  appliesTo: ['azurerm_storage_account'],
  references: {},
  azurePolicy: [{ definitionId: '59759c62-9a22-4cdf-ae64-074495983fef', effect: 'DeployIfNotExists', scope: 'environment', parameters: (context) => ({ logAnalytics: context.workspaceId }) }],
  evaluate: (ctx) => each(ctx, ['azurerm_storage_account'], (resource) => diagnosticJudgement(ctx, resource)),
});
