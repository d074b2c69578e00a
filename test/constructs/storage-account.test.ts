import { Construct } from 'constructs';
import { UserAssignedIdentity } from '../../constructs/access/user-assigned-identity';
import { StorageAccount, StorageAccountProps } from '../../constructs/data/storage-account';
import { IPrivateEndpointSubnet } from '../../constructs/network/private-endpoint';
import { onlyResource, referenceTo, resourcesOfType, synthWith, TEST_RESOURCE_GROUP, TEST_ZONE_LOOKUP, testPrincipal } from '../helpers';

const NAME = 'stshoptestweu';
const PROPS: StorageAccountProps = { resourceGroup: TEST_RESOURCE_GROUP, name: NAME };
const withAccount = synthWith((scope: Construct, props: StorageAccountProps) => new StorageAccount(scope, 'Storage', props), PROPS);
const SUBNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.Network/virtualNetworks/vnet-shop/subnets/snet-pe';

describe('StorageAccount', () => {
  test('defaults: Entra ID only, no public access, network rules Deny, TLS 1.2, no anonymous blobs, double encryption, versioning and soft delete', () => {
    expect(onlyResource(withAccount(), 'azurerm_storage_account')).toEqual({
      name: NAME,
      resource_group_name: 'rg-test',
      location: 'westeurope',
      account_kind: 'StorageV2',
      account_tier: 'Standard',
      account_replication_type: 'ZRS',
      min_tls_version: 'TLS1_2',
      https_traffic_only_enabled: true,
      shared_access_key_enabled: false,
      default_to_oauth_authentication: true,
      allow_nested_items_to_be_public: false,
      public_network_access_enabled: false,
      infrastructure_encryption_enabled: true,
      cross_tenant_replication_enabled: false,
      allowed_copy_scope: 'AAD',
      local_user_enabled: false,
      sftp_enabled: false,
      network_rules: { default_action: 'Deny', bypass: ['None'] },
      blob_properties: { versioning_enabled: true, delete_retention_policy: { days: 14 }, container_delete_retention_policy: { days: 14 } },
    });
  });

  test('passes replication, retention, versioning and tags through', () => {
    const account = onlyResource(withAccount(undefined, { replication: 'LRS', softDeleteRetentionDays: 30, versioningEnabled: false, tags: { workload: 'shop' } }), 'azurerm_storage_account');
    expect(account).toMatchObject({
      account_replication_type: 'LRS',
      blob_properties: { versioning_enabled: false, delete_retention_policy: { days: 30 }, container_delete_retention_policy: { days: 30 } },
      tags: { workload: 'shop' },
    });
  });

  test.each([
    [{ name: 'St-Shop' }, /name 'St-Shop' is not a valid storage account name \(3-24 lower-case letters and digits, unique across Azure\)/],
    [{ softDeleteRetentionDays: 0 }, /softDeleteRetentionDays 0 is outside 1-365/],
    [{ publicNetworkAccessEnabled: true as unknown as false }, /publicNetworkAccessEnabled: true is not allowed/],
  ])('fails on %j', (props, message) => {
    expect(() => withAccount(undefined, props)).toThrow(message);
  });

  test('grants data-plane roles on the account or one container, never a control-plane role', () => {
    const identity = testPrincipal();
    const synth = withAccount((account) => {
      account.addContainer('orders');
      account.grantBlobRead(identity, { id: 'reader' });
      account.grantBlobWrite(identity, { container: 'orders', id: 'writer' });
      account.grantQueueSend(identity, { id: 'sender' });
      account.grantQueueProcess(identity, { id: 'processor' });
      account.grantTableRead(identity, { id: 'tables' });
      account.grantTableWrite(identity, { id: 'tablew' });
    });
    const account = referenceTo(synth, 'azurerm_storage_account', NAME);
    expect(resourcesOfType(synth, 'azurerm_role_assignment').map((a) => [a.role_definition_name, a.scope]).sort()).toEqual([
      ['Storage Blob Data Reader', account],
      ['Storage Blob Data Contributor', `${account}/blobServices/default/containers/orders`],
      ['Storage Queue Data Message Sender', account],
      ['Storage Queue Data Message Processor', account],
      ['Storage Table Data Reader', account],
      ['Storage Table Data Contributor', account],
    ].sort());
    expect(onlyResource(synth, 'azurerm_storage_container')).toEqual({ name: 'orders', storage_account_id: account, container_access_type: 'private' });
  });

  test('grants to a UserAssignedIdentity under its construct ID', () => {
    const synth = withAccount((account, scope) => account.grantBlobRead(new UserAssignedIdentity(scope, 'Workload', { resourceGroup: TEST_RESOURCE_GROUP, name: 'id-shop' })));
    expect(onlyResource(synth, 'azurerm_role_assignment')).toMatchObject({ principal_type: 'ServicePrincipal', description: `Storage Blob Data Reader on ${NAME}` });
  });

  test('fails on a grant to a container it does not have, and on invalid or duplicate containers', () => {
    expect(() => withAccount((account) => account.grantBlobRead(testPrincipal(), { container: 'missing' }))).toThrow(/no container 'missing' to grant on; add it with addContainer first/);
    expect(() => withAccount((account) => account.addContainer('Bad_Name'))).toThrow(/container 'Bad_Name' is not a valid container name/);
    expect(() => withAccount((account) => [account.addContainer('a1b'), account.addContainer('a1b')])).toThrow(/already has a container 'a1b'/);
  });

  test('addPrivateEndpoint connects the named sub-resource, registers in its zone and opens 443 in the subnet handle', () => {
    const opened: [string, readonly string[]][] = [];
    const subnet: IPrivateEndpointSubnet = { subnetId: SUBNET_ID, allowEndpointPorts: (name, ports) => opened.push([name, ports]) };
    const synth = withAccount((account) => account.addPrivateEndpoint('Blob', { subnet, dnsZones: TEST_ZONE_LOOKUP, subresource: 'blob' }));
    expect(onlyResource(synth, 'azurerm_private_endpoint')).toMatchObject({
      name: `pe-${NAME}-blob`,
      subnet_id: SUBNET_ID,
      private_service_connection: { subresource_names: ['blob'], private_connection_resource_id: referenceTo(synth, 'azurerm_storage_account', NAME) },
      private_dns_zone_group: { private_dns_zone_ids: [TEST_ZONE_LOOKUP.zoneId('privatelink.blob.core.windows.net')] },
    });
    expect(opened).toEqual([[`pe-${NAME}-blob`, ['443']]]);
  });
});
