/** Every subscription of the environment has PIM settings for Owner, UAA, Contributor and RBAC Administrator. */
import { BUILTIN_ROLES } from '../../../lib/builtin-roles';
import { PIM_MANAGED_AZURE_ROLES } from '../../../lib/pim';
import { CheckResult, defineRule, fail, pass, toResult, unknown } from '../../engine';
import { environmentSubject, subscriptions } from '../../lib/monitoring';

export default defineRule({
  id: 'ZT-ID-026',
  severity: 'high',
  pillar: 'identity',
  title: 'Privileged Azure roles are PIM-managed on every subscription',
  rationale: 'Without a role management policy, activations of Owner, UAA, Contributor and RBAC Administrator keep the tenant defaults: 8 hours, no justification.',
  fix: 'Keep privilegedAccess.azureRoles.enabled (AzureRolePimPolicy per role and subscription), or record why with a suppression.',
  appliesTo: ['azurerm_role_management_policy'],
  references: { custom: 'Implementation guide, identity pillar: PIM for all Azure roles above Reader; no public Terraform check' },
  evaluate: (ctx) => {
    const stack = environmentSubject(ctx).stack;
    const policies = ctx.resources('azurerm_role_management_policy').map((p) => ({ scope: ctx.value(p, 'scope'), role: ctx.value(p, 'role_definition_id') }));
    const open = policies.flatMap((p) => [p.scope, p.role]).find((v) => !v.known);
    return subscriptions(ctx).map((subscription): CheckResult => {
      const subject = { stack, type: 'subscription', name: subscription.id ?? 'unknown' };
      if (!subscription.id) return toResult(subject, unknown(subscription.reason ?? 'subscription unknown'));
      if (open) return toResult(subject, unknown(open.reason));
      const scope = `/subscriptions/${subscription.id}`;
      const covered = new Set(policies.filter((p) => p.scope.known && p.scope.value === scope).map((p) => (p.role.known ? String(p.role.value).split('/').pop() : '')));
      const missing = PIM_MANAGED_AZURE_ROLES.filter((role) => !covered.has(BUILTIN_ROLES[role]));
      return toResult(subject, missing.length === 0 ? pass('all four privileged roles have PIM settings') : fail(`no azurerm_role_management_policy for ${missing.join(', ')}`));
    });
  },
});
