/** App Service apps have a managed identity (no secrets to reach other services). */
import { defineCheck, each, fail, pass, readPath } from '../../engine';
import { APP_SERVICE_TYPES } from '../../lib/app-service';

export default defineCheck({
  id: 'ZT-APP-005',
  appliesTo: APP_SERVICE_TYPES,
  references: { checkov: ['CKV_AZURE_71'] },
  azurePolicy: [{ definitionId: '2b9ad585-36bc-4615-b300-fd4435808332', effect: 'AuditIfNotExists' }],
  evaluate: (ctx) =>
    each(ctx, APP_SERVICE_TYPES, (app) => {
      const type = readPath(app.attributes, 'identity.type');
      return typeof type === 'string' && type.length > 0 ? pass(`identity ${type}`) : fail('no identity block');
    }),
});
