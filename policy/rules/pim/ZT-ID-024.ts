/** Every PIM activation needs MFA (or a Conditional Access authentication context) and a justification. */
import { defineRule, each, fail, pass, unknown } from '../../engine';

const TYPES = ['azurerm_role_management_policy', 'azuread_group_role_management_policy'];

export default defineRule({
  id: 'ZT-ID-024',
  severity: 'high',
  pillar: 'identity',
  title: 'PIM activations require MFA and a justification',
  rationale: 'Without MFA a stolen password activates the role; without a justification nobody can tell a legitimate activation from an attack.',
  fix: 'Set activation_rules.require_multifactor_authentication (or an authentication context) and require_justification (AzureRolePimPolicy and PrivilegedAccessGroupPolicy do).',
  appliesTo: TYPES,
  references: { custom: 'Implementation guide, identity pillar: MFA and a justification on each activation (SCuBA MS.AAD.7 expects PIM for privileged roles); no public Terraform check' },
  evaluate: (ctx) =>
    each(ctx, TYPES, (policy) => {
      const mfa = ctx.value(policy, 'activation_rules.require_multifactor_authentication');
      const context = ctx.value(policy, 'activation_rules.required_conditional_access_authentication_context');
      const justification = ctx.value(policy, 'activation_rules.require_justification');
      for (const value of [mfa, context, justification]) if (!value.known) return unknown(value.reason);
      const missing: string[] = [];
      const strongAuth = (mfa.known && mfa.value === true) || (context.known && typeof context.value === 'string' && context.value.length > 0);
      if (!strongAuth) missing.push('MFA or an authentication context');
      if (!(justification.known && justification.value === true)) missing.push('a justification');
      return missing.length === 0 ? pass('activation requires strong authentication and a justification') : fail(`activation does not require ${missing.join(' or ')}`);
    }),
});
