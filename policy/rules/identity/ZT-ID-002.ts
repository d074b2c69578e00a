/** Legacy authentication is blocked for all users (an enforced policy blocks Exchange ActiveSync and other clients). */
import { defineRule } from '../../engine';
import { blocks, judgeTenant, list, targetsEveryone } from '../../lib/entra';

export default defineRule({
  id: 'ZT-ID-002',
  severity: 'high',
  pillar: 'identity',
  title: 'Legacy authentication is blocked',
  rationale: 'Legacy protocols cannot do MFA and are the main password-spray path.',
  fix: 'Enable the block-legacy-authentication policy (CA001) for all users and apps.',
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
