import { Construct } from 'constructs';
import { LandingZoneConfig } from '../config/schema';
import { ConnectivityStack } from './connectivity-stack';
import { ManagementStack } from './management-stack';
import { SpokeStack } from './spoke-stack';

/** The stacks of one environment. */
export interface EnvironmentStacks {
  /** Workspace, Sentinel, Defender, flow-log storage: the other stacks send their telemetry here. */
  readonly management: ManagementStack;
  readonly connectivity: ConnectivityStack;
  /** One stack per workload spoke, by spoke name. */
  readonly spokes: ReadonlyMap<string, SpokeStack>;
}

/** Defines every stack of one environment in `scope` (the app). */
export function defineEnvironment(scope: Construct, config: LandingZoneConfig): EnvironmentStacks {
  const management = new ManagementStack(scope, config);
  const connectivity = new ConnectivityStack(scope, config, management.management);
  const spokes = new Map(config.spokes.map((spoke) => [spoke.name, new SpokeStack(scope, config, spoke, connectivity.hub, management.management)]));
  return { management, connectivity, spokes };
}
