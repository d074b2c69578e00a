/** App Service apps have a managed identity (no secrets to reach other services). */
import { defineRule, each, fail, pass, readPath } from '../../engine';
import { APP_SERVICE_TYPES } from '../../lib/app-service';

export default defineRule({
  id: 'ZT-APP-005',
  severity: 'medium',
  pillar: 'applications',
  title: 'App Service apps have a managed identity',
  rationale: 'Without an identity, apps hold secrets to reach Key Vault, SQL or Storage.',
  fix: 'Add identity { type = "UserAssigned" } with a UserAssignedIdentity and grant it least-privilege roles.',
  appliesTo: APP_SERVICE_TYPES,
  references: { checkov: ['CKV_AZURE_71'] },
  azurePolicy: [{ definitionId: '2b9ad585-36bc-4615-b300-fd4435808332', effect: 'AuditIfNotExists' }],
  evaluate: (ctx) =>
    each(ctx, APP_SERVICE_TYPES, (app) => {
      const type = readPath(app.attributes, 'identity.type');
      return typeof type === 'string' && type.length > 0 ? pass(`identity ${type}`) : fail('no identity block');
    }),
});
