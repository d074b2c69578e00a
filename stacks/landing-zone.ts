import { Construct } from 'constructs';
import { LandingZoneConfig } from '../config/schema';
import { TenantConfig } from '../config/tenant-schema';
import { defineEnvironment, EnvironmentStacks } from './environment';
import { IdentityStack } from './identity-stack';

/** The stacks of one tenant: what exists once per Entra ID tenant. */
export interface TenantStacks {
  /** `<tenant>-identity`, when the tenant file has an `identity` section. */
  readonly identity?: IdentityStack;
}

/** Defines the tenant-wide stacks of `tenant`, shared by `environments` (production-grade if any of them is). */
export function defineTenant(scope: Construct, tenant: TenantConfig, environments: readonly LandingZoneConfig[]): TenantStacks {
  const production = environments.some((e) => e.production);
  const identity = tenant.identity ? new IdentityStack(scope, { ...tenant, identity: tenant.identity }, { production }) : undefined;
  return { identity };
}

/**
 * Defines the whole landing zone in `scope` (the app): each tenant's stacks once, then every environment's stacks.
 * Environments name their tenant; a tenant is defined only when an environment uses it.
 */
export function defineLandingZone(
  scope: Construct,
  configs: readonly LandingZoneConfig[],
): { readonly tenants: ReadonlyMap<string, TenantStacks>; readonly environments: ReadonlyMap<string, EnvironmentStacks> } {
  const tenants = new Map<string, TenantStacks>();
  for (const config of configs) {
    const name = config.tenantConfig.tenant;
    if (tenants.has(name)) continue;
    tenants.set(name, defineTenant(scope, config.tenantConfig, configs.filter((c) => c.tenantConfig.tenant === name)));
  }
  const environments = new Map(configs.map((config) => [config.environment, defineEnvironment(scope, config)]));
  return { tenants, environments };
}
