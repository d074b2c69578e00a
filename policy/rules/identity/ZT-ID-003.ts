/** MFA is required for all users in all apps by an enforced Conditional Access policy. */
import { defineRule } from '../../engine';
import { judgeTenant, list, requiresMfa, targetsEveryone } from '../../lib/entra';

export default defineRule({
  id: 'ZT-ID-003',
  severity: 'high',
  pillar: 'identity',
  title: 'MFA is required for all users',
  rationale: 'Passwords alone are phished and sprayed; MFA stops most account takeovers.',
  fix: 'Enable the MFA policy (CA003) for all users and apps; roll out in report-only first with a dated suppression.',
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
