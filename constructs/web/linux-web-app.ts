import { Construct } from 'constructs';
import { nameRuleProblem } from '../../lib/naming';
import { problemText } from '../../lib/property-problems';
import { PrivateLinkService } from '../../lib/private-link-zones';
import { AzurermLinuxWebApp, LinuxWebAppSiteConfigApplicationStack } from '../../providers/azurerm';
import { Token } from '../../providers/cdktf';
import { IPrincipal } from '../access/role-assignment';
import { IUserAssignedIdentityRef } from '../access/user-assigned-identity';
import { DiagnosticsInput, ResourceLock, Tags } from '../interfaces';
import { sendDiagnostics } from '../diagnostic-settings';
import { defineResourceLock } from '../resource-lock';
import { IPrivateLinkTarget, PrivateEndpoint, PrivateEndpointOptions } from '../network/private-endpoint';
import { AppServicePlan } from './app-service-plan';

export interface LinuxWebAppProps extends DiagnosticsInput {
  readonly plan: AppServicePlan;
  /** Globally unique app name (`<name>.azurewebsites.net`), 2-60 letters, digits and hyphens. */
  readonly name: string;
  /**
   * The subnet delegated to `Microsoft.Web/serverFarms` (a spoke's `appServiceIntegration` tier). All outbound traffic
   * takes it (`vnet_route_all_enabled`), so the spoke's routes send it through the firewall and private endpoints
   * are reachable.
   */
  readonly virtualNetworkSubnetId: string;
  /**
   * The app's identity, also used to resolve Key Vault references. Its client ID is set as `AZURE_CLIENT_ID`.
   * @default - a system-assigned identity
   */
  readonly identity?: IUserAssignedIdentityRef;
  /**
   * Runtime, e.g. `{ dotnetVersion: '8.0' }` or `{ dockerImageName: 'shop/web:1.4', dockerRegistryUrl: 'https://acr.example' }`.
   * @default { dotnetVersion: '8.0' }
   */
  readonly applicationStack?: LinuxWebAppSiteConfigApplicationStack;
  /**
   * App settings. Secrets go to Key Vault and appear here only as references (`LinuxWebApp.keyVaultReference`);
   * a literal value that looks like a secret is refused.
   * @default - none besides AZURE_CLIENT_ID
   */
  readonly appSettings?: Readonly<Record<string, string>>;
  /**
   * Path App Service probes to take unhealthy instances out of rotation.
   * @default - no health check
   */
  readonly healthCheckPath?: string;
  /**
   * Public network access. Only `false` is accepted: the app is reached through its private endpoint (by the
   * Application Gateway).
   * @default false
   */
  readonly publicNetworkAccessEnabled?: false;
  /**
   * @default - the plan's location
   */
  readonly location?: string;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
  /**
   * A management lock on the web app (CanNotDelete: deployments and slot swaps are updates).
   * @default - no lock
   */
  readonly lock?: ResourceLock;
}

/**
 * A Linux web app: HTTPS only, TLS 1.2 minimum (site and SCM), FTP and basic-auth publishing off, remote debugging
 * off, no public network access (inbound through its private endpoint only), regional VNet integration with all
 * outbound traffic routed into the spoke, a managed identity for everything it calls, and Key Vault references for
 * secret settings.
 *
 * @resource azurerm_linux_web_app
 */
export class LinuxWebApp extends Construct implements IPrivateLinkTarget {
  /** An app setting value that App Service resolves from Key Vault with the app's identity. */
  public static keyVaultReference(vaultUri: string, secretName: string): string {
    if (!/^[0-9A-Za-z-]{1,127}$/.test(secretName)) throw new Error(`LinuxWebApp.keyVaultReference: '${secretName}' is not a secret name (1-127 letters, digits, hyphens)`);
    const base = Token.isUnresolved(vaultUri) || vaultUri.endsWith('/') ? vaultUri : `${vaultUri}/`;
    return `@Microsoft.KeyVault(SecretUri=${base}secrets/${secretName})`;
  }

  public readonly webAppId: string;
  public readonly webAppName: string;
  /** `<name>.azurewebsites.net`: the Application Gateway's backend, resolved to the private endpoint. */
  public readonly defaultHostName: string;
  /** Who the app is, for `grant...` methods of the resources it uses. */
  public readonly principal: IPrincipal;
  public readonly privateLinkService: PrivateLinkService = 'appService';
  public readonly privateLinkResourceId: string;
  public readonly resource: AzurermLinuxWebApp;
  private readonly plan: AppServicePlan;
  private readonly tags?: Tags;

