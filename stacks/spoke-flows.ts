/** Spoke-to-spoke flows from config, resolved to prefixes: the NSGs of both spokes and the firewall rules use them. */
import { LandingZoneConfig, SpokeConfig } from '../config/schema';
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

/** Every configured flow of the environment, in config order. */
export function resolvedFlows(config: Pick<LandingZoneConfig, 'spokes'>): ResolvedFlow[] {
  const byName = new Map(config.spokes.map((s) => [s.name, s]));
  return config.spokes.flatMap((spoke) =>
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

/** Address spaces a spoke reaches only through the firewall: every other spoke and on-premises. */
export function firewallRoutedPrefixes(config: Pick<LandingZoneConfig, 'spokes' | 'onPremisesAddressSpaces'>, spoke: SpokeConfig): { name: string; addressPrefix: string }[] {
  return [
    ...config.spokes
      .filter((other) => other.name !== spoke.name)
      .flatMap((other) => other.addressSpace.map((prefix, i) => ({ name: `to-spoke-${other.name}-${i}`, addressPrefix: prefix }))),
    ...config.onPremisesAddressSpaces.map((prefix, i) => ({ name: `to-on-premises-${i}`, addressPrefix: prefix })),
  ];
}
