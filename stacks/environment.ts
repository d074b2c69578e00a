import { Construct } from 'constructs';
import { TenantGovernance } from '../config/governance-plan';
import type { GuardrailRule } from '../lib/guardrails/guardrail';
import { LandingZoneConfig } from '../config/schema';
import { ConnectivityStack } from './connectivity-stack';
import { lockPlatformResources, mirrorSuppressionsAsExemptions } from './environment-governance';
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

/**
 * Defines every stack of one environment in `scope` (the app), with its platform locks and, under a tenant's
 * governance, the policy exemptions that mirror its suppressions.
 */
export function defineEnvironment(
  scope: Construct,
  config: LandingZoneConfig,
  governance?: { readonly plan: TenantGovernance; readonly rules: readonly GuardrailRule[] },
): EnvironmentStacks {
  const management = new ManagementStack(scope, config);
  const connectivity = new ConnectivityStack(scope, config, management.management);
  const spokes = new Map(config.spokes.map((spoke) => [spoke.name, new SpokeStack(scope, config, spoke, connectivity.hub, management.management)]));
  const stacks = { management, connectivity, spokes };
  lockPlatformResources(stacks, config);
  if (governance) mirrorSuppressionsAsExemptions(stacks, config, governance.plan, governance.rules);
  return stacks;
}
