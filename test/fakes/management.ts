/**
 * A stand-in for the management stack's `ManagementReference`, for tests that build a network stack on its own:
 * literal resource IDs instead of cross-stack references, the same shape production passes.
 */
import type { ManagementReference } from '../../stacks/management-stack';
import { TEST_SUBSCRIPTION_ID, TEST_WORKSPACE_ID } from '../helpers';

export function fakeManagement(overrides: Partial<ManagementReference> = {}): ManagementReference {
  return {
    logAnalyticsWorkspaceId: TEST_WORKSPACE_ID,
    flowLogs: {
      storageAccountId: `/subscriptions/${TEST_SUBSCRIPTION_ID}/resourceGroups/rg-mgmt/providers/Microsoft.Storage/storageAccounts/stfltest`,
      logAnalyticsWorkspaceId: TEST_WORKSPACE_ID,
      workspaceGuid: '22222222-2222-2222-2222-222222222222',
      workspaceLocation: 'westeurope',
      networkWatcherName: 'NetworkWatcher_westeurope',
      networkWatcherResourceGroupName: 'NetworkWatcherRG',
      retentionInDays: 90,
      trafficAnalyticsIntervalInMinutes: 10,
    },
    ...overrides,
  };
}
