/** Between two and eight principals can be Global Administrator (permanent or eligible). */
import { defineRule, fail, notApplicable, pass, toResult } from '../../engine';
import { GLOBAL_ADMINISTRATOR, tenantSubject } from '../../lib/entra';

export default defineRule({
  id: 'ZT-ID-008',
  severity: 'medium',
  pillar: 'identity',
  title: 'Two to eight Global Administrators',
  rationale: 'Fewer than two risks lockout; more than eight widens the most privileged attack surface.',
  fix: 'Adjust identity.globalAdministrators / break-glass accounts.',
  appliesTo: ['azuread_directory_role_assignment', 'azuread_directory_role_eligibility_schedule_request'],
  references: { scuba: ['MS.AAD.7.1v1'] },
  evaluate: (ctx) => {
    const subject = tenantSubject(ctx);
    if (!subject) return [];
    const grants = [
      ...ctx.resources('azuread_directory_role_assignment').filter((a) => a.attributes.role_id === GLOBAL_ADMINISTRATOR).map((a) => a.attributes.principal_object_id),
      ...ctx.resources('azuread_directory_role_eligibility_schedule_request').filter((r) => r.attributes.role_definition_id === GLOBAL_ADMINISTRATOR).map((r) => r.attributes.principal_id),
    ];
    if (grants.length === 0) return [notApplicable(subject, 'no Global Administrator assignments managed here')];
    const count = new Set(grants.map((g) => JSON.stringify(g))).size;
    return [toResult(subject, count >= 2 && count <= 8 ? pass(`${count} Global Administrator principals`) : fail(`${count} Global Administrator principals; keep between 2 and 8`))];
  },
});
