import { Construct } from 'constructs';
import { activationProblems, activationRules, adminNotificationRules, PimExpiry } from '../../lib/pim';
import { AzureadGroupRoleManagementPolicy } from '../../providers/azuread';
import { Token } from '../../providers/cdktf';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface PrivilegedAccessGroupPolicyProps {
  /** Object ID of the privileged access group (role-assignable, holding roles). */
  readonly groupObjectId: string;
  /** Longest membership activation, `PT30M`-`PT4H`. */
  readonly maximumDuration: string;
  /**
   * Conditional Access authentication context required on activation instead of plain MFA.
   * @default - MFA on activation
   */
  readonly authenticationContext?: string;
  /**
   * Groups whose members approve activations; approval is required when any are given.
   * @default - no approval
   */
  readonly approverGroupObjectIds?: readonly string[];
  /** Eligible memberships expire after this period. */
  readonly eligibleExpiry: PimExpiry;
  /** Told of every activation and assignment besides the default recipients. */
  readonly notificationEmails: readonly string[];
}

/**
 * PIM for Groups settings of a privileged access group's membership (`member`): activation of at most 4 hours with
 * a justification and MFA (or an authentication context), optional approval, eligible memberships that expire, and
 * admin notifications of every activation. The directory roles the group holds need no activation of their own: the
 * membership is what is activated.
 *
 * @resource azuread_group_role_management_policy
 */
export class PrivilegedAccessGroupPolicy extends Construct {
  public readonly resource: AzureadGroupRoleManagementPolicy;

  constructor(scope: Construct, id: string, props: PrivilegedAccessGroupPolicyProps) {
    super(scope, id);
    const problems = activationProblems(props);
    if (!Token.isUnresolved(props.groupObjectId) && !GUID.test(props.groupObjectId)) problems.push(`groupObjectId '${props.groupObjectId}' is not an object ID`);
    if (problems.length > 0) throw new Error(`PrivilegedAccessGroupPolicy '${id}': ${problems.join('; ')}`);

    this.resource = new AzureadGroupRoleManagementPolicy(this, 'Resource', {
      groupId: props.groupObjectId,
      roleId: 'member',
      activationRules: activationRules(props, 'groupMembers'),
      eligibleAssignmentRules: { expirationRequired: true, expireAfter: props.eligibleExpiry },
      activeAssignmentRules: { expirationRequired: true, expireAfter: 'P15D', requireJustification: true, requireMultifactorAuthentication: true },
      notificationRules: adminNotificationRules(props.notificationEmails),
    });
  }
}
