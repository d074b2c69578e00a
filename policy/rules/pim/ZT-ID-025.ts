/** Nobody but the deployment identity holds Owner or User Access Administrator standing (outside PIM or without expiry). */
import { BUILTIN_ROLES } from '../../../lib/builtin-roles';
import { NO_STANDING_ROLES } from '../../../lib/pim';
import { deploymentIdentityOf } from '../../../lib/stack-metadata';
import { defineRule, each, EvaluationContext, fail, pass, readPath, skip, unknown } from '../../engine';

const TYPES = ['azurerm_role_assignment', 'azurerm_pim_active_role_assignment'];
const ROLE_OF_ID = new Map<string, string>(NO_STANDING_ROLES.map((role) => [BUILTIN_ROLES[role], role]));

/**
 * The deployment identity: what the environment's stacks record (`"//".deploymentIdentity`) and, for the tenant's
 * own stacks, the identity stack's output `deployment_identity`.
 */
function deploymentIdentities(ctx: EvaluationContext): Set<string> {
  return ctx.memo('deployment-identities', () => {
    const ids = new Set<string>();
    for (const stack of ctx.stackNames) {
      const json = ctx.stack(stack);
      const recorded = deploymentIdentityOf(json);
      if (recorded) ids.add(recorded);
      const output = json.output?.deployment_identity;
      const objectId = (output?.value as { objectId?: unknown } | undefined)?.objectId;
      if (typeof objectId === 'string') ids.add(objectId);
    }
    return ids;
  });
}

export default defineRule({
  id: 'ZT-ID-025',
  severity: 'critical',
  pillar: 'identity',
  title: 'No standing Owner or User Access Administrator',
  rationale: 'A permanent Owner or UAA can grant itself anything at any time, with no activation to notice.',
  fix: 'Make the principal eligible instead (privilegedAccess.azureRoles.eligibleAssignments); only the deployment identity holds Owner standing.',
  appliesTo: TYPES,
  references: { custom: 'Implementation guide, identity pillar: no permanent subscription Owner or User Access Administrator; SCuBA MS.AAD.7.4 for the directory equivalent' },
  evaluate: (ctx) =>
    each(ctx, TYPES, (assignment) => {
      const name = ctx.value(assignment, 'role_definition_name');
      const id = ctx.value(assignment, 'role_definition_id');
      if (!name.known || !id.known) return unknown(!name.known ? name.reason : (id as { reason: string }).reason);
      const role = typeof name.value === 'string' && (NO_STANDING_ROLES as readonly string[]).includes(name.value) ? name.value : typeof id.value === 'string' ? ROLE_OF_ID.get(id.value.split('/').pop() ?? '') : undefined;
      if (!role) return skip('not Owner or User Access Administrator');
      if (assignment.address.type === 'azurerm_pim_active_role_assignment') {
        const expiration = readPath(assignment.attributes, 'schedule.expiration') as Record<string, unknown> | undefined;
        if (expiration && Object.values(expiration).some((v) => v !== undefined && v !== null)) return pass(`${role} through PIM with an expiry`);
      }
      const principal = ctx.value(assignment, 'principal_id');
      if (!principal.known) return unknown(principal.reason);
      if (typeof principal.value === 'string' && deploymentIdentities(ctx).has(principal.value)) return pass(`${role} for the deployment identity`);
      return fail(`standing ${role} for ${String(principal.value)}; make it a PIM eligible assignment`);
    }),
});
