import { Construct, IConstruct } from 'constructs';
import { keyVaultProblems } from '../../lib/key-vault-rules';
import { PrivateLinkService } from '../../lib/private-link-zones';
import { throwIfProblems } from '../../lib/property-problems';
import { parseResourceId } from '../../lib/resource-id';
import { AzurermKeyVault, MonitorDiagnosticSetting } from '../../providers/azurerm';
import { isDiagnosticsConfigured } from '../../lib/diagnostics';
import { assertGrantIdFree, grantIdOf } from '../access/grant-id';
import { IPrincipal, IRoleScope, RoleAssignment } from '../access/role-assignment';
import { DiagnosticsInput, IDiagnosticsDestination, IResourceGroupRef, ResourceLock, Tags } from '../interfaces';
import { defineDiagnosticSettings, sendDiagnostics } from '../diagnostic-settings';
import { defineResourceLock } from '../resource-lock';
import { IPrivateLinkTarget, PrivateEndpoint, PrivateEndpointOptions } from '../network/private-endpoint';

export interface KeyVaultProps extends DiagnosticsInput {
  readonly resourceGroup: IResourceGroupRef;
  /**
   * Globally unique vault name: 3-24 letters, digits and hyphens, starting with a letter, ending with a letter or
   * digit, no consecutive hyphens (`keyVaultProblems`).
   */
  readonly name: string;
  /** Entra ID tenant of the vault. */
  readonly tenantId: string;
  /**
   * `premium` keeps keys in HSMs.
   * @default 'premium'
   */
  readonly sku?: 'standard' | 'premium';
  /**
   * Days a deleted vault or object can be recovered (7-90). Purge protection is always on.
   * @default 90
   */
  readonly softDeleteRetentionDays?: number;
  /**
   * Public network access. Only `false` is accepted: the vault is reached through its private endpoint.
   * @default false
   */
  readonly publicNetworkAccessEnabled?: false;
  /**
   * Let trusted Microsoft services (e.g. Azure Firewall Premium reading its TLS inspection CA) through the network
   * ACL. They still need an RBAC role.
   * @default false
   */
  readonly allowTrustedMicrosoftServices?: boolean;
  /**
   * @default - the resource group's location
   */
  readonly location?: string;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
  /**
   * A management lock on the vault (purge protection already keeps deleted secrets recoverable).
   * @default - no lock
   */
  readonly lock?: ResourceLock;
}

/** A Key Vault, owned by this app or imported with `KeyVault.fromKeyVaultId`: both grant access the same way. */
export interface IKeyVault extends IRoleScope, IPrivateLinkTarget, IConstruct {
  readonly keyVaultId: string;
  readonly vaultName: string;
  /** `https://<name>.vault.azure.net/` */
  readonly vaultUri: string;
  /** Read secrets (Key Vault Secrets User) on the whole vault. */
  grantSecretsRead(principal: IPrincipal, id?: string): RoleAssignment;
  /** Read one secret (Key Vault Secrets User scoped to that secret): the narrowest grant. */
  grantSecretRead(secretName: string, principal: IPrincipal, id?: string): RoleAssignment;
  /** Create and update secrets (Key Vault Secrets Officer). */
  grantSecretsManage(principal: IPrincipal, id?: string): RoleAssignment;
  /** Use keys for cryptographic operations (Key Vault Crypto User). */
  grantCryptoUse(principal: IPrincipal, id?: string): RoleAssignment;
  /** Wrap and unwrap keys for customer-managed encryption (Key Vault Crypto Service Encryption User). */
  grantEncryptionKeyUse(principal: IPrincipal, id?: string): RoleAssignment;
  /** Read certificates (Key Vault Certificate User). */
  grantCertificatesRead(principal: IPrincipal, id?: string): RoleAssignment;
  /** Manage certificates (Key Vault Certificates Officer). */
  grantCertificatesManage(principal: IPrincipal, id?: string): RoleAssignment;
}

/** Options of `KeyVault.fromKeyVaultId`. */
export interface KeyVaultImportOptions {
  /**
   * The vault's URI, for clouds other than Azure public.
   * @default - `https://<name>.vault.azure.net/`
   */
  readonly vaultUri?: string;
}

/**
 * The grants of owned and imported vaults. Each grant is a role assignment (child of `Grants`) whose construct ID is
 * `<Grant>-<principal>`, derived by `grantIdOf` so two principals never collide; pass `id` to choose it.
 */
abstract class KeyVaultBase extends Construct implements IKeyVault {
  public abstract readonly keyVaultId: string;
  public abstract readonly vaultName: string;
  public abstract readonly vaultUri: string;
  public abstract readonly scopeId: string;
  public readonly scopeLevel = 'resource' as const;
  public readonly resourceType = 'Microsoft.KeyVault/vaults';
  public readonly privateLinkService: PrivateLinkService = 'keyVault';
  public abstract readonly privateLinkResourceId: string;
  protected abstract readonly grantsScope: Construct;

  public grantSecretsRead(principal: IPrincipal, id = grantIdOf(this, principal)): RoleAssignment {
    return this.grant(`SecretsRead-${id}`, 'Key Vault Secrets User', principal, this);
  }

  public grantSecretRead(secretName: string, principal: IPrincipal, id = grantIdOf(this, principal)): RoleAssignment {
    if (!/^[0-9A-Za-z-]{1,127}$/.test(secretName)) throw new Error(`KeyVault.grantSecretRead: '${secretName}' is not a secret name (1-127 letters, digits, hyphens)`);
    return this.grant(`SecretRead-${secretName}-${id}`, 'Key Vault Secrets User', principal, { scopeId: `${this.keyVaultId}/secrets/${secretName}`, scopeLevel: 'resource' });
  }

