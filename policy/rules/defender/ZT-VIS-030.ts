/** Defender for Resource Manager is on in every subscription of the environment. */
import { defineRule } from '../../engine';
import { judgeDefenderPlan } from '../../lib/defender';

const REQUIRED_FOR: readonly string[] = [];

export default defineRule({
  id: 'ZT-VIS-030',
  severity: 'medium',
  pillar: 'visibility',
  title: 'Defender for Resource Manager is on',
  rationale: 'It detects suspicious control-plane operations (the landing zone itself).',
  fix: 'Add azurerm_security_center_subscription_pricing { resource_type = "Arm", tier = "Standard" } per subscription.',
  appliesTo: ['azurerm_security_center_subscription_pricing', ...REQUIRED_FOR],
  references: {},
  azurePolicy: [{ definitionId: 'c3d20c29-b36d-48fe-808b-99a87530ad99', effect: 'AuditIfNotExists' }],
  evaluate: (ctx) => judgeDefenderPlan(ctx, 'Arm', REQUIRED_FOR),
});
