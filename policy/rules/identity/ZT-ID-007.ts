/** Administrator roles are eligible through PIM, never permanently active, except the break-glass Global Administrators. */
import { asList, defineRule, each, fail, pass, skip, unknown } from '../../engine';
import { ADMIN_ROLE_IDS, GLOBAL_ADMINISTRATOR, breakGlassUserKeys } from '../../lib/entra';
import { jsonText } from '../../../lib/json-text';

export default defineRule({
  id: 'ZT-ID-007',
  severity: 'high',
  pillar: 'identity',
  title: 'Administrator roles are eligible, not permanent',
  rationale: 'Standing privilege turns every compromised admin account into a tenant compromise; PIM makes it just in time.',
  fix: 'Replace the assignment with an eligibility (EligibleRoleAssignment), or a PIM-for-Groups group; only break-glass Global Administrators stay permanent.',
  appliesTo: ['azuread_directory_role_assignment'],
  references: { scuba: ['MS.AAD.7.4v1'] },
  evaluate: (ctx) => {
    const breakGlass = breakGlassUserKeys(ctx);
    const pimGroups = ctx.referrers('azuread_privileged_access_group_eligibility_schedule', 'group_id');
    return each(ctx, ['azuread_directory_role_assignment'], (assignment) => {
      const role = jsonText(assignment.attributes.role_id ?? '');
      if (!ADMIN_ROLE_IDS.has(role)) return skip('not an administrator role');
      const principal = ctx.target(assignment.address.stack, assignment.attributes.principal_object_id);
      if (principal.kind === 'unresolved') return unknown(principal.reason);
      if (principal.kind !== 'resource') return fail(`permanent ${role} assignment to ${String(principal.value)}; make it eligible through PIM`);
      if (role === GLOBAL_ADMINISTRATOR && breakGlass.has(principal.resource.key)) return pass('break-glass Global Administrator (permanent by design)');
      const group = principal.resource;
      const justInTime = group.address.type === 'azuread_group' && (pimGroups.byTarget.get(group.key) ?? []).length > 0 && asList(group.attributes.members).length === 0;
      return justInTime ? pass(`held by ${group.address.name}, whose membership is PIM-eligible only`) : fail(`permanent administrator role on ${group.address.type}.${group.address.name}; make it eligible through PIM`);
    });
  },
});
