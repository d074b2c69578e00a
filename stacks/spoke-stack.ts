import { Construct } from 'constructs';
import { LandingZoneConfig, SpokeConfig } from '../config/schema';
import { portText } from '../config/spoke-plan';
import { spokeKeyVaultName } from '../config/spoke-plan';
import { UserAssignedIdentity } from '../constructs/access/user-assigned-identity';
import { WebAppWorkload } from '../constructs/landing-zone/web-app-workload';
import { IPrivateEndpointSubnet } from '../constructs/network/private-endpoint';
import { azureRegion } from '../config/regions';
import { workloadZoneRedundant } from '../config/spoke-plan';
import { APPLICATION_GATEWAY_LISTENER_PORTS } from '../lib/application-gateway';
import { globallyUniqueName, ResourceNamer, storageAccountName } from '../lib/naming';
import { KeyVault } from '../constructs/data/key-vault';
import { AllowedTierFlow, FlowPorts, ThreeTierSpoke } from '../constructs/landing-zone/three-tier-spoke';
import { NetworkSecurityGroup } from '../constructs/network/network-security-group';
import { HubVirtualNetwork } from '../constructs/network/hub-virtual-network';
import { IPrivateDnsZoneLookup, PrivateDnsZoneLinks } from '../constructs/network/private-dns-zones';
import { TierFlow } from '../constructs/landing-zone/tier-security-rules';
import { OriginTier, SpokeTier, TargetTier } from '../lib/spoke-tiers';
import { ResourceGroup, Subnet } from '../providers/azurerm';
import { Aspects, TerraformOutput } from '../providers/cdktf';
import { DiagnosticSettings } from '../aspects/diagnostic-settings';
import { VirtualNetworkFlowLog } from '../constructs/monitoring/virtual-network-flow-log';
import { ManagementReference } from './management-stack';
import { HubReference } from './connectivity-stack';
import { LandingZoneStack, StackEnvironment } from './landing-zone-stack';
import { firewallRoutedPrefixes, ResolvedFlow, resolvedFlows } from './spoke-flows';
import { spokeNamer } from '../config/spoke-names';

/**
 * The config a spoke stack reads besides its own spoke: the environment, the hub's firewall and subnets (routes, NSG
 * sources, DNS), every spoke (flows between spokes name both ends) and the on-premises ranges (routes).
 */
export type SpokeStackConfig = StackEnvironment & Pick<LandingZoneConfig, 'hub' | 'spokes' | 'onPremisesAddressSpaces'>;

export interface SpokeStackProps {
  /** The environment's config (see `SpokeStackConfig` for what is read). */
  readonly config: SpokeStackConfig;
  /** This spoke's config (one of `config.spokes`). */
  readonly spoke: SpokeConfig;
  /** The hub to peer with: the connectivity stack's `hub`. */
  readonly hub: HubReference;
  /** Where diagnostics and the spoke's flow log go: the management stack's `management` (tests: test/fakes). */
  readonly management: ManagementReference;
}

/**
 * One workload spoke (`<env>-lz-<name>`): its own state, so a workload team deploys it without touching the hub's.
 * It holds both halves of the hub peering; when the spoke has its own subscription, the hub half uses a second
 * provider aliased `hub`. Everything a workload builds on is exposed: resource group, names, subnets and NSGs per
 * tier, `allowFlow` between tiers, the private DNS zones and endpoint subnet, the workload identity and vault, the
 * hub and the management workspace (see README "Extend").
 */
export class SpokeStack extends LandingZoneStack {
  public readonly spoke: ThreeTierSpoke;
  /** The spoke's resource group: where workload resources go. */
  public readonly resourceGroup: ResourceGroup;
  /** CAF names of the spoke's resources (`names.name('storageAccount')` ...). */
  public readonly names: ResourceNamer;
  /** The central private DNS zones, for `addPrivateEndpoint({ dnsZones })`. */
  public readonly dnsZones: IPrivateDnsZoneLookup;
  /** The private-endpoint subnet handle, for `addPrivateEndpoint({ subnet })`: endpoints open their own ports. */
  public readonly privateEndpointSubnet: IPrivateEndpointSubnet;
  /** The workload's managed identity (with `keyVault.enabled`). */
  public readonly workloadIdentity?: UserAssignedIdentity;
  /** The spoke's Key Vault (with `keyVault.enabled`). */
  public readonly keyVault?: KeyVault;
  /** The configured workload (with `workload` in the config). */
  public readonly workload?: WebAppWorkload;
  /** The hub this spoke is peered with (firewall IP, hub VNet, central DNS zone IDs). */
  public readonly hub: HubReference;
  /** The environment's management: `logAnalyticsWorkspaceId` for workload diagnostics, flow-log targets. */
  public readonly management: ManagementReference;

