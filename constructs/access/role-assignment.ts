import { Construct } from 'constructs';
import { BuiltInRole, BUILTIN_ROLES, dataPlaneAlternative, PRIVILEGED_ROLES } from '../../lib/builtin-roles';
import { closestMatch } from '../../lib/suggest';
import { PolicySuppressions } from '../../lib/suppressions';
import { AzurermRoleAssignment } from '../../providers/azurerm';
import { Token } from '../../providers/cdktf';

/** How far a scope reaches, narrowest last. */
export type ScopeLevel = 'managementGroup' | 'subscription' | 'resourceGroup' | 'resource';

/** Something role assignments can be scoped to. */
export interface IRoleScope {
  /** Resource ID of the scope (may be a token). */
  readonly scopeId: string;
  readonly scopeLevel: ScopeLevel;
  /**
   * ARM type of the scope resource (`Microsoft.Storage/storageAccounts`), so a refused privileged role can name the
   * data-plane role to use even when `scopeId` is a token.
   * @default - read from `scopeId` when it is a literal resource ID
   */
  readonly resourceType?: string;
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
  /**
   * Why a workload identity (service principal) must hold a privileged role (Owner, Contributor, User Access
   * Administrator, RBAC Administrator) here; at least 10 characters. Recorded in the assignment's description and as
   * a policy suppression of ZT-ID-020 on it, so reviewers see it in the synthesized JSON. Ignored at subscription and
   * management-group scope, where those roles are always refused.
   * @default - privileged roles are refused for service principals
   */
  readonly privilegedRoleReason?: string;
}

/**
 * One Azure RBAC role assignment. Refuses the privileged roles (Owner, Contributor, User Access Administrator, RBAC
 * Administrator) for a service principal: always at subscription or management-group scope, and at resource-group or
 * resource scope unless the call records a reason. The error names the data-plane role to use instead.
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
      description: privilegedReason(props) ? [props.description, `Privileged role accepted: ${privilegedReason(props)}`].filter(Boolean).join('. ') : props.description,
    }));
    this.roleAssignmentId = assignment.id;
    const reason = privilegedReason(props);
    if (reason) PolicySuppressions.of(assignment).add({ ruleId: 'ZT-ID-020', reason: `RoleAssignment privilegedRoleReason: ${reason}` });
  }
}

/** Why an assignment is not allowed, or undefined. */
export function roleAssignmentProblem(props: RoleAssignmentProps): string | undefined {
  if (!Object.hasOwn(BUILTIN_ROLES, props.role)) {
    const suggestion = closestMatch(props.role, Object.keys(BUILTIN_ROLES));
    const leastPrivileged = Object.keys(BUILTIN_ROLES).filter((role) => !PRIVILEGED_ROLES.includes(role as BuiltInRole));
    return `'${props.role}' is not a built-in role this landing zone knows${suggestion ? `; did you mean '${suggestion}'?` : '.'} Known least-privileged roles: ${leastPrivileged.join(', ')}`;
  }
  const broad = props.scope.scopeLevel === 'subscription' || props.scope.scopeLevel === 'managementGroup';
  if (props.principal.principalType === 'ServicePrincipal' && PRIVILEGED_ROLES.includes(props.role)) {
    if (broad) {
      return `${props.role} at ${props.scope.scopeLevel} scope for a workload identity is not allowed; grant a least-privileged role on the resource it uses (e.g. keyVault.grantSecretsRead)`;
    }
    const reason = props.privilegedRoleReason?.trim();
    if (reason === undefined || reason.length < 10) {
      const scopeType = props.scope.resourceType ?? (Token.isUnresolved(props.scope.scopeId) ? undefined : props.scope.scopeId);
      const instead = dataPlaneAlternative(props.scope.resourceType ? `/providers/${props.scope.resourceType}/x` : scopeType);
      return (
        `${props.role} for a workload identity is not allowed at ${props.scope.scopeLevel} scope either; use ${instead}` +
        (reason === undefined ? ', or pass privilegedRoleReason (recorded in the output) if it truly needs the role' : `; privilegedRoleReason '${reason}' is too short (at least 10 characters)`)
      );
    }
  }
  if (!Token.isUnresolved(props.scope.scopeId) && !scopeIdMatches(props.scope)) {
    return `scope '${props.scope.scopeId}' is not a ${props.scope.scopeLevel} ID`;
  }
  return undefined;
}

function privilegedReason(props: RoleAssignmentProps): string | undefined {
  const reason = props.privilegedRoleReason?.trim();
  return reason && props.principal.principalType === 'ServicePrincipal' && PRIVILEGED_ROLES.includes(props.role) ? reason : undefined;
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
