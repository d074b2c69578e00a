/** App Service apps accept HTTPS only. */
import { defineRule, each, expectAttribute } from '../../engine';
import { APP_SERVICE_TYPES } from '../../lib/app-service';

export default defineRule({
  id: 'ZT-APP-001',
  severity: 'high',
  pillar: 'applications',
  title: 'App Service apps accept HTTPS only',
  rationale: 'Plain HTTP exposes sessions and tokens.',
  fix: 'Set https_only = true.',
  appliesTo: APP_SERVICE_TYPES,
  references: { checkov: ['CKV_AZURE_14'], trivy: ['AVD-AZU-0004'] },
  azurePolicy: [{ definitionId: 'a4af4a39-4135-47fb-b175-47fbdf85311d', effect: 'Deny' }],
  evaluate: (ctx) => each(ctx, APP_SERVICE_TYPES, (resource) => expectAttribute(ctx, resource, 'https_only', true, { default: false })),
});
