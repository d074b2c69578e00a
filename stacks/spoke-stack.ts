import { Construct } from 'constructs';
import { LandingZoneConfig, SpokeConfig } from '../config/schema';
import { portText } from '../config/spoke-plan';
import { spokeKeyVaultName } from '../config/spoke-plan';
import { UserAssignedIdentity } from '../constructs/access/user-assigned-identity';
import { KeyVault } from '../constructs/data/key-vault';
import { ThreeTierSpoke } from '../constructs/landing-zone/three-tier-spoke';
import { IPrivateDnsZoneLookup, PrivateDnsZoneLinks } from '../constructs/network/private-dns-zones';
import { TierFlow } from '../constructs/landing-zone/tier-security-rules';
import { SpokeTier } from '../lib/spoke-tiers';
import { ResourceGroup } from '../providers/azurerm';
import { Aspects, TerraformOutput } from '../providers/cdktf';
import { DiagnosticSettings } from '../aspects/diagnostic-settings';
import { VirtualNetworkFlowLog } from '../constructs/monitoring/virtual-network-flow-log';
import { ManagementReference } from './management-stack';
import { HubReference } from './connectivity-stack';
import { LandingZoneStack } from './landing-zone-stack';
import { firewallRoutedPrefixes, ResolvedFlow, resolvedFlows } from './spoke-flows';
import { spokeNamer } from './spoke-names';

/**
 * One workload spoke (`<env>-lz-<name>`): its own state, so a workload team deploys it without touching the hub's.
 * It holds both halves of the hub peering; when the spoke has its own subscription, the hub half uses a second
 * provider aliased `hub`.
 */
export class SpokeStack extends LandingZoneStack {
  public readonly spoke: ThreeTierSpoke;

  /**
   * @param management where diagnostics and the spoke's flow log go; without it (construct tests) the spoke sends none.
   */
  constructor(scope: Construct, config: LandingZoneConfig, spokeConfig: SpokeConfig, hub: HubReference, management?: ManagementReference) {
    super(scope, `lz-${spokeConfig.name}`, config, spokeConfig.subscriptionId);
    if (management) Aspects.of(this).add(new DiagnosticSettings(management));
    const { location } = config;
    const names = spokeNamer(config, spokeConfig.name);
    const resourceGroup = new ResourceGroup(this, 'ResourceGroup', { name: names.name('resourceGroup'), location });

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
        network: { kind: 'hub', virtualNetworkId: hub.virtualNetworkId, virtualNetworkName: hub.virtualNetworkName, resourceGroupName: hub.resourceGroupName, provider: hubProvider },
        firewallPrivateIp: hub.firewallPrivateIp,
        firewallSubnetPrefix: config.hub.subnets.AzureFirewallSubnet,
        bastionSubnetPrefix: config.hub.subnets.AzureBastionSubnet,
        dnsProxyEnabled: config.hub.firewall.dnsProxyEnabled,
        privateRanges: config.hub.firewall.privateRanges,
      },
      ingress: {
        sources: spokeConfig.ingress.sources ?? [config.hub.subnets.AzureFirewallSubnet],
        ports: spokeConfig.ingress.ports.map(portText),
      },
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

    if (management) {
      new VirtualNetworkFlowLog(this, 'FlowLog', {
        virtualNetworkId: this.spoke.network.virtualNetworkId,
        virtualNetworkName: names.name('virtualNetwork'),
        location: config.location,
        destination: management.flowLogs,
      });
    }

    // Private endpoints register in the hub's central zones; spokes resolve them through the firewall DNS proxy,
    // or, without it, through their own links to the zones.
    const dnsZones: IPrivateDnsZoneLookup = {
      zoneId: (zone) => {
        const id = hub.privateDnsZoneIds[zone];
        if (!id) throw new Error(`The hub hosts no private DNS zone ${zone}; add its service to hub.privateDns.services`);
        return id;
      },
    };
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
      const identity = new UserAssignedIdentity(this, 'WorkloadIdentity', { resourceGroup, name: names.name('userAssignedIdentity') });
      const vault = new KeyVault(this, 'KeyVault', { resourceGroup, name: spokeKeyVaultName(config, spokeConfig), tenantId: config.tenantId });
      vault.addPrivateEndpoint('PrivateEndpoint', {
        subnetId: this.spoke.network.subnet('privateEndpoints').id,
        dnsZones,
        name: names.name('privateEndpoint', 'kv'),
      });
      vault.grantSecretsRead(identity);
      new TerraformOutput(this, 'key_vault_uri', { value: vault.vaultUri, description: 'Workload Key Vault (private endpoint only)' });
      new TerraformOutput(this, 'workload_identity_id', { value: identity.identityId, description: 'Attach to the workload; it may read the vault secrets' });
      new TerraformOutput(this, 'workload_identity_client_id', { value: identity.clientId, description: 'AZURE_CLIENT_ID for the workload' });
    }

    new TerraformOutput(this, 'spoke_virtual_network_id', { value: this.spoke.network.virtualNetworkId, description: 'Spoke VNet resource ID' });
    for (const tier of this.spoke.network.tiers) {
      new TerraformOutput(this, `${tier.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_subnet_id`, { value: this.spoke.network.subnet(tier).id, description: `Subnet of the ${tier} tier` });
    }
  }
}
