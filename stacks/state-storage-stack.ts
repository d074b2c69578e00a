import { Construct } from 'constructs';
import { AzurermBackendConfig } from '../config/backend-schema';
import { availabilityZonesOf } from '../config/regions';
import { LandingZoneConfig } from '../config/schema';
import { IPrincipal, RoleAssignment } from '../constructs/access/role-assignment';
import { RequiredTags } from '../aspects/required-tags';
import { AzurermPrivateEndpoint, AzurermProvider, AzurermStorageAccount, ManagementLock, ResourceGroup, StorageContainer } from '../providers/azurerm';
import { Aspects, LocalBackend, TerraformOutput } from '../providers/cdktf';
import { BaseStack } from './base-stack';
import { requiredTags } from './landing-zone-stack';

export interface StateStorageStackProps {
  /** The environment whose `backend` (azurerm) names the account; it deploys into the backend's subscription. */
  readonly config: LandingZoneConfig & { readonly backend: AzurermBackendConfig };
  /** The only principal that may read and write state blobs (Storage Blob Data Contributor on the container). */
  readonly deployer: IPrincipal;
  /**
   * Subnet resource ID for a blob private endpoint; public network access is then off.
   * @default - public endpoint, Entra ID authentication only
   */
  readonly privateEndpointSubnetId?: string;
  /**
   * Private DNS zone ID of privatelink.blob.core.windows.net for the endpoint's DNS zone group.
   * @default - no zone group (register the record yourself)
   */
  readonly privateDnsZoneId?: string;
  /**
   * Days deleted blobs, previous versions and containers stay recoverable.
   * @default 30
   */
  readonly retentionDays?: number;
}

/** `dev-state`: the state storage stack of an environment. */
export function stateStorageStackName(environment: string): string {
  return `${environment}-state`;
}

/**
 * The Terraform state storage of an environment (`<env>-state`), created once by `npm run bootstrap` before anything
 * else: a storage account that accepts Entra ID only (shared keys off, OAuth by default, TLS 1.2, no public blobs),
 * keeps every state version (blob versioning, soft delete of blobs and containers), cannot be deleted by accident
 * (CanNotDelete lock), and whose container only the deployment identity may use. Its own state stays local
 * (`.deploy/bootstrap/`): it holds no secret that works, because the account accepts no keys.
 */
export class StateStorageStack extends BaseStack {
  public readonly storageAccount: AzurermStorageAccount;
  public readonly container: StorageContainer;

  /** @param id the stack name; `npm run bootstrap` uses `stateStorageStackName(environment)` (`dev-state`). */
  constructor(scope: Construct, id: string, props: StateStorageStackProps) {
    const { config } = props;
    super(scope, id);
    const backend = config.backend;
    const subscriptionId = backend.subscriptionId ?? config.subscriptionId;
    const retentionDays = props.retentionDays ?? 30;
    new AzurermProvider(this, 'azurerm', {
      subscriptionId,
      tenantId: config.tenantId,
      // Container and blob calls go through Entra ID, never account keys (the account has none enabled).
      storageUseAzuread: true,
      features: [{ resourceGroup: [{ preventDeletionIfContainsResources: true }] }],
    });
    new LocalBackend(this, { path: 'terraform.tfstate' });
    Aspects.of(this).add(new RequiredTags(requiredTags(config)));

    const resourceGroup = new ResourceGroup(this, 'ResourceGroup', { name: backend.resourceGroupName, location: config.location });
    this.storageAccount = new AzurermStorageAccount(this, 'StateStorage', {
      name: backend.storageAccountName,
      resourceGroupName: resourceGroup.name,
      location: resourceGroup.location,
      accountKind: 'StorageV2',
      accountTier: 'Standard',
      // Zone-redundant where the region has zones: state must survive a zone outage.
      accountReplicationType: availabilityZonesOf(config.location).length > 0 ? 'ZRS' : 'LRS',
      minTlsVersion: 'TLS1_2',
      httpsTrafficOnlyEnabled: true,
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
      allowNestedItemsToBePublic: false,
      crossTenantReplicationEnabled: false,
      infrastructureEncryptionEnabled: true,
      localUserEnabled: false,
      sftpEnabled: false,
      publicNetworkAccessEnabled: props.privateEndpointSubnetId === undefined,
      blobProperties: {
        versioningEnabled: true,
        changeFeedEnabled: true,
        deleteRetentionPolicy: { days: retentionDays },
        containerDeleteRetentionPolicy: { days: retentionDays },
      },
    });
    this.container = new StorageContainer(this, 'StateContainer', {
      name: backend.containerName,
      // By account ID (not name): created through Azure Resource Manager, so no data-plane access is needed.
      storageAccountId: this.storageAccount.id,
      containerAccessType: 'private',
    });
    new ManagementLock(this, 'DeleteLock', {
      name: `lock-${backend.storageAccountName}`,
      scope: this.storageAccount.id,
      lockLevel: 'CanNotDelete',
      notes: 'Terraform state of the landing zone: remove this lock only to retire the environment',
    });
    new RoleAssignment(this, 'DeployerStateAccess', {
      scope: { scopeId: this.container.resourceManagerId, scopeLevel: 'resource' },
      role: 'Storage Blob Data Contributor',
      principal: props.deployer,
      description: 'The landing zone deployment identity reads and writes Terraform state (Entra ID auth)',
    });
    if (props.privateEndpointSubnetId) {
      new AzurermPrivateEndpoint(this, 'StatePrivateEndpoint', {
        name: `pe-${backend.storageAccountName}-blob`,
        resourceGroupName: resourceGroup.name,
        location: resourceGroup.location,
        subnetId: props.privateEndpointSubnetId,
        privateServiceConnection: {
          name: `psc-${backend.storageAccountName}-blob`,
          privateConnectionResourceId: this.storageAccount.id,
          subresourceNames: ['blob'],
          isManualConnection: false,
        },
        privateDnsZoneGroup: props.privateDnsZoneId ? { name: 'default', privateDnsZoneIds: [props.privateDnsZoneId] } : undefined,
      });
    }
    new TerraformOutput(this, 'storage_account_id', { value: this.storageAccount.id });
  }
}
