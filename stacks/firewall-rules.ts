/**
 * The firewall policy's rule collection groups, derived from config: the platform egress baseline for every spoke,
 * then one group per spoke with its spoke-to-spoke flows and its own egress. Nothing else is allowed: the firewall
 * denies whatever no rule matches.
 */
import { LandingZoneConfig, SpokeConfig } from '../config/schema';
import { portText } from '../config/spoke-plan';
import type {
  FirewallApplicationRule,
  FirewallNatRule,
  FirewallNetworkRule,
  FirewallRuleCollection,
  FirewallRuleCollectionGroupProps,
} from '../constructs/network/firewall-rule-collection-group';
import { PLATFORM_EGRESS, PlatformEgressKey } from '../lib/platform-egress';
import { OriginTier } from '../lib/spoke-tiers';
import { resolvedFlows } from './spoke-flows';

export type RuleCollectionGroupSpec = Omit<FirewallRuleCollectionGroupProps, 'firewallPolicyId' | 'after'>;

export const PLATFORM_GROUP_PRIORITY = 200;
/** Spoke groups start here, one per spoke in config order, 100 apart. */
export const FIRST_SPOKE_GROUP_PRIORITY = 1000;

/** Every rule collection group of the environment's firewall policy, in priority order. */
export function firewallRuleCollectionGroups(
  config: Pick<LandingZoneConfig, 'spokes' | 'hub'>,
  tlsInspection = false,
  /** The firewall's public IP, the destination of published (DNAT) ports. */
  firewallPublicIp?: string,
): RuleCollectionGroupSpec[] {
  if (config.spokes.length === 0) return [];
  const groups: RuleCollectionGroupSpec[] = [];
  const platform = platformGroup(config);
  if (platform) groups.push(platform);
  config.spokes.forEach((spoke, i) => {
    const group = spokeGroup(config, spoke, FIRST_SPOKE_GROUP_PRIORITY + 100 * i, tlsInspection, firewallPublicIp);
    if (group) groups.push(group);
  });
  return groups;
}

function platformGroup(config: Pick<LandingZoneConfig, 'spokes' | 'hub'>): RuleCollectionGroupSpec | undefined {
  const sources = config.spokes.flatMap((s) => s.addressSpace);
  const entries = config.hub.firewall.platformEgress.map((key) => PLATFORM_EGRESS[key as PlatformEgressKey]);
  const networkRules: FirewallNetworkRule[] = entries.flatMap((e) =>
    e.networkRules.map((r) => ({
      name: r.name,
      sourceAddresses: sources,
      destinationAddresses: 'destinations' in r ? r.destinations : undefined,
      destinationFqdns: 'fqdns' in r ? r.fqdns : undefined,
      destinationPorts: r.ports,
      protocols: r.protocols,
    })),
  );
  const applicationRules: FirewallApplicationRule[] = entries.flatMap((e) =>
    e.applicationRules.map((r) => ({
      name: r.name,
      sourceAddresses: sources,
      destinationFqdns: 'fqdns' in r ? r.fqdns : undefined,
      destinationFqdnTags: 'fqdnTags' in r ? r.fqdnTags : undefined,
      protocols: r.protocols,
    })),
  );
  return group('rcg-platform-egress', PLATFORM_GROUP_PRIORITY, [allow('platform-egress-network', 100, networkRules)], [allow('platform-egress-application', 200, applicationRules)]);
}

function spokeGroup(
  config: Pick<LandingZoneConfig, 'spokes'>,
  spoke: SpokeConfig,
  priority: number,
  tlsInspection: boolean,
  firewallPublicIp: string | undefined,
): RuleCollectionGroupSpec | undefined {
  const sourcesOf = (tiers: readonly OriginTier[] | undefined): string[] =>
    tiers ? tiers.map((t) => spoke.subnets[t]).filter((p): p is string => p !== undefined) : [...spoke.addressSpace];

  const eastWest: FirewallNetworkRule[] = resolvedFlows(config)
    .filter((f) => f.fromSpoke === spoke.name)
    .map((f) => ({
      name: f.name,
      sourceAddresses: [f.fromPrefix],
      destinationAddresses: [f.toPrefix],
      destinationPorts: f.ports,
      protocols: [f.protocol === 'Tcp' ? 'TCP' : 'UDP'],
    }));
  const egressNetwork: FirewallNetworkRule[] = spoke.egress.networkRules.map((r) => ({
    name: r.name,
    sourceAddresses: sourcesOf(r.sourceTiers),
    destinationAddresses: r.destinations,
    destinationFqdns: r.fqdns,
    destinationPorts: r.ports.map(portText),
    protocols: r.protocols,
  }));
  const egressApplication: FirewallApplicationRule[] = spoke.egress.applicationRules.map((r) => ({
    name: r.name,
    sourceAddresses: sourcesOf(r.sourceTiers),
    destinationFqdns: r.fqdns,
    protocols: r.protocols,
    // Workload egress is decrypted and inspected when the policy has a CA; the platform baseline (Microsoft
    // update endpoints, often certificate-pinned) is not.
    terminateTls: tlsInspection && r.terminateTls && r.protocols.some((p) => p.type === 'Https') ? true : undefined,
  }));
  const publish = spoke.ingress.publish;
  if (publish && !firewallPublicIp) throw new Error(`Spoke '${spoke.name}' publishes its web tier, but no firewall public IP was given`);
  const published: FirewallNatRule[] =
    publish && firewallPublicIp
      ? spoke.ingress.ports.map((port) => ({
          name: `${spoke.name}-web-${portText(port)}`,
          sourceAddresses: publish.allowFrom ?? ['*'],
          destinationAddress: firewallPublicIp,
          destinationPorts: [portText(port)],
          protocols: ['TCP'],
          translatedAddress: publish.webAddress,
          translatedPort: Number(port),
        }))
      : [];
  return group(
    `rcg-spoke-${spoke.name}`,
    priority,
    [allow(`${spoke.name}-east-west`, 100, eastWest), allow(`${spoke.name}-egress-network`, 200, egressNetwork)],
    [allow(`${spoke.name}-egress-application`, 300, egressApplication)],
    published.length > 0 ? [{ name: `${spoke.name}-publish-web`, priority: 400, action: 'Dnat', rules: published }] : [],
  );
}

function allow<R>(name: string, priority: number, rules: readonly R[]): FirewallRuleCollection<R> {
  return { name, priority, action: 'Allow', rules };
}

/** A group with its empty collections dropped, or undefined when nothing is left. */
function group(
  name: string,
  priority: number,
  network: FirewallRuleCollection<FirewallNetworkRule>[],
  application: FirewallRuleCollection<FirewallApplicationRule>[],
  nat: FirewallRuleCollection<FirewallNatRule>[] = [],
): RuleCollectionGroupSpec | undefined {
  const networkRuleCollections = network.filter((c) => c.rules.length > 0);
  const applicationRuleCollections = application.filter((c) => c.rules.length > 0);
  const natRuleCollections = nat.filter((c) => c.rules.length > 0);
  if (networkRuleCollections.length + applicationRuleCollections.length + natRuleCollections.length === 0) return undefined;
  return {
    name,
    priority,
    networkRuleCollections: networkRuleCollections.length > 0 ? networkRuleCollections : undefined,
    applicationRuleCollections: applicationRuleCollections.length > 0 ? applicationRuleCollections : undefined,
    natRuleCollections: natRuleCollections.length > 0 ? natRuleCollections : undefined,
  };
}
