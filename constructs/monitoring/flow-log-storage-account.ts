import { Construct } from 'constructs';
import { AzurermStorageAccount } from '../../providers/azurerm';
import { STORAGE_ACCOUNT_BASELINE } from '../data/storage-account';
import { identityBlock, ManagedIdentities, managedIdentityProblems } from '../../lib/managed-identities';
import { problemText } from '../../lib/property-problems';
import { storageAccountNameProblem } from '../../lib/storage-rules';
import { PolicySuppressions } from '../../lib/suppressions';
import { DiagnosticsInput, IResourceGroupRef, ResourceLock, Tags } from '../interfaces';
import { sendDiagnostics } from '../diagnostic-settings';
import { IPrincipal } from '../access/role-assignment';
import { systemAssignedPrincipal } from '../managed-identities';
import { defineResourceLock } from '../resource-lock';

export interface FlowLogStorageAccountProps extends DiagnosticsInput {
  readonly resourceGroup: IResourceGroupRef;
  /** Globally unique, 3-24 lower-case letters and digits. */
  readonly name: string;
  /**
   * Days deleted blobs stay recoverable.
   * @default 30
   */
  readonly blobDeleteRetentionDays?: number;
  /**
   * @default - the resource group's location (flow logs need the VNets' region)
   */
  readonly location?: string;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
  /**
   * A management lock on the flow-log account.
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
 * The storage account VNet flow logs are written to. Network access is denied to everything except trusted
 * Microsoft services (Network Watcher writes as one); TLS 1.2, HTTPS only, no public blobs, no local users,
 * infrastructure encryption. Shared keys stay enabled because Network Watcher writes flow logs with the account key
 * (Microsoft's flow log documentation: rotating the keys stops flow logs until they are re-enabled).
 *
 * @resource azurerm_storage_account
 */
export class FlowLogStorageAccount extends Construct {
  public readonly storageAccountId: string;
  public readonly resource: AzurermStorageAccount;
  /** The system-assigned identity, to grant roles to (AVM `system_assigned_mi_principal_id`); set when `managedIdentities.systemAssigned`. */
  public readonly systemAssignedIdentity?: IPrincipal;

  constructor(scope: Construct, id: string, props: FlowLogStorageAccountProps) {
    super(scope, id);
    const retention = props.blobDeleteRetentionDays ?? 30;
    if (!Number.isInteger(retention) || retention < 1 || retention > 365) {
      throw new Error(`FlowLogStorageAccount: blobDeleteRetentionDays ${retention} is outside 1-365`);
    }
    const name = storageAccountNameProblem(props.name);
    if (name) throw new Error(`FlowLogStorageAccount: name ${problemText(name)}`);
    const identityProblems = managedIdentityProblems(props.managedIdentities, 'systemAndUserAssigned');
    if (identityProblems.length > 0) throw new Error(`FlowLogStorageAccount: ${identityProblems.map((p) => `${p.path} ${problemText(p)}`).join('; ')}`);
    this.resource = new AzurermStorageAccount(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      ...STORAGE_ACCOUNT_BASELINE,
      accountReplicationType: 'ZRS',
      sharedAccessKeyEnabled: true,
      // "Enabled from selected networks" with no networks: only trusted Microsoft services (Network Watcher) get in.
      publicNetworkAccessEnabled: true,
      networkRules: { defaultAction: 'Deny', bypass: ['AzureServices'] },
      blobProperties: { deleteRetentionPolicy: { days: retention } },
      identity: identityBlock(props.managedIdentities),
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.systemAssignedIdentity = systemAssignedPrincipal(props.managedIdentities, this.resource.identity);
    this.storageAccountId = this.resource.id;
    PolicySuppressions.of(this.resource)
      .add({ ruleId: 'ZT-DATA-010', reason: 'Network Watcher writes flow logs as a trusted Microsoft service through the public endpoint; network rules deny everyone else' })
      .add({ ruleId: 'ZT-DATA-011', reason: 'Network Watcher writes flow logs with the account key (Microsoft flow log documentation)' })
      .add({ ruleId: 'ZT-DATA-016', reason: 'Only Network Watcher writes here; analysts read Traffic Analytics in the workspace, so no private endpoint is needed' });
    defineResourceLock(this, this.resource.id, props.name, props.lock);
    sendDiagnostics(this, props.diagnostics);
  }
}
