import { createHash } from 'node:crypto';
import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { grantIdOf } from '../../constructs/access/grant-id';
import { RoleAssignment } from '../../constructs/access/role-assignment';
import { UserAssignedIdentity } from '../../constructs/access/user-assigned-identity';
import { KeyVault } from '../../constructs/data/key-vault';
import { StorageAccount } from '../../constructs/data/storage-account';
import { PrivateEndpoint } from '../../constructs/network/private-endpoint';
import { Token } from '../../providers/cdktf';
import { parse, resourcesOfType, TEST_RESOURCE_GROUP, TEST_TENANT_ID, TEST_ZONE_LOOKUP, testPrincipal } from '../helpers';

const VAULT_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared/providers/Microsoft.KeyVault/vaults/kv-tenant-shared';
const SUBNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.Network/virtualNetworks/vnet-shop/subnets/snet-pe';

/** Construct paths (below the test scope) of the role assignments `build` defines. */
function assignmentPaths(build: (scope: Construct) => void): string[] {
  let paths: string[] = [];
  Testing.synthScope((scope) => {
    build(scope);
    paths = scope.node.findAll().filter((c) => c instanceof RoleAssignment).map((c) => c.node.path.slice(scope.node.path.length + 1));
  });
  return paths.sort();
}

describe('KeyVault.fromKeyVaultId', () => {
  test('reads the name from the ID, derives the URI, and is a role scope and Private Link target', () => {
    Testing.synthScope((scope) => {
      const vault = KeyVault.fromKeyVaultId(scope, 'Shared', VAULT_ID);
      expect(vault).toMatchObject({
        keyVaultId: VAULT_ID,
        vaultName: 'kv-tenant-shared',
        vaultUri: 'https://kv-tenant-shared.vault.azure.net/',
        scopeId: VAULT_ID,
        scopeLevel: 'resource',
        resourceType: 'Microsoft.KeyVault/vaults',
        privateLinkService: 'keyVault',
        privateLinkResourceId: VAULT_ID,
      });
      expect(KeyVault.fromKeyVaultId(scope, 'Sovereign', VAULT_ID, { vaultUri: 'https://kv-tenant-shared.vault.azure.cn/' }).vaultUri).toBe('https://kv-tenant-shared.vault.azure.cn/');
    });
  });

  test('grants work on an imported vault exactly as on an owned one, and nothing else is created', () => {
    const synth = Testing.synthScope((scope) => {
      const identity = new UserAssignedIdentity(scope, 'Identity', { resourceGroup: TEST_RESOURCE_GROUP, name: 'id-shop' });
      const vault = KeyVault.fromKeyVaultId(scope, 'Shared', VAULT_ID);
      vault.grantSecretsRead(identity);
      vault.grantSecretRead('tls-ca', identity);
    });
    const json = parse(synth);
    expect(Object.keys(json.resource ?? {}).sort()).toEqual(['azurerm_role_assignment', 'azurerm_user_assigned_identity']);
    expect(resourcesOfType(json, 'azurerm_role_assignment').map((r) => [r.scope, r.role_definition_name]).sort()).toEqual([
      [VAULT_ID, 'Key Vault Secrets User'],
      [`${VAULT_ID}/secrets/tls-ca`, 'Key Vault Secrets User'],
    ]);
    expect(
      assignmentPaths((scope) => {
        const identity = new UserAssignedIdentity(scope, 'Identity', { resourceGroup: TEST_RESOURCE_GROUP, name: 'id-shop' });
        KeyVault.fromKeyVaultId(scope, 'Shared', VAULT_ID).grantSecretsRead(identity);
      }),
    ).toEqual(['Shared/Grants/SecretsRead-Identity']);
  });

  test('a private endpoint to an imported vault goes through PrivateEndpoint.forTarget', () => {
    const json = parse(
      Testing.synthScope((scope) => {
        const vault = KeyVault.fromKeyVaultId(scope, 'Shared', VAULT_ID);
        PrivateEndpoint.forTarget(scope, 'SharedVaultEndpoint', vault, { subnetId: SUBNET_ID, dnsZones: TEST_ZONE_LOOKUP }, { resourceGroup: TEST_RESOURCE_GROUP, name: 'pe-kv-tenant-shared' });
      }),
    );
    expect(resourcesOfType(json, 'azurerm_private_endpoint')).toEqual([
      expect.objectContaining({ name: 'pe-kv-tenant-shared', private_service_connection: expect.objectContaining({ private_connection_resource_id: VAULT_ID, subresource_names: ['vault'] }) }),
    ]);
  });

  test.each([
    ['a vault name', 'kv-tenant-shared', /KeyVault.fromKeyVaultId\('Shared'\): 'kv-tenant-shared' is not a Microsoft.KeyVault\/vaults resource ID; expected \/subscriptions\/<subscription GUID>\/resourceGroups\/<group>\/providers\/Microsoft.KeyVault\/vaults\/<name>/],
    ['a vault URI', 'https://kv-tenant-shared.vault.azure.net/', /is not a Microsoft.KeyVault\/vaults resource ID/],
    ['a secret ID below the vault', `${VAULT_ID}/secrets/tls-ca`, /is not a Microsoft.KeyVault\/vaults resource ID/],
    ['a subscription that is not a GUID', VAULT_ID.replace('00000000-0000-0000-0000-000000000000', 'prod'), /is not a Microsoft.KeyVault\/vaults resource ID/],
    ['a storage account ID', VAULT_ID.replace('Microsoft.KeyVault/vaults', 'Microsoft.Storage/storageAccounts'), /'.*' is a Microsoft.Storage\/storageAccounts, not a Microsoft.KeyVault\/vaults/],
  ])('fails clearly on %s', (_case, id, message) => {
    expect(() => Testing.synthScope((scope) => KeyVault.fromKeyVaultId(scope, 'Shared', id))).toThrow(message);
  });

  test('accepts provider segments in any case, as ARM does', () => {
    Testing.synthScope((scope) => {
      expect(KeyVault.fromKeyVaultId(scope, 'Shared', VAULT_ID.replace('Microsoft.KeyVault/vaults', 'microsoft.keyvault/Vaults')).vaultName).toBe('kv-tenant-shared');
    });
  });
});

