/** Administrator roles must sign in with phishing-resistant MFA (enforced policy on the privileged roles). */
import { defineRule } from '../../engine';
import { GLOBAL_ADMINISTRATOR, judgeTenant, list, requiresPhishingResistantMfa } from '../../lib/entra';

export default defineRule({
  id: 'ZT-ID-004',
  severity: 'high',
  pillar: 'identity',
  title: 'Administrators use phishing-resistant MFA',
  rationale: 'Push and OTP MFA are phished by adversary-in-the-middle kits; administrators are the target.',
  fix: 'Enable the administrator policy (CA200) with the phishing-resistant authentication strength.',
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
