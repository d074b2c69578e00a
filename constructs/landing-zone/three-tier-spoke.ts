import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import { applicationGatewaySubnetProblem } from '../../lib/application-gateway';
import { parseCidr } from '../../lib/cidr';
import { recordDeclaredFlow } from '../../lib/declared-flows';
import { ResourceNamer } from '../../lib/naming';
import { throwIfProblems } from '../../lib/property-problems';
import { ORIGIN_TIERS, OriginTier, SPOKE_TIERS, SpokeTier, TARGET_TIERS, TargetTier, TIER_NAME_SEGMENT } from '../../lib/spoke-tiers';
import { PolicySuppressions } from '../../lib/suppressions';
import { DiagnosticsInput, IResourceGroupRef, ResourceLock, Tags } from '../interfaces';
import { sendDiagnostics } from '../diagnostic-settings';
import { HubSpokePeering } from '../network/hub-spoke-peering';
import { IHubNetwork } from '../network/hub-virtual-network';
import { NetworkSecurityGroup } from '../network/network-security-group';
import { IPrivateEndpointSubnet } from '../network/private-endpoint';
import { RouteTable } from '../network/route-table';
import { SpokeVirtualNetwork } from '../network/spoke-virtual-network';
import { TierFlow, tierSecurityRules } from './tier-security-rules';


/** Priorities of the rules opened for private endpoints (one per port, per direction). */
const ENDPOINT_RULE_PRIORITIES = { first: 130, last: 199 } as const;

/**
 * Priorities `allowFlow` takes its rules from: after every baseline allow rule of the tiers (100-400), before the
 * deny rules (`DenyPrivateOutbound` 4000, `DenyAll*` 4096), so a declared flow is never shadowed by them.
 */
export const FLOW_RULE_PRIORITIES = { first: 500, last: 3999 } as const;

/** HTTPS endpoints are called by every tier; other ports (SQL 1433, SMB 445, ...) are data access, for the app tiers only. */
const DATA_CLIENT_TIERS: readonly SpokeTier[] = ['app', 'appServiceIntegration'];

/**
 * The ports of a flow between tiers: one port (`8443`) or range (`'8000-8100'`) over TCP, or a list with a protocol.
 */
export type FlowPorts = number | string | { readonly ports: readonly (number | string)[]; readonly protocol?: 'Tcp' | 'Udp' };

/** A flow `allowFlow` opened: both rules, at one priority. */
export interface AllowedTierFlow {
  readonly from: OriginTier;
  readonly to: TargetTier;
  /** Ports or ranges as written into the rules, e.g. `['8443']`. */
  readonly ports: readonly string[];
  readonly protocol: 'Tcp' | 'Udp';
  /** The priority of both rules (outbound on `from`'s NSG, inbound on `to`'s). */
  readonly priority: number;
  /** Name of the outbound rule on the source tier's NSG. */
  readonly outboundRuleName: string;
  /** Name of the inbound rule on the destination tier's NSG. */
  readonly inboundRuleName: string;
}

/** What a spoke needs to know about the hub. */
export interface SpokeHubContext {
  /** The hub VNet to peer with: `HubVirtualNetwork` or `HubVirtualNetwork.fromExisting`. */
  readonly network: IHubNetwork;
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

export interface ThreeTierSpokeProps extends DiagnosticsInput {
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
  /**
   * Tags for every resource the construct defines (AVM: tags propagate to child and cross-referenced resources).
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
  /**
   * A management lock on the spoke VNet (Azure applies it to its subnets).
   * @default - no lock
   */
  readonly lock?: ResourceLock;
}

/**
 * A Zero Trust workload spoke: VNet with web, app, data and private-endpoint subnets (plus an optional App Service
 * integration subnet), an NSG with deny-by-default tier rules on every subnet, one route table on every subnet
 * sending 0.0.0.0/0 and every other private destination to the hub firewall (BGP propagation off), and the
 * hub peering. It cannot peer with another spoke. More tier-to-tier ports are opened with `allowFlow` (both sides).
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
  /** The spoke's name (workload), e.g. `shop`. */
  public readonly workload: string;
  /** Subnet name per tier present (e.g. `snet-web-shop-dev-weu`): what the flow verifier and `npm run flows` use. */
  public readonly subnetNames: Readonly<Partial<Record<SpokeTier, string>>>;
  private readonly securityGroups = new Map<SpokeTier, NetworkSecurityGroup>();
  private readonly openedEndpointPorts = new Map<string, string>();
  private readonly flows: AllowedTierFlow[] = [];
  private readonly subnetPrefixes: ThreeTierSpokeProps['subnets'];

