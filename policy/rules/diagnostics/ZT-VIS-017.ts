/** App Service logs (HTTP, audit, platform) go to Log Analytics. */
import { defineRule, each } from '../../engine';
import { APP_SERVICE_TYPES } from '../../lib/app-service';
import { diagnosticJudgement } from '../../lib/monitoring';

export default defineRule({
  id: 'ZT-VIS-017',
  severity: 'medium',
  pillar: 'visibility',
  title: 'App Service logs are collected',
  rationale: 'HTTP and audit logs show who called the app and who changed it.',
  fix: 'Add a diagnostic setting on each app to the workspace.',
  appliesTo: APP_SERVICE_TYPES,
  references: {},
  azurePolicy: [{ definitionId: '91a78b24-f231-4a8a-8da9-02c35b2b6510', effect: 'AuditIfNotExists' }],
  evaluate: (ctx) => each(ctx, APP_SERVICE_TYPES, (resource) => diagnosticJudgement(ctx, resource)),
});
