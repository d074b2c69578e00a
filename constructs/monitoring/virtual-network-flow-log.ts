import { Construct } from 'constructs';
import { flowLogRetentionProblem } from '../../lib/monitoring-rules';
import { throwIfProblems } from '../../lib/property-problems';
import { NetworkWatcherFlowLog } from '../../providers/azurerm';
import { Tags } from '../interfaces';

/** Where flow logs go: storage for the raw records, the workspace for Traffic Analytics. */
export interface FlowLogDestination {
  readonly storageAccountId: string;
  /** Workspace resource ID. */
  readonly logAnalyticsWorkspaceId: string;
  /** Workspace GUID (customer ID). */
  readonly workspaceGuid: string;
  readonly workspaceLocation: string;
  /** Network Watcher of the VNet's region and its resource group (Azure creates `NetworkWatcher_<region>` in `NetworkWatcherRG`). */
  readonly networkWatcherName: string;
  readonly networkWatcherResourceGroupName: string;
  /**
   * @default 90
   */
  readonly retentionInDays?: number;
  /**
   * @default 10
   */
  readonly trafficAnalyticsIntervalInMinutes?: 10 | 60;
}

export interface VirtualNetworkFlowLogProps {
  readonly virtualNetworkId: string;
  /** VNet name, used for the flow log's name (`fl-<vnet>`). */
  readonly virtualNetworkName: string;
  readonly location: string;
  readonly destination: FlowLogDestination;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
}

/**
 * A VNet flow log (not the retired NSG flow logs) with Traffic Analytics into the central workspace. It lives in the
 * region's Network Watcher resource group, as Azure requires.
 *
 * @resource azurerm_network_watcher_flow_log
 */
export class VirtualNetworkFlowLog extends Construct {
  public readonly flowLogId: string;

  constructor(scope: Construct, id: string, props: VirtualNetworkFlowLogProps) {
    super(scope, id);
    const { destination } = props;
    const retention = destination.retentionInDays ?? 90;
    const problem = flowLogRetentionProblem(retention);
    throwIfProblems('VirtualNetworkFlowLog', props.virtualNetworkName, problem ? [{ ...problem, path: `destination.${problem.path}` }] : []);
    const flowLog = new NetworkWatcherFlowLog(this, 'Resource', {
      name: `fl-${props.virtualNetworkName}`,
      networkWatcherName: destination.networkWatcherName,
      resourceGroupName: destination.networkWatcherResourceGroupName,
      location: props.location,
      targetResourceId: props.virtualNetworkId,
      storageAccountId: destination.storageAccountId,
      enabled: true,
      version: 2,
      retentionPolicy: { enabled: true, days: retention },
      trafficAnalytics: {
        enabled: true,
        workspaceId: destination.workspaceGuid,
        workspaceRegion: destination.workspaceLocation,
        workspaceResourceId: destination.logAnalyticsWorkspaceId,
        intervalInMinutes: destination.trafficAnalyticsIntervalInMinutes ?? 10,
      },
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.flowLogId = flowLog.id;
  }
}
