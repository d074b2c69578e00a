import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { DiagnosticSettings } from '../../aspects/diagnostic-settings';
import { markDiagnosticsConfigured } from '../../lib/diagnostics';
import { KeyVault } from '../../constructs/data/key-vault';
import { FlowLogStorageAccount } from '../../constructs/monitoring/flow-log-storage-account';
import { NetworkSecurityGroup } from '../../constructs/network/network-security-group';
import { RouteTable } from '../../constructs/network/route-table';
import { AzurermFirewall, NetworkDdosProtectionPlan } from '../../providers/azurerm';
import { Aspects } from '../../providers/cdktf';
import { parse, referenceTo, resourcesOfType, SynthesizedStack, TEST_RESOURCE_GROUP, TEST_TENANT_ID, TEST_WORKSPACE_ID } from '../helpers';

const SETTING = 'azurerm_monitor_diagnostic_setting';
const stfltest = 'stfltest';
/** The workload team's own workspace, which a construct's `diagnostics` prop (or `sendDiagnosticsTo`) chooses. */
const TEAM_WORKSPACE_ID = TEST_WORKSPACE_ID.replace(/[^/]+$/, 'log-team');
const GROUP = { resourceGroupName: TEST_RESOURCE_GROUP.name, location: TEST_RESOURCE_GROUP.location };

/** A stack with a firewall, an NSG, a storage account, a route table and two key vaults (one with its own setting), under the aspect. */
function synthStack(extra: (scope: Construct) => void = () => undefined): SynthesizedStack {
  return parse(
    Testing.synthScope((scope) => {
      Aspects.of(scope).add(new DiagnosticSettings({ logAnalyticsWorkspaceId: TEST_WORKSPACE_ID }));
      new AzurermFirewall(scope, 'Firewall', { ...GROUP, name: 'afw-hub-test-weu', skuName: 'AZFW_VNet', skuTier: 'Premium' });
      new NetworkSecurityGroup(scope, 'Nsg', { resourceGroup: TEST_RESOURCE_GROUP, name: 'nsg-test' });
      new FlowLogStorageAccount(scope, 'Storage', { resourceGroup: TEST_RESOURCE_GROUP, name: stfltest });
      new RouteTable(scope, 'Routes', { resourceGroup: TEST_RESOURCE_GROUP, name: 'rt-test' });
      new KeyVault(scope, 'OwnVault', { resourceGroup: TEST_RESOURCE_GROUP, name: 'kv-own-test', tenantId: TEST_TENANT_ID }).sendDiagnosticsTo({ logAnalyticsWorkspaceId: TEAM_WORKSPACE_ID });
      new KeyVault(scope, 'Vault', { resourceGroup: TEST_RESOURCE_GROUP, name: 'kv-test', tenantId: TEST_TENANT_ID });
      extra(scope);
    }),
  );
}
/** Diagnostic settings by their target (a Terraform reference, or a reference plus a suffix). */
function settingsByTarget(synth: SynthesizedStack): Record<string, Record<string, unknown>[]> {
  const byTarget: Record<string, Record<string, unknown>[]> = {};
  for (const setting of resourcesOfType(synth, SETTING)) (byTarget[setting.target_resource_id as string] ??= []).push(setting);
  return byTarget;
}

/** The setting the aspect writes for a target: named diag-law, to the test workspace, with the given logs and metrics. */
const setting = (targetResourceId: string, fields: Record<string, unknown>, name = 'diag-law') => ({
  name,
  target_resource_id: targetResourceId,
  log_analytics_workspace_id: TEST_WORKSPACE_ID,
  ...fields,
});
const ALL_LOGS = { enabled_log: [{ category_group: 'allLogs' }] };

describe('DiagnosticSettings aspect', () => {
  const synth = synthStack();
  const byTarget = settingsByTarget(synth);
  const target = (type: string, name: string, suffix = '') => `${referenceTo(synth, type, name)}${suffix}`;

  test('the firewall sends all logs to resource-specific tables, and all metrics', () => {
    const firewall = target('azurerm_firewall', 'afw-hub-test-weu');
    expect(byTarget[firewall]).toEqual([setting(firewall, { log_analytics_destination_type: 'Dedicated', ...ALL_LOGS, enabled_metric: [{ category: 'AllMetrics' }] })]);
  });

  test('the NSG sends logs only (it has no metrics), to AzureDiagnostics', () => {
    const nsg = target('azurerm_network_security_group', 'nsg-test');
    expect(byTarget[nsg]).toEqual([setting(nsg, ALL_LOGS)]);
  });

  test('the storage account gets two settings: Transaction metrics on the account, logs and metrics on its blob service', () => {
    const account = target('azurerm_storage_account', stfltest);
    const transactions = { enabled_metric: [{ category: 'Transaction' }] };
    expect(byTarget[account]).toEqual([setting(account, transactions)]);
    expect(byTarget[`${account}/blobServices/default`]).toEqual([setting(`${account}/blobServices/default`, { ...ALL_LOGS, ...transactions }, 'diag-law-blobServices-default')]);
  });

  test('a key vault without its own setting gets one; one with sendDiagnosticsTo keeps only its own', () => {
    const vault = target('azurerm_key_vault', 'kv-test');
    expect(byTarget[vault]).toEqual([setting(vault, { ...ALL_LOGS, enabled_metric: [{ category: 'AllMetrics' }] })]);
    const own = target('azurerm_key_vault', 'kv-own-test');
    expect(byTarget[own]).toEqual([{ ...setting(own, { ...ALL_LOGS, enabled_metric: [{ category: 'AllMetrics' }] }), log_analytics_workspace_id: TEAM_WORKSPACE_ID }]);
  });

  test('the route table (not diagnosable) gets none, and nothing else gets one', () => {
    expect(byTarget[target('azurerm_route_table', 'rt-test')]).toBeUndefined();
    expect(Object.keys(byTarget).sort()).toEqual(
      [
        target('azurerm_firewall', 'afw-hub-test-weu'),
        target('azurerm_network_security_group', 'nsg-test'),
        target('azurerm_storage_account', stfltest),
        target('azurerm_storage_account', stfltest, '/blobServices/default'),
        target('azurerm_key_vault', 'kv-test'),
        target('azurerm_key_vault', 'kv-own-test'),
      ].sort(),
    );
  });

  test('a resource marked with markDiagnosticsConfigured gets no setting', () => {
    const marked = settingsByTarget(
      synthStack((scope) => markDiagnosticsConfigured(new AzurermFirewall(scope, 'MarkedFirewall', { ...GROUP, name: 'afw-marked', skuName: 'AZFW_VNet', skuTier: 'Premium' }))),
    );
    expect(Object.keys(marked)).toHaveLength(6);
    expect(Object.keys(marked).some((t) => t.includes('MarkedFirewall'))).toBe(false);
  });

  test('a type listed as diagnosable without targets (DDoS protection plan) gets none', () => {
    const synth = synthStack((scope) => new NetworkDdosProtectionPlan(scope, 'Ddos', { ...GROUP, name: 'ddos-test' }));
    expect(resourcesOfType(synth, SETTING)).toHaveLength(6);
    expect(resourcesOfType(synth, SETTING).some((s) => String(s.target_resource_id).includes('ddos'))).toBe(false);
  });
});
