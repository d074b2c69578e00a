import { Construct } from 'constructs';
import { LandingZoneConfig } from '../config/schema';
import { ConnectivityStack } from './connectivity-stack';
import { IdentityStack } from './identity-stack';
import { SpokeStack } from './spoke-stack';

/** The stacks of one environment. Later concerns (management, identity, landing zones) are added here. */
export interface EnvironmentStacks {
  readonly connectivity: ConnectivityStack;
  /** One stack per workload spoke, by spoke name. */
  readonly spokes: ReadonlyMap<string, SpokeStack>;
  /** The Entra ID stack, when the environment has an `identity` section. */
  readonly identity?: IdentityStack;
}

/** Defines every stack of one environment in `scope` (the app). */
export function defineEnvironment(scope: Construct, config: LandingZoneConfig): EnvironmentStacks {
  const connectivity = new ConnectivityStack(scope, config);
  const spokes = new Map(config.spokes.map((spoke) => [spoke.name, new SpokeStack(scope, config, spoke, connectivity.hub)]));
  const identity = config.identity ? new IdentityStack(scope, { ...config, identity: config.identity }) : undefined;
  return { connectivity, spokes, identity };
}
