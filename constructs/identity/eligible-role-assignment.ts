import { Construct } from 'constructs';
import { DirectoryRoleEligibilityScheduleRequest } from '../../providers/azuread';
import { Token } from '../../providers/cdktf';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface EligibleRoleAssignmentProps {
  /** User or role-assignable group that becomes eligible. */
  readonly principalObjectId: string;
  /** Built-in role template ID (for built-in roles the role definition ID is the template ID). */
  readonly roleTemplateId: string;
  /** Shown in the PIM audit log. */
  readonly justification: string;
  /**
   * @default '/' (the whole directory)
   */
  readonly directoryScopeId?: string;
}

/**
 * A PIM eligible directory-role assignment: nothing is held until the principal activates it. azuread 3.7 always
 * requests `noExpiration` (provider issue #1267), which fails when the role's PIM settings forbid permanent
 * eligibility; time-bound access goes through a privileged access group (`SecurityGroup.addEligibleMember`).
 *
 * @resource azuread_directory_role_eligibility_schedule_request
 */
export class EligibleRoleAssignment extends Construct {
  public readonly roleTemplateId: string;

  constructor(scope: Construct, id: string, props: EligibleRoleAssignmentProps) {
    super(scope, id);
    const problems: string[] = [];
    if (!GUID.test(props.roleTemplateId)) problems.push(`roleTemplateId '${props.roleTemplateId}' is not a role template ID`);
    if (!Token.isUnresolved(props.principalObjectId) && !GUID.test(props.principalObjectId)) problems.push(`principalObjectId '${props.principalObjectId}' is not an object ID`);
    if (props.justification.trim().length === 0) problems.push('justification is empty; PIM requires one');
    if (problems.length > 0) throw new Error(`EligibleRoleAssignment: ${problems.join('; ')}`);
    new DirectoryRoleEligibilityScheduleRequest(this, 'Resource', {
      principalId: props.principalObjectId,
      roleDefinitionId: props.roleTemplateId,
      directoryScopeId: props.directoryScopeId ?? '/',
      justification: props.justification,
    });
    this.roleTemplateId = props.roleTemplateId;
  }
}
