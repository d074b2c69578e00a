import { Construct } from 'constructs';
import { nameRuleProblem } from '../../lib/naming';
import { problemText } from '../../lib/property-problems';
import { APPLICATION_GATEWAY_SSL_POLICY } from '../../lib/application-gateway';
import { KEY_VAULT_SECRET_ID } from '../../lib/naming';
import { PolicySuppressions } from '../../lib/suppressions';
import { AzurermApplicationGateway, PublicIp } from '../../providers/azurerm';
import { Token } from '../../providers/cdktf';
import { DiagnosticsInput, IResourceGroupRef, ResourceLock, Tags } from '../interfaces';
import { sendDiagnostics } from '../diagnostic-settings';
import { defineResourceLock } from '../resource-lock';
import { IUserAssignedIdentityRef } from '../access/user-assigned-identity';
import { defineStandardPublicIp } from './public-ip';
import { WebApplicationFirewallPolicy } from './web-application-firewall-policy';


export interface ApplicationGatewayProps extends DiagnosticsInput {
  readonly resourceGroup: IResourceGroupRef;
  /** Gateway name, e.g. `agw-shop-prod-weu`; 1-80 letters, digits, underscores, periods and hyphens. */
  readonly name: string;
  /**
   * The gateway's dedicated subnet (nothing else may run in it; /24 recommended for v2's 125 instances, /26 holds
   * the autoscale maximum used here). Its NSG must let GatewayManager reach 65200-65535 and AzureLoadBalancer in,
   * and its route table must not send 0.0.0.0/0 to a virtual appliance (`ThreeTierSpoke` does both).
   */
  readonly subnetId: string;
  /** Reads the listener certificate from Key Vault (grant it `Key Vault Secrets User` on the secret). */
  readonly identity: IUserAssignedIdentityRef;
  /**
   * Key Vault secret ID of the listener certificate (PFX imported as a Key Vault certificate), without a version so
   * renewals are picked up: `https://<vault>.vault.azure.net/secrets/<name>`.
   */
  readonly certificateSecretId: string;
  /** Backend host names, reached over HTTPS: e.g. a web app's `defaultHostName`, resolved to its private endpoint. */
  readonly backendFqdns: readonly string[];
  /**
   * Public host name of the site (e.g. `shop.example.com`); the listeners then answer only for it (SNI).
   * @default - the listeners answer for any host name
   */
  readonly hostName?: string;
  /**
   * Send the client's Host header to the backend unchanged (host name preservation). The backend must then serve
   * `hostName` itself (for App Service: the custom domain bound to the app). Otherwise the gateway sends the
   * backend's own host name, which App Service always accepts.
   * @default false
   */
  readonly preserveHostName?: boolean;
  /**
   * Path the health probe requests over HTTPS; 200-399 means healthy.
   * @default '/'
   */
  readonly probePath?: string;
  /**
   * The WAF policy.
   * @default - a new WebApplicationFirewallPolicy (Prevention, Microsoft DRS 2.1, bot manager 1.1)
   */
  readonly wafPolicy?: WebApplicationFirewallPolicy;
  /**
   * Availability zones of the gateway and its public IP; pass `['1', '2', '3']` where the region has zones.
   * @default - none (regional)
   */
  readonly zones?: readonly string[];
  /**
   * Autoscale bounds (instances); at least 2 so one instance can fail or be patched.
   * @default { min: 2, max: 10 }
   */
  readonly capacity?: { readonly min: number; readonly max: number };
  /**
   * @default - the resource group's location
   */
  readonly location?: string;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
  /**
   * A management lock on the gateway (CanNotDelete: listener changes are updates).
   * @default - no lock
   */
  readonly lock?: ResourceLock;
}

/**
 * An Application Gateway WAF_v2 in front of an App Service: a WAF policy in Prevention mode attached to the gateway,
 * an HTTPS listener whose certificate comes from Key Vault through a user-assigned identity, HTTP permanently
 * redirected to HTTPS, the TLS 1.2+ predefined policy, HTTPS to the backend with a health probe, autoscaling and
 * zones where the region has them. Its public IP is the spoke's Internet edge, recorded as a suppression of
 * ZT-NET-013 (public IPs only at the hub edge).
 *
 * @resource azurerm_application_gateway, azurerm_public_ip
 */
export class ApplicationGateway extends Construct {
  public readonly applicationGatewayId: string;
  public readonly gatewayName: string;
  public readonly wafPolicy: WebApplicationFirewallPolicy;
  public readonly publicIp: PublicIp;
  public readonly resource: AzurermApplicationGateway;

