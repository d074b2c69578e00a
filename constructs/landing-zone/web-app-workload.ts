import { Construct } from 'constructs';
import { ResourceNamer } from '../../lib/naming';
import { IUserAssignedIdentityRef, UserAssignedIdentity } from '../access/user-assigned-identity';
import { IKeyVault } from '../data/key-vault';
import { SqlDatabase, SqlEntraAdministrator, SqlServer } from '../data/sql-server';
import { StorageAccount } from '../data/storage-account';
import { DiagnosticsInput, IResourceGroupRef, Tags } from '../interfaces';
import { sendDiagnostics } from '../diagnostic-settings';
import { ApplicationGateway } from '../network/application-gateway';
import { IPrivateDnsZoneLookup } from '../network/private-dns-zones';
import { terraformAddress } from '../network/terraform-address';
import { AppServicePlan } from '../web/app-service-plan';
import { LinuxWebApp } from '../web/linux-web-app';
import { ThreeTierSpoke } from './three-tier-spoke';

export interface WebAppWorkloadProps extends DiagnosticsInput {
  readonly resourceGroup: IResourceGroupRef;
  /** CAF names of the spoke (`asp-`, `agw-`, `id-agw-`, `waf-` ...). */
  readonly names: ResourceNamer;
  /** The spoke it runs in: App Gateway in the web subnet, app integration subnet, endpoints in the PE subnet. */
  readonly spoke: ThreeTierSpoke;
  readonly dnsZones: IPrivateDnsZoneLookup;
  /** The spoke's vault (owned, or imported with `KeyVault.fromKeyVaultId`): app secrets and the gateway's listener certificate. */
  readonly vault: IKeyVault;
  /** The app's identity: it reads the vault's secrets and gets the data roles. */
  readonly identity: IUserAssignedIdentityRef;
  /** Entra ID tenant of the SQL admin group. */
  readonly tenantId: string;
  /** Spread gateway, plan and database over availability zones. */
  readonly zoneRedundant: boolean;
  readonly webApp: { readonly name: string; readonly skuName: string; readonly healthCheckPath?: string };
  /**
   * The Application Gateway in front of the app.
   * @default - none: the web tier is published another way (firewall DNAT)
   */
  readonly appGateway?: { readonly certificateSecretName: string; readonly hostName?: string };
  /**
   * An Azure SQL server and database.
   * @default - none
   */
  readonly sql?: { readonly serverName: string; readonly databaseName: string; readonly skuName: string; readonly entraAdministrator: SqlEntraAdministrator };
  /**
   * A blob storage account.
   * @default - none
   */
  readonly storage?: { readonly name: string; readonly containers: readonly string[]; readonly access: 'read' | 'write' };
  /**
   * Tags for every resource the construct defines (AVM: tags propagate to child and cross-referenced resources).
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
}

/**
 * The seed article's reference workload in one spoke: an Application Gateway WAF_v2 in front of a Linux web app that
 * has no public access (reached through its private endpoint), talks to Azure SQL and Storage through their private
 * endpoints with its managed identity, and reads its secrets (and the gateway its certificate) from the spoke's vault.
 * Each endpoint opens exactly its ports in the spoke's NSGs.
 */
export class WebAppWorkload extends Construct {
  public readonly plan: AppServicePlan;
  public readonly webApp: LinuxWebApp;
  public readonly applicationGateway?: ApplicationGateway;
  public readonly sqlServer?: SqlServer;
  public readonly database?: SqlDatabase;
  public readonly storage?: StorageAccount;

  constructor(scope: Construct, id: string, props: WebAppWorkloadProps) {
    super(scope, id);
    const { names, spoke, dnsZones, resourceGroup, tags } = props;
    const endpoints = { subnet: spoke.privateEndpointSubnet, dnsZones };
    const zones = props.zoneRedundant ? ['1', '2', '3'] : undefined;

    let settings: Record<string, string> = {};
    if (props.sql) {
      this.sqlServer = new SqlServer(this, 'SqlServer', { resourceGroup, name: props.sql.serverName, entraAdministrator: props.sql.entraAdministrator, tenantId: props.tenantId, tags });
      this.sqlServer.addPrivateEndpoint('PrivateEndpoint', { ...endpoints, name: names.name('privateEndpoint', 'sql') });
      this.database = this.sqlServer.addDatabase('Database', { name: props.sql.databaseName, skuName: props.sql.skuName, zoneRedundant: props.zoneRedundant });
      // Entra authentication with the app's identity: no password anywhere.
      settings = {
        ...settings,
        SQL_CONNECTION_STRING: `Server=tcp:${this.sqlServer.fullyQualifiedDomainName},1433;Database=${props.sql.databaseName};Authentication=Active Directory Managed Identity;User Id=${props.identity.clientId};Encrypt=True`,
      };
    }
    if (props.storage) {
      const storage = (this.storage = new StorageAccount(this, 'Storage', { resourceGroup, name: props.storage.name, replication: props.zoneRedundant ? 'ZRS' : 'LRS', tags }));
      storage.addPrivateEndpoint('BlobEndpoint', { ...endpoints, subresource: 'blob', name: names.name('privateEndpoint', 'blob') });
      for (const container of props.storage.containers) storage.addContainer(container);
      if (props.storage.access === 'read') storage.grantBlobRead(props.identity, { id: 'app' });
      else storage.grantBlobWrite(props.identity, { id: 'app' });
      settings = { ...settings, STORAGE_BLOB_ENDPOINT: storage.primaryBlobEndpoint };
    }

    this.plan = new AppServicePlan(this, 'Plan', { resourceGroup, name: names.name('appServicePlan'), skuName: props.webApp.skuName, zoneRedundant: props.zoneRedundant, tags });
    this.webApp = new LinuxWebApp(this, 'WebApp', {
      plan: this.plan,
      name: props.webApp.name,
      virtualNetworkSubnetId: spoke.network.subnet('appServiceIntegration').id,
      identity: props.identity,
      healthCheckPath: props.webApp.healthCheckPath,
      appSettings: settings,
      tags,
    });
    this.webApp.addPrivateEndpoint('PrivateEndpoint', { ...endpoints, name: names.name('privateEndpoint', 'app') });

    if (props.appGateway) {
      const gatewayIdentity = new UserAssignedIdentity(this, 'GatewayIdentity', { resourceGroup, name: names.name('userAssignedIdentity', 'agw'), tags });
      const certificateRead = props.vault.grantSecretRead(props.appGateway.certificateSecretName, gatewayIdentity, 'ApplicationGateway');
      this.applicationGateway = new ApplicationGateway(this, 'ApplicationGateway', {
        resourceGroup,
        name: names.name('applicationGateway'),
        subnetId: spoke.network.subnet('web').id,
        identity: gatewayIdentity,
        certificateSecretId: `${props.vault.vaultUri}secrets/${props.appGateway.certificateSecretName}`,
        hostName: props.appGateway.hostName,
        backendFqdns: [this.webApp.defaultHostName],
        probePath: props.webApp.healthCheckPath,
        zones,
        tags,
      });
      // The gateway fails to provision while it cannot read its certificate.
      this.applicationGateway.resource.dependsOn = [terraformAddress(certificateRead.resource)];
    }
    sendDiagnostics(this, props.diagnostics);
  }
}
