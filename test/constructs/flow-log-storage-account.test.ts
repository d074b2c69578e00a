import { FlowLogStorageAccount, FlowLogStorageAccountProps } from '../../constructs/monitoring/flow-log-storage-account';
import { onlyResource, referenceTo, rendered, synthWith, TEST_RESOURCE_GROUP } from '../helpers';

const NAME = 'stfltestweu0001';
const PROPS: FlowLogStorageAccountProps = { resourceGroup: TEST_RESOURCE_GROUP, name: NAME };
const withAccount = synthWith((scope, props: FlowLogStorageAccountProps) => new FlowLogStorageAccount(scope, 'Storage', props), PROPS);
const accountOf = (props: Partial<FlowLogStorageAccountProps> = {}) => onlyResource(withAccount(undefined, props), 'azurerm_storage_account');

describe('FlowLogStorageAccount', () => {
  test('is hardened: TLS 1.2, HTTPS only, no public blobs, infrastructure encryption, no cross-tenant replication or local users, OAuth by default, ZRS', () => {
    expect(accountOf()).toEqual({
      name: NAME,
      resource_group_name: 'rg-test',
      location: 'westeurope',
      account_kind: 'StorageV2',
      account_tier: 'Standard',
      account_replication_type: 'ZRS',
      min_tls_version: 'TLS1_2',
      https_traffic_only_enabled: true,
      allow_nested_items_to_be_public: false,
      infrastructure_encryption_enabled: true,
      cross_tenant_replication_enabled: false,
      local_user_enabled: false,
      default_to_oauth_authentication: true,
      // Documented exception: Network Watcher writes flow logs with the account key.
      shared_access_key_enabled: true,
      // "Selected networks" with none selected: only trusted Microsoft services get through the Deny.
      public_network_access_enabled: true,
      network_rules: { default_action: 'Deny', bypass: ['AzureServices'] },
      blob_properties: { delete_retention_policy: { days: 30 } },
    });
  });

  test('passes an explicit blob delete retention, location and tags through', () => {
    expect(accountOf({ blobDeleteRetentionDays: 90, location: 'northeurope', tags: { workload: 'mgmt' } })).toMatchObject({
      blob_properties: { delete_retention_policy: { days: 90 } },
      location: 'northeurope',
      tags: { workload: 'mgmt' },
      network_rules: { default_action: 'Deny', bypass: ['AzureServices'] },
    });
  });

  test('exposes the storage account ID', () => {
    const { synth, values } = rendered((scope) => ({ id: new FlowLogStorageAccount(scope, 'Storage', PROPS).storageAccountId }));
    expect(values.id).toBe(referenceTo(synth, 'azurerm_storage_account', NAME));
  });

  test.each(['st1', 'a'.repeat(24)])('accepts the name %s', (name) => {
    expect(accountOf({ name }).name).toBe(name);
  });

  test.each([
    ['2 characters', 'st'],
    ['25 characters', 'a'.repeat(25)],
    ['a hyphen', 'st-fl-test'],
    ['upper case', 'StFlTest'],
    ['an underscore', 'st_fl'],
  ])('fails on a name with %s', (_case, name) => {
    expect(() => withAccount(undefined, { name })).toThrow(
      `FlowLogStorageAccount: name '${name}' is not a valid storage account name (3-24 lower-case letters and digits, unique across Azure); pick such a name`,
    );
  });
});
