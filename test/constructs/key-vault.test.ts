import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { IPrincipal, RoleAssignment } from '../../constructs/access/role-assignment';
import { UserAssignedIdentity } from '../../constructs/access/user-assigned-identity';
import { KeyVault, KeyVaultProps } from '../../constructs/data/key-vault';
import { AzurermKeyVault, AzurermPrivateEndpoint } from '../../providers/azurerm';
import { onlyResource, parse, referenceTo, rendered, resourcesOfType, SynthesizedStack, TEST_RESOURCE_GROUP, TEST_TENANT_ID, TEST_ZONE_LOOKUP, testPrincipal } from '../helpers';
import { jsonText } from '../../lib/json-text';

const VAULT_NAME = 'kv-shop-test-weu';
const PROPS: KeyVaultProps = { resourceGroup: TEST_RESOURCE_GROUP, name: VAULT_NAME, tenantId: TEST_TENANT_ID };
const SUBNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.Network/virtualNetworks/vnet-shop/subnets/snet-pe';
const WORKSPACE_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-mgmt/providers/Microsoft.OperationalInsights/workspaces/log-test';
const GROUP = testPrincipal('Group', '33333333-3333-3333-3333-333333333333');

function withVault(test: (vault: KeyVault, scope: Construct) => void = () => undefined, props: Partial<KeyVaultProps> = {}): string {
  return Testing.synthScope((scope) => {
    test(new KeyVault(scope, 'Vault', { ...PROPS, ...props }), scope);
  });
}

const vaultReference = (synth: SynthesizedStack): string => referenceTo(synth, 'azurerm_key_vault', VAULT_NAME);

describe('KeyVault', () => {
  test('defaults: premium, RBAC authorization, purge protection, 90-day soft delete, no public access, network ACL Deny without bypass', () => {
    expect(onlyResource(parse(withVault()), 'azurerm_key_vault')).toEqual({
      name: VAULT_NAME,
      resource_group_name: 'rg-test',
      location: 'westeurope',
      tenant_id: TEST_TENANT_ID,
      sku_name: 'premium',
      rbac_authorization_enabled: true,
      purge_protection_enabled: true,
      soft_delete_retention_days: 90,
      public_network_access_enabled: false,
      network_acls: { default_action: 'Deny', bypass: 'None' },
    });
  });

  test('passes an explicit retention, SKU, location and tags through', () => {
    expect(withVault(undefined, { softDeleteRetentionDays: 7, sku: 'standard', location: 'northeurope', tags: { workload: 'shop' } })).toHaveResourceWithProperties(AzurermKeyVault, {
      soft_delete_retention_days: 7,
      sku_name: 'standard',
      location: 'northeurope',
      tags: { workload: 'shop' },
    });
    expect(withVault(undefined, { softDeleteRetentionDays: 90 })).toHaveResourceWithProperties(AzurermKeyVault, { soft_delete_retention_days: 90 });
  });

  test('lets trusted Microsoft services through the Deny ACL only when asked', () => {
    expect(withVault(undefined, { allowTrustedMicrosoftServices: true })).toHaveResourceWithProperties(AzurermKeyVault, {
      network_acls: { default_action: 'Deny', bypass: 'AzureServices' },
    });
    expect(withVault(undefined, { allowTrustedMicrosoftServices: false })).toHaveResourceWithProperties(AzurermKeyVault, {
      network_acls: { default_action: 'Deny', bypass: 'None' },
    });
  });

  test('accepts publicNetworkAccessEnabled: false, and still renders it false', () => {
    expect(withVault(undefined, { publicNetworkAccessEnabled: false })).toHaveResourceWithProperties(AzurermKeyVault, { public_network_access_enabled: false });
  });

  test('exposes the vault ID as its role scope and Private Link target, and its URI', () => {
    const { synth, values } = rendered((scope) => {
      const vault = new KeyVault(scope, 'Vault', PROPS);
      expect(vault.scopeLevel).toBe('resource');
      expect(vault.privateLinkService).toBe('keyVault');
      expect(vault.vaultName).toBe(VAULT_NAME);
      return { id: vault.keyVaultId, scope: vault.scopeId, target: vault.privateLinkResourceId, uri: vault.vaultUri };
    });
    const id = vaultReference(synth);
    expect(values).toEqual({ id, scope: id, target: id, uri: referenceTo(synth, 'azurerm_key_vault', VAULT_NAME, 'vault_uri') });
  });

  test.each([
    ['3 characters', 'kv1'],
    ['24 characters', `kv-${'a'.repeat(21)}`],
    ['upper-case letters (Azure allows them; names compare case-insensitively)', 'KV-Shop-01'],
  ])('accepts a name of %s', (_case, name) => {
    expect(withVault(undefined, { name })).toHaveResourceWithProperties(AzurermKeyVault, { name });
  });

  test.each([7, 90])('accepts a retention of %i days', (days) => {
    expect(withVault(undefined, { softDeleteRetentionDays: days })).toHaveResourceWithProperties(AzurermKeyVault, { soft_delete_retention_days: days });
  });

  const RULE = "(letters, digits and hyphens, starting with a letter, ending with a letter or digit, no consecutive hyphens); pick a name that follows the rule";
  const LENGTH = 'characters; Azure allows 3-24 for Key Vault names; pick a name of that length';
  test.each<[string, Partial<KeyVaultProps>, string]>([
    [
      'public network access requested',
      { publicNetworkAccessEnabled: true as never },
      `KeyVault '${VAULT_NAME}': publicNetworkAccessEnabled is true, which is not allowed; reach the vault through addPrivateEndpoint (and, for Azure services, allowTrustedMicrosoftServices)`,
    ],
    ['a name too short', { name: 'kv' }, `KeyVault 'kv': name 'kv' is 2 ${LENGTH}`],
    ['a name too long', { name: `kv-${'a'.repeat(22)}` }, `name 'kv-${'a'.repeat(22)}' is 25 ${LENGTH}`],
    ['a name with a leading digit', { name: '1kv-shop' }, `name '1kv-shop' is not a valid Key Vault name ${RULE}`],
    ['a name with a double hyphen', { name: 'kv--shop' }, `name 'kv--shop' is not a valid Key Vault name ${RULE}`],
    ['a name with a trailing hyphen', { name: 'kv-shop-' }, `name 'kv-shop-' is not a valid Key Vault name ${RULE}`],
    ['a name with an underscore', { name: 'kv_shop' }, `name 'kv_shop' is not a valid Key Vault name ${RULE}`],
    ['a retention of 6 days', { softDeleteRetentionDays: 6 }, `KeyVault '${VAULT_NAME}': softDeleteRetentionDays is 6; use a whole number of days from 7 to 90`],
    ['a retention of 91 days', { softDeleteRetentionDays: 91 }, 'softDeleteRetentionDays is 91; use a whole number of days from 7 to 90'],
    ['a fractional retention', { softDeleteRetentionDays: 30.5 }, 'softDeleteRetentionDays is 30.5; use a whole number of days from 7 to 90'],
  ])('fails on %s', (_case, props, message) => {
    expect(() => withVault(undefined, props)).toThrow(message);
  });

  test('reports every problem at once', () => {
    expect(() => withVault(undefined, { name: 'kv-', softDeleteRetentionDays: 91, publicNetworkAccessEnabled: true as never })).toThrow(
      /^KeyVault 'kv-': name 'kv-' is not a valid Key Vault name .*; softDeleteRetentionDays is 91; .*; publicNetworkAccessEnabled is true, which is not allowed/,
    );
  });
});

