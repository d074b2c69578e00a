import { Testing } from 'cdktf';
import { PlatformKeyVault, PlatformKeyVaultProps } from '../../constructs/landing-zone/platform-key-vault';
import { ResourceNamer } from '../../lib/naming';
import { AzurermKeyVault, AzurermUserAssignedIdentity } from '../../providers/azurerm';
import { onlyResource, parse, referenceTo, rendered, resourcesOfType, SynthesizedStack, TEST_RESOURCE_GROUP, TEST_TENANT_ID, TEST_ZONE_LOOKUP } from '../helpers';

const VAULT_NAME = 'kv-hub-test-weu-1a2b';
const SUBNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub-test-weu/subnets/snet-pe-hub-test-weu';
const SECRET_ID = `https://${VAULT_NAME}.vault.azure.net/secrets/tls-ca`;
const VERSION = '0123456789abcdef0123456789abcdef';
const PROPS: PlatformKeyVaultProps = {
  resourceGroup: TEST_RESOURCE_GROUP,
  names: new ResourceNamer({ workload: 'hub', environment: 'test', regionShortName: 'weu' }),
  vaultName: VAULT_NAME,
  tenantId: TEST_TENANT_ID,
  privateEndpointSubnetId: SUBNET_ID,
  dnsZones: TEST_ZONE_LOOKUP,
};

function synthPlatformVault(props: Partial<PlatformKeyVaultProps> = {}): string {
  return Testing.synthScope((scope) => {
    new PlatformKeyVault(scope, 'Platform', { ...PROPS, ...props });
  });
}

/** The platform vault's `tlsInspection` and `firewallIdentity.identityId`, rendered, with the synthesized JSON. */
function tlsInspectionOf(tlsCertificateSecretId?: string): { synth: SynthesizedStack; values: Record<string, unknown> } {
  return rendered((scope) => {
    const platform = new PlatformKeyVault(scope, 'Platform', { ...PROPS, tlsCertificateSecretId });
    expect(platform.scope).toBe(platform.vault);
    expect(platform.tlsGrant === undefined).toBe(platform.tlsInspection === undefined);
    return { identityId: platform.firewallIdentity.identityId, ...(platform.tlsInspection ? { tls: platform.tlsInspection } : {}) };
  });
}

const identityReference = (synth: SynthesizedStack, attribute: string): string => referenceTo(synth, 'azurerm_user_assigned_identity', 'id-afwp-hub-test-weu', attribute);

describe('PlatformKeyVault', () => {
  test('a hardened vault that lets trusted Microsoft services (the firewall) through its Deny ACL', () => {
    expect(synthPlatformVault()).toHaveResourceWithProperties(AzurermKeyVault, {
      name: VAULT_NAME,
      tenant_id: TEST_TENANT_ID,
      rbac_authorization_enabled: true,
      public_network_access_enabled: false,
      network_acls: { default_action: 'Deny', bypass: 'AzureServices' },
    });
  });

  test('a private endpoint named by the hub namer in the given subnet, registered in the vaultcore zone', () => {
    const synth = parse(synthPlatformVault());
    expect(onlyResource(synth, 'azurerm_private_endpoint')).toMatchObject({
      name: 'pe-kv-hub-test-weu',
      subnet_id: SUBNET_ID,
      private_service_connection: { private_connection_resource_id: referenceTo(synth, 'azurerm_key_vault', VAULT_NAME), subresource_names: ['vault'] },
      private_dns_zone_group: { private_dns_zone_ids: [TEST_ZONE_LOOKUP.zoneId('privatelink.vaultcore.azure.net')] },
    });
  });

  test('the firewall policy identity, named id-afwp-<hub>', () => {
    expect(synthPlatformVault()).toHaveResourceWithProperties(AzurermUserAssignedIdentity, { name: 'id-afwp-hub-test-weu', resource_group_name: 'rg-test' });
  });

  test('without a TLS CA: the identity exists but holds no role, and there is no TLS inspection', () => {
    const { synth, values } = tlsInspectionOf(undefined);
    expect(resourcesOfType(synth, 'azurerm_user_assigned_identity')).toHaveLength(1);
    expect(resourcesOfType(synth, 'azurerm_role_assignment')).toEqual([]);
    expect(values).toEqual({ identityId: identityReference(synth, 'id') });
  });

  test('with a TLS CA: the identity may read exactly that secret, and tlsInspection names it', () => {
    const { synth, values } = tlsInspectionOf(SECRET_ID);
    expect(onlyResource(synth, 'azurerm_role_assignment')).toMatchObject({
      role_definition_name: 'Key Vault Secrets User',
      scope: `${referenceTo(synth, 'azurerm_key_vault', VAULT_NAME)}/secrets/tls-ca`,
      principal_id: identityReference(synth, 'principal_id'),
      principal_type: 'ServicePrincipal',
    });
    expect(values.tls).toEqual({ keyVaultSecretId: SECRET_ID, certificateName: 'tls-ca', identityId: identityReference(synth, 'id') });
  });

  test('a versioned secret ID is passed on whole, but the grant and certificate name drop the version', () => {
    const { synth, values } = tlsInspectionOf(`${SECRET_ID}/${VERSION}`);
    expect(onlyResource(synth, 'azurerm_role_assignment').scope).toBe(`${referenceTo(synth, 'azurerm_key_vault', VAULT_NAME)}/secrets/tls-ca`);
    expect(values.tls).toMatchObject({ keyVaultSecretId: `${SECRET_ID}/${VERSION}`, certificateName: 'tls-ca' });
  });

  test.each([
    ['a certificate ID', `https://${VAULT_NAME}.vault.azure.net/certificates/tls-ca`],
    ['plain HTTP', `http://${VAULT_NAME}.vault.azure.net/secrets/tls-ca`],
    ['a host outside vault.azure.net', 'https://example.com/secrets/tls-ca'],
    ['a secret name with an underscore', `https://${VAULT_NAME}.vault.azure.net/secrets/tls_ca`],
    ['a version that is not 32 hex digits', `${SECRET_ID}/latest`],
    ['a trailing slash', `${SECRET_ID}/`],
    ['a bare secret name', 'tls-ca'],
  ])('fails on a secret ID that is %s', (_case, secretId) => {
    expect(() => synthPlatformVault({ tlsCertificateSecretId: secretId })).toThrow(
      `PlatformKeyVault: '${secretId}' is not a Key Vault secret ID (https://<vault>.vault.azure.net/secrets/<name>[/<version>])`,
    );
  });

  // The grant is scoped to a secret in this vault, so a CA elsewhere would give the firewall a useless grant.
  test('fails on a secret ID in another vault, naming the platform vault', () => {
    expect(() => synthPlatformVault({ tlsCertificateSecretId: 'https://kv-other.vault.azure.net/secrets/tls-ca' })).toThrow(VAULT_NAME);
  });

  test('with a TLS CA: exactly one vault, endpoint, identity and grant', () => {
    const synth = parse(synthPlatformVault({ tlsCertificateSecretId: SECRET_ID }));
    for (const type of ['azurerm_key_vault', 'azurerm_private_endpoint', 'azurerm_user_assigned_identity', 'azurerm_role_assignment']) {
      expect(resourcesOfType(synth, type)).toHaveLength(1);
    }
  });
});
