import { Construct } from 'constructs';
import { governanceOf } from '../config/governance-plan';
import { LandingZoneConfig } from '../config/schema';
import type { GuardrailRule } from '../lib/guardrails/guardrail';
import { TenantConfig } from '../config/tenant-schema';
import { defineEnvironmentStacks, EnvironmentStacks, governEnvironment } from './environment';
import { GovernanceStack, governanceStackName } from './governance-stack';
import { IdentityStack, identityStackName } from './identity-stack';
import type { SpokeStack } from './spoke-stack';

/** The stacks of one tenant: what exists once per Entra ID tenant. */
export interface TenantStacks {
  /** `<tenant>-identity`, when the tenant file has an `identity` section. */
  readonly identity?: IdentityStack;
  /** `<tenant>-governance`, when the tenant file has a `governance` section: deployed before the environments. */
  readonly governance?: GovernanceStack;
}

export interface LandingZoneOptions {
  /**
   * The policy pack whose runtime guardrails a tenant's `governance` section assigns (main.ts passes the Zero Trust
   * pack; the stacks never load it themselves).
   * @default - no governance stack and no exemptions
   */
  readonly guardrailRules?: readonly GuardrailRule[];
  /**
   * Adds workload constructs in TypeScript (main.ts passes `addWorkloads` from workloads/index.ts): called once every
   * stack is defined, before platform locks and policy exemptions are derived, so what it adds is covered like the rest.
   * @default - nothing added
   */
  readonly workloads?: (landingZone: LandingZoneStacks) => void;
}

/** Every stack of the landing zone: per tenant, and per environment (by environment name). */
export interface LandingZoneStacks {
  readonly tenants: ReadonlyMap<string, TenantStacks>;
  readonly environments: ReadonlyMap<string, EnvironmentStacks>;
}

/** Defines the tenant-wide stacks of `tenant`, shared by `environments` (production-grade if any of them is). */
export function defineTenant(scope: Construct, tenant: TenantConfig, environments: readonly LandingZoneConfig[], options: LandingZoneOptions = {}): TenantStacks {
  const production = environments.some((e) => e.production);
  const identity = tenant.identity ? new IdentityStack(scope, identityStackName(tenant.tenant), { tenant: { ...tenant, identity: tenant.identity }, production }) : undefined;
  const plan = environments[0] ? governanceOf(environments[0], environments) : undefined;
  const governance = plan && options.guardrailRules ? new GovernanceStack(scope, governanceStackName(tenant.tenant), { governance: plan, environments, rules: options.guardrailRules }) : undefined;
  return { identity, governance };
}

/**
 * Defines the whole landing zone in `scope` (the app): each tenant's stacks once, then every environment's stacks.
 * Environments name their tenant; a tenant is defined only when an environment uses it.
 */
export function defineLandingZone(scope: Construct, configs: readonly LandingZoneConfig[], options: LandingZoneOptions = {}): LandingZoneStacks {
  const tenants = new Map<string, TenantStacks>();
  for (const config of configs) {
    const name = config.tenantConfig.tenant;
    if (tenants.has(name)) continue;
    tenants.set(name, defineTenant(scope, config.tenantConfig, configs.filter((c) => c.tenantConfig.tenant === name), options));
  }
  const environments = new Map(configs.map((config) => [config.environment, defineEnvironmentStacks(scope, config)]));
  const landingZone: LandingZoneStacks = { tenants, environments };
  options.workloads?.(landingZone);
  for (const config of configs) {
    const plan = options.guardrailRules ? governanceOf(config, configs) : undefined;
    governEnvironment(environments.get(config.environment) as EnvironmentStacks, config, plan && options.guardrailRules ? { plan, rules: options.guardrailRules } : undefined);
  }
  return landingZone;
}

/** The stack of spoke `spoke` in environment `environment`; throws naming what exists when either is unknown. */
export function spokeStack(landingZone: LandingZoneStacks, environment: string, spoke: string): SpokeStack {
  const stacks = landingZone.environments.get(environment);
  if (!stacks) throw new Error(`The landing zone has no environment '${environment}' (environments: ${[...landingZone.environments.keys()].join(', ') || 'none'})`);
  const found = stacks.spokes.get(spoke);
  if (!found) throw new Error(`Environment '${environment}' has no spoke '${spoke}' (spokes: ${[...stacks.spokes.keys()].join(', ') || 'none'}); add it to spokes in its config`);
  return found;
}
