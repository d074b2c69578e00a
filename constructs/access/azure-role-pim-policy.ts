import { Construct } from 'constructs';
import { BuiltInRole, BUILTIN_ROLES } from '../../lib/builtin-roles';
import { activationProblems, activationRules, adminNotificationRules, PIM_EXPIRY_DAYS, PimExpiry } from '../../lib/pim';
import { PimEligibleRoleAssignment, RoleManagementPolicy } from '../../providers/azurerm';
import { TerraformProvider, Token } from '../../providers/cdktf';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface AzureRolePimPolicyProps {
  readonly subscriptionId: string;
  readonly role: BuiltInRole;
  /** Longest activation, `PT30M`-`PT4H`. */
  readonly maximumActivation: string;
  /**
   * Conditional Access authentication context required on activation (`c1`-`c99`), instead of plain MFA.
   * @default - MFA on activation
   */
  readonly authenticationContext?: string;
  /**
   * Groups whose members approve activations; approval is required when any are given.
   * @default - no approval
   */
  readonly approverGroupObjectIds?: readonly string[];
  /** Eligible assignments expire after this period. */
  readonly eligibleExpiry: PimExpiry;
  /** Active assignments made through PIM expire after this period. */
  readonly activeExpiry: PimExpiry;
  /** Told of every activation and assignment, besides the default recipients (admins of the scope). */
  readonly notificationEmails: readonly string[];
  /**
   * azurerm provider of the subscription.
   * @default - the stack's default azurerm provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * The PIM settings of one Azure role on one subscription: activation of at most 4 hours with a justification and MFA
 * (or an authentication context), optional approval, no permanent eligible or active assignments, and admin
 * notifications of every activation and assignment. `addEligibleAssignment` makes a principal eligible under these
 * rules, with the expiry they demand.
 *
 * @resource azurerm_role_management_policy, azurerm_pim_eligible_role_assignment
 */
export class AzureRolePimPolicy extends Construct {
  public readonly role: BuiltInRole;
  public readonly scope: string;
  /** The subscription-scoped role definition ID PIM and role assignments use. */
  public readonly roleDefinitionId: string;
  public readonly resource: RoleManagementPolicy;
  private readonly eligibleExpiry: PimExpiry;
  private readonly provider?: TerraformProvider;

  constructor(scope: Construct, id: string, props: AzureRolePimPolicyProps) {
    super(scope, id);
    const problems = activationProblems({ maximumDuration: props.maximumActivation, approverGroupObjectIds: props.approverGroupObjectIds });
    if (!Object.hasOwn(BUILTIN_ROLES, props.role)) problems.push(`'${props.role}' is not a built-in role this landing zone knows`);
    if (!Token.isUnresolved(props.subscriptionId) && !GUID.test(props.subscriptionId)) problems.push(`subscriptionId '${props.subscriptionId}' is not a GUID`);
    if (problems.length > 0) throw new Error(`AzureRolePimPolicy '${props.role}': ${problems.join('; ')}`);

    this.role = props.role;
    this.scope = `/subscriptions/${props.subscriptionId}`;
    this.roleDefinitionId = `${this.scope}/providers/Microsoft.Authorization/roleDefinitions/${BUILTIN_ROLES[props.role]}`;
    this.eligibleExpiry = props.eligibleExpiry;
    this.provider = props.provider;
    this.resource = new RoleManagementPolicy(this, 'Resource', {
      provider: props.provider,
      scope: this.scope,
      roleDefinitionId: this.roleDefinitionId,
      activationRules: activationRules(
        { maximumDuration: props.maximumActivation, authenticationContext: props.authenticationContext, approverGroupObjectIds: props.approverGroupObjectIds },
        'Group',
      ),
      eligibleAssignmentRules: { expirationRequired: true, expireAfter: props.eligibleExpiry },
      activeAssignmentRules: { expirationRequired: true, expireAfter: props.activeExpiry, requireJustification: true, requireMultifactorAuthentication: true },
      notificationRules: adminNotificationRules(props.notificationEmails),
    });
  }

  /** Makes a group (or user) eligible for the role on the subscription until the policy's eligible expiry. */
  public addEligibleAssignment(id: string, principalObjectId: string, justification: string): PimEligibleRoleAssignment {
    if (!Token.isUnresolved(principalObjectId) && !GUID.test(principalObjectId)) {
      throw new Error(`AzureRolePimPolicy '${this.role}'.addEligibleAssignment: '${principalObjectId}' is not an object ID`);
    }
    return new PimEligibleRoleAssignment(this, id, {
      provider: this.provider,
      scope: this.scope,
      roleDefinitionId: this.roleDefinitionId,
      principalId: principalObjectId,
      justification,
      schedule: { expiration: { durationDays: PIM_EXPIRY_DAYS[this.eligibleExpiry] } },
      // The policy's rules (expiry, notifications) must be in place before the request is judged against them.
      dependsOn: [this.resource],
    });
  }
}
