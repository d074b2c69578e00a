import { Construct } from 'constructs';
import { identityBlock, ManagedIdentities, managedIdentityProblems } from '../../lib/managed-identities';
import { PrivateLinkService } from '../../lib/private-link-zones';
import { problemText } from '../../lib/property-problems';
import { storageAccountNameProblem, storageContainerNameProblem } from '../../lib/storage-rules';
import { AzurermStorageAccount, StorageContainer } from '../../providers/azurerm';
import { assertGrantIdFree, grantIdOf } from '../access/grant-id';
import { IPrincipal, IRoleScope, RoleAssignment } from '../access/role-assignment';
import { DiagnosticsInput, IResourceGroupRef, ResourceLock, Tags } from '../interfaces';
import { sendDiagnostics } from '../diagnostic-settings';
import { systemAssignedPrincipal } from '../managed-identities';
import { defineResourceLock } from '../resource-lock';
import { IPrivateLinkTarget, PrivateEndpoint, PrivateEndpointOptions } from '../network/private-endpoint';

/**
 * What every storage account of the landing zone gets, whatever it holds: StorageV2, TLS 1.2 over HTTPS only, no
 * public blobs, infrastructure encryption, no cross-tenant replication, no local (SFTP) users, Entra ID by default in
 * the portal. Shared by `StorageAccount` and `FlowLogStorageAccount`, which differ only in how they are reached.
 */
export const STORAGE_ACCOUNT_BASELINE = {
  accountKind: 'StorageV2',
  accountTier: 'Standard',
  minTlsVersion: 'TLS1_2',
  httpsTrafficOnlyEnabled: true,
  allowNestedItemsToBePublic: false,
  infrastructureEncryptionEnabled: true,
  crossTenantReplicationEnabled: false,
  localUserEnabled: false,
  defaultToOauthAuthentication: true,
} as const;

export interface StorageAccountProps extends DiagnosticsInput {
  readonly resourceGroup: IResourceGroupRef;
  /** Globally unique, 3-24 lower-case letters and digits. */
  readonly name: string;
  /**
   * Redundancy. `ZRS` survives a zone outage in the region; `LRS` is for development.
   * @default 'ZRS'
   */
  readonly replication?: 'LRS' | 'ZRS' | 'GRS' | 'GZRS' | 'RAGRS' | 'RAGZRS';
  /**
   * Keep previous versions of every blob (recover from overwrites and ransomware).
   * @default true
   */
  readonly versioningEnabled?: boolean;
  /**
   * Days deleted blobs and containers stay recoverable (1-365).
   * @default 14
   */
  readonly softDeleteRetentionDays?: number;
  /**
   * Public network access. Only `false` is accepted: the account is reached through its private endpoints.
   * @default false
   */
  readonly publicNetworkAccessEnabled?: false;
  /**
   * @default - the resource group's location
   */
  readonly location?: string;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
  /**
   * A management lock on the account (CanNotDelete keeps the account; soft delete keeps blobs).
   * @default - no lock
   */
  readonly lock?: ResourceLock;
  /**
   * Identities the account runs as (AVM `managedIdentities`), e.g. to read its customer-managed key from Key Vault:
   * system-assigned, user-assigned, or both (`identity { type, identity_ids }`).
   * @default - none
   */
  readonly managedIdentities?: ManagedIdentities;
}


/**
 * A general-purpose v2 storage account for workload data: Entra ID only (shared keys off, OAuth by default in the
 * portal), no public network access and network rules `Deny`, TLS 1.2 and HTTPS only, no anonymous blobs, no local
 * (SFTP) users, infrastructure (double) encryption, copies only within the tenant, blob versioning and soft delete.
 * Access is granted with the `grant...` methods (data-plane roles on the account or one container).
 *
 * @resource azurerm_storage_account, azurerm_storage_container
 */
