import { Construct } from 'constructs';
import { LandingZoneConfig } from '../config/schema';
import { ConnectivityStack } from './connectivity-stack';

/** The stacks of one environment. Later concerns (management, identity, landing zones) are added here. */
export interface EnvironmentStacks {
  readonly connectivity: ConnectivityStack;
}

/** Defines every stack of one environment in `scope` (the app). */
export function defineEnvironment(scope: Construct, config: LandingZoneConfig): EnvironmentStacks {
  const connectivity = new ConnectivityStack(scope, config);
  return { connectivity };
}
