import { Construct } from 'constructs';
import { applicationGatewaySubnetProblem } from '../../lib/application-gateway';
import { parseCidr } from '../../lib/cidr';
import { ResourceNamer } from '../../lib/naming';
import { throwIfProblems } from '../../lib/property-problems';
import { ORIGIN_TIERS, SpokeTier, TIER_NAME_SEGMENT } from '../../lib/spoke-tiers';
import { PolicySuppressions } from '../../lib/suppressions';
import { IResourceGroupRef } from '../interfaces';
import { HubNetworkRef, HubSpokePeering } from '../network/hub-spoke-peering';
import { NetworkSecurityGroup } from '../network/network-security-group';
import { IPrivateEndpointSubnet } from '../network/private-endpoint';
import { RouteTable } from '../network/route-table';
import { SpokeVirtualNetwork } from '../network/spoke-virtual-network';
import { TierFlow, tierSecurityRules } from './tier-security-rules';


/** Priorities of the rules opened for private endpoints (one per port, per direction). */
const ENDPOINT_RULE_PRIORITIES = { first: 130, last: 199 } as const;

/** HTTPS endpoints are called by every tier; other ports (SQL 1433, SMB 445, ...) are data access, for the app tiers only. */
const DATA_CLIENT_TIERS: readonly SpokeTier[] = ['app', 'appServiceIntegration'];

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
  /**
   * The web subnet is the dedicated subnet of an Application Gateway v2 (the workload's Internet edge). It gets
   * Azure's required NSG rules for the gateway (`ingress` are then the gateway's clients and listener ports) and its
   * own route table with 0.0.0.0/0 to the Internet, because Azure does not support a default route to a virtual
   * appliance on a v2 gateway subnet; private ranges still go to the firewall.
   * @default false
   */
  readonly webTierIsApplicationGateway?: boolean;
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
  /**
   * The private-endpoint subnet as a handle for `addPrivateEndpoint({ subnet })`: each endpoint placed there opens
   * its ports in the subnet's NSG (inbound) and in the calling tiers' NSGs (outbound), once per port.
   */
  public readonly privateEndpointSubnet: IPrivateEndpointSubnet;
  /** The route table of the Application Gateway subnet, when the web tier is one. */
  public readonly applicationGatewayRouteTable?: RouteTable;
  private readonly securityGroups = new Map<SpokeTier, NetworkSecurityGroup>();
  private readonly openedEndpointPorts = new Map<string, string>();

  constructor(scope: Construct, id: string, props: ThreeTierSpokeProps) {
    super(scope, id);
    const { names, hub } = props;
    const tiers = (Object.keys(props.subnets) as SpokeTier[]).filter((t) => props.subnets[t]);
    const gatewayInWeb = props.webTierIsApplicationGateway ?? false;
    if (gatewayInWeb) {
      const web = parseCidr(props.subnets.web);
      const problem = web.ok ? applicationGatewaySubnetProblem(web.cidr) : undefined;
      throwIfProblems('ThreeTierSpoke', props.workload, problem ? [problem] : []);
    }

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
      webTierIsApplicationGateway: gatewayInWeb,
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

    if (gatewayInWeb) {
      this.applicationGatewayRouteTable = new RouteTable(this, 'ApplicationGatewayRouteTable', {
        resourceGroup: props.resourceGroup,
        name: names.name('routeTable', 'agw'),
        bgpRoutePropagationEnabled: false,
        routes: [
          { name: 'default-to-internet', addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' },
          ...(props.routedPrefixes ?? []).map((r) => ({ name: r.name, addressPrefix: r.addressPrefix, nextHopType: 'VirtualAppliance' as const, nextHopIpAddress: hub.firewallPrivateIp })),
        ],
      });
      PolicySuppressions.of(this.network.subnet('web')).add({
        ruleId: 'ZT-NET-009',
        reason: 'Application Gateway v2 subnet: Azure does not support 0.0.0.0/0 to a virtual appliance there (gateway management fails); private ranges still go to the firewall and the WAF inspects inbound traffic',
      });
    }

    for (const tier of tiers) {
      const subnetId = this.network.subnet(tier).id;
      const nsg = new NetworkSecurityGroup(this, `${tier}Nsg`, {
        resourceGroup: props.resourceGroup,
        name: names.name('networkSecurityGroup', TIER_NAME_SEGMENT[tier]),
        rules: rules[tier],
      });
      nsg.associateWithSubnet('Association', subnetId);
      const table = tier === 'web' && this.applicationGatewayRouteTable ? this.applicationGatewayRouteTable : this.routeTable;
      table.associateWithSubnet(`${tier}Association`, subnetId);
      this.securityGroups.set(tier, nsg);
      if (tier === 'web' && gatewayInWeb) {
        PolicySuppressions.of(nsg).add({
          ruleId: 'ZT-NET-017',
          reason: 'Application Gateway v2 subnet: the WAF listeners are the Internet edge of this workload (Prevention mode), so the listener ports are open to the Internet on purpose; every other port stays denied',
        });
      }
    }

    this.peering = this.network.peerWithHub(hub.network, { useRemoteGateways: props.useRemoteGateways });
    const subnets = props.subnets;
    this.privateEndpointSubnet = {
      subnetId: this.network.subnet('privateEndpoints').id,
      allowEndpointPorts: (endpointName, ports) => this.openEndpointPorts(endpointName, ports, subnets),
    };
  }

  /** Opens each new port of an endpoint: inbound on the endpoint subnet from its client tiers, outbound on theirs. */
  private openEndpointPorts(endpointName: string, ports: readonly string[], subnets: ThreeTierSpokeProps['subnets']): void {
    for (const port of ports) {
      if (this.openedEndpointPorts.has(port)) continue;
      const priority = ENDPOINT_RULE_PRIORITIES.first + this.openedEndpointPorts.size;
      if (priority > ENDPOINT_RULE_PRIORITIES.last) {
        throw new Error(`ThreeTierSpoke: too many distinct private-endpoint ports (at most ${ENDPOINT_RULE_PRIORITIES.last - ENDPOINT_RULE_PRIORITIES.first + 1}); ${endpointName} needs ${port}`);
      }
      this.openedEndpointPorts.set(port, endpointName);
      const clients = ORIGIN_TIERS.filter((tier) => subnets[tier] && (port === '443' || DATA_CLIENT_TIERS.includes(tier)));
      const endpointPrefix = subnets.privateEndpoints;
      this.securityGroup('privateEndpoints').addRule({
        name: `AllowToPrivateEndpoints-${port}`,
        priority,
        direction: 'Inbound',
        access: 'Allow',
        protocol: 'Tcp',
        sourceAddresses: clients.map((tier) => subnets[tier] as string),
        destinationAddresses: [endpointPrefix],
        destinationPorts: [port],
        description: `Tiers that call the private endpoints on ${port}`,
      });
      for (const tier of clients) {
        this.securityGroup(tier).addRule({
          name: `AllowToPrivateEndpoints-${port}`,
          priority,
          direction: 'Outbound',
          access: 'Allow',
          protocol: 'Tcp',
          sourceAddresses: [subnets[tier] as string],
          destinationAddresses: [endpointPrefix],
          destinationPorts: [port],
          description: `To the private endpoints on ${port}`,
        });
      }
    }
  }

  /** The NSG of a tier, e.g. to add a rule for a workload-specific port. */
  public securityGroup(tier: SpokeTier): NetworkSecurityGroup {
    const nsg = this.securityGroups.get(tier);
    if (!nsg) throw new Error(`Spoke has no ${tier} subnet, so no ${tier} NSG; add subnets.${tier} to ThreeTierSpokeProps`);
    return nsg;
  }
}