  constructor(scope: Construct, id: string, props: ApplicationGatewayProps) {
    super(scope, id);
    const capacity = props.capacity ?? { min: 2, max: 10 };
    const problems = gatewayProblems(props, capacity);
    if (problems.length > 0) throw new Error(`ApplicationGateway '${props.name}': ${problems.join('; ')}`);
    const location = props.location ?? props.resourceGroup.location;

    this.wafPolicy =
      props.wafPolicy ??
      new WebApplicationFirewallPolicy(this, 'WafPolicy', { resourceGroup: props.resourceGroup, name: `waf-${props.name.replace(/^agw-/, '')}`, location, tags: props.tags });
    this.publicIp = defineStandardPublicIp(this, 'PublicIp', { resourceGroup: props.resourceGroup, name: `pip-${props.name}`, location, zones: props.zones });
    PolicySuppressions.of(this.publicIp).add({
      ruleId: 'ZT-NET-013',
      reason: 'Frontend of a WAF_v2 Application Gateway in Prevention mode: the workload Internet edge of the reference design (seed example)',
    });

    const preserve = props.preserveHostName ?? false;
    this.resource = new AzurermApplicationGateway(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location,
      zones: props.zones && props.zones.length > 0 ? [...props.zones] : undefined,
      sku: { name: 'WAF_v2', tier: 'WAF_v2' },
      autoscaleConfiguration: { minCapacity: capacity.min, maxCapacity: capacity.max },
      enableHttp2: true,
      firewallPolicyId: this.wafPolicy.policyId,
      forceFirewallPolicyAssociation: true,
      identity: { type: 'UserAssigned', identityIds: [props.identity.identityId] },
      sslPolicy: { ...APPLICATION_GATEWAY_SSL_POLICY },
      gatewayIpConfiguration: [{ name: 'gateway', subnetId: props.subnetId }],
      frontendIpConfiguration: [{ name: 'public', publicIpAddressId: this.publicIp.id }],
      frontendPort: [
        { name: 'https', port: 443 },
        { name: 'http', port: 80 },
      ],
      sslCertificate: [{ name: 'listener', keyVaultSecretId: props.certificateSecretId }],
      httpListener: [
        { name: 'https', frontendIpConfigurationName: 'public', frontendPortName: 'https', protocol: 'Https', sslCertificateName: 'listener', hostName: props.hostName, requireSni: props.hostName !== undefined },
        { name: 'http', frontendIpConfigurationName: 'public', frontendPortName: 'http', protocol: 'Http', hostName: props.hostName },
      ],
      redirectConfiguration: [{ name: 'http-to-https', redirectType: 'Permanent', targetListenerName: 'https', includePath: true, includeQueryString: true }],
      backendAddressPool: [{ name: 'app', fqdns: [...props.backendFqdns] }],
      probe: [
        {
          name: 'app-https',
          protocol: 'Https',
          path: props.probePath ?? '/',
          interval: 30,
          timeout: 30,
          unhealthyThreshold: 3,
          pickHostNameFromBackendHttpSettings: !preserve,
          host: preserve ? props.hostName : undefined,
          match: { statusCode: ['200-399'] },
        },
      ],
      backendHttpSettings: [
        {
          name: 'app-https',
          port: 443,
          protocol: 'Https',
          cookieBasedAffinity: 'Disabled',
          requestTimeout: 30,
          pickHostNameFromBackendAddress: !preserve,
          probeName: 'app-https',
        },
      ],
      requestRoutingRule: [
        { name: 'https-to-app', ruleType: 'Basic', priority: 100, httpListenerName: 'https', backendAddressPoolName: 'app', backendHttpSettingsName: 'app-https' },
        { name: 'http-redirect', ruleType: 'Basic', priority: 200, httpListenerName: 'http', redirectConfigurationName: 'http-to-https' },
      ],
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.applicationGatewayId = this.resource.id;
    this.gatewayName = props.name;
    defineResourceLock(this, this.resource.id, props.name, props.lock, 'listener and certificate updates');
    sendDiagnostics(this, props.diagnostics);
  }
}

function gatewayProblems(props: ApplicationGatewayProps, capacity: { min: number; max: number }): string[] {
  const problems: string[] = [];
  const name = nameRuleProblem('applicationGateway', props.name, 'Application Gateway');
  if (name) problems.push(`name ${problemText(name)}`);
  if (!Token.isUnresolved(props.subnetId) && !/\/subnets\/[^/]+$/i.test(props.subnetId)) problems.push(`subnetId '${props.subnetId}' is not a subnet ID; pass the gateway's dedicated subnet`);
  if (!Token.isUnresolved(props.certificateSecretId)) {
    const match = KEY_VAULT_SECRET_ID.exec(props.certificateSecretId);
    if (!match || match[3]) {
      problems.push(`certificateSecretId '${props.certificateSecretId}' is not a versionless Key Vault secret ID (https://<vault>.vault.azure.net/secrets/<name>); a versioned ID stops renewals from reaching the gateway`);
    }
  }
  if (props.backendFqdns.length === 0) problems.push('backendFqdns is empty; pass the web app default host name');
  if (!Number.isInteger(capacity.min) || !Number.isInteger(capacity.max) || capacity.min < 2 || capacity.max > 125 || capacity.min > capacity.max) {
    problems.push(`capacity ${capacity.min}-${capacity.max} must satisfy 2 <= min <= max <= 125`);
  }
  if (props.preserveHostName && !props.hostName) problems.push('preserveHostName needs hostName (the custom domain the backend serves)');
  if (props.probePath !== undefined && !props.probePath.startsWith('/')) problems.push(`probePath '${props.probePath}' must start with /`);
  return problems;
}
