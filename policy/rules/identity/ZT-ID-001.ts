/** Every enforced Conditional Access policy excludes the break-glass group (no tenant lockout). */
import { defineRule, each, fail, pass, skip } from '../../engine';
import { breakGlassGroups, list } from '../../lib/entra';

export default defineRule({
  id: 'ZT-ID-001',
  severity: 'high',
  pillar: 'identity',
  title: 'Conditional Access policies exclude the break-glass group',
  rationale: 'A policy that also applies to the emergency accounts can lock every administrator out of the tenant.',
  fix: 'Exclude the break-glass group in every policy (ConditionalAccessPolicy does from BreakGlass).',
  appliesTo: ['azuread_conditional_access_policy'],
  references: { custom: 'Microsoft "Manage emergency access accounts": exclude them from every Conditional Access policy' },
  evaluate: (ctx) => {
    const groups = breakGlassGroups(ctx);
    return each(ctx, ['azuread_conditional_access_policy'], (policy) => {
      if ((policy.attributes.state ?? 'enabled') !== 'enabled') return skip(`state ${String(policy.attributes.state)}: enforces nothing`);
      const [firstGroup] = groups;
      if (!firstGroup) return fail('no break-glass group (a group of the permanent Global Administrator accounts) in this environment');
      const excluded = list(policy, 'conditions.users.excluded_groups').map((raw) => ctx.target(policy.address.stack, raw));
      const hit = groups.find((group) => excluded.some((t) => t.kind === 'resource' && t.resource.key === group.key));
      return hit ? pass(`excludes ${hit.address.name}`) : fail(`does not exclude the break-glass group ${firstGroup.address.name}`);
    });
  },
});
