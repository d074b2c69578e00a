/** Users detected as high risk are blocked. */
import { defineRule } from '../../engine';
import { blocks, judgeTenant, list, targetsEveryone } from '../../lib/entra';

export default defineRule({
  id: 'ZT-ID-005',
  severity: 'high',
  pillar: 'identity',
  title: 'High-risk users are blocked',
  rationale: 'A user Entra ID Protection rates high risk is most likely compromised.',
  fix: 'Enable the high user risk policy (CA004).',
  appliesTo: ['azuread_conditional_access_policy'],
  references: { scuba: ['MS.AAD.2.1v1'] },
  evaluate: (ctx) =>
    judgeTenant(
      ctx,
      (policy) => targetsEveryone(policy) && blocks(policy) && list(policy, 'conditions.user_risk_levels').includes('high'),
      'high user risk blocked',
      'no enforced policy blocks high user risk for all users',
    ),
});
