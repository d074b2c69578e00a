/** App Service apps disable FTP and FTPS deployment. */
import { defineRule, each, expectAttribute } from '../../engine';
import { APP_SERVICE_TYPES } from '../../lib/app-service';

export default defineRule({
  id: 'ZT-APP-003',
  severity: 'medium',
  pillar: 'applications',
  title: 'App Service apps disable FTP/FTPS',
  rationale: 'FTP deployment uses basic credentials outside Entra ID.',
  fix: 'Set site_config.ftps_state = "Disabled"; deploy with Entra ID (zip deploy, pipelines).',
  appliesTo: APP_SERVICE_TYPES,
  references: { checkov: ['CKV_AZURE_78'] },
  azurePolicy: [{ definitionId: '4d24b6d4-5e53-4a4f-a7f4-618fa573ee4b', effect: 'AuditIfNotExists' }],
  evaluate: (ctx) => each(ctx, APP_SERVICE_TYPES, (resource) => expectAttribute(ctx, resource, 'site_config.ftps_state', 'Disabled', { default: 'Disabled' })),
});
