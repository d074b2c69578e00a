import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { UserAssignedIdentity } from '../../constructs/access/user-assigned-identity';
import { KeyVault } from '../../constructs/data/key-vault';
import { SqlServer, SqlServerProps } from '../../constructs/data/sql-server';
import { StorageAccount } from '../../constructs/data/storage-account';
import { ManagedIdentities } from '../../constructs/interfaces';
import { FlowLogStorageAccount } from '../../constructs/monitoring/flow-log-storage-account';
import { LogAnalyticsWorkspace } from '../../constructs/monitoring/log-analytics-workspace';
import { identityBlock, IdentitySupport, managedIdentityProblems } from '../../lib/managed-identities';
import { onlyResource, parse, referenceTo, resourcesOfType, SynthesizedStack, TEST_RESOURCE_GROUP, TEST_SUBSCRIPTION_ID, TEST_TENANT_ID } from '../helpers';

const identityId = (name: string) => `/subscriptions/${TEST_SUBSCRIPTION_ID}/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
const CMK = identityId('id-cmk');
const stflowlogs = 'stflowlogsshop';
const ADMINS = { loginName: 'SQL-Admins-Shop', objectId: '44444444-4444-4444-4444-444444444444' };
const SQL: SqlServerProps = { resourceGroup: TEST_RESOURCE_GROUP, name: 'sql-shop-test', entraAdministrator: ADMINS, tenantId: TEST_TENANT_ID };

function synth(build: (scope: Construct) => void): SynthesizedStack {
  return parse(Testing.synthScope(build));
}

describe('managedIdentities input', () => {
  test('maps AVM shape to azurerm identity { type, identity_ids } on a storage account', () => {
    const cases: [ManagedIdentities, Record<string, unknown>][] = [
      [{ systemAssigned: true }, { type: 'SystemAssigned' }],
      [{ userAssignedResourceIds: [CMK] }, { type: 'UserAssigned', identity_ids: [CMK] }],
      [{ systemAssigned: true, userAssignedResourceIds: [CMK] }, { type: 'SystemAssigned, UserAssigned', identity_ids: [CMK] }],
    ];
    for (const [managedIdentities, identity] of cases) {
      const account = onlyResource(synth((scope) => new StorageAccount(scope, 'Account', { resourceGroup: TEST_RESOURCE_GROUP, name: 'stshop', managedIdentities })), 'azurerm_storage_account');
      expect(account.identity).toEqual(identity);
    }
  });

  test('defaults are unchanged: no identity block without the input, or with no identity asked for', () => {
    for (const managedIdentities of [undefined, {}, { systemAssigned: false }]) {
      const stack = synth((scope) => {
        new StorageAccount(scope, 'Account', { resourceGroup: TEST_RESOURCE_GROUP, name: 'stshop', managedIdentities });
        new SqlServer(scope, 'Sql', { ...SQL, managedIdentities });
        new LogAnalyticsWorkspace(scope, 'Workspace', { resourceGroup: TEST_RESOURCE_GROUP, name: 'log-shop-test', managedIdentities });
        new FlowLogStorageAccount(scope, 'FlowLogs', { resourceGroup: TEST_RESOURCE_GROUP, name: stflowlogs, managedIdentities });
      });
      for (const type of ['azurerm_storage_account', 'azurerm_mssql_server', 'azurerm_log_analytics_workspace']) {
        for (const resource of resourcesOfType(stack, type)) expect(resource).not.toHaveProperty('identity');
      }
      expect(onlyResource(stack, 'azurerm_mssql_server')).not.toHaveProperty('primary_user_assigned_identity_id');
    }
  });

  test('the system-assigned identity is a principal the grant methods take', () => {
    const stack = synth((scope) => {
      const vault = new KeyVault(scope, 'Vault', { resourceGroup: TEST_RESOURCE_GROUP, name: 'kv-shop-test', tenantId: TEST_TENANT_ID });
      const account = new StorageAccount(scope, 'Account', { resourceGroup: TEST_RESOURCE_GROUP, name: 'stshop', managedIdentities: { systemAssigned: true } });
      expect(new StorageAccount(scope, 'Plain', { resourceGroup: TEST_RESOURCE_GROUP, name: 'stplain' }).systemAssignedIdentity).toBeUndefined();
      vault.grantEncryptionKeyUse(account.systemAssignedIdentity!, 'Account');
    });
    expect(onlyResource(stack, 'azurerm_role_assignment')).toMatchObject({
      principal_id: `\${${referenceTo(stack, 'azurerm_storage_account', 'stshop').slice(2, -4)}.identity[0].principal_id}`,
      principal_type: 'ServicePrincipal',
      role_definition_name: 'Key Vault Crypto Service Encryption User',
    });
  });

  test('a SQL server with user-assigned identities makes the first its primary identity (azurerm requires it)', () => {
    const second = identityId('id-second');
    const server = onlyResource(synth((scope) => new SqlServer(scope, 'Sql', { ...SQL, managedIdentities: { systemAssigned: true, userAssignedResourceIds: [CMK, second] } })), 'azurerm_mssql_server');
    expect(server.identity).toEqual({ type: 'SystemAssigned, UserAssigned', identity_ids: [CMK, second] });
    expect(server.primary_user_assigned_identity_id).toBe(CMK);
  });

  test('accepts the ID of an identity defined in the same app (a token)', () => {
    const stack = synth((scope) => {
      const identity = new UserAssignedIdentity(scope, 'Identity', { resourceGroup: TEST_RESOURCE_GROUP, name: 'id-shop' });
      new SqlServer(scope, 'Sql', SQL).addDatabase('Orders', { name: 'orders', managedIdentities: { userAssignedResourceIds: [identity.identityId] } });
    });
    expect(onlyResource(stack, 'azurerm_mssql_database').identity).toEqual({ type: 'UserAssigned', identity_ids: [referenceTo(stack, 'azurerm_user_assigned_identity', 'id-shop')] });
  });

  test.each([
    ['a SQL database asked for a system-assigned identity', (scope: Construct) => new SqlServer(scope, 'Sql', SQL).addDatabase('Orders', { name: 'orders', managedIdentities: { systemAssigned: true } }), /SqlDatabase 'orders': managedIdentities.systemAssigned is true, but Azure gives this resource no system-assigned identity; pass userAssignedResourceIds instead/],
    ['a workspace asked for both kinds', (scope: Construct) => new LogAnalyticsWorkspace(scope, 'Workspace', { resourceGroup: TEST_RESOURCE_GROUP, name: 'log-shop-test', managedIdentities: { systemAssigned: true, userAssignedResourceIds: [CMK] } }), /LogAnalyticsWorkspace 'log-shop-test': managedIdentities asks for a system-assigned identity and user-assigned ones, but Azure gives this resource one kind only/],
    ['a storage account with an empty list', (scope: Construct) => new StorageAccount(scope, 'Account', { resourceGroup: TEST_RESOURCE_GROUP, name: 'stshop', managedIdentities: { userAssignedResourceIds: [] } }), /StorageAccount 'stshop': managedIdentities.userAssignedResourceIds is empty, but a user-assigned identity needs its resource ID/],
    ['a SQL server with a vault ID as identity', (scope: Construct) => new SqlServer(scope, 'Sql', { ...SQL, managedIdentities: { userAssignedResourceIds: [CMK.replace('Microsoft.ManagedIdentity/userAssignedIdentities', 'Microsoft.KeyVault/vaults')] } }), /managedIdentities.userAssignedResourceIds\[0\] '.*vaults\/id-cmk' is not a user-assigned identity ID; pass \/subscriptions\//],
    ['a flow-log account listing an identity twice', (scope: Construct) => new FlowLogStorageAccount(scope, 'FlowLogs', { resourceGroup: TEST_RESOURCE_GROUP, name: stflowlogs, managedIdentities: { userAssignedResourceIds: [CMK, CMK] } }), /FlowLogStorageAccount: managedIdentities.userAssignedResourceIds\[1\] repeats/],
  ])('fails for %s, saying what to do', (_, build, message) => {
    expect(() => synth(build)).toThrow(message);
  });

  test('every problem at once', () => {
    const support: IdentitySupport = 'userAssignedOnly';
    expect(managedIdentityProblems({ systemAssigned: true, userAssignedResourceIds: ['nope', CMK, CMK] }, support).map((p) => p.path)).toEqual([
      'managedIdentities.userAssignedResourceIds[0]',
      'managedIdentities.userAssignedResourceIds[2]',
      'managedIdentities.systemAssigned',
    ]);
    expect(identityBlock(undefined)).toBeUndefined();
  });
});
