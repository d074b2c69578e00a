/** Administrator roles must sign in with phishing-resistant MFA (enforced policy on the privileged roles). */
import { defineCheck } from '../../engine';
import { GLOBAL_ADMINISTRATOR, judgeTenant, list, requiresPhishingResistantMfa } from '../../lib/entra';

export default defineCheck({
  id: 'ZT-ID-004',
  appliesTo: ['azuread_conditional_access_policy'],
  references: { scuba: ['MS.AAD.3.6v1'] },
  evaluate: (ctx) =>
    judgeTenant(
      ctx,
      (policy) => list(policy, 'conditions.users.included_roles').includes(GLOBAL_ADMINISTRATOR) && requiresPhishingResistantMfa(ctx, policy),
      'phishing-resistant MFA for administrators',
      'no enforced policy requires phishing-resistant MFA for the privileged roles (Global Administrator and others)',
    ),
});