  public grantSecretsManage(principal: IPrincipal, id = grantIdOf(this, principal)): RoleAssignment {
    return this.grant(`SecretsManage-${id}`, 'Key Vault Secrets Officer', principal, this);
  }

  public grantCryptoUse(principal: IPrincipal, id = grantIdOf(this, principal)): RoleAssignment {
    return this.grant(`CryptoUse-${id}`, 'Key Vault Crypto User', principal, this);
  }

  public grantEncryptionKeyUse(principal: IPrincipal, id = grantIdOf(this, principal)): RoleAssignment {
    return this.grant(`EncryptionKeyUse-${id}`, 'Key Vault Crypto Service Encryption User', principal, this);
  }

  public grantCertificatesRead(principal: IPrincipal, id = grantIdOf(this, principal)): RoleAssignment {
    return this.grant(`CertificatesRead-${id}`, 'Key Vault Certificate User', principal, this);
  }

  public grantCertificatesManage(principal: IPrincipal, id = grantIdOf(this, principal)): RoleAssignment {
    return this.grant(`CertificatesManage-${id}`, 'Key Vault Certificates Officer', principal, this);
  }

  private grant(id: string, role: RoleAssignment['role'], principal: IPrincipal, scope: IRoleScope): RoleAssignment {
    assertGrantIdFree(this.grantsScope, id, `KeyVault '${this.vaultName}'`);
    return new RoleAssignment(this.grantsScope, id, { scope, role, principal, description: `${role} on ${this.vaultName}` });
  }
}

/**
 * A Key Vault for secrets, keys and certificates: Azure RBAC authorization (no access policies), purge protection,
 * 90-day soft delete, no public network access, network ACLs default `Deny`. Access is granted with the `grant...`
 * methods, each a role assignment scoped to this vault (or one secret) with the least-privileged built-in role.
 *
 * @resource azurerm_key_vault
 */
export class KeyVault extends KeyVaultBase {
  /**
   * An existing vault (e.g. the tenant's), from its resource ID; no provider call, so synth stays offline. Grants
   * work on it as on an owned vault; for a private endpoint use `PrivateEndpoint.forTarget(scope, id, vault, ...)`.
   * Throws when the ID is not a `Microsoft.KeyVault/vaults` ID.
   */
  public static fromKeyVaultId(scope: Construct, id: string, keyVaultId: string, options: KeyVaultImportOptions = {}): IKeyVault {
    const parsed = parseResourceId(keyVaultId, 'Microsoft.KeyVault/vaults', `KeyVault.fromKeyVaultId('${id}')`);
    return new ImportedKeyVault(scope, id, keyVaultId, parsed.name, options.vaultUri ?? `https://${parsed.name}.vault.azure.net/`);
  }

  public readonly keyVaultId: string;
  public readonly vaultName: string;
  public readonly vaultUri: string;
  public readonly scopeId: string;
  public readonly privateLinkResourceId: string;
  protected readonly grantsScope: Construct;
  private readonly resourceGroup: IResourceGroupRef;
  private readonly tags?: Tags;
  private readonly vaultResource: AzurermKeyVault;

  constructor(scope: Construct, id: string, props: KeyVaultProps) {
    super(scope, id);
    throwIfProblems('KeyVault', props.name, keyVaultProblems(props));

    const vault = new AzurermKeyVault(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      tenantId: props.tenantId,
      skuName: props.sku ?? 'premium',
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: props.softDeleteRetentionDays ?? 90,
      publicNetworkAccessEnabled: false,
      networkAcls: { defaultAction: 'Deny', bypass: props.allowTrustedMicrosoftServices ? 'AzureServices' : 'None' },
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.vaultResource = vault;
    this.keyVaultId = vault.id;
    this.vaultName = props.name;
    this.vaultUri = vault.vaultUri;
    this.scopeId = vault.id;
    this.privateLinkResourceId = vault.id;
    this.resourceGroup = props.resourceGroup;
    this.tags = props.tags;
    this.grantsScope = new Construct(this, 'Grants');
    defineResourceLock(this, vault.id, props.name, props.lock);
    sendDiagnostics(this, props.diagnostics);
  }

  /** Connects the vault to a subnet through a private endpoint whose DNS record lands in the central zone. */
  public addPrivateEndpoint(id: string, options: PrivateEndpointOptions): PrivateEndpoint {
    return PrivateEndpoint.forTarget(this, id, this, options, { resourceGroup: this.resourceGroup, name: `pe-${this.vaultName}`, tags: this.tags });
  }

  /**
   * Sends every log category and all metrics to the workspace (once per vault), like the `diagnostics` prop: the
   * stack's `DiagnosticSettings` aspect then adds none.
   */
  public sendDiagnosticsTo(destination: IDiagnosticsDestination): MonitorDiagnosticSetting {
    if (isDiagnosticsConfigured(this.vaultResource)) throw new Error(`KeyVault '${this.vaultName}' already sends diagnostics to a workspace`);
    const [setting] = defineDiagnosticSettings(this.vaultResource, destination);
    return setting!;
  }
}

/** A vault this app does not manage: grants only (its settings, endpoints and diagnostics belong to its owner). */
class ImportedKeyVault extends KeyVaultBase {
  public readonly scopeId: string;
  public readonly privateLinkResourceId: string;
  protected readonly grantsScope: Construct;

  constructor(
    scope: Construct,
    id: string,
    public readonly keyVaultId: string,
    public readonly vaultName: string,
    public readonly vaultUri: string,
  ) {
    super(scope, id);
    this.scopeId = keyVaultId;
    this.privateLinkResourceId = keyVaultId;
    this.grantsScope = new Construct(this, 'Grants');
  }
}

export { keyVaultProblems } from '../../lib/key-vault-rules';
