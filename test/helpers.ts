/** Shared helpers for construct and stack tests. */
import { DEFAULT_CONFIG_DIR, loadEnvironments } from '../config/load';
import { LandingZoneConfig } from '../config/schema';

export interface SynthesizedStack {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly terraform?: Record<string, unknown>;
  readonly output?: Record<string, { value: unknown }>;
}

/** The embedded environments, loaded and validated like main.ts does (fails the test on any error). */
export function embeddedConfigs(): LandingZoneConfig[] {
  if (!cachedConfigs) {
    const { configs, problems } = loadEnvironments(DEFAULT_CONFIG_DIR);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) throw new Error(`embedded config has errors: ${JSON.stringify(errors)}`);
    cachedConfigs = configs;
  }
  return cachedConfigs;
}

let cachedConfigs: LandingZoneConfig[] | undefined;

/** A validated embedded environment by name. */
export function embeddedConfig(environment: string): LandingZoneConfig {
  const config = embeddedConfigs().find((c) => c.environment === environment);
  if (!config) throw new Error(`no embedded environment '${environment}'`);
  return config;
}

/** Parses the JSON of `Testing.synthScope`. */
export function parse(json: string): SynthesizedStack {
  return JSON.parse(json) as SynthesizedStack;
}

/** Every resource of a Terraform type, without cdktf's `//` metadata. */
export function resourcesOfType(synth: SynthesizedStack, type: string): Record<string, unknown>[] {
  return Object.values(synth.resource?.[type] ?? {}).map(({ '//': _metadata, ...rest }) => rest);
}

/** The single resource of a type; fails when there is not exactly one. */
export function onlyResource(synth: SynthesizedStack, type: string): Record<string, unknown> {
  const resources = resourcesOfType(synth, type);
  if (resources.length !== 1) throw new Error(`expected one ${type}, found ${resources.length}`);
  return resources[0];
}

/** A resource group reference for construct tests. */
export const TEST_RESOURCE_GROUP = { name: 'rg-test', location: 'westeurope' } as const;

/** azurerm resource types that have no `tags` argument (sub-resources and associations). */
export const UNTAGGABLE_TYPES: ReadonlySet<string> = new Set([
  'azurerm_subnet',
  'azurerm_network_security_rule',
  'azurerm_subnet_network_security_group_association',
  'azurerm_route',
  'azurerm_subnet_route_table_association',
  'azurerm_virtual_network_peering',
  'azurerm_firewall_policy_rule_collection_group',
]);
