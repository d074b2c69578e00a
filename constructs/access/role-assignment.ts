import { Construct } from 'constructs';
import { BuiltInRole, BUILTIN_ROLES, PRIVILEGED_ROLES } from '../../lib/builtin-roles';
import { AzurermRoleAssignment } from '../../providers/azurerm';
import { Token } from '../../providers/cdktf';

/** How far a scope reaches, narrowest last. */
export type ScopeLevel = 'managementGroup' | 'subscription' | 'resourceGroup' | 'resource';

/** Something role assignments can be scoped to. */
export interface IRoleScope {
  /** Resource ID of the scope (may be a token). */
  readonly scopeId: string;
  readonly scopeLevel: ScopeLevel;
}

/** A principal that can receive roles: a managed identity, a group, a user. */
export interface IPrincipal {
  readonly principalId: string;
  readonly principalType: 'ServicePrincipal' | 'Group' | 'User';
}

export interface RoleAssignmentProps {
  readonly scope: IRoleScope;
  readonly role: BuiltInRole;
  readonly principal: IPrincipal;
  /**
   * Why the principal needs the role; shown in the portal.
   * @default - none
   */
  readonly description?: string;
}

/**
 * One Azure RBAC role assignment. Refuses the privileged roles (Owner, Contributor, User Access Administrator, RBAC
 * Administrator) for a service principal at subscription or management-group scope: a workload identity gets the
 * least-privileged role on the narrowest resource.
 *
 * @resource azurerm_role_assignment
 */
export class RoleAssignment extends Construct {
  public readonly roleAssignmentId: string;
  public readonly role: BuiltInRole;
  public readonly scope: IRoleScope;
  public readonly resource: AzurermRoleAssignment;

  constructor(scope: Construct, id: string, props: RoleAssignmentProps) {
    super(scope, id);
    const problem = roleAssignmentProblem(props);
    if (problem) throw new Error(`RoleAssignment '${id}': ${problem}`);
    this.role = props.role;
    this.scope = props.scope;
    const assignment = (this.resource = new AzurermRoleAssignment(this, 'Resource', {
      scope: props.scope.scopeId,
      roleDefinitionName: props.role,
      principalId: props.principal.principalId,
      principalType: props.principal.principalType,
      description: props.description,
    }));
    this.roleAssignmentId = assignment.id;
  }
}

/** Why an assignment is not allowed, or undefined. */
export function roleAssignmentProblem(props: RoleAssignmentProps): string | undefined {
  if (!Object.hasOwn(BUILTIN_ROLES, props.role)) return `'${props.role}' is not a built-in role this landing zone knows; use one of ${Object.keys(BUILTIN_ROLES).join(', ')}`;
  const broad = props.scope.scopeLevel === 'subscription' || props.scope.scopeLevel === 'managementGroup';
  if (broad && props.principal.principalType === 'ServicePrincipal' && PRIVILEGED_ROLES.includes(props.role)) {
    return `${props.role} at ${props.scope.scopeLevel} scope for a workload identity is not allowed; grant a least-privileged role on the resource it uses (e.g. keyVault.grantSecretsRead)`;
  }
  if (!Token.isUnresolved(props.scope.scopeId) && !scopeIdMatches(props.scope)) {
    return `scope '${props.scope.scopeId}' is not a ${props.scope.scopeLevel} ID`;
  }
  return undefined;
}

function scopeIdMatches(scope: IRoleScope): boolean {
  const id = scope.scopeId;
  switch (scope.scopeLevel) {
    case 'managementGroup':
      return /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i.test(id);
    case 'subscription':
      return /^\/subscriptions\/[0-9a-f-]{36}$/i.test(id);
    case 'resourceGroup':
      return /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+$/i.test(id);
    case 'resource':
      return /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/.+/i.test(id);
  }
}

/** A subscription as a role scope. */
export function subscriptionScope(subscriptionId: string): IRoleScope {
  return { scopeId: `/subscriptions/${subscriptionId}`, scopeLevel: 'subscription' };
}
