import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { DiagnosticSettings } from '../../aspects/diagnostic-settings';
import { KeyVault } from '../../constructs/data/key-vault';
import { SqlServer } from '../../constructs/data/sql-server';
import { StorageAccount } from '../../constructs/data/storage-account';
import { defineDiagnosticSettings } from '../../constructs/diagnostic-settings';
import { AzureFirewall } from '../../constructs/network/azure-firewall';
import { FirewallPolicy } from '../../constructs/network/firewall-policy';
import { Aspects } from '../../providers/cdktf';
import { parse, referenceTo, resourcesOfType, SynthesizedStack, TEST_RESOURCE_GROUP, TEST_TENANT_ID, TEST_WORKSPACE_ID } from '../helpers';

const SETTING = 'azurerm_monitor_diagnostic_setting';
/** The workload team's own workspace: the construct-level destination, distinct from the stack's. */
const TEAM = { logAnalyticsWorkspaceId: TEST_WORKSPACE_ID.replace(/[^/]+$/, 'log-team') };
const ADMINS = { loginName: 'SQL-Admins-Shop', objectId: '44444444-4444-4444-4444-444444444444' };

/** Synthesizes `build`, under the stack's `DiagnosticSettings` aspect (to TEST_WORKSPACE_ID) unless `aspect` is false. */
function synth(build: (scope: Construct) => void, aspect = true): SynthesizedStack {
  return parse(
    Testing.synthScope((scope) => {
      if (aspect) Aspects.of(scope).add(new DiagnosticSettings({ logAnalyticsWorkspaceId: TEST_WORKSPACE_ID }));
      build(scope);
    }),
  );
}

/** The workspace of each diagnostic setting, by its target. */
function workspacesByTarget(stack: SynthesizedStack): Record<string, string[]> {
  const byTarget: Record<string, string[]> = {};
  for (const setting of resourcesOfType(stack, SETTING)) (byTarget[setting.target_resource_id as string] ??= []).push(setting.log_analytics_workspace_id as string);
  return byTarget;
}

describe('diagnostics input of resource constructs', () => {
  test('a storage account with a destination sends the account and its blob service there, and the stack adds none', () => {
    // GIVEN a stack whose aspect sends to the platform workspace, WHEN the account chooses the team's
    const stack = synth((scope) => {
      new StorageAccount(scope, 'Team', { resourceGroup: TEST_RESOURCE_GROUP, name: 'stteam', diagnostics: TEAM });
      new StorageAccount(scope, 'Platform', { resourceGroup: TEST_RESOURCE_GROUP, name: 'stplatform' });
    });
    // THEN each target has exactly one setting: the team account's to the team, the other to the stack's workspace
    const team = referenceTo(stack, 'azurerm_storage_account', 'stteam');
    const platform = referenceTo(stack, 'azurerm_storage_account', 'stplatform');
    expect(workspacesByTarget(stack)).toEqual({
      [team]: [TEAM.logAnalyticsWorkspaceId],
      [`${team}/blobServices/default`]: [TEAM.logAnalyticsWorkspaceId],
      [platform]: [TEST_WORKSPACE_ID],
      [`${platform}/blobServices/default`]: [TEST_WORKSPACE_ID],
    });
  });

  test('the construct-level setting has the same name and categories as the stack one (written once)', () => {
    const own = synth((scope) => new KeyVault(scope, 'Vault', { resourceGroup: TEST_RESOURCE_GROUP, name: 'kv-shop-test', tenantId: TEST_TENANT_ID, diagnostics: TEAM }));
    const stacked = synth((scope) => new KeyVault(scope, 'Vault', { resourceGroup: TEST_RESOURCE_GROUP, name: 'kv-shop-test', tenantId: TEST_TENANT_ID }));
    const [ownSetting] = resourcesOfType(own, SETTING);
    const [stackSetting] = resourcesOfType(stacked, SETTING);
    expect(resourcesOfType(own, SETTING)).toHaveLength(1);
    expect(ownSetting).toEqual({ ...stackSetting, log_analytics_workspace_id: TEAM.logAnalyticsWorkspaceId });
  });

  test('every diagnosable resource of a construct goes to its destination: the firewall and its public IPs', () => {
    const stack = synth((scope) => {
      const policy = new FirewallPolicy(scope, 'Policy', { resourceGroup: TEST_RESOURCE_GROUP, name: 'afwp-test' });
      new AzureFirewall(scope, 'Firewall', { resourceGroup: TEST_RESOURCE_GROUP, name: 'afw-test', policy, subnetId: '${azurerm_subnet.fw.id}', diagnostics: TEAM });
    });
    const byTarget = workspacesByTarget(stack);
    const publicIps = resourcesOfType(stack, 'azurerm_public_ip').map((ip) => referenceTo(stack, 'azurerm_public_ip', ip.name as string));
    expect(publicIps.length).toBeGreaterThan(0);
    for (const target of [referenceTo(stack, 'azurerm_firewall', 'afw-test'), ...publicIps]) expect(byTarget[target]).toEqual([TEAM.logAnalyticsWorkspaceId]);
    expect(Object.values(byTarget).flat()).not.toContain(TEST_WORKSPACE_ID);
  });

  test('a database added after the server was built follows the server destination, with or without the stack aspect', () => {
    for (const aspect of [true, false]) {
      const stack = synth((scope) => {
        const server = new SqlServer(scope, 'Sql', { resourceGroup: TEST_RESOURCE_GROUP, name: 'sql-shop-test', entraAdministrator: ADMINS, tenantId: TEST_TENANT_ID, diagnostics: TEAM });
        server.addDatabase('Orders', { name: 'orders' });
      }, aspect);
      expect(workspacesByTarget(stack)).toEqual({
        [`${referenceTo(stack, 'azurerm_mssql_server', 'sql-shop-test')}/databases/master`]: [TEAM.logAnalyticsWorkspaceId],
        [referenceTo(stack, 'azurerm_mssql_database', 'orders')]: [TEAM.logAnalyticsWorkspaceId],
      });
    }
  });

  test('without a destination nothing changes: no setting without the aspect, the stack one with it', () => {
    const build = (scope: Construct) => new StorageAccount(scope, 'Account', { resourceGroup: TEST_RESOURCE_GROUP, name: 'stshop' });
    expect(resourcesOfType(synth(build, false), SETTING)).toEqual([]);
    expect(Object.values(workspacesByTarget(synth(build))).flat()).toEqual([TEST_WORKSPACE_ID, TEST_WORKSPACE_ID]);
  });

  test('fails on a second destination for the same resource (Azure rejects duplicates; a second workspace doubles the bill)', () => {
    expect(() =>
      synth((scope) => {
        const vault = new KeyVault(scope, 'Vault', { resourceGroup: TEST_RESOURCE_GROUP, name: 'kv-shop-test', tenantId: TEST_TENANT_ID, diagnostics: TEAM });
        vault.sendDiagnosticsTo({ logAnalyticsWorkspaceId: TEST_WORKSPACE_ID });
      }),
    ).toThrow("KeyVault 'kv-shop-test' already sends diagnostics to a workspace");
    expect(() =>
      synth((scope) => {
        const account = new StorageAccount(scope, 'Account', { resourceGroup: TEST_RESOURCE_GROUP, name: 'stshop', diagnostics: TEAM });
        defineDiagnosticSettings(account.resource, { logAnalyticsWorkspaceId: TEST_WORKSPACE_ID });
      }),
    ).toThrow(/Account\/Resource: already sends its diagnostics to a workspace/);
  });
});
