/**
 * The NSG rules of a three-tier spoke, as data: web accepts the ingress ports from the configured ingress only, app
 * accepts its ports from web only, data from app only, private endpoints from the workload tiers only; management
 * ports only from Bastion; everything else explicitly denied. The explicit deny matters: with a 0.0.0.0/0 route Azure
 * widens the `VirtualNetwork` tag to every address, so the default `AllowVnetInBound` would let anything in.
 */
import { APPLICATION_GATEWAY_MANAGEMENT_PORTS } from '../../lib/application-gateway';
import { MANAGEMENT_PORTS, SpokeTier, WORKLOAD_TIERS } from '../../lib/spoke-tiers';
import { RuleProtocol, SecurityRule } from '../network/network-security-group';

/** A flow between spokes (through the firewall) as one side's NSG sees it. */
export interface TierFlow {
  /** Unique per spoke, e.g. `shop-to-crm-api`. */
  readonly name: string;
  /** The local tier (source for outbound, destination for inbound). */
  readonly tier: SpokeTier;
  /** The remote tier's prefix. */
  readonly remotePrefix: string;
  readonly ports: readonly string[];
  readonly protocol: Extract<RuleProtocol, 'Tcp' | 'Udp'>;
}

export interface TierSecurityRulesInput {
  /** Prefix per tier of this spoke (`appServiceIntegration` only when enabled). */
  readonly subnets: Readonly<Partial<Record<SpokeTier, string>>>;
  /** Who may reach the web tier, and on which ports. */
  readonly ingress: { readonly sources: readonly string[]; readonly ports: readonly string[] };
  readonly ports: { readonly app: readonly string[]; readonly data: readonly string[]; readonly privateEndpoints: readonly string[] };
  /** AzureBastionSubnet prefix: the only source of SSH/RDP. */
  readonly bastionSubnetPrefix: string;
  /** AzureFirewallSubnet prefix when the firewall is the spoke's DNS server (DNS proxy), else undefined. */
  readonly dnsProxySubnetPrefix?: string;
  /** Ranges no tier may reach unless a rule allows it (the firewall's private ranges). */
  readonly privateRanges: readonly string[];
  /** Flows this spoke opens to other spokes. */
  readonly outboundFlows: readonly TierFlow[];
  /** Flows other spokes open to this spoke. */
  readonly inboundFlows: readonly TierFlow[];
  /**
   * The web subnet hosts an Application Gateway v2 (and nothing else): it gets the inbound rules Azure requires for
   * the gateway instead of the VM rules (no Bastion management: nothing else may run in the subnet).
   * @default false
   */
  readonly webTierIsApplicationGateway?: boolean;
}

const DENY_ALL_PRIORITY = 4096;
const DENY_PRIVATE_OUTBOUND_PRIORITY = 4000;