  constructor(scope: Construct, id: string, props: LinuxWebAppProps) {
    super(scope, id);
    const problems = webAppProblems(props);
    if (problems.length > 0) throw new Error(`LinuxWebApp '${props.name}': ${problems.join('; ')}`);
    const identity = props.identity;
    this.resource = new AzurermLinuxWebApp(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.plan.resourceGroup.name,
      location: props.location ?? props.plan.resourceGroup.location,
      servicePlanId: props.plan.servicePlanId,
      httpsOnly: true,
      publicNetworkAccessEnabled: false,
      clientAffinityEnabled: false,
      ftpPublishBasicAuthenticationEnabled: false,
      webdeployPublishBasicAuthenticationEnabled: false,
      virtualNetworkSubnetId: props.virtualNetworkSubnetId,
      identity: identity ? { type: 'UserAssigned', identityIds: [identity.identityId] } : { type: 'SystemAssigned' },
      keyVaultReferenceIdentityId: identity?.identityId,
      appSettings: { ...(identity ? { AZURE_CLIENT_ID: identity.clientId } : {}), ...props.appSettings },
      siteConfig: {
        alwaysOn: true,
        minimumTlsVersion: '1.2',
        scmMinimumTlsVersion: '1.2',
        ftpsState: 'Disabled',
        remoteDebuggingEnabled: false,
        vnetRouteAllEnabled: true,
        ipRestrictionDefaultAction: 'Deny',
        scmIpRestrictionDefaultAction: 'Deny',
        healthCheckPath: props.healthCheckPath,
        healthCheckEvictionTimeInMin: props.healthCheckPath ? 5 : undefined,
        applicationStack: props.applicationStack ?? { dotnetVersion: '8.0' },
      },
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.webAppId = this.resource.id;
    this.webAppName = props.name;
    this.defaultHostName = this.resource.defaultHostname;
    this.privateLinkResourceId = this.resource.id;
    this.principal = identity ?? { principalId: this.resource.identity.principalId, principalType: 'ServicePrincipal' };
    this.plan = props.plan;
    this.tags = props.tags;
    defineResourceLock(this, this.resource.id, props.name, props.lock, 'deployments and slot swaps');
    sendDiagnostics(this, props.diagnostics);
  }

  /** Connects the app (sub-resource `sites`, HTTPS) to a subnet through a private endpoint: its only way in. */
  public addPrivateEndpoint(id: string, options: PrivateEndpointOptions): PrivateEndpoint {
    return PrivateEndpoint.forTarget(this, id, this, options, { resourceGroup: this.plan.resourceGroup, name: `pe-${this.webAppName}`, tags: this.tags });
  }
}

/** Setting names whose literal values would be secrets. */
const SECRET_NAME = /(password|secret|connectionstring|apikey|api_key|accountkey|sas)/i;

function webAppProblems(props: LinuxWebAppProps): string[] {
  const problems: string[] = [];
  const name = nameRuleProblem('webApp', props.name, 'web app');
  if (name) problems.push(`name ${problemText(name)}`);
  if (!Token.isUnresolved(props.virtualNetworkSubnetId) && !/\/subnets\/[^/]+$/i.test(props.virtualNetworkSubnetId)) {
    problems.push(`virtualNetworkSubnetId '${props.virtualNetworkSubnetId}' is not a subnet ID; pass the spoke's appServiceIntegration subnet`);
  }
  for (const [name, value] of Object.entries(props.appSettings ?? {})) {
    if (SECRET_NAME.test(name) && !Token.isUnresolved(value) && !value.startsWith('@Microsoft.KeyVault(')) {
      problems.push(`appSettings.${name} looks like a secret; store it in Key Vault and pass LinuxWebApp.keyVaultReference(vault.vaultUri, '<secret>')`);
    }
  }
  if (props.healthCheckPath !== undefined && !props.healthCheckPath.startsWith('/')) problems.push(`healthCheckPath '${props.healthCheckPath}' must start with /`);
  if ((props.publicNetworkAccessEnabled as boolean | undefined) === true) {
    problems.push('publicNetworkAccessEnabled: true is not allowed; publish the app through the Application Gateway and addPrivateEndpoint');
  }
  return problems;
}
