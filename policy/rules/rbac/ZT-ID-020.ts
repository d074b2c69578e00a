/** No service principal or managed identity holds Owner, Contributor, User Access Administrator or RBAC Administrator, at any scope. */
import { BUILTIN_ROLES, PRIVILEGED_ROLES } from '../../../lib/builtin-roles';
import { defineRule, each, fail, pass, skip, unknown } from '../../engine';
import { jsonText } from '../../../lib/json-text';

const PRIVILEGED_IDS = new Set<string>(PRIVILEGED_ROLES.map((role) => BUILTIN_ROLES[role]));
const BROAD_SCOPE = /^\/(subscriptions\/[^/]+|providers\/Microsoft\.Management\/managementGroups\/[^/]+)\/?$/i;

export default defineRule({
  id: 'ZT-ID-020',
  severity: 'critical',
  pillar: 'identity',
  title: 'No privileged role for workload identities',
  rationale: 'A workload identity with Owner/Contributor/UAA turns an app compromise into control of everything in scope; on a resource it can also rewrite its network and identity settings.',
  fix: 'Grant the data-plane role it needs (RoleAssignment names it); a deliberate exception needs privilegedRoleReason, recorded as a suppression.',
  appliesTo: ['azurerm_role_assignment'],
  references: { custom: 'Least privilege for workload identities (Microsoft cloud security benchmark PA-7)' },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_role_assignment'], (assignment) => {
      const name = ctx.value(assignment, 'role_definition_name');
      const id = ctx.value(assignment, 'role_definition_id');
      if (!name.known || !id.known) return unknown(!name.known ? name.reason : (id as { reason: string }).reason);
      const roleName = typeof name.value === 'string' ? name.value : undefined;
      const roleId = typeof id.value === 'string' ? id.value.split('/').pop() : undefined;
      const privileged = (roleName !== undefined && (PRIVILEGED_ROLES as readonly string[]).includes(roleName)) || (roleId !== undefined && PRIVILEGED_IDS.has(roleId));
      if (!privileged) return pass(`${roleName ?? roleId} is not a privileged role`);
      const principalType = ctx.value(assignment, 'principal_type');
      const principal = ctx.target(assignment.address.stack, assignment.attributes.principal_id);
      const workload = (principalType.known && principalType.value === 'ServicePrincipal') || (principal.kind === 'resource' && principal.resource.address.type === 'azurerm_user_assigned_identity');
      if (!workload && principalType.known && principalType.value !== undefined) return skip(`principal type ${jsonText(principalType.value)}`);
      // A privileged role lets a compromised app rewrite or re-grant whatever it is scoped to, even one resource;
      // deliberate exceptions are recorded as suppressions (RoleAssignment privilegedRoleReason).
      const scope = ctx.target(assignment.address.stack, assignment.attributes.scope);
      if (scope.kind === 'unresolved') return unknown(`scope ${scope.reason}`);
      const where = scope.kind === 'resource' ? `${scope.resource.address.type}.${scope.resource.address.name}${scope.suffix}` : String(scope.value);
      const broad = scope.kind === 'literal' && BROAD_SCOPE.test(String(scope.value));
      return fail(`${roleName ?? roleId} for a workload identity at ${broad ? 'subscription or management-group scope ' : ''}${where}`);
    }),
});
