/** MFA is required for all users in all apps by an enforced Conditional Access policy. */
import { defineCheck } from '../../engine';
import { judgeTenant, list, requiresMfa, targetsEveryone } from '../../lib/entra';

export default defineCheck({
  id: 'ZT-ID-003',
  appliesTo: ['azuread_conditional_access_policy'],
  references: { scuba: ['MS.AAD.3.2v1'] },
  evaluate: (ctx) =>
    judgeTenant(
      ctx,
      (policy) => targetsEveryone(policy) && requiresMfa(policy) && list(policy, 'conditions.client_app_types').some((c) => c === 'all' || c === 'browser'),
      'MFA for all users',
      'no enforced policy requires MFA for all users and all apps',
    ),
});
