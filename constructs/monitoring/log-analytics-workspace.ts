import { Construct } from 'constructs';
import { logAnalyticsWorkspaceProblems } from '../../lib/monitoring-rules';
import { throwIfProblems } from '../../lib/property-problems';
import { AzurermLogAnalyticsWorkspace } from '../../providers/azurerm';
import { IDiagnosticsDestination, IResourceGroupRef, Tags } from '../interfaces';

export interface LogAnalyticsWorkspaceProps {
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
}

/**
 * The environment's central Log Analytics workspace. Local (shared-key) authentication is off: agents and
 * diagnostic settings use Entra ID. Access is governed by resource-level RBAC.
 *
 * @resource azurerm_log_analytics_workspace
 */
export class LogAnalyticsWorkspace extends Construct implements IDiagnosticsDestination {
  /** Resource ID. */
  public readonly logAnalyticsWorkspaceId: string;
  /** The workspace's own GUID (customer ID), used by Traffic Analytics. */
  public readonly workspaceGuid: string;
  public readonly location: string;
  public readonly resource: AzurermLogAnalyticsWorkspace;

  constructor(scope: Construct, id: string, props: LogAnalyticsWorkspaceProps) {
    super(scope, id);
    const retention = props.retentionInDays ?? 90;
    throwIfProblems('LogAnalyticsWorkspace', props.name, logAnalyticsWorkspaceProblems(props));

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
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.logAnalyticsWorkspaceId = this.resource.id;
    this.workspaceGuid = this.resource.workspaceId;
  }
}
