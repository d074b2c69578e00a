import { Construct } from 'constructs';
import { EmergencyAccessAccount } from './emergency-access-account';
import { SecurityGroup } from './security-group';

export interface BreakGlassProps {
  /** The tenant initial domain, e.g. `contoso.onmicrosoft.com`. */
  readonly tenantDomain: string;
  /** At least two accounts, each with a reference to its initial password secret. */
  readonly accounts: readonly { readonly name: string; readonly password: string }[];
  /**
   * @default 'CA-BreakGlass-Exclusion'
   */
  readonly groupName?: string;
  /**
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/** What Conditional Access policies need from the break-glass set: the group they must exclude. */
export interface IBreakGlassExclusion {
  readonly groupObjectId: string;
}

/**
 * Emergency access: two or more cloud-only accounts with permanent Global Administrator, and a role-assignable
 * security group holding exactly them that every Conditional Access policy excludes (`ConditionalAccessPolicy`
 * requires it), so a policy mistake can never lock the tenant out.
 *
 * @resource azuread_user, azuread_directory_role_assignment, azuread_group
 */
export class BreakGlass extends Construct implements IBreakGlassExclusion {
  public readonly accounts: readonly EmergencyAccessAccount[];
  public readonly group: SecurityGroup;
  public readonly groupObjectId: string;

  constructor(scope: Construct, id: string, props: BreakGlassProps) {
    super(scope, id);
    const names = props.accounts.map((a) => a.name);
    if (names.length < 2) {
      throw new Error(`BreakGlass: ${names.length} account(s) given; Microsoft's emergency-access guidance needs at least two, so one lost key never locks the tenant out`);
    }
    const repeated = names.filter((n, i) => names.indexOf(n) !== i);
    if (repeated.length > 0) throw new Error(`BreakGlass: account name(s) ${[...new Set(repeated)].join(', ')} used twice; each account needs its own name`);

    this.accounts = props.accounts.map(
      (account) => new EmergencyAccessAccount(this, account.name, { tenantDomain: props.tenantDomain, name: account.name, password: account.password, preventDestroy: props.preventDestroy }),
    );
    // Role-assignable: only Privileged Role Administrators and Global Administrators can add themselves to the
    // group every policy excludes. A replaced group gets a new object ID, so destroying it is prevented.
    this.group = new SecurityGroup(this, 'Group', {
      displayName: props.groupName ?? 'CA-BreakGlass-Exclusion',
      description: 'Emergency-access accounts; excluded from every Conditional Access policy. Members: exactly the break-glass accounts.',
      members: this.accounts.map((a) => a.objectId),
      assignableToRole: true,
      preventDestroy: props.preventDestroy ?? true,
    });
    this.groupObjectId = this.group.objectId;
  }
}
