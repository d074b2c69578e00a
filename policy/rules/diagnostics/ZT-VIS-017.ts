/** App Service logs (HTTP, audit, platform) go to Log Analytics. */
import { defineCheck, each } from '../../engine';
import { APP_SERVICE_TYPES } from '../../lib/app-service';
import { diagnosticJudgement } from '../../lib/monitoring';

export default defineCheck({
  id: 'ZT-VIS-017',
  appliesTo: APP_SERVICE_TYPES,
  references: {},
  azurePolicy: [{ definitionId: '91a78b24-f231-4a8a-8da9-02c35b2b6510', effect: 'AuditIfNotExists' }],
  evaluate: (ctx) => each(ctx, APP_SERVICE_TYPES, (resource) => diagnosticJudgement(ctx, resource)),
});
