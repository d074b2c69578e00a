import { Construct } from 'constructs';
import { availabilityZonesOf, azureRegion } from '../config/regions';
import { LandingZoneConfig } from '../config/schema';
import { AzureFirewall } from '../constructs/network/azure-firewall';
import { BastionHost } from '../constructs/network/bastion-host';
import { FirewallPolicy } from '../constructs/network/firewall-policy';
import { HubVirtualNetwork } from '../constructs/network/hub-virtual-network';
import { RouteTable } from '../constructs/network/route-table';
import { PlatformKeyVault } from '../constructs/landing-zone/platform-key-vault';
import { platformPrivateEndpointRules } from '../constructs/landing-zone/tier-security-rules';
import { NetworkSecurityGroup } from '../constructs/network/network-security-group';
import { PrivateDnsZones } from '../constructs/network/private-dns-zones';
import { PrivateEndpoint } from '../constructs/network/private-endpoint';
import { terraformAddress } from '../constructs/network/terraform-address';
import { platformKeyVaultName } from '../config/plan';
import { PrivateLinkService, privateDnsZonesOfServices } from '../lib/private-link-zones';
import { ResourceNamer } from '../lib/naming';
import { NetworkDdosProtectionPlan, ResourceGroup } from '../providers/azurerm';
import { Aspects, TerraformOutput } from '../providers/cdktf';
import { DiagnosticSettings } from '../aspects/diagnostic-settings';
import { VirtualNetworkFlowLog } from '../constructs/monitoring/virtual-network-flow-log';
import { ManagementReference } from './management-stack';
import { firewallRuleCollectionGroups } from './firewall-rules';
import { PolicySuppressions } from '../lib/suppressions';
import { LandingZoneStack, StackEnvironment } from './landing-zone-stack';

/**
 * What other stacks of the environment (spokes, management) need from the hub; values are cross-stack tokens. A spoke
 * peers with `HubVirtualNetwork.fromExisting(...)` of these values (the hub type is nominal, not this record).
 */
export interface HubReference {
  readonly resourceGroupName: string;
  readonly virtualNetworkId: string;
  readonly virtualNetworkName: string;
  readonly addressSpace: readonly string[];
  /** Next hop for spoke routes, and the spokes' DNS server when the DNS proxy is on. */
  readonly firewallPrivateIp: string;
  readonly firewallPolicyId: string;
  /** Central private DNS zone IDs by zone name, for spoke private endpoints. */
  readonly privateDnsZoneIds: Readonly<Record<string, string>>;
  readonly privateDnsResourceGroupName: string;
}

/**
 * The config the connectivity stack reads: the environment, its `hub`, the spokes (firewall rules, gateway routes)
 * and the on-premises ranges.
 */
export type ConnectivityStackConfig = StackEnvironment & Pick<LandingZoneConfig, 'hub' | 'spokes' | 'onPremisesAddressSpaces'>;

export interface ConnectivityStackProps {
  /** The environment's config (see `ConnectivityStackConfig` for what is read). */
  readonly config: ConnectivityStackConfig;
  /** Where diagnostics and the hub's flow log go: the management stack's `management` (tests: test/fakes). */
  readonly management: ManagementReference;
}

/**
 * The hub of an environment: hub VNet, Azure Firewall Premium with its policy and the rule collection groups that
 * config allows (platform egress, spoke egress, spoke-to-spoke flows), Bastion and DDoS protection. Exposes its
 * resources for teams that add to the hub (a rule collection group, a private DNS zone link).
 */
export class ConnectivityStack extends LandingZoneStack {
  /** What spokes need from the hub (cross-stack references). */
  public readonly hub: HubReference;
  /** The hub resource group (`rg-hub-<env>-<region>`), also holding the central private DNS zones. */
  public readonly resourceGroup: ResourceGroup;
  /** The hub VNet and its subnets. */
  public readonly network: HubVirtualNetwork;
  public readonly firewall: AzureFirewall;
  /** The firewall policy: `addRuleCollectionGroup` for workload rules. */
  public readonly firewallPolicy: FirewallPolicy;
  /** The central private DNS zones (`zoneId(zone)` for private endpoints). */
  public readonly privateDnsZones: PrivateDnsZones;
  /** The platform Key Vault (TLS inspection CA) and the firewall policy's identity. */
  public readonly platformKeyVault: PlatformKeyVault;
  public readonly bastion: BastionHost;

