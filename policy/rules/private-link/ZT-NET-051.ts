/** Private endpoint connections are automatic (approved by RBAC at deploy time), not manual requests. */
import { defineCheck, each, expectAttribute } from '../../engine';

export default defineCheck({
  id: 'ZT-NET-051',
  appliesTo: ['azurerm_private_endpoint'],
  references: { custom: 'Landing zone convention: manual connections leave endpoints pending outside code review; no public check' },
  evaluate: (ctx) => each(ctx, ['azurerm_private_endpoint'], (endpoint) => expectAttribute(ctx, endpoint, 'private_service_connection.is_manual_connection', false)),
});
