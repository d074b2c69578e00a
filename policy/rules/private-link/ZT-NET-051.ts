/** Private endpoint connections are automatic (approved by RBAC at deploy time), not manual requests. */
import { defineRule, each, expectAttribute } from '../../engine';

export default defineRule({
  id: 'ZT-NET-051',
  severity: 'medium',
  pillar: 'networks',
  title: 'Private endpoint connections are automatic',
  rationale: 'A manual connection stays pending until someone approves it outside code review.',
  fix: 'Set is_manual_connection = false and grant the deployer the right to approve.',
  appliesTo: ['azurerm_private_endpoint'],
  references: { custom: 'Landing zone convention: manual connections leave endpoints pending outside code review; no public check' },
  evaluate: (ctx) => each(ctx, ['azurerm_private_endpoint'], (endpoint) => expectAttribute(ctx, endpoint, 'private_service_connection.is_manual_connection', false)),
});
