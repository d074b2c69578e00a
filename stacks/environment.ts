import { Construct } from 'constructs';
import { TenantGovernance } from '../config/governance-plan';
import type { GuardrailRule } from '../lib/guardrails/guardrail';
import { LandingZoneConfig } from '../config/schema';
import { ConnectivityStack } from './connectivity-stack';
import { lockPlatformResources, mirrorSuppressionsAsExemptions } from './environment-governance';
import { stackName } from './landing-zone-stack';
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

/** The tenant's governance plan and the pack whose guardrails it assigns (policy exemptions mirror suppressions). */
export interface EnvironmentGovernance {
  readonly plan: TenantGovernance;
  readonly rules: readonly GuardrailRule[];
}

export interface EnvironmentOptions {
  /**
   * Under a tenant's governance: the policy exemptions that mirror the environment's suppressions.
   * @default - no exemptions
   */
  readonly governance?: EnvironmentGovernance;
  /**
   * Adds workload constructs to the stacks once they are all defined and before the platform locks and policy
   * exemptions are derived from them, so what it adds is covered like the rest.
   * @default - nothing added
   */
  readonly workloads?: (stacks: EnvironmentStacks) => void;
}

/**
 * Defines every stack of one environment in `scope` (the app), with its platform locks and, under a tenant's
 * governance, the policy exemptions that mirror its suppressions. Returns the stacks, so a team adds to them.
 */
export function defineEnvironment(scope: Construct, config: LandingZoneConfig, options: EnvironmentOptions = {}): EnvironmentStacks {
  const stacks = defineEnvironmentStacks(scope, config);
  options.workloads?.(stacks);
  governEnvironment(stacks, config, options.governance);
  return stacks;
}

/** The stacks of one environment, wired together (management, then the hub, then each spoke), without governance. */
export function defineEnvironmentStacks(scope: Construct, config: LandingZoneConfig): EnvironmentStacks {
  const management = new ManagementStack(scope, stackName(config.environment, 'management'), { config });
  const connectivity = new ConnectivityStack(scope, stackName(config.environment, 'connectivity'), { config, management: management.management });
  const spokes = new Map(
    config.spokes.map((spoke) => [
      spoke.name,
      new SpokeStack(scope, stackName(config.environment, `lz-${spoke.name}`), { config, spoke, hub: connectivity.hub, management: management.management }),
    ]),
  );
  return { management, connectivity, spokes };
}

/**
 * Locks the environment's platform resources and mirrors its suppressions as policy exemptions. Call it once, after
 * every construct is added: both are derived from what the stacks hold at that moment.
 */
export function governEnvironment(stacks: EnvironmentStacks, config: LandingZoneConfig, governance?: EnvironmentGovernance): void {
  lockPlatformResources(stacks, config);
  if (governance) mirrorSuppressionsAsExemptions(stacks, config, governance.plan, governance.rules);
}