  constructor(scope: Construct, id: string, props: ThreeTierSpokeProps) {
    super(scope, id);
    const { names, hub } = props;
    const tiers = (Object.keys(props.subnets) as SpokeTier[]).filter((t) => props.subnets[t]);
    this.workload = props.workload;
    this.subnetPrefixes = props.subnets;
    this.subnetNames = Object.fromEntries(tiers.map((tier) => [tier, names.name('subnet', TIER_NAME_SEGMENT[tier])]));
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
      subnets: tiers.map((tier) => ({ tier, name: this.subnetNames[tier] as string, addressPrefix: props.subnets[tier] as string })),
      dnsServers: hub.dnsProxyEnabled ? [hub.firewallPrivateIp] : undefined,
      tags: props.tags,
      lock: props.lock,
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
      tags: props.tags,
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
        tags: props.tags,
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
        tags: props.tags,
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
    sendDiagnostics(this, props.diagnostics);
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

  /**
   * Lets `from` reach `to` on `ports`, writing both sides: an outbound allow on `from`'s NSG (ahead of its
   * `DenyPrivateOutbound`) and an inbound allow on `to`'s NSG (ahead of its `DenyAllInbound`), at the lowest priority
   * free on both within `FLOW_RULE_PRIORITIES`, so the result depends only on the order of calls. The flow is recorded
   * in the stack's JSON, so the intent check (`npm run flows -- --check`, the synth gate) proves it allowed. Asking for
   * the same flow again returns the first one.
   *
   *     spoke.allowFlow('web', 'app', 8443);
   *     spoke.allowFlow('app', 'data', { ports: ['5432'], protocol: 'Tcp' });
   *
   * Throws when a tier is unknown or absent, the tiers are the same, a port is not 1-65535, or no priority is free.
   */
  public allowFlow(from: OriginTier, to: TargetTier, ports: FlowPorts): AllowedTierFlow {
    const where = `ThreeTierSpoke '${this.workload}': allowFlow(${String(from)}, ${String(to)})`;
    const { list, protocol: requested } = normaliseFlowPorts(ports);
    const problems = [
      ...tierProblems('from', from, ORIGIN_TIERS, 'tiers that originate traffic', this.subnetNames),
      ...tierProblems('to', to, TARGET_TIERS, 'tiers that accept traffic', this.subnetNames),
      ...(from === to ? [`from and to are both '${from}'; traffic inside a tier never crosses its NSG boundary, so there is nothing to allow`] : []),
      ...list.problems,
      ...(requested !== 'Tcp' && requested !== 'Udp' ? [`protocol must be 'Tcp' or 'Udp', got ${JSON.stringify(requested)}`] : []),
    ];
    if (problems.length > 0) throw new Error(`${where}: ${problems.join('; ')}`);
    const protocol = requested as 'Tcp' | 'Udp';

    const existing = this.flows.find((f) => f.from === from && f.to === to && f.protocol === protocol && f.ports.join(',') === list.ports.join(','));
    if (existing) return existing;

    const source = this.securityGroup(from);
    const destination = this.securityGroup(to);
    const taken = new Set([
      ...source.securityRules.filter((r) => r.direction === 'Outbound').map((r) => r.priority),
      ...destination.securityRules.filter((r) => r.direction === 'Inbound').map((r) => r.priority),
    ]);
    let priority: number = FLOW_RULE_PRIORITIES.first;
    while (taken.has(priority)) priority++;
    if (priority > FLOW_RULE_PRIORITIES.last) {
      throw new Error(`${where}: no priority between ${FLOW_RULE_PRIORITIES.first} and ${FLOW_RULE_PRIORITIES.last} is free on both the ${from} NSG (outbound) and the ${to} NSG (inbound); merge flows into fewer rules (one allowFlow may list several ports)`);
    }

    const fromPrefix = this.subnetPrefixes[from] as string;
    const toPrefix = this.subnetPrefixes[to];
    const key = flowRuleKey(from, to, protocol, list.ports);
    const flow: AllowedTierFlow = { from, to, ports: list.ports, protocol, priority, outboundRuleName: `AllowTierOut-${key}`, inboundRuleName: `AllowTierIn-${key}` };
    const common = { priority, access: 'Allow', protocol, sourceAddresses: [fromPrefix], destinationAddresses: [toPrefix], destinationPorts: list.ports, description: `Tier flow ${from} -> ${to} (allowFlow)` } as const;
    source.addRule({ ...common, name: flow.outboundRuleName, direction: 'Outbound' });
    destination.addRule({ ...common, name: flow.inboundRuleName, direction: 'Inbound' });
    this.flows.push(flow);
    recordDeclaredFlow(this, {
      spoke: this.workload,
      fromTier: from,
      toTier: to,
      fromSubnet: this.subnetNames[from] as string,
      toSubnet: this.subnetNames[to] as string,
      ports: list.ports,
      protocol,
    });
    return flow;
  }

  /** The flows `allowFlow` opened, in call order. */
  public get allowedFlows(): readonly AllowedTierFlow[] {
    return [...this.flows];
  }

  /**
   * The NSG of a tier, e.g. to add a deny or a rule to a destination outside the spoke. A flow between two tiers
   * needs rules on both NSGs: use `allowFlow`, which writes both and tells the intent check.
   */
  public securityGroup(tier: SpokeTier): NetworkSecurityGroup {
    const nsg = this.securityGroups.get(tier);
    if (!nsg) throw new Error(`Spoke has no ${tier} subnet, so no ${tier} NSG; add subnets.${tier} to ThreeTierSpokeProps`);
    return nsg;
  }
}

/** Problems with one end of a flow: not a tier, not a tier of that kind, or absent from this spoke. */
function tierProblems(end: 'from' | 'to', tier: string, allowed: readonly string[], kind: string, present: Readonly<Partial<Record<SpokeTier, string>>>): string[] {
  if (!(SPOKE_TIERS as readonly string[]).includes(tier)) return [`${end} '${tier}' is not a spoke tier (${SPOKE_TIERS.join(', ')})`];
  if (!allowed.includes(tier)) return [`${end} '${tier}' is not one of the ${kind} (${allowed.join(', ')})`];
  if (!present[tier as SpokeTier]) return [`this spoke has no ${tier} subnet`];
  return [];
}

/** The ports as rule text (`'8443'`, `'8000-8100'`) with their problems, and the protocol (default TCP). */
function normaliseFlowPorts(ports: FlowPorts): { list: { ports: string[]; problems: string[] }; protocol: string } {
  const spec = typeof ports === 'object' ? ports : { ports: [ports], protocol: 'Tcp' as const };
  const problems: string[] = [];
  if (spec.ports.length === 0) problems.push('ports is empty; name at least one port');
  const texts = spec.ports.map((port) => {
    const text = String(port).trim();
    const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
    const low = Number(match?.[1]);
    const high = match?.[2] === undefined ? low : Number(match[2]);
    if (!match || low < 1 || high > 65535 || low > high) problems.push(`port ${JSON.stringify(port)} is not a port 1-65535 or a range low-high (use one allowFlow per purpose; '*' is never a flow)`);
    return text;
  });
  return { list: { ports: [...new Set(texts)].sort(comparePorts), problems }, protocol: spec.protocol ?? 'Tcp' };
}

function comparePorts(a: string, b: string): number {
  return Number(a.split('-')[0]) - Number(b.split('-')[0]) || a.localeCompare(b);
}

/** `web-to-app-Tcp-8443_8444`: a rule name part that is stable per flow; hashed when Azure's 80 characters would not hold it. */
function flowRuleKey(from: string, to: string, protocol: string, ports: readonly string[]): string {
  const key = `${from}-to-${to}-${protocol}-${ports.join('_')}`;
  if (key.length <= 60) return key;
  return `${from}-to-${to}-${protocol}-${createHash('sha256').update(ports.join(',')).digest('hex').slice(0, 12)}`;
}
