import { Construct } from 'constructs';
import { GLOBAL_ADMINISTRATOR } from '../../lib/entra-ids';
import { AzureadUser, DirectoryRoleAssignment } from '../../providers/azuread';
import { Token } from '../../providers/cdktf';

export interface EmergencyAccessAccountProps {
  /** The tenant initial domain (`contoso.onmicrosoft.com`): emergency accounts never depend on federation or sync. */
  readonly tenantDomain: string;
  /** User name; the UPN is `<name>@<tenantDomain>`. */
  readonly name: string;
  /**
   * The initial password, as a reference to a secret (a sensitive Terraform variable): never a literal, so no
   * password is in code, config or the synthesized JSON. Only used at creation; later changes are ignored so the
   * password can be rotated out of band.
   */
  readonly password: string;
  /**
   * @default 'Emergency access <name>'
   */
  readonly displayName?: string;
  /**
   * Terraform `prevent_destroy` on the account and its role assignment: a pipeline must never delete the way back in.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * A cloud-only emergency ("break-glass") account with a permanent, active Global Administrator assignment, as
 * Microsoft's emergency-access guidance asks (an eligible assignment would depend on PIM working). Its
 * phishing-resistant credential (FIDO2 key) is enrolled out of band; Terraform cannot register one.
 *
 * @resource azuread_user, azuread_directory_role_assignment
 */
export class EmergencyAccessAccount extends Construct {
  public readonly objectId: string;
  public readonly userPrincipalName: string;

  constructor(scope: Construct, id: string, props: EmergencyAccessAccountProps) {
    super(scope, id);
    const problems: string[] = [];
    if (!/^[a-z0-9-]+\.onmicrosoft\.com$/.test(props.tenantDomain)) {
      problems.push(`tenantDomain '${props.tenantDomain}' is not a *.onmicrosoft.com initial domain; emergency accounts must not depend on a federated or synced domain`);
    }
    if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(props.name)) problems.push(`name '${props.name}' must be lower-case letters, digits, periods and hyphens`);
    if (!Token.isUnresolved(props.password)) {
      problems.push('password is a literal; pass a reference to a sensitive Terraform variable so no password reaches code, config or the synthesized JSON');
    }
    if (problems.length > 0) throw new Error(`EmergencyAccessAccount '${props.name}': ${problems.join('; ')}`);

    const lifecycle = { preventDestroy: props.preventDestroy ?? true };
    this.userPrincipalName = `${props.name}@${props.tenantDomain}`;
    const user = new AzureadUser(this, 'Resource', {
      userPrincipalName: this.userPrincipalName,
      displayName: props.displayName ?? `Emergency access ${props.name}`,
      mailNickname: props.name,
      accountEnabled: true,
      // A break-glass credential must not expire between the 90-day drills.
      disablePasswordExpiration: true,
      showInAddressList: false,
      password: props.password,
      // Rotated (or made unusable) out of band after the FIDO2 keys are enrolled; Terraform must not reset it.
      lifecycle: { ...lifecycle, ignoreChanges: ['password'] },
    });
    this.objectId = user.objectId;

    new DirectoryRoleAssignment(this, 'GlobalAdministrator', {
      roleId: GLOBAL_ADMINISTRATOR,
      principalObjectId: user.objectId,
      directoryScopeId: '/',
      lifecycle,
    });
  }
}
