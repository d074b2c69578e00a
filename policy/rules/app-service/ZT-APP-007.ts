/** App Service apps have remote debugging off. */
import { defineRule, each, expectAttribute } from '../../engine';
import { APP_SERVICE_TYPES } from '../../lib/app-service';

export default defineRule({
  id: 'ZT-APP-007',
  severity: 'medium',
  pillar: 'applications',
  title: 'App Service remote debugging is off',
  rationale: 'Remote debugging opens extra inbound ports and grants code-level access.',
  fix: 'Set site_config.remote_debugging_enabled = false.',
  appliesTo: APP_SERVICE_TYPES,
  references: { checkov: ['CKV_AZURE_72'] },
  azurePolicy: [{ definitionId: 'cb510bfd-1cba-4d9f-a230-cb0976f4bb71', effect: 'AuditIfNotExists' }],
  evaluate: (ctx) => each(ctx, APP_SERVICE_TYPES, (resource) => expectAttribute(ctx, resource, 'site_config.remote_debugging_enabled', false, { default: false })),
});