  constructor(scope: Construct, id: string, props: ConnectivityStackProps) {
    const { config, management } = props;
    super(scope, id, 'connectivity', config);
    Aspects.of(this).add(new DiagnosticSettings(management));
    const { hub, location } = config;
    const names = new ResourceNamer({ workload: 'hub', environment: config.environment, regionShortName: azureRegion(location).shortName });
    const zones = availabilityZonesOf(location);

    const resourceGroup = (this.resourceGroup = new ResourceGroup(this, 'ResourceGroup', { name: names.name('resourceGroup'), location }));

    // Config guarantees planResourceId only comes with enabled: link it, or create a plan, or (dev) go without.
    const ddosProtectionPlanId = !hub.ddosProtection.enabled
      ? undefined
      : (hub.ddosProtection.planResourceId ??
        new NetworkDdosProtectionPlan(this, 'DdosProtectionPlan', {
          name: names.name('ddosProtectionPlan'),
          resourceGroupName: resourceGroup.name,
          location,
        }).id);

    if (!hub.firewall.dnsProxyEnabled) {
      PolicySuppressions.of(this).add({
        ruleId: 'ZT-NET-025',
        reason: 'hub.firewall.dnsProxyEnabled is false in config (synth warns): spokes link the private DNS zones themselves and FQDN network rules are not used',
      });
    }
    if (!hub.ddosProtection.enabled) {
      PolicySuppressions.of(this).add({ ruleId: 'ZT-NET-040', reason: 'hub.ddosProtection.enabled is false in config (synth warns): infrastructure-level protection only' });
    }

    const network = (this.network = new HubVirtualNetwork(this, 'HubNetwork', {
      resourceGroup,
      name: names.name('virtualNetwork'),
      addressSpace: hub.addressSpace,
      subnets: hub.subnets,
      privateEndpointSubnet: { name: names.name('subnet', 'pe'), addressPrefix: hub.subnets.privateEndpoints },
      ddosProtectionPlanId,
    }));

    // Central private DNS: one zone per Private Link sub-resource, linked to the hub, where the firewall's DNS proxy
    // resolves for every spoke.
    const privateDns = (this.privateDnsZones = new PrivateDnsZones(this, 'PrivateDns', {
      resourceGroup,
      zones: privateDnsZonesOfServices(hub.privateDns.services as PrivateLinkService[]),
      virtualNetworks: [{ name: names.name('virtualNetwork'), id: network.virtualNetworkId }],
    }));

    const privateEndpointNsg = new NetworkSecurityGroup(this, 'PrivateEndpointNsg', {
      resourceGroup,
      name: names.name('networkSecurityGroup', 'pe'),
      rules: platformPrivateEndpointRules({
        subnetPrefix: hub.subnets.privateEndpoints,
        firewallSubnetPrefix: hub.subnets.AzureFirewallSubnet,
        onPremises: config.onPremisesAddressSpaces,
      }),
    });
    privateEndpointNsg.associateWithSubnet('Association', network.privateEndpointSubnet.id);

    const platformVault = (this.platformKeyVault = new PlatformKeyVault(this, 'PlatformKeyVault', {
      resourceGroup,
      names,
      vaultName: platformKeyVaultName(config),
      tenantId: config.tenantId,
      privateEndpointSubnetId: network.privateEndpointSubnet.id,
      dnsZones: privateDns,
      tlsCertificateSecretId: hub.firewall.tlsInspection.certificateSecretId,
    }));

    // Private telemetry: agents and analysts in the network reach the workspace through the Azure Monitor Private Link
    // Scope (management stack); the scope's zones are among the hub's central zones.
    if (management.monitorPrivateLinkScopeId) {
      new PrivateEndpoint(this, 'MonitorPrivateEndpoint', {
        resourceGroup,
        name: names.name('privateEndpoint', 'ampls'),
        subnetId: network.privateEndpointSubnet.id,
        targetResourceId: management.monitorPrivateLinkScopeId,
        service: 'azureMonitor',
        subresource: 'azuremonitor',
        dnsZones: privateDns,
      });
    }

    const policy = (this.firewallPolicy = new FirewallPolicy(this, 'FirewallPolicy', {
      resourceGroup,
      name: names.name('firewallPolicy'),
      tier: hub.firewall.tier,
      threatIntelligenceMode: hub.firewall.threatIntelMode,
      intrusionDetectionMode: hub.firewall.intrusionDetectionMode,
      privateRanges: hub.firewall.privateRanges,
      dnsProxyEnabled: hub.firewall.dnsProxyEnabled,
      dnsServers: hub.firewall.dnsServers.length > 0 ? hub.firewall.dnsServers : undefined,
      tlsInspection: platformVault.tlsInspection,
    }));
    if (!platformVault.tlsInspection) {
      PolicySuppressions.of(policy.resource).add({
        ruleId: 'ZT-NET-026',
        reason: 'TLS inspection waits for an intermediate CA imported out of band (hub.firewall.tlsInspection; synth warns until it is set)',
      });
    }
    // The policy reads the CA as soon as it references it: the identity's grant must exist first.
    if (platformVault.tlsGrant) policy.resource.dependsOn = [terraformAddress(platformVault.tlsGrant.resource)];

    const firewall = (this.firewall = new AzureFirewall(this, 'Firewall', {
      resourceGroup,
      name: names.name('firewall'),
      policy,
      subnetId: network.subnet('AzureFirewallSubnet').id,
      managementSubnetId: hub.firewall.forcedTunnelingEnabled ? network.subnet('AzureFirewallManagementSubnet').id : undefined,
      zones,
      publicIpName: names.name('publicIp', 'afw'),
      managementPublicIpName: names.name('publicIp', 'afw', 'mgmt'),
    }));

    for (const group of firewallRuleCollectionGroups(config, policy.tlsInspectionEnabled, firewall.publicIp.ipAddress)) policy.addRuleCollectionGroup(group.name, group);

    // On-premises traffic to the spokes is inspected too: the gateway sends spoke prefixes to the firewall. BGP
    // propagation stays on here because the gateway subnet needs its learned routes.
    if (network.hasSubnet('GatewaySubnet') && config.spokes.length > 0) {
      const gatewayRoutes = new RouteTable(this, 'GatewayRouteTable', {
        resourceGroup,
        name: names.name('routeTable', 'gw'),
        bgpRoutePropagationEnabled: true,
        routes: config.spokes.flatMap((spoke) =>
          spoke.addressSpace.map((prefix, i) => ({
            name: `to-spoke-${spoke.name}-${i}`,
            addressPrefix: prefix,
            nextHopType: 'VirtualAppliance' as const,
            nextHopIpAddress: firewall.privateIpAddress,
          })),
        ),
      });
      gatewayRoutes.associateWithSubnet('GatewaySubnetAssociation', network.subnet('GatewaySubnet').id);
    }

    this.bastion = new BastionHost(this, 'Bastion', {
      resourceGroup,
      name: names.name('bastionHost'),
      subnetId: network.subnet('AzureBastionSubnet').id,
      sku: hub.bastion.sku,
      scaleUnits: hub.bastion.scaleUnits,
      copyPasteEnabled: hub.bastion.copyPasteEnabled,
      fileCopyEnabled: hub.bastion.fileCopyEnabled,
      tunnelingEnabled: hub.bastion.tunnelingEnabled,
      sessionRecordingEnabled: hub.bastion.sessionRecordingEnabled,
      publicIpName: names.name('publicIp', 'bas'),
      networkSecurityGroupName: names.name('networkSecurityGroup', 'bas'),
    });

    new VirtualNetworkFlowLog(this, 'HubFlowLog', {
      virtualNetworkId: network.virtualNetworkId,
      virtualNetworkName: names.name('virtualNetwork'),
      location,
      destination: management.flowLogs,
    });

    this.hub = {
      resourceGroupName: resourceGroup.name,
      virtualNetworkId: network.virtualNetworkId,
      virtualNetworkName: network.virtualNetworkName,
      addressSpace: network.addressSpace,
      firewallPrivateIp: firewall.privateIpAddress,
      firewallPolicyId: policy.firewallPolicyId,
      privateDnsZoneIds: privateDns.zoneIds,
      privateDnsResourceGroupName: resourceGroup.name,
    };

    new TerraformOutput(this, 'hub_virtual_network_id', { value: network.virtualNetworkId, description: 'Hub VNet resource ID' });
    new TerraformOutput(this, 'firewall_private_ip', { value: firewall.privateIpAddress, description: 'Next hop for spoke routes' });
    new TerraformOutput(this, 'firewall_public_ip', { value: firewall.publicIp.ipAddress, description: 'Egress address to allow-list' });
    new TerraformOutput(this, 'platform_key_vault_uri', { value: platformVault.vault.vaultUri, description: 'Import the TLS inspection CA here (out of band)' });
    new TerraformOutput(this, 'firewall_policy_identity_principal_id', { value: platformVault.firewallIdentity.principalId, description: 'Identity that reads the TLS inspection CA' });
  }
}
