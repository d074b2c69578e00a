import { FlowLogDestination, VirtualNetworkFlowLog, VirtualNetworkFlowLogProps } from '../../constructs/monitoring/virtual-network-flow-log';
import { onlyResource, referenceTo, rendered, synthWith, TEST_SUBSCRIPTION_ID, TEST_WORKSPACE_ID } from '../helpers';

const VNET_NAME = 'vnet-shop-test-weu';
const VNET_ID = `/subscriptions/${TEST_SUBSCRIPTION_ID}/resourceGroups/rg-shop/providers/Microsoft.Network/virtualNetworks/${VNET_NAME}`;
const STORAGE_ID = `/subscriptions/${TEST_SUBSCRIPTION_ID}/resourceGroups/rg-mgmt/providers/Microsoft.Storage/storageAccounts/stfltestweu0001`;
const WORKSPACE_GUID = '55555555-5555-5555-5555-555555555555';
const DESTINATION: FlowLogDestination = {
  storageAccountId: STORAGE_ID,
  logAnalyticsWorkspaceId: TEST_WORKSPACE_ID,
  workspaceGuid: WORKSPACE_GUID,
  workspaceLocation: 'northeurope',
  networkWatcherName: 'NetworkWatcher_westeurope',
  networkWatcherResourceGroupName: 'NetworkWatcherRG',
};
const PROPS: VirtualNetworkFlowLogProps = { virtualNetworkId: VNET_ID, virtualNetworkName: VNET_NAME, location: 'westeurope', destination: DESTINATION };
const withFlowLog = synthWith((scope, props: VirtualNetworkFlowLogProps) => new VirtualNetworkFlowLog(scope, 'FlowLog', props), PROPS);
const flowLogOf = (destination: Partial<FlowLogDestination> = {}, props: Partial<VirtualNetworkFlowLogProps> = {}) =>
  onlyResource(withFlowLog(undefined, { ...props, destination: { ...DESTINATION, ...destination } }), 'azurerm_network_watcher_flow_log');

describe('VirtualNetworkFlowLog', () => {
  test('logs the VNet (version 2) to storage for 90 days in the Network Watcher RG, with Traffic Analytics every 10 minutes', () => {
    expect(flowLogOf()).toEqual({
      name: `fl-${VNET_NAME}`,
      network_watcher_name: 'NetworkWatcher_westeurope',
      resource_group_name: 'NetworkWatcherRG',
      location: 'westeurope',
      target_resource_id: VNET_ID,
      storage_account_id: STORAGE_ID,
      enabled: true,
      version: 2,
      retention_policy: { enabled: true, days: 90 },
      traffic_analytics: {
        enabled: true,
        workspace_id: WORKSPACE_GUID,
        workspace_region: 'northeurope',
        workspace_resource_id: TEST_WORKSPACE_ID,
        interval_in_minutes: 10,
      },
    });
  });

  test('passes an explicit retention, a 60-minute Traffic Analytics interval and tags through', () => {
    expect(flowLogOf({ retentionInDays: 365, trafficAnalyticsIntervalInMinutes: 60 }, { tags: { workload: 'shop' } })).toMatchObject({
      retention_policy: { enabled: true, days: 365 },
      traffic_analytics: { enabled: true, interval_in_minutes: 60 },
      tags: { workload: 'shop' },
    });
  });

  test('exposes the flow log ID', () => {
    const { synth, values } = rendered((scope) => ({ id: new VirtualNetworkFlowLog(scope, 'FlowLog', PROPS).flowLogId }));
    expect(values.id).toBe(referenceTo(synth, 'azurerm_network_watcher_flow_log', `fl-${VNET_NAME}`));
  });

  test.each([89, 366, 90.5, 0])('fails on a retention of %d days', (days) => {
    expect(() => flowLogOf({ retentionInDays: days })).toThrow(
      `VirtualNetworkFlowLog '${VNET_NAME}': destination.retentionInDays is ${days}; use a whole number of days from 90 to 365 (investigations need at least 90)`,
    );
  });
});
