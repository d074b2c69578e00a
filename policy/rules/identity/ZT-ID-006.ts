/** Sign-ins detected as high risk are blocked. */
import { defineRule } from '../../engine';
import { blocks, judgeTenant, list, targetsEveryone } from '../../lib/entra';

export default defineRule({
  id: 'ZT-ID-006',
  severity: 'high',
  pillar: 'identity',
  title: 'High-risk sign-ins are blocked',
  rationale: 'A sign-in rated high risk is most likely an attacker.',
  fix: 'Enable the high sign-in risk policy (CA005).',
  appliesTo: ['azuread_conditional_access_policy'],
  references: { scuba: ['MS.AAD.2.3v1'] },
  evaluate: (ctx) =>
    judgeTenant(
      ctx,
      (policy) => targetsEveryone(policy) && blocks(policy) && list(policy, 'conditions.sign_in_risk_levels').includes('high'),
      'high sign-in risk blocked',
      'no enforced policy blocks high sign-in risk for all users',
    ),
});
