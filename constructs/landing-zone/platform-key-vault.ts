import { Construct } from 'constructs';
import { parseKeyVaultSecretId, ResourceNamer } from '../../lib/naming';
import { IRoleScope, RoleAssignment } from '../access/role-assignment';
import { UserAssignedIdentity } from '../access/user-assigned-identity';
import { KeyVault } from '../data/key-vault';
import { DiagnosticsInput, IResourceGroupRef, ResourceLock, Tags } from '../interfaces';
import { sendDiagnostics } from '../diagnostic-settings';
import { FirewallTlsInspection } from '../network/firewall-policy';
import { IPrivateDnsZoneLookup } from '../network/private-dns-zones';

export interface PlatformKeyVaultProps extends DiagnosticsInput {
  readonly resourceGroup: IResourceGroupRef;
  /** Namer of the hub (`id-afwp-hub-prod-weu`). */
  readonly names: ResourceNamer;
  /** Globally unique vault name (see `platformKeyVaultName`). */
  readonly vaultName: string;
  readonly tenantId: string;
  /** The hub's private-endpoint subnet. */
  readonly privateEndpointSubnetId: string;
  readonly dnsZones: IPrivateDnsZoneLookup;
  /**
   * Secret ID of the TLS inspection intermediate CA, imported into this vault out of band (never by this code).
   * @default - no TLS inspection
   */
  readonly tlsCertificateSecretId?: string;
  /**
   * Tags for every resource the construct defines (AVM: tags propagate to child and cross-referenced resources).
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
  /**
   * A management lock on the vault.
   * @default - no lock
   */
  readonly lock?: ResourceLock;
}

/**
 * The environment's platform Key Vault behind a private endpoint in the hub, and the firewall policy's
 * user-assigned identity. When a TLS inspection CA is configured, the identity may read exactly that secret
 * (Key Vault Secrets User on the secret) and `tlsInspection` is ready for the firewall policy.
 */
export class PlatformKeyVault extends Construct {
  public readonly vault: KeyVault;
  public readonly firewallIdentity: UserAssignedIdentity;
  public readonly tlsInspection?: FirewallTlsInspection;
  /** The identity's read grant; the policy must wait for it. */
  public readonly tlsGrant?: RoleAssignment;

  constructor(scope: Construct, id: string, props: PlatformKeyVaultProps) {
    super(scope, id);
    this.vault = new KeyVault(this, 'Vault', {
      resourceGroup: props.resourceGroup,
      name: props.vaultName,
      tenantId: props.tenantId,
      // Azure Firewall reads its CA as a trusted Microsoft service; it still needs the RBAC grant below.
      allowTrustedMicrosoftServices: true,
      tags: props.tags,
      lock: props.lock,
    });
    this.vault.addPrivateEndpoint('PrivateEndpoint', {
      subnetId: props.privateEndpointSubnetId,
      dnsZones: props.dnsZones,
      name: props.names.name('privateEndpoint', 'kv'),
    });
    // Created even without a CA, so the identity exists before the first policy update that uses it.
    this.firewallIdentity = new UserAssignedIdentity(this, 'FirewallPolicyIdentity', {
      resourceGroup: props.resourceGroup,
      name: props.names.name('userAssignedIdentity', 'afwp'),
      tags: props.tags,
    });

    if (props.tlsCertificateSecretId) {
      const secretName = secretNameOf(props.tlsCertificateSecretId, props.vaultName);
      this.tlsGrant = this.vault.grantSecretRead(secretName, this.firewallIdentity, 'FirewallPolicy');
      this.tlsInspection = {
        keyVaultSecretId: props.tlsCertificateSecretId,
        certificateName: secretName,
        identityId: this.firewallIdentity.identityId,
      };
    }
    sendDiagnostics(this, props.diagnostics);
  }

  /** The vault as a role scope, for operator grants. */
  public get scope(): IRoleScope {
    return this.vault;
  }
}

function secretNameOf(secretId: string, vaultName: string): string {
  const parsed = parseKeyVaultSecretId(secretId);
  if (!parsed) throw new Error(`PlatformKeyVault: '${secretId}' is not a Key Vault secret ID (https://<vault>.vault.azure.net/secrets/<name>[/<version>])`);
  if (parsed.vault !== vaultName) {
    throw new Error(`PlatformKeyVault: '${secretId}' is in vault '${parsed.vault}', but the firewall identity may read only '${vaultName}'; import the CA there`);
  }
  return parsed.secret;
}
