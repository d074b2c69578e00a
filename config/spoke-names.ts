/** Names of a spoke's resources, shared by the spoke stack and the flow verifier's intent check. */
import { azureRegion } from './regions';
import type { LandingZoneConfig } from './schema';
import { ResourceNamer } from '../lib/naming';
import { SpokeTier, TIER_NAME_SEGMENT } from '../lib/spoke-tiers';

/** The namer of a spoke's resources (`vnet-shop-prod-weu`, `snet-web-shop-prod-weu`). */
export function spokeNamer(config: Pick<LandingZoneConfig, 'environment' | 'location'>, spokeName: string): ResourceNamer {
  return new ResourceNamer({ workload: spokeName, environment: config.environment, regionShortName: azureRegion(config.location).shortName });
}

/** The Azure name of a spoke tier's subnet. */
export function spokeSubnetName(config: Pick<LandingZoneConfig, 'environment' | 'location'>, spokeName: string, tier: SpokeTier): string {
  return spokeNamer(config, spokeName).name('subnet', TIER_NAME_SEGMENT[tier]);
}
