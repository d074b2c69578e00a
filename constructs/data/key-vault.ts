import { Construct } from 'constructs';
import { keyVaultProblems } from '../../lib/key-vault-rules';
import { PrivateLinkService } from '../../lib/private-link-zones';
import { throwIfProblems } from '../../lib/property-problems';
import { AzurermKeyVault, MonitorDiagnosticSetting } from '../../providers/azurerm';
import { markDiagnosticsConfigured } from '../../lib/diagnostics';
import { IPrincipal, IRoleScope, RoleAssignment } from '../access/role-assignment';
import { IDiagnosticsDestination, IResourceGroupRef, Tags } from '../interfaces';
import { IPrivateLinkTarget, PrivateEndpoint, PrivateEndpointOptions } from '../network/private-endpoint';

export interface KeyVaultProps {
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
}

/**
 * A Key Vault for secrets, keys and certificates: Azure RBAC authorization (no access policies), purge protection,
 * 90-day soft delete, no public network access, network ACLs default `Deny`. Access is granted with the `grant...`
 * methods, each a role assignment scoped to this vault (or one secret) with the least-privileged built-in role.
 *
 * @resource azurerm_key_vault
 */
export class KeyVault extends Construct implements IRoleScope, IPrivateLinkTarget {
  public readonly keyVaultId: string;
  public readonly vaultName: string;
  /** `https://<name>.vault.azure.net/` */
  public readonly vaultUri: string;
  public readonly scopeId: string;
  public readonly scopeLevel = 'resource' as const;
  public readonly resourceType = 'Microsoft.KeyVault/vaults';
  public readonly privateLinkService: PrivateLinkService = 'keyVault';
  public readonly privateLinkResourceId: string;
  private readonly resourceGroup: IResourceGroupRef;
  private readonly tags?: Tags;
  private readonly grantsScope: Construct;
  private diagnostics?: MonitorDiagnosticSetting;
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
  }

  /** Read secrets (Key Vault Secrets User) on the whole vault. */
  public grantSecretsRead(principal: IPrincipal, id = principalLabel(principal)): RoleAssignment {
    return this.grant(`SecretsRead-${id}`, 'Key Vault Secrets User', principal, this);
  }

  /** Read one secret (Key Vault Secrets User scoped to that secret): the narrowest grant. */
  public grantSecretRead(secretName: string, principal: IPrincipal, id = principalLabel(principal)): RoleAssignment {
    if (!/^[0-9A-Za-z-]{1,127}$/.test(secretName)) throw new Error(`KeyVault.grantSecretRead: '${secretName}' is not a secret name (1-127 letters, digits, hyphens)`);
    return this.grant(`SecretRead-${secretName}-${id}`, 'Key Vault Secrets User', principal, { scopeId: `${this.keyVaultId}/secrets/${secretName}`, scopeLevel: 'resource' });
  }

  /** Create and update secrets (Key Vault Secrets Officer), e.g. for a rotation job. */
  public grantSecretsManage(principal: IPrincipal, id = principalLabel(principal)): RoleAssignment {
    return this.grant(`SecretsManage-${id}`, 'Key Vault Secrets Officer', principal, this);
  }

  /** Use keys for cryptographic operations (Key Vault Crypto User). */
  public grantCryptoUse(principal: IPrincipal, id = principalLabel(principal)): RoleAssignment {
    return this.grant(`CryptoUse-${id}`, 'Key Vault Crypto User', principal, this);
  }

  /** Wrap and unwrap keys for customer-managed encryption (Key Vault Crypto Service Encryption User). */
  public grantEncryptionKeyUse(principal: IPrincipal, id = principalLabel(principal)): RoleAssignment {
    return this.grant(`EncryptionKeyUse-${id}`, 'Key Vault Crypto Service Encryption User', principal, this);
  }

  /** Read certificates (Key Vault Certificate User). */
  public grantCertificatesRead(principal: IPrincipal, id = principalLabel(principal)): RoleAssignment {
    return this.grant(`CertificatesRead-${id}`, 'Key Vault Certificate User', principal, this);
  }

  /** Manage certificates (Key Vault Certificates Officer), e.g. for an operator group. */
  public grantCertificatesManage(principal: IPrincipal, id = principalLabel(principal)): RoleAssignment {
    return this.grant(`CertificatesManage-${id}`, 'Key Vault Certificates Officer', principal, this);
  }

  /** Connects the vault to a subnet through a private endpoint whose DNS record lands in the central zone. */
  public addPrivateEndpoint(id: string, options: PrivateEndpointOptions): PrivateEndpoint {
    return new PrivateEndpoint(this, id, {
      resourceGroup: this.resourceGroup,
      name: options.name ?? `pe-${this.vaultName}`,
      subnetId: options.subnetId,
      subnet: options.subnet,
      targetResourceId: this.keyVaultId,
      service: this.privateLinkService,
      subresource: options.subresource ?? 'vault',
      dnsZones: options.dnsZones,
      tags: this.tags,
    });
  }

  /** Sends every log category and all metrics to the workspace (once per vault). */
  public sendDiagnosticsTo(destination: IDiagnosticsDestination): MonitorDiagnosticSetting {
    if (this.diagnostics) throw new Error(`KeyVault '${this.vaultName}' already sends diagnostics to a workspace`);
    this.diagnostics = new MonitorDiagnosticSetting(this, 'Diagnostics', {
      name: `diag-${this.vaultName}`,
      targetResourceId: this.keyVaultId,
      logAnalyticsWorkspaceId: destination.logAnalyticsWorkspaceId,
      enabledLog: [{ categoryGroup: 'allLogs' }],
      enabledMetric: [{ category: 'AllMetrics' }],
    });
    markDiagnosticsConfigured(this.vaultResource);
    return this.diagnostics;
  }

  private grant(id: string, role: RoleAssignment['role'], principal: IPrincipal, scope: IRoleScope): RoleAssignment {
    return new RoleAssignment(this.grantsScope, id, { scope, role, principal, description: `${role} on ${this.vaultName}` });
  }
}

function principalLabel(principal: IPrincipal): string {
  return principal instanceof Construct ? principal.node.id : principal.principalType;
}

export { keyVaultProblems } from '../../lib/key-vault-rules';
