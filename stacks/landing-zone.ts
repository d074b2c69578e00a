import { Construct } from 'constructs';
import { governanceOf } from '../config/governance-plan';
import { LandingZoneConfig } from '../config/schema';
import type { GuardrailRule } from '../lib/guardrails/guardrail';
import { TenantConfig } from '../config/tenant-schema';
import { defineEnvironment, EnvironmentStacks } from './environment';
import { GovernanceStack } from './governance-stack';
import { IdentityStack } from './identity-stack';

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
}

/** Defines the tenant-wide stacks of `tenant`, shared by `environments` (production-grade if any of them is). */
export function defineTenant(scope: Construct, tenant: TenantConfig, environments: readonly LandingZoneConfig[], options: LandingZoneOptions = {}): TenantStacks {
  const production = environments.some((e) => e.production);
  const identity = tenant.identity ? new IdentityStack(scope, { ...tenant, identity: tenant.identity }, { production }) : undefined;
  const plan = environments.length > 0 ? governanceOf(environments[0], environments) : undefined;
  const governance = plan && options.guardrailRules ? new GovernanceStack(scope, { tenantName: tenant.tenant, governance: plan, environments, rules: options.guardrailRules }) : undefined;
  return { identity, governance };
}

/**
 * Defines the whole landing zone in `scope` (the app): each tenant's stacks once, then every environment's stacks.
 * Environments name their tenant; a tenant is defined only when an environment uses it.
 */
export function defineLandingZone(
  scope: Construct,
  configs: readonly LandingZoneConfig[],
  options: LandingZoneOptions = {},
): { readonly tenants: ReadonlyMap<string, TenantStacks>; readonly environments: ReadonlyMap<string, EnvironmentStacks> } {
  const tenants = new Map<string, TenantStacks>();
  for (const config of configs) {
    const name = config.tenantConfig.tenant;
    if (tenants.has(name)) continue;
    tenants.set(name, defineTenant(scope, config.tenantConfig, configs.filter((c) => c.tenantConfig.tenant === name), options));
  }
  const environments = new Map(
    configs.map((config) => {
      const plan = options.guardrailRules ? governanceOf(config, configs) : undefined;
      return [config.environment, defineEnvironment(scope, config, plan && options.guardrailRules ? { plan, rules: options.guardrailRules } : undefined)];
    }),
  );
  return { tenants, environments };
}