  constructor(scope: Construct, id: string, props: SpokeStackProps) {
    const { config, spoke: spokeConfig, hub, management } = props;
    super(scope, id, `lz-${spokeConfig.name}`, config, { subscriptionId: spokeConfig.subscriptionId });
    this.hub = hub;
    this.management = management;
    Aspects.of(this).add(new DiagnosticSettings(management));
    const { location } = config;
    const names = (this.names = spokeNamer(config, spokeConfig.name));
    const resourceGroup = (this.resourceGroup = new ResourceGroup(this, 'ResourceGroup', { name: names.name('resourceGroup'), location }));
    const workloadConfig = spokeConfig.workload;
    const gatewayIngress = workloadConfig?.ingress === 'appGateway';

    const crossSubscription = spokeConfig.subscriptionId !== undefined && spokeConfig.subscriptionId !== config.subscriptionId;
    const hubProvider = crossSubscription
      ? this.addAzurermProvider('azurerm-hub', config.subscriptionId, 'hub')
      : undefined;

    const flows = resolvedFlows(config);
    const tierFlow = (name: string, tier: SpokeTier, remotePrefix: string, f: ResolvedFlow): TierFlow => ({
      name,
      tier,
      remotePrefix,
      ports: f.ports,
      protocol: f.protocol,
    });

    this.spoke = new ThreeTierSpoke(this, 'Spoke', {
      resourceGroup,
      names,
      workload: spokeConfig.name,
      addressSpace: spokeConfig.addressSpace,
      subnets: spokeConfig.subnets,
      hub: {
        network: HubVirtualNetwork.fromExisting(this, 'HubNetwork', {
          virtualNetworkId: hub.virtualNetworkId,
          virtualNetworkName: hub.virtualNetworkName,
          resourceGroupName: hub.resourceGroupName,
          provider: hubProvider,
        }),
        firewallPrivateIp: hub.firewallPrivateIp,
        firewallSubnetPrefix: config.hub.subnets.AzureFirewallSubnet,
        bastionSubnetPrefix: config.hub.subnets.AzureBastionSubnet,
        dnsProxyEnabled: config.hub.firewall.dnsProxyEnabled,
        privateRanges: config.hub.firewall.privateRanges,
      },
      ingress: gatewayIngress
        ? { sources: workloadConfig.appGateway?.allowFrom ?? ['Internet'], ports: [...APPLICATION_GATEWAY_LISTENER_PORTS] }
        : { sources: spokeConfig.ingress.sources ?? [config.hub.subnets.AzureFirewallSubnet], ports: spokeConfig.ingress.ports.map(portText) },
      webTierIsApplicationGateway: gatewayIngress,
      ports: {
        app: spokeConfig.ports.app.map(portText),
        data: spokeConfig.ports.data.map(portText),
        privateEndpoints: spokeConfig.ports.privateEndpoints.map(portText),
      },
      routedPrefixes: firewallRoutedPrefixes(config),
      outboundFlows: flows.filter((f) => f.fromSpoke === spokeConfig.name).map((f) => tierFlow(f.name, f.fromTier, f.toPrefix, f)),
      inboundFlows: flows.filter((f) => f.toSpoke === spokeConfig.name).map((f) => tierFlow(`${f.fromSpoke}-${f.name}`, f.toTier, f.fromPrefix, f)),
      useRemoteGateways: spokeConfig.useRemoteGateways,
    });

    new VirtualNetworkFlowLog(this, 'FlowLog', {
      virtualNetworkId: this.spoke.network.virtualNetworkId,
      virtualNetworkName: names.name('virtualNetwork'),
      location: config.location,
      destination: management.flowLogs,
    });

    // Private endpoints register in the hub's central zones; spokes resolve them through the firewall DNS proxy,
    // or, without it, through their own links to the zones.
    const dnsZones: IPrivateDnsZoneLookup = (this.dnsZones = {
      zoneId: (zone) => {
        const id = hub.privateDnsZoneIds[zone];
        if (!id) throw new Error(`The hub hosts no private DNS zone ${zone}; add its service to hub.privateDns.services`);
        return id;
      },
    });
    this.privateEndpointSubnet = this.spoke.privateEndpointSubnet;
    if (!config.hub.firewall.dnsProxyEnabled) {
      new PrivateDnsZoneLinks(this, 'PrivateDnsLinks', {
        resourceGroupName: hub.privateDnsResourceGroupName,
        zoneNames: Object.keys(hub.privateDnsZoneIds),
        virtualNetworkName: names.name('virtualNetwork'),
        virtualNetworkId: this.spoke.network.virtualNetworkId,
        provider: hubProvider,
      });
    }

    if (spokeConfig.keyVault.enabled) {
      const identity = (this.workloadIdentity = new UserAssignedIdentity(this, 'WorkloadIdentity', { resourceGroup, name: names.name('userAssignedIdentity') }));
      const vault = (this.keyVault = new KeyVault(this, 'KeyVault', { resourceGroup, name: spokeKeyVaultName(config, spokeConfig), tenantId: config.tenantId }));
      vault.addPrivateEndpoint('PrivateEndpoint', {
        subnet: this.privateEndpointSubnet,
        dnsZones,
        name: names.name('privateEndpoint', 'kv'),
      });
      vault.grantSecretsRead(identity);
      new TerraformOutput(this, 'key_vault_uri', { value: vault.vaultUri, description: 'Workload Key Vault (private endpoint only)' });
      new TerraformOutput(this, 'workload_identity_id', { value: identity.identityId, description: 'Attach to the workload; it may read the vault secrets' });
      new TerraformOutput(this, 'workload_identity_client_id', { value: identity.clientId, description: 'AZURE_CLIENT_ID for the workload' });
    }

    if (workloadConfig && this.keyVault && this.workloadIdentity) {
      const global = { workload: spokeConfig.name, environment: config.environment, regionShortName: azureRegion(location).shortName, subscriptionId: spokeConfig.subscriptionId ?? config.subscriptionId };
      const workload = (this.workload = new WebAppWorkload(this, 'Workload', {
        resourceGroup,
        names,
        spoke: this.spoke,
        dnsZones,
        vault: this.keyVault,
        identity: this.workloadIdentity,
        tenantId: config.tenantId,
        zoneRedundant: workloadZoneRedundant(config, workloadConfig),
        webApp: { name: globallyUniqueName('webApp', global), skuName: workloadConfig.webApp.skuName, healthCheckPath: workloadConfig.webApp.healthCheckPath },
        appGateway: gatewayIngress && workloadConfig.appGateway ? workloadConfig.appGateway : undefined,
        sql: workloadConfig.sql && {
          serverName: globallyUniqueName('sqlServer', global),
          databaseName: workloadConfig.sql.databaseName,
          skuName: workloadConfig.sql.skuName,
          entraAdministrator: { loginName: workloadConfig.sql.entraAdminGroup.name, objectId: workloadConfig.sql.entraAdminGroup.objectId },
        },
        storage: workloadConfig.storage && {
          name: storageAccountName({ purpose: spokeConfig.name, environment: config.environment, regionShortName: global.regionShortName, subscriptionId: global.subscriptionId }),
          containers: workloadConfig.storage.containers,
          access: workloadConfig.storage.access,
        },
      }));
      new TerraformOutput(this, 'web_app_default_host_name', { value: workload.webApp.defaultHostName, description: 'Backend host name (private endpoint only)' });
      if (workload.applicationGateway) {
        new TerraformOutput(this, 'application_gateway_public_ip', { value: workload.applicationGateway.publicIp.ipAddress, description: 'Point the site DNS record here' });
      }
      if (workload.database) {
        new TerraformOutput(this, 'sql_contained_user_script', {
          value: workload.database.containedUserScript(this.workloadIdentity.identityName),
          description: 'Run once as a member of the SQL Entra admin group: lets the workload identity into the database without a password',
        });
      }
    }

    new TerraformOutput(this, 'spoke_virtual_network_id', { value: this.spoke.network.virtualNetworkId, description: 'Spoke VNet resource ID' });
    for (const tier of this.spoke.network.tiers) {
      new TerraformOutput(this, `${tier.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_subnet_id`, { value: this.spoke.network.subnet(tier).id, description: `Subnet of the ${tier} tier` });
    }
  }
  /** The subnet of a tier (`subnet('app').id` ...); throws when the spoke has no such tier. */
  public subnet(tier: SpokeTier): Subnet {
    return this.spoke.network.subnet(tier);
  }

  /** The NSG of a tier, e.g. to add a deny rule; to open a flow between tiers use `allowFlow`. */
  public securityGroup(tier: SpokeTier): NetworkSecurityGroup {
    return this.spoke.securityGroup(tier);
  }

  /**
   * Lets tier `from` reach tier `to` on `ports`: both NSG rules at an allocated priority, recorded for the intent
   * check (`ThreeTierSpoke.allowFlow`).
   */
  public allowFlow(from: OriginTier, to: TargetTier, ports: FlowPorts): AllowedTierFlow {
    return this.spoke.allowFlow(from, to, ports);
  }
}
