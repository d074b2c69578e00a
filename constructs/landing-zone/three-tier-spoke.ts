import { Construct } from 'constructs';
import { ResourceNamer } from '../../lib/naming';
import { SpokeTier, TIER_NAME_SEGMENT } from '../../lib/spoke-tiers';
import { IResourceGroupRef } from '../interfaces';
import { HubNetworkRef, HubSpokePeering } from '../network/hub-spoke-peering';
import { NetworkSecurityGroup } from '../network/network-security-group';
import { RouteTable } from '../network/route-table';
import { SpokeVirtualNetwork } from '../network/spoke-virtual-network';
import { TierFlow, tierSecurityRules } from './tier-security-rules';

/** What a spoke needs to know about the hub. */
export interface SpokeHubContext {
  /** The hub VNet to peer with. */
  readonly network: HubNetworkRef;
  /** Next hop of every spoke route, and the spoke's DNS server when `dnsProxyEnabled`. */
  readonly firewallPrivateIp: string;
  readonly firewallSubnetPrefix: string;
  readonly bastionSubnetPrefix: string;
  readonly dnsProxyEnabled: boolean;
  /** Ranges the firewall treats as private; spoke NSGs deny them unless a rule allows. */
  readonly privateRanges: readonly string[];
}

/** A prefix that must be reached through the firewall (another spoke, on-premises). */
export interface RoutedPrefix {
  /** Route name, e.g. `private-range-0`. */
  readonly name: string;
  readonly addressPrefix: string;
}

export interface ThreeTierSpokeProps {
  readonly resourceGroup: IResourceGroupRef;
  /** Builds CAF names for the spoke's resources (workload = spoke name). */
  readonly names: ResourceNamer;
  /** Spoke name, e.g. `shop`. */
  readonly workload: string;
  readonly addressSpace: readonly string[];
  /** Tier prefixes; `appServiceIntegration` only when wanted. */
  readonly subnets: Readonly<Partial<Record<SpokeTier, string>>> & { readonly web: string; readonly app: string; readonly data: string; readonly privateEndpoints: string };
  readonly hub: SpokeHubContext;
  readonly ingress: { readonly sources: readonly string[]; readonly ports: readonly string[] };
  readonly ports: { readonly app: readonly string[]; readonly data: readonly string[]; readonly privateEndpoints: readonly string[] };
  /**
   * Prefixes routed to the firewall besides 0.0.0.0/0, e.g. the private ranges that hold the other spokes and
   * on-premises, so cross-spoke traffic never depends on the default route.
   * @default - none
   */
  readonly routedPrefixes?: readonly RoutedPrefix[];
  /**
   * Flows this spoke opens to other spokes (through the firewall).
   * @default - none
   */
  readonly outboundFlows?: readonly TierFlow[];
  /**
   * Flows other spokes open to this spoke (through the firewall).
   * @default - none
   */
  readonly inboundFlows?: readonly TierFlow[];
  /**
   * Use the hub's VPN/ExpressRoute gateway.
   * @default false
   */
  readonly useRemoteGateways?: boolean;
}

/**
 * A Zero Trust workload spoke: VNet with web, app, data and private-endpoint subnets (plus an optional App Service
 * integration subnet), an NSG with deny-by-default tier rules on every subnet, one route table on every subnet
 * sending 0.0.0.0/0 and every other private destination to the hub firewall (BGP propagation off), and the
 * hub peering. It cannot peer with another spoke.
 */
export class ThreeTierSpoke extends Construct {
  public readonly network: SpokeVirtualNetwork;
  public readonly routeTable: RouteTable;
  public readonly peering: HubSpokePeering;
  private readonly securityGroups = new Map<SpokeTier, NetworkSecurityGroup>();

  constructor(scope: Construct, id: string, props: ThreeTierSpokeProps) {
    super(scope, id);
    const { names, hub } = props;
    const tiers = (Object.keys(props.subnets) as SpokeTier[]).filter((t) => props.subnets[t]);

    this.network = new SpokeVirtualNetwork(this, 'Network', {
      resourceGroup: props.resourceGroup,
      name: names.name('virtualNetwork'),
      workload: props.workload,
      addressSpace: props.addressSpace,
      subnets: tiers.map((tier) => ({ tier, name: names.name('subnet', TIER_NAME_SEGMENT[tier]), addressPrefix: props.subnets[tier] as string })),
      dnsServers: hub.dnsProxyEnabled ? [hub.firewallPrivateIp] : undefined,
    });

    const rules = tierSecurityRules({
      subnets: props.subnets,
      ingress: props.ingress,
      ports: props.ports,
      bastionSubnetPrefix: hub.bastionSubnetPrefix,
      dnsProxySubnetPrefix: hub.dnsProxyEnabled ? hub.firewallSubnetPrefix : undefined,
      privateRanges: hub.privateRanges,
      outboundFlows: props.outboundFlows ?? [],
      inboundFlows: props.inboundFlows ?? [],
    });

    this.routeTable = new RouteTable(this, 'RouteTable', {
      resourceGroup: props.resourceGroup,
      name: names.name('routeTable'),
      bgpRoutePropagationEnabled: false,
      routes: [
        { name: 'default-via-firewall', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: hub.firewallPrivateIp },
        ...(props.routedPrefixes ?? []).map((r) => ({
          name: r.name,
          addressPrefix: r.addressPrefix,
          nextHopType: 'VirtualAppliance' as const,
          nextHopIpAddress: hub.firewallPrivateIp,
        })),
      ],
    });

    for (const tier of tiers) {
      const subnetId = this.network.subnet(tier).id;
      const nsg = new NetworkSecurityGroup(this, `${tier}Nsg`, {
        resourceGroup: props.resourceGroup,
        name: names.name('networkSecurityGroup', TIER_NAME_SEGMENT[tier]),
        rules: rules[tier],
      });
      nsg.associateWithSubnet('Association', subnetId);
      this.routeTable.associateWithSubnet(`${tier}Association`, subnetId);
      this.securityGroups.set(tier, nsg);
    }

    this.peering = this.network.peerWithHub(hub.network, { useRemoteGateways: props.useRemoteGateways });
  }

  /** The NSG of a tier, e.g. to add a rule for a workload-specific port. */
  public securityGroup(tier: SpokeTier): NetworkSecurityGroup {
    const nsg = this.securityGroups.get(tier);
    if (!nsg) throw new Error(`Spoke has no ${tier} subnet, so no ${tier} NSG; add subnets.${tier} to ThreeTierSpokeProps`);
    return nsg;
  }
}