describe('KeyVault grants', () => {
  type VaultGrant = (vault: KeyVault, principal: IPrincipal) => RoleAssignment;
  const GRANTS: [string, string, VaultGrant][] = [
    ['grantSecretsRead', 'Key Vault Secrets User', (v, p) => v.grantSecretsRead(p)],
    ['grantSecretsManage', 'Key Vault Secrets Officer', (v, p) => v.grantSecretsManage(p)],
    ['grantCryptoUse', 'Key Vault Crypto User', (v, p) => v.grantCryptoUse(p)],
    ['grantEncryptionKeyUse', 'Key Vault Crypto Service Encryption User', (v, p) => v.grantEncryptionKeyUse(p)],
    ['grantCertificatesRead', 'Key Vault Certificate User', (v, p) => v.grantCertificatesRead(p)],
    ['grantCertificatesManage', 'Key Vault Certificates Officer', (v, p) => v.grantCertificatesManage(p)],
  ];

  test.each(GRANTS)('%s assigns %s on the vault to a managed identity', (_method, role, grant) => {
    const synth = parse(
      withVault((vault, scope) => {
        const identity = new UserAssignedIdentity(scope, 'Identity', { resourceGroup: TEST_RESOURCE_GROUP, name: 'id-shop-test-weu' });
        expect(grant(vault, identity).role).toBe(role);
      }),
    );
    expect(onlyResource(synth, 'azurerm_role_assignment')).toEqual({
      scope: vaultReference(synth),
      role_definition_name: role,
      principal_id: referenceTo(synth, 'azurerm_user_assigned_identity', 'id-shop-test-weu', 'principal_id'),
      principal_type: 'ServicePrincipal',
      description: `${role} on ${VAULT_NAME}`,
    });
  });

  test.each(GRANTS)('%s (%s) takes the principal type from the principal (a group)', (_method, _role, grant) => {
    const synth = parse(withVault((vault) => grant(vault, GROUP)));
    expect(onlyResource(synth, 'azurerm_role_assignment')).toMatchObject({ principal_id: GROUP.principalId, principal_type: 'Group', scope: vaultReference(synth) });
  });

  test('grantSecretRead assigns Key Vault Secrets User on that one secret only', () => {
    const synth = parse(
      withVault((vault) => {
        expect(vault.grantSecretRead('tls-ca', GROUP).scope).toMatchObject({ scopeLevel: 'resource' });
      }),
    );
    expect(onlyResource(synth, 'azurerm_role_assignment')).toEqual({
      scope: `${vaultReference(synth)}/secrets/tls-ca`,
      role_definition_name: 'Key Vault Secrets User',
      principal_id: GROUP.principalId,
      principal_type: 'Group',
      description: `Key Vault Secrets User on ${VAULT_NAME}`,
    });
  });

  test('grantSecretRead accepts a 127-character secret name', () => {
    const name = `s${'1'.repeat(126)}`;
    const synth = parse(withVault((vault) => vault.grantSecretRead(name, GROUP)));
    expect(onlyResource(synth, 'azurerm_role_assignment').scope).toBe(`${vaultReference(synth)}/secrets/${name}`);
  });

  test.each([
    ['an underscore', 'tls_ca'],
    ['a slash', 'tls/ca'],
    ['an empty name', ''],
    ['128 characters', 'a'.repeat(128)],
  ])('grantSecretRead rejects a secret name with %s', (_case, name) => {
    expect(() => withVault((vault) => vault.grantSecretRead(name, GROUP))).toThrow(`KeyVault.grantSecretRead: '${name}' is not a secret name (1-127 letters, digits, hyphens)`);
  });

  test('one principal can hold several grants, and explicit IDs tell principals of the same type apart', () => {
    const synth = parse(
      withVault((vault) => {
        vault.grantSecretsRead(GROUP);
        vault.grantCertificatesRead(GROUP);
        vault.grantSecretsRead(testPrincipal('Group', '44444444-4444-4444-4444-444444444444'), 'Operators');
      }),
    );
    expect(resourcesOfType(synth, 'azurerm_role_assignment').map((r) => `${jsonText(r.role_definition_name)} ${jsonText(r.principal_id)}`).sort()).toEqual([
      `Key Vault Certificate User ${GROUP.principalId}`,
      `Key Vault Secrets User ${GROUP.principalId}`,
      'Key Vault Secrets User 44444444-4444-4444-4444-444444444444',
    ]);
  });
});