/** The rules for every tier present in `input.subnets`. */
export function tierSecurityRules(input: TierSecurityRulesInput): Partial<Record<SpokeTier, SecurityRule[]>> {
  const { subnets } = input;
  const present = (Object.keys(subnets) as SpokeTier[]).filter((t) => subnets[t]);
  const prefix = (tier: SpokeTier): string => {
    const value = subnets[tier];
    if (!value) throw new Error(`tierSecurityRules: the spoke has no ${tier} subnet; add subnets.${tier} to the input`);
    return value;
  };
  const webSources = [prefix('web'), ...(subnets.appServiceIntegration ? [subnets.appServiceIntegration] : [])];
  const workloadSources = [...WORKLOAD_TIERS.map(prefix), ...(subnets.appServiceIntegration ? [subnets.appServiceIntegration] : [])];

  const result: Partial<Record<SpokeTier, SecurityRule[]>> = {};
  for (const tier of present) {
    const rules: SecurityRule[] = [];
    const inbound = (name: string, priority: number, sources: readonly string[], ports: readonly string[], protocol: RuleProtocol = 'Tcp', description?: string) =>
      rules.push({ name, priority, direction: 'Inbound', access: 'Allow', protocol, sourceAddresses: sources, destinationAddresses: [prefix(tier)], destinationPorts: ports, description });
    const outbound = (name: string, priority: number, destinations: readonly string[], ports: readonly string[], protocol: RuleProtocol = 'Tcp', description?: string) =>
      rules.push({ name, priority, direction: 'Outbound', access: 'Allow', protocol, sourceAddresses: [prefix(tier)], destinationAddresses: destinations, destinationPorts: ports, description });

    const applicationGateway = tier === 'web' && input.webTierIsApplicationGateway === true;
    // Inbound: the one tier allowed in, flows from other spokes, management from Bastion, load balancer probes.
    if (applicationGateway) {
      // Azure's Application Gateway v2 subnet rules: the listener ports from the clients, GatewayManager on
      // 65200-65535 and AzureLoadBalancer (any destination), then a deny of everything else.
      inbound('AllowIngressToWeb', 100, input.ingress.sources, input.ingress.ports, 'Tcp', 'Clients to the Application Gateway listeners');
      rules.push({ name: 'AllowGatewayManager', priority: 110, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddresses: ['GatewayManager'], destinationAddresses: ['*'], destinationPorts: [APPLICATION_GATEWAY_MANAGEMENT_PORTS], description: 'Application Gateway v2 infrastructure (required by Azure)' });
      rules.push({ name: 'AllowAzureLoadBalancer', priority: 120, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddresses: ['AzureLoadBalancer'], destinationAddresses: ['*'], destinationPorts: ['*'], description: 'Azure load balancer probes of the gateway (required by Azure)' });
    } else if (tier === 'web') inbound('AllowIngressToWeb', 100, input.ingress.sources, input.ingress.ports, 'Tcp', 'Ingress (e.g. Application Gateway or firewall DNAT) to the web tier');
    if (tier === 'app') inbound('AllowWebToApp', 100, webSources, input.ports.app, 'Tcp', 'Web tier to app tier');
    if (tier === 'data') inbound('AllowAppToData', 100, [prefix('app')], input.ports.data, 'Tcp', 'App tier to data tier');
    if (tier === 'privateEndpoints' && input.ports.privateEndpoints.length > 0) inbound('AllowWorkloadsToPrivateEndpoints', 100, workloadSources, input.ports.privateEndpoints, 'Tcp', 'Workload tiers to private endpoints deployed outside this code');
    input.inboundFlows
      .filter((f) => f.tier === tier)
      .forEach((f, i) => inbound(`AllowFlowIn-${f.name}`, 200 + i, [f.remotePrefix], f.ports, f.protocol, `Spoke flow ${f.name}, through the hub firewall`));
    if ((WORKLOAD_TIERS as readonly SpokeTier[]).includes(tier) && !applicationGateway) {
      inbound('AllowBastionManagement', 300, [input.bastionSubnetPrefix], MANAGEMENT_PORTS, 'Tcp', 'SSH and RDP from Azure Bastion only');
      inbound('AllowAzureLoadBalancerProbes', 400, ['AzureLoadBalancer'], ['*'], '*', 'Health probes (the deny-all below would block them)');
    }
    rules.push(denyAll('Inbound'));

    // Outbound: only tiers that originate traffic; the private ranges are denied unless allowed above, and
    // everything else leaves through the firewall (route table), never straight to the Internet.
    if (tier === 'privateEndpoints') {
      rules.push(denyAll('Outbound'));
    } else {
      if (input.dnsProxySubnetPrefix) {
        outbound('AllowDnsUdpToFirewall', 100, [input.dnsProxySubnetPrefix], ['53'], 'Udp', 'DNS through the firewall DNS proxy');
        outbound('AllowDnsTcpToFirewall', 101, [input.dnsProxySubnetPrefix], ['53'], 'Tcp', 'DNS through the firewall DNS proxy');
      }
      if (tier === 'web' || tier === 'appServiceIntegration') outbound('AllowWebToApp', 110, [prefix('app')], input.ports.app);
      if (tier === 'app') outbound('AllowAppToData', 110, [prefix('data')], input.ports.data);
      if (input.ports.privateEndpoints.length > 0) outbound('AllowToPrivateEndpoints', 120, [prefix('privateEndpoints')], input.ports.privateEndpoints);
      input.outboundFlows
        .filter((f) => f.tier === tier)
        .forEach((f, i) => outbound(`AllowFlowOut-${f.name}`, 200 + i, [f.remotePrefix], f.ports, f.protocol, `Spoke flow ${f.name}, through the hub firewall`));
      // An Application Gateway v2 subnet must keep outbound Internet access (Azure's gateway management); denying
      // the private ranges does not touch it, so the gateway, like every tier, reaches only what the rules above allow.
      rules.push({
        name: 'DenyPrivateOutbound',
        priority: DENY_PRIVATE_OUTBOUND_PRIORITY,
        direction: 'Outbound',
        access: 'Deny',
        protocol: '*',
        sourceAddresses: ['*'],
        destinationAddresses: input.privateRanges,
        destinationPorts: ['*'],
        description: 'No lateral movement to private ranges beyond the rules above',
      });
    }
    result[tier] = rules;
  }
  return result;
}

function denyAll(direction: 'Inbound' | 'Outbound'): SecurityRule {
  return {
    name: `DenyAll${direction}`,
    priority: DENY_ALL_PRIORITY,
    direction,
    access: 'Deny',
    protocol: '*',
    sourceAddresses: ['*'],
    destinationAddresses: ['*'],
    destinationPorts: ['*'],
    description: direction === 'Inbound' ? "Overrides Azure's AllowVnetInBound and AllowAzureLoadBalancerInBound" : 'Nothing leaves this subnet',
  };
}

/**
 * Rules for the hub's private-endpoint subnet (platform Key Vault): HTTPS only from on-premises operators and the
 * firewall (which fetches its TLS CA), nothing else in or out.
 */
export function platformPrivateEndpointRules(input: { readonly subnetPrefix: string; readonly firewallSubnetPrefix: string; readonly onPremises: readonly string[] }): SecurityRule[] {
  const https = (name: string, priority: number, sources: readonly string[], description: string): SecurityRule => ({
    name,
    priority,
    direction: 'Inbound',
    access: 'Allow',
    protocol: 'Tcp',
    sourceAddresses: sources,
    destinationAddresses: [input.subnetPrefix],
    destinationPorts: ['443'],
    description,
  });
  return [
    https('AllowFirewallToKeyVault', 100, [input.firewallSubnetPrefix], 'Azure Firewall reads its TLS inspection CA'),
    ...(input.onPremises.length > 0 ? [https('AllowOperatorsFromOnPremises', 110, input.onPremises, 'Platform operators manage the vault over the private network')] : []),
    denyAll('Inbound'),
    denyAll('Outbound'),
  ];
}
