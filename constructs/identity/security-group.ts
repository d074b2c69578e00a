import { Construct } from 'constructs';
import { AzureadGroup, DirectoryRoleAssignment, PrivilegedAccessGroupEligibilitySchedule } from '../../providers/azuread';
import { Token } from '../../providers/cdktf';
import { EligibleRoleAssignment } from './eligible-role-assignment';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

export interface SecurityGroupProps {
  /** Display name, unique in the tenant (`prevent_duplicate_names` is on). */
  readonly displayName: string;
  /**
   * @default - none
   */
  readonly description?: string;
  /**
   * Object IDs of permanent members. Sorted in the output: Terraform lists are ordered, and a reordering would
   * otherwise show as a change.
   * @default - none
   */
  readonly members?: readonly string[];
  /**
   * Role-assignable: only Privileged Role Administrators and Global Administrators can change its membership, and
   * it can hold directory roles. Immutable once created (a change replaces the group and its object ID).
   * @default true
   */
  readonly assignableToRole?: boolean;
  /**
   * Sets Terraform `prevent_destroy`, for groups whose loss would silently change Conditional Access scope.
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/**
 * A cloud security group (no mail, no dynamic membership), role-assignable by default so its membership is as well
 * protected as the access it grants. Relationship methods give it roles, actively or through PIM.
 *
 * @resource azuread_group, azuread_directory_role_assignment, azuread_directory_role_eligibility_schedule_request,
 *   azuread_privileged_access_group_eligibility_schedule
 */
export class SecurityGroup extends Construct {
  /** The bare object ID (what Conditional Access, role assignments and PIM take; `id` is `/groups/<id>` in azuread 3). */
  public readonly objectId: string;
  public readonly displayName: string;
  public readonly assignableToRole: boolean;

  constructor(scope: Construct, id: string, props: SecurityGroupProps) {
    super(scope, id);
    const members = [...(props.members ?? [])];
    const problems: string[] = [];
    if (!/^\S(.*\S)?$/.test(props.displayName)) problems.push(`displayName '${props.displayName}' must be non-empty without leading or trailing spaces`);
    const literalMembers = members.filter((m) => !Token.isUnresolved(m));
    for (const member of literalMembers) if (!GUID.test(member)) problems.push(`member '${member}' is not an object ID`);
    if (new Set(members).size !== members.length) problems.push('members lists an object ID twice');
    if (problems.length > 0) throw new Error(`SecurityGroup '${props.displayName}': ${problems.join('; ')}`);

    this.assignableToRole = props.assignableToRole ?? true;
    const group = new AzureadGroup(this, 'Resource', {
      displayName: props.displayName,
      description: props.description,
      securityEnabled: true,
      assignableToRole: this.assignableToRole,
      preventDuplicateNames: true,
      // Literal IDs sorted, references after them in creation order: stable output for reviewers.
      members: members.length > 0 ? [...literalMembers.sort(), ...members.filter((m) => Token.isUnresolved(m))] : undefined,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.objectId = group.objectId;
    this.displayName = props.displayName;
  }

  /**
   * Gives the group a directory role actively and permanently (every member holds it). Combined with
   * `addEligibleMember` this is a PIM privileged access group: people activate membership, not the role.
   */
  public grantActiveRole(id: string, roleTemplateId: string): DirectoryRoleAssignment {
    this.requireRoleAssignable('grantActiveRole');
    requireGuid('grantActiveRole', roleTemplateId);
    return new DirectoryRoleAssignment(this, id, { roleId: roleTemplateId, principalObjectId: this.objectId, directoryScopeId: '/' });
  }

  /** Makes every member eligible (PIM) for a directory role; they activate it just in time. */
  public grantEligibleRole(id: string, roleTemplateId: string, justification: string): EligibleRoleAssignment {
    this.requireRoleAssignable('grantEligibleRole');
    return new EligibleRoleAssignment(this, id, { principalObjectId: this.objectId, roleTemplateId, justification });
  }

  /**
   * PIM for Groups: the principal may activate membership for `duration` (ISO 8601, e.g. `P180D`) or permanently.
   */
  public addEligibleMember(id: string, principalObjectId: string, duration: string | 'permanent'): PrivilegedAccessGroupEligibilitySchedule {
    if (!Token.isUnresolved(principalObjectId)) requireGuid('addEligibleMember', principalObjectId);
    if (duration !== 'permanent' && !ISO_DURATION.test(duration)) {
      throw new Error(`SecurityGroup '${this.displayName}'.addEligibleMember: duration '${duration}' is not an ISO 8601 duration such as P180D, nor 'permanent'`);
    }
    return new PrivilegedAccessGroupEligibilitySchedule(this, id, {
      groupId: this.objectId,
      principalId: principalObjectId,
      assignmentType: 'member',
      ...(duration === 'permanent' ? { permanentAssignment: true } : { duration }),
      justification: 'Just-in-time membership through PIM for Groups (landing zone identity stack)',
    });
  }

  private requireRoleAssignable(method: string): void {
    if (!this.assignableToRole) {
      throw new Error(`SecurityGroup '${this.displayName}'.${method}: only role-assignable groups can hold directory roles; create it with assignableToRole: true`);
    }
  }
}

function requireGuid(method: string, value: string): void {
  if (!GUID.test(value)) throw new Error(`SecurityGroup.${method}: '${value}' is not a GUID (a role template ID or object ID)`);
}