export class StorageAccount extends Construct implements IRoleScope, IPrivateLinkTarget {
  public readonly storageAccountId: string;
  public readonly storageAccountName: string;
  /** `https://<name>.blob.core.windows.net/` */
  public readonly primaryBlobEndpoint: string;
  public readonly scopeId: string;
  public readonly scopeLevel = 'resource' as const;
  public readonly resourceType = 'Microsoft.Storage/storageAccounts';
  public readonly privateLinkService: PrivateLinkService = 'storage';
  public readonly privateLinkResourceId: string;
  public readonly resource: AzurermStorageAccount;
  /** The system-assigned identity, to grant roles to (AVM `system_assigned_mi_principal_id`); set when `managedIdentities.systemAssigned`. */
  public readonly systemAssignedIdentity?: IPrincipal;
  private readonly resourceGroup: IResourceGroupRef;
  private readonly tags?: Tags;
  private readonly grantsScope: Construct;
  private readonly containers = new Map<string, StorageContainer>();

  constructor(scope: Construct, id: string, props: StorageAccountProps) {
    super(scope, id);
    const problems = storageAccountProblems(props);
    if (problems.length > 0) throw new Error(`StorageAccount '${props.name}': ${problems.join('; ')}`);
    const retention = props.softDeleteRetentionDays ?? 14;

    this.resource = new AzurermStorageAccount(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      ...STORAGE_ACCOUNT_BASELINE,
      accountReplicationType: props.replication ?? 'ZRS',
      sharedAccessKeyEnabled: false,
      publicNetworkAccessEnabled: false,
      allowedCopyScope: 'AAD',
      sftpEnabled: false,
      networkRules: { defaultAction: 'Deny', bypass: ['None'] },
      blobProperties: {
        versioningEnabled: props.versioningEnabled ?? true,
        deleteRetentionPolicy: { days: retention },
        containerDeleteRetentionPolicy: { days: retention },
      },
      identity: identityBlock(props.managedIdentities),
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.systemAssignedIdentity = systemAssignedPrincipal(props.managedIdentities, this.resource.identity);
    this.storageAccountId = this.resource.id;
    this.storageAccountName = props.name;
    this.primaryBlobEndpoint = this.resource.primaryBlobEndpoint;
    this.scopeId = this.resource.id;
    this.privateLinkResourceId = this.resource.id;
    this.resourceGroup = props.resourceGroup;
    this.tags = props.tags;
    this.grantsScope = new Construct(this, 'Grants');
    defineResourceLock(this, this.resource.id, props.name, props.lock);
    sendDiagnostics(this, props.diagnostics);
  }

  /** A private blob container (no anonymous access; the account forbids it anyway). */
  public addContainer(name: string): StorageContainer {
    const problem = storageContainerNameProblem(name);
    if (problem) throw new Error(`StorageAccount '${this.storageAccountName}': container ${problemText(problem)}`);
    if (this.containers.has(name)) throw new Error(`StorageAccount '${this.storageAccountName}' already has a container '${name}'`);
    const container = new StorageContainer(this, `Container-${name}`, { name, storageAccountId: this.storageAccountId, containerAccessType: 'private' });
    this.containers.set(name, container);
    return container;
  }

  /** Read blobs (Storage Blob Data Reader) in the account, or in one container of it. */
  public grantBlobRead(principal: IPrincipal, options: StorageGrantOptions = {}): RoleAssignment {
    return this.grant('BlobRead', 'Storage Blob Data Reader', principal, options);
  }

  /** Read, write and delete blobs (Storage Blob Data Contributor) in the account, or in one container of it. */
  public grantBlobWrite(principal: IPrincipal, options: StorageGrantOptions = {}): RoleAssignment {
    return this.grant('BlobWrite', 'Storage Blob Data Contributor', principal, options);
  }

  /** Put messages on queues (Storage Queue Data Message Sender). */
  public grantQueueSend(principal: IPrincipal, options: Pick<StorageGrantOptions, 'id'> = {}): RoleAssignment {
    return this.grant('QueueSend', 'Storage Queue Data Message Sender', principal, options);
  }

  /** Read, process and delete queue messages (Storage Queue Data Message Processor). */
  public grantQueueProcess(principal: IPrincipal, options: Pick<StorageGrantOptions, 'id'> = {}): RoleAssignment {
    return this.grant('QueueProcess', 'Storage Queue Data Message Processor', principal, options);
  }

  /** Read table entities (Storage Table Data Reader). */
  public grantTableRead(principal: IPrincipal, options: Pick<StorageGrantOptions, 'id'> = {}): RoleAssignment {
    return this.grant('TableRead', 'Storage Table Data Reader', principal, options);
  }

  /** Read and write table entities (Storage Table Data Contributor). */
  public grantTableWrite(principal: IPrincipal, options: Pick<StorageGrantOptions, 'id'> = {}): RoleAssignment {
    return this.grant('TableWrite', 'Storage Table Data Contributor', principal, options);
  }

  /**
   * Connects one sub-resource (`blob`, `queue`, `table`, `file`, `dfs`, `web`) to a subnet through a private endpoint
   * whose DNS record lands in the central zone; one endpoint per sub-resource the workload uses.
   */
  public addPrivateEndpoint(id: string, options: PrivateEndpointOptions & { readonly subresource: string }): PrivateEndpoint {
    return PrivateEndpoint.forTarget(this, id, this, options, {
      resourceGroup: this.resourceGroup,
      name: `pe-${this.storageAccountName}-${options.subresource}`,
      tags: this.tags,
    });
  }

  private grant(kind: string, role: RoleAssignment['role'], principal: IPrincipal, options: StorageGrantOptions): RoleAssignment {
    const container = options.container;
    if (container !== undefined && !this.containers.has(container)) {
      throw new Error(`StorageAccount '${this.storageAccountName}': no container '${container}' to grant on; add it with addContainer first`);
    }
    const label = options.id ?? grantIdOf(this, principal);
    const scope: IRoleScope = container
      ? { scopeId: `${this.storageAccountId}/blobServices/default/containers/${container}`, scopeLevel: 'resource', resourceType: this.resourceType }
      : this;
    const id = `${kind}-${container ? `${container}-` : ''}${label}`;
    assertGrantIdFree(this.grantsScope, id, `StorageAccount '${this.storageAccountName}'`);
    return new RoleAssignment(this.grantsScope, id, {
      scope,
      role,
      principal,
      description: `${role} on ${this.storageAccountName}${container ? `/${container}` : ''}`,
    });
  }
}

/** Where a storage grant applies and how its construct is named. */
export interface StorageGrantOptions {
  /**
   * Limit the grant to one container (added with `addContainer`).
   * @default - the whole account
   */
  readonly container?: string;
  /**
   * Construct ID suffix of the role assignment, unique per principal.
   * @default - derived from the principal (`grantIdOf`): its construct ID, made unique by its path when it is not a sibling of the account
   */
  readonly id?: string;
}

function storageAccountProblems(props: StorageAccountProps): string[] {
  const problems: string[] = [];
  const name = storageAccountNameProblem(props.name);
  if (name) problems.push(`name ${problemText(name)}`);
  const retention = props.softDeleteRetentionDays ?? 14;
  if (!Number.isInteger(retention) || retention < 1 || retention > 365) problems.push(`softDeleteRetentionDays ${retention} is outside 1-365`);
  if ((props.publicNetworkAccessEnabled as boolean | undefined) === true) {
    problems.push('publicNetworkAccessEnabled: true is not allowed; reach the account through addPrivateEndpoint');
  }
  problems.push(...managedIdentityProblems(props.managedIdentities, 'systemAndUserAssigned').map((p) => `${p.path} ${problemText(p)}`));
  return problems;
}
