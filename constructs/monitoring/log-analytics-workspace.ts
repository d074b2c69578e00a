import { Construct, IConstruct } from 'constructs';
import { identityBlock, ManagedIdentities, managedIdentityProblems } from '../../lib/managed-identities';
import { logAnalyticsWorkspaceProblems } from '../../lib/monitoring-rules';
import { throwIfProblems } from '../../lib/property-problems';
import { parseResourceId } from '../../lib/resource-id';
import { AzurermLogAnalyticsWorkspace } from '../../providers/azurerm';
import { Token } from '../../providers/cdktf';
import { DiagnosticsInput, IDiagnosticsDestination, IResourceGroupRef, ResourceLock, Tags } from '../interfaces';
import { sendDiagnostics } from '../diagnostic-settings';
import { IPrincipal } from '../access/role-assignment';
import { systemAssignedPrincipal } from '../managed-identities';
import { defineResourceLock } from '../resource-lock';

/**
 * A Log Analytics workspace, owned (`LogAnalyticsWorkspace`) or imported (`LogAnalyticsWorkspace.fromWorkspaceId`):
 * a diagnostics destination for every construct's `diagnostics` prop (and `KeyVault.sendDiagnosticsTo`).
 */
export interface IWorkspace extends IDiagnosticsDestination, IConstruct {
  /** Resource ID. */
  readonly logAnalyticsWorkspaceId: string;
  readonly workspaceName: string;
  /**
   * The workspace's own GUID (customer ID), which Traffic Analytics needs.
   * @default - unknown for an import without `workspaceGuid`
   */
  readonly workspaceGuid?: string;
}

/** What `LogAnalyticsWorkspace.fromWorkspaceId` may know besides the ID. */
export interface WorkspaceImportOptions {
  /**
   * The workspace GUID (customer ID, "Workspace ID" in the portal); not part of the resource ID.
   * @default - none: the import serves diagnostics, not Traffic Analytics
   */
  readonly workspaceGuid?: string;
}

export interface LogAnalyticsWorkspaceProps extends DiagnosticsInput {
  readonly resourceGroup: IResourceGroupRef;
  /** Workspace name, e.g. `log-mgmt-prod-weu` (4-63 letters, digits and hyphens). */
  readonly name: string;
  /**
   * Interactive retention in days (30-730).
   * @default 90
   */
  readonly retentionInDays?: number;
  /**
   * Daily ingestion cap in GB.
   * @default - no cap (a cap silently drops security data)
   */
  readonly dailyQuotaGb?: number;
  /**
   * Ingestion over public endpoints (agents through the firewall). Turn off only with an Azure Monitor Private Link
   * Scope in place.
   * @default true
   */
  readonly publicIngestionEnabled?: boolean;
  /**
   * Queries from outside the private network (the portal, Sentinel).
   * @default true
   */
  readonly publicQueryEnabled?: boolean;
  /**
   * @default - the resource group's location
   */
  readonly location?: string;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
  /**
   * A management lock on the workspace (environments also lock it through `locks.enabled`).
   * @default - no lock
   */
  readonly lock?: ResourceLock;
  /**
   * The identity the workspace runs as (AVM `managedIdentities`), e.g. for data export or a customer-managed key:
   * system-assigned or user-assigned, not both (Azure takes one kind per workspace).
   * @default - none
   */
  readonly managedIdentities?: ManagedIdentities;
}

/**
 * The environment's central Log Analytics workspace. Local (shared-key) authentication is off: agents and
 * diagnostic settings use Entra ID. Access is governed by resource-level RBAC.
 *
 * @resource azurerm_log_analytics_workspace
 */
export class LogAnalyticsWorkspace extends Construct implements IWorkspace {
  /**
   * The tenant's existing workspace (e.g. a central SOC workspace), from its resource ID (no provider call). Throws
   * when the ID is not a `Microsoft.OperationalInsights/workspaces` ID.
   */
  public static fromWorkspaceId(scope: Construct, id: string, workspaceId: string, options: WorkspaceImportOptions = {}): IWorkspace {
    const parsed = parseResourceId(workspaceId, 'Microsoft.OperationalInsights/workspaces', `LogAnalyticsWorkspace.fromWorkspaceId('${id}')`);
    if (options.workspaceGuid !== undefined && !Token.isUnresolved(options.workspaceGuid) && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(options.workspaceGuid)) {
      throw new Error(`LogAnalyticsWorkspace.fromWorkspaceId('${id}'): workspaceGuid '${options.workspaceGuid}' is not a GUID; copy the workspace's "Workspace ID" from the portal`);
    }
    return new ImportedWorkspace(scope, id, workspaceId, parsed.name, options.workspaceGuid);
  }

  /** Resource ID. */
  public readonly logAnalyticsWorkspaceId: string;
  public readonly workspaceName: string;
  /** The workspace's own GUID (customer ID), used by Traffic Analytics. */
  public readonly workspaceGuid: string;
  public readonly location: string;
  public readonly resource: AzurermLogAnalyticsWorkspace;
  /** The system-assigned identity, to grant roles to (AVM `system_assigned_mi_principal_id`); set when `managedIdentities.systemAssigned`. */
  public readonly systemAssignedIdentity?: IPrincipal;

  constructor(scope: Construct, id: string, props: LogAnalyticsWorkspaceProps) {
    super(scope, id);
    const retention = props.retentionInDays ?? 90;
    throwIfProblems('LogAnalyticsWorkspace', props.name, [...logAnalyticsWorkspaceProblems(props), ...managedIdentityProblems(props.managedIdentities, 'systemOrUserAssigned')]);

    this.location = props.location ?? props.resourceGroup.location;
    this.resource = new AzurermLogAnalyticsWorkspace(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: this.location,
      sku: 'PerGB2018',
      retentionInDays: retention,
      dailyQuotaGb: props.dailyQuotaGb,
      localAuthenticationEnabled: false,
      internetIngestionEnabled: props.publicIngestionEnabled ?? true,
      internetQueryEnabled: props.publicQueryEnabled ?? true,
      identity: identityBlock(props.managedIdentities),
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.systemAssignedIdentity = systemAssignedPrincipal(props.managedIdentities, this.resource.identity);
    this.logAnalyticsWorkspaceId = this.resource.id;
    this.workspaceName = props.name;
    this.workspaceGuid = this.resource.workspaceId;
    defineResourceLock(this, this.resource.id, props.name, props.lock);
    sendDiagnostics(this, props.diagnostics);
  }
}

class ImportedWorkspace extends Construct implements IWorkspace {
  constructor(
    scope: Construct,
    id: string,
    public readonly logAnalyticsWorkspaceId: string,
    public readonly workspaceName: string,
    public readonly workspaceGuid?: string,
  ) {
    super(scope, id);
  }
}
