import { Construct } from 'constructs';
import { AzurermUserAssignedIdentity } from '../../providers/azurerm';
import { IResourceGroupRef, ResourceLock, Tags } from '../interfaces';
import { defineResourceLock } from '../resource-lock';
import { IPrincipal } from './role-assignment';

/** A user-assigned managed identity as resources that run as it see it (`UserAssignedIdentity` satisfies it). */
export interface IUserAssignedIdentityRef extends IPrincipal {
  /** Resource ID of the identity. */
  readonly identityId: string;
  /** Client (application) ID: `AZURE_CLIENT_ID` for the Azure SDKs. */
  readonly clientId: string;
}

export interface UserAssignedIdentityProps {
  readonly resourceGroup: IResourceGroupRef;
  /** Identity name, e.g. `id-shop-prod-weu`. 3-128 letters, digits, hyphens and underscores. */
  readonly name: string;
  /**
   * @default - the resource group's location
   */
  readonly location?: string;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
  /**
   * A management lock on the identity (deleting it breaks every grant and workload that uses it).
   * @default - no lock
   */
  readonly lock?: ResourceLock;
}

/**
 * A user-assigned managed identity: a workload's credential-free identity. It receives roles only through the
 * `grant...` methods of the resources it uses (for example `KeyVault.grantSecretsRead`).
 *
 * @resource azurerm_user_assigned_identity
 */
export class UserAssignedIdentity extends Construct implements IUserAssignedIdentityRef {
  public readonly identityId: string;
  /** The identity's name, which Entra ID also uses for its service principal (e.g. in `CREATE USER [...]`). */
  public readonly identityName: string;
  public readonly principalId: string;
  public readonly clientId: string;
  public readonly principalType = 'ServicePrincipal' as const;

  constructor(scope: Construct, id: string, props: UserAssignedIdentityProps) {
    super(scope, id);
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/.test(props.name)) {
      throw new Error(`UserAssignedIdentity '${props.name}': names are 3-128 letters, digits, hyphens and underscores, starting with a letter or digit`);
    }
    const identity = new AzurermUserAssignedIdentity(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.identityId = identity.id;
    this.identityName = props.name;
    this.principalId = identity.principalId;
    this.clientId = identity.clientId;
    defineResourceLock(this, identity.id, props.name, props.lock);
  }
}