describe('KeyVault private endpoint and diagnostics', () => {
  test('addPrivateEndpoint connects the vault sub-resource in the subnet, registered in the vaultcore zone', () => {
    const synth = parse(withVault((vault) => vault.addPrivateEndpoint('Endpoint', { subnetId: SUBNET_ID, dnsZones: TEST_ZONE_LOOKUP }), { tags: { workload: 'shop' } }));
    expect(onlyResource(synth, 'azurerm_private_endpoint')).toMatchObject({
      name: `pe-${VAULT_NAME}`,
      resource_group_name: 'rg-test',
      subnet_id: SUBNET_ID,
      tags: { workload: 'shop' },
      private_service_connection: { is_manual_connection: false, private_connection_resource_id: vaultReference(synth), subresource_names: ['vault'] },
      private_dns_zone_group: { private_dns_zone_ids: [TEST_ZONE_LOOKUP.zoneId('privatelink.vaultcore.azure.net')] },
    });
  });

  test('addPrivateEndpoint takes an explicit name', () => {
    const json = withVault((vault) => vault.addPrivateEndpoint('Endpoint', { subnetId: SUBNET_ID, dnsZones: TEST_ZONE_LOOKUP, name: 'pe-kv-custom' }));
    expect(json).toHaveResourceWithProperties(AzurermPrivateEndpoint, { name: 'pe-kv-custom', custom_network_interface_name: 'pe-kv-custom-nic' });
  });

  test('sends all logs and all metrics to the workspace', () => {
    const synth = parse(withVault((vault) => vault.sendDiagnosticsTo({ logAnalyticsWorkspaceId: WORKSPACE_ID })));
    expect(onlyResource(synth, 'azurerm_monitor_diagnostic_setting')).toEqual({
      name: 'diag-law',
      target_resource_id: vaultReference(synth),
      log_analytics_workspace_id: WORKSPACE_ID,
      enabled_log: [{ category_group: 'allLogs' }],
      enabled_metric: [{ category: 'AllMetrics' }],
    });
  });

  test('has no diagnostic setting until asked, and refuses a second destination', () => {
    expect(resourcesOfType(parse(withVault()), 'azurerm_monitor_diagnostic_setting')).toEqual([]);
    expect(() =>
      withVault((vault) => {
        vault.sendDiagnosticsTo({ logAnalyticsWorkspaceId: WORKSPACE_ID });
        vault.sendDiagnosticsTo({ logAnalyticsWorkspaceId: `${WORKSPACE_ID}-2` });
      }),
    ).toThrow(`KeyVault '${VAULT_NAME}' already sends diagnostics to a workspace`);
  });

  test('uses no access policies anywhere, with every grant, an endpoint and diagnostics in place', () => {
    const json = withVault((vault) => {
      vault.grantSecretsRead(GROUP);
      vault.grantSecretRead('tls-ca', GROUP);
      vault.grantCertificatesManage(GROUP);
      vault.addPrivateEndpoint('Endpoint', { subnetId: SUBNET_ID, dnsZones: TEST_ZONE_LOOKUP });
      vault.sendDiagnosticsTo({ logAnalyticsWorkspaceId: WORKSPACE_ID });
    });
    expect(resourcesOfType(parse(json), 'azurerm_role_assignment')).toHaveLength(3);
    expect(json).not.toMatch(/access_polic/);
  });
});
