/**
 * The order stacks deploy in, from config alone: the tenant identity stack (once per tenant, on request), then each
 * environment's management stack (the workspace the others send diagnostics to), connectivity (the hub), and the
 * spokes, which only reference the hub and management and so run in parallel. Levels are what a CI matrix runs as
 * consecutive jobs; stacks of one level are independent of each other.
 */
import { LandingZoneConfig } from '../config/schema';
import { governanceStackName } from '../stacks/governance-stack';
import { identityStackName } from '../stacks/identity-stack';
import { stackName } from '../stacks/landing-zone-stack';

export type StackKind = 'governance' | 'identity' | 'management' | 'connectivity' | 'spoke';

export interface PlannedStack {
  readonly name: string;
  readonly kind: StackKind;
  /** 0-based position in the order; stacks of one level may run at the same time. */
  readonly level: number;
  /** Stacks that must be applied first (their state is read through remote state). */
  readonly dependsOn: readonly string[];
}

export interface StackOrderOptions {
  /** Include the tenant's `<tenant>-identity` stack (deploy it once per tenant, not with every environment). */
  readonly identity?: boolean;
  /**
   * Include the tenant's `<tenant>-governance` stack, first: management groups and guardrails exist before any
   * environment (its exemptions name the governance assignments). Once per tenant, and after every pack change.
   */
  readonly governance?: boolean;
}

/** Stacks of one environment in dependency order; the identity stack only on request and only if the tenant has one. */
export function stackOrder(config: LandingZoneConfig, options: StackOrderOptions = {}): PlannedStack[] {
  const stacks: PlannedStack[] = [];
  let level = 0;
  if (options.governance && config.tenantConfig.governance) {
    stacks.push({ name: governanceStackName(config.tenantConfig.tenant), kind: 'governance', level: level++, dependsOn: [] });
  }
  if (options.identity && config.tenantConfig.identity) {
    stacks.push({ name: identityStackName(config.tenantConfig.tenant), kind: 'identity', level: level++, dependsOn: [] });
  }
  const management = stackName(config.environment, 'management');
  const connectivity = stackName(config.environment, 'connectivity');
  stacks.push({ name: management, kind: 'management', level: level++, dependsOn: [] });
  stacks.push({ name: connectivity, kind: 'connectivity', level: level++, dependsOn: [management] });
  const spokeLevel = level;
  for (const spoke of [...config.spokes].sort((a, b) => a.name.localeCompare(b.name))) {
    stacks.push({ name: stackName(config.environment, `lz-${spoke.name}`), kind: 'spoke', level: spokeLevel, dependsOn: [management, connectivity] });
  }
  return stacks;
}

/** The stacks grouped by level, in order. */
export function levels(stacks: readonly PlannedStack[]): PlannedStack[][] {
  const result: PlannedStack[][] = [];
  for (const stack of stacks) (result[stack.level] ??= []).push(stack);
  return result.filter((level) => level.length > 0);
}
