/** Defender for App Service is on in every subscription that holds an app. */
import { defineRule } from '../../engine';
import { APP_SERVICE_TYPES } from '../../lib/app-service';
import { judgeDefenderPlan } from '../../lib/defender';

const REQUIRED_FOR: readonly string[] = APP_SERVICE_TYPES;

export default defineRule({
  id: 'ZT-VIS-034',
  severity: 'medium',
  pillar: 'visibility',
  title: 'Defender for App Service is on',
  rationale: 'It detects attacks on the apps and dangling DNS.',
  fix: 'Add the AppServices plan (tier Standard) in each subscription with apps.',
  appliesTo: ['azurerm_security_center_subscription_pricing', ...REQUIRED_FOR],
  references: { checkov: ['CKV_AZURE_61'] },
  azurePolicy: [{ definitionId: '2913021d-f2fd-4f3d-b958-22354e2bdbcb', effect: 'AuditIfNotExists' }],
  evaluate: (ctx) => judgeDefenderPlan(ctx, 'AppServices', REQUIRED_FOR),
});
