/** The subnets of a three-tier spoke and Azure's size rules for them, shared by config validation and constructs. */
import { Cidr, contains, overlaps } from './cidr';
import { PropertyProblem } from './property-problems';

/** Tiers of a spoke, in carving order (largest default first keeps carving aligned and compact). */
export const SPOKE_TIERS = ['web', 'app', 'data', 'privateEndpoints', 'appServiceIntegration'] as const;
export type SpokeTier = (typeof SPOKE_TIERS)[number];

/** Tiers that run workloads (receive management traffic from Bastion, originate flows). */
export const WORKLOAD_TIERS = ['web', 'app', 'data'] as const;
export type WorkloadTier = (typeof WORKLOAD_TIERS)[number];

/** Ports workload tiers accept from Azure Bastion only (SSH, RDP); the NSGs and the flow intent check share them. */
export const MANAGEMENT_PORTS = ['22', '3389'] as const;

/** Tiers that can originate traffic: workload tiers and App Service's outbound integration subnet. */
export const ORIGIN_TIERS = ['web', 'app', 'data', 'appServiceIntegration'] as const;
export type OriginTier = (typeof ORIGIN_TIERS)[number];

/** Tiers other spokes may be allowed to reach through the firewall. */
export const TARGET_TIERS = ['web', 'app', 'data', 'privateEndpoints'] as const;
export type TargetTier = (typeof TARGET_TIERS)[number];

/** Default prefix length per tier: 64+64+32+32+32 addresses fit a /24 spoke. */
export const DEFAULT_TIER_PREFIX_LENGTH: Readonly<Record<SpokeTier, number>> = {
  web: 26,
  app: 26,
  data: 27,
  privateEndpoints: 27,
  appServiceIntegration: 27,
};

/**
 * Smallest subnet Azure accepts per tier: /29 for any subnet; App Service VNet integration needs /28 at least
 * (Microsoft recommends /26 for scale-out).
 */
export const MAXIMUM_TIER_PREFIX_LENGTH: Readonly<Record<SpokeTier, number>> = {
  web: 29,
  app: 29,
  data: 29,
  privateEndpoints: 29,
  appServiceIntegration: 28,
};

/** Short form used in resource names (`snet-pe-app1-dev-weu`). */
export const TIER_NAME_SEGMENT: Readonly<Record<SpokeTier, string>> = {
  web: 'web',
  app: 'app',
  data: 'data',
  privateEndpoints: 'pe',
  appServiceIntegration: 'asi',
};

/** One tier subnet as the rules read it. */
export interface TierPrefix {
  readonly tier: SpokeTier;
  readonly prefix: Cidr;
}

/**
 * Tier subnets meet Azure's minimum size, lie inside the spoke's address space and do not overlap each other
 * (SpokeVirtualNetwork, and the explicit `spokes[].subnets` of the config). Paths are `subnets.<tier>`.
 */
export function spokeSubnetProblems(addressSpace: readonly Cidr[], subnets: readonly TierPrefix[]): PropertyProblem[] {
  const problems: PropertyProblem[] = [];
  const seen: TierPrefix[] = [];
  for (const { tier, prefix } of subnets) {
    const path = `subnets.${tier}`;
    const limit = MAXIMUM_TIER_PREFIX_LENGTH[tier];
    if (prefix.prefixLength > limit) {
      problems.push({ path, message: `${prefix.text} is a /${prefix.prefixLength}, but Azure needs at least /${limit} for the ${tier} subnet`, fix: 'use a larger prefix' });
    }
    if (addressSpace.length > 0 && !addressSpace.some((space) => contains(space, prefix))) {
      problems.push({ path, message: `${prefix.text} is outside the address space (${addressSpace.map((s) => s.text).join(', ')})`, fix: 'pick a prefix inside it' });
    }
    const clash = seen.find((s) => overlaps(s.prefix, prefix));
    if (clash) problems.push({ path, message: `${prefix.text} overlaps subnets.${clash.tier} ${clash.prefix.text}`, fix: 'pick a prefix that does not overlap another tier' });
    seen.push({ tier, prefix });
  }
  return problems;
}