describe('grant IDs', () => {
  const identityIn = (scope: Construct, id: string) => new UserAssignedIdentity(scope, id, { resourceGroup: TEST_RESOURCE_GROUP, name: `id-${scope.node.id}` });

  test('two identities with the same local ID in different scopes get distinct, path-derived grant IDs (they used to collide)', () => {
    const synth = Testing.synthScope((scope) => {
      const vault = new KeyVault(scope, 'Vault', { resourceGroup: TEST_RESOURCE_GROUP, name: 'kv-shop-test', tenantId: TEST_TENANT_ID });
      const shop = identityIn(new Construct(scope, 'Shop'), 'Identity');
      const crm = identityIn(new Construct(scope, 'Crm'), 'Identity');
      vault.grantSecretsRead(shop);
      vault.grantSecretsRead(crm);
      expect(grantIdOf(vault, shop)).toBe(`Identity-${shop.node.addr.slice(0, 8)}`);
      expect(grantIdOf(vault, crm)).toBe(`Identity-${crm.node.addr.slice(0, 8)}`);
      expect(grantIdOf(vault, shop)).not.toBe(grantIdOf(vault, crm));
    });
    expect(resourcesOfType(parse(synth), 'azurerm_role_assignment')).toHaveLength(2);
  });

  test("a sibling of the vault keeps its plain construct ID (today's addresses), whatever the call order", () => {
    const pathsInOrder = (order: 'siblingFirst' | 'nestedFirst') =>
      assignmentPaths((scope) => {
        const vault = new KeyVault(scope, 'Vault', { resourceGroup: TEST_RESOURCE_GROUP, name: 'kv-shop-test', tenantId: TEST_TENANT_ID });
        const sibling = identityIn(scope, 'Identity');
        const nested = identityIn(new Construct(scope, 'Team'), 'Identity');
        for (const principal of order === 'siblingFirst' ? [sibling, nested] : [nested, sibling]) vault.grantSecretsRead(principal);
      });
    expect(pathsInOrder('siblingFirst')).toContain('Vault/Grants/SecretsRead-Identity');
    expect(pathsInOrder('siblingFirst')).toHaveLength(2);
    expect(pathsInOrder('siblingFirst')).toEqual(pathsInOrder('nestedFirst'));
  });

  test('literal principal IDs of the same type get a stable hash of the ID', () => {
    const first = testPrincipal('Group', '33333333-3333-3333-3333-333333333333');
    const second = testPrincipal('Group', '44444444-4444-4444-4444-444444444444');
    const hash = (id: string) => createHash('sha256').update(id).digest('hex').slice(0, 8);
    const paths = assignmentPaths((scope) => {
      const vault = new KeyVault(scope, 'Vault', { resourceGroup: TEST_RESOURCE_GROUP, name: 'kv-shop-test', tenantId: TEST_TENANT_ID });
      vault.grantSecretsRead(first);
      vault.grantSecretsRead(second);
    });
    expect(paths).toEqual([`Vault/Grants/SecretsRead-Group-${hash(first.principalId)}`, `Vault/Grants/SecretsRead-Group-${hash(second.principalId)}`].sort());
  });

  test('storage grants use the same scheme', () => {
    const synth = Testing.synthScope((scope) => {
      const account = new StorageAccount(scope, 'Account', { resourceGroup: TEST_RESOURCE_GROUP, name: 'stshoptest' });
      account.grantBlobRead(identityIn(new Construct(scope, 'Shop'), 'Identity'));
      account.grantBlobRead(identityIn(new Construct(scope, 'Crm'), 'Identity'));
    });
    expect(resourcesOfType(parse(synth), 'azurerm_role_assignment')).toHaveLength(2);
  });

  test('two token principals (no stable identity) without explicit IDs fail with what to do; explicit IDs work', () => {
    const tokenPrincipal = () => ({ principalId: Token.asString({ resolve: () => 'x' }), principalType: 'ServicePrincipal' as const });
    Testing.synthScope((scope) => {
      const vault = new KeyVault(scope, 'Vault', { resourceGroup: TEST_RESOURCE_GROUP, name: 'kv-shop-test', tenantId: TEST_TENANT_ID });
      vault.grantSecretsRead(tokenPrincipal());
      expect(() => vault.grantSecretsRead(tokenPrincipal())).toThrow(
        "KeyVault 'kv-shop-test': grant 'SecretsRead-ServicePrincipal' exists already. Either the principal has this grant already (grant once), or its ID is a token (no stable grant ID can be derived from it): pass a distinct id argument",
      );
      expect(() => vault.grantSecretsRead(tokenPrincipal(), 'WebApp')).not.toThrow();
    });
  });
});
