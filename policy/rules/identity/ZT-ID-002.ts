/** Legacy authentication is blocked for all users (an enforced policy blocks Exchange ActiveSync and other clients). */
import { defineCheck } from '../../engine';
import { blocks, judgeTenant, list, targetsEveryone } from '../../lib/entra';

export default defineCheck({
  id: 'ZT-ID-002',
  appliesTo: ['azuread_conditional_access_policy'],
  references: { scuba: ['MS.AAD.1.1v1'] },
  evaluate: (ctx) =>
    judgeTenant(
      ctx,
      (policy) => targetsEveryone(policy) && blocks(policy) && ['exchangeActiveSync', 'other'].every((c) => list(policy, 'conditions.client_app_types').includes(c)),
      'legacy authentication blocked',
      'no enforced policy blocks exchangeActiveSync and other clients for all users and apps',
    ),
});
