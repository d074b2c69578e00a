/** Spoke-to-spoke flows from config, resolved to prefixes: the NSGs of both spokes and the firewall rules use them. */
import { LandingZoneConfig } from '../config/schema';
import { cidr, contains } from '../lib/cidr';
import { portText } from '../config/spoke-plan';
import { OriginTier, TargetTier } from '../lib/spoke-tiers';

export interface ResolvedFlow {
  readonly name: string;
  readonly fromSpoke: string;
  readonly fromTier: OriginTier;
  readonly fromPrefix: string;
  readonly toSpoke: string;
  readonly toTier: TargetTier;
  readonly toPrefix: string;
  readonly ports: readonly string[];
  readonly protocol: 'Tcp' | 'Udp';
}

/**
 * Resolved once per list of spokes: every spoke stack and its firewall rules read the environment's flows, which would
 * make the environment quadratic in spokes. A config is not changed after loading.
 */
const resolvedBySpokes = new WeakMap<LandingZoneConfig['spokes'], readonly ResolvedFlow[]>();

/** Every configured flow of the environment, in config order. */
export function resolvedFlows(config: Pick<LandingZoneConfig, 'spokes'>): readonly ResolvedFlow[] {
  let flows = resolvedBySpokes.get(config.spokes);
  if (!flows) resolvedBySpokes.set(config.spokes, (flows = resolveFlows(config.spokes)));
  return flows;
}

function resolveFlows(spokes: LandingZoneConfig['spokes']): ResolvedFlow[] {
  const byName = new Map(spokes.map((s) => [s.name, s]));
  return spokes.flatMap((spoke) =>
    spoke.flows.map((flow) => {
      const target = byName.get(flow.to.spoke);
      const fromPrefix = spoke.subnets[flow.from];
      // Config validation guarantees both; this guards hand-built configs.
      if (!target || !fromPrefix) throw new Error(`Flow '${flow.name}' of spoke '${spoke.name}' names a missing spoke or tier`);
      return {
        name: flow.name,
        fromSpoke: spoke.name,
        fromTier: flow.from,
        fromPrefix,
        toSpoke: target.name,
        toTier: flow.to.tier,
        toPrefix: target.subnets[flow.to.tier],
        ports: flow.ports.map(portText),
        protocol: flow.protocol,
      };
    }),
  );
}

/**
 * Prefixes every spoke routes to the firewall besides 0.0.0.0/0: the firewall's private ranges (which cover every
 * spoke, per config validation) and any on-premises range outside them. Aggregates, not one route per spoke: the
 * route table stays the same size (Azure allows 400 routes per table) and adding a spoke changes no other spoke's
 * stack. The spoke's own space (VnetLocal) and the hub (peering) stay more specific, so they are reached directly;
 * an equal-prefix user route also overrides Azure's `None` system routes for 10/8, 172.16/12, 192.168/16, 100.64/10.
 */
export function firewallRoutedPrefixes(config: Pick<LandingZoneConfig, 'hub' | 'onPremisesAddressSpaces'>): { name: string; addressPrefix: string }[] {
  const privateRanges = config.hub.firewall.privateRanges.map(cidr);
  return [
    ...config.hub.firewall.privateRanges.map((prefix, i) => ({ name: `private-range-${i}`, addressPrefix: prefix })),
    ...config.onPremisesAddressSpaces
      .filter((prefix) => !privateRanges.some((range) => contains(range, cidr(prefix))))
      .map((prefix, i) => ({ name: `on-premises-${i}`, addressPrefix: prefix })),
  ];
}
