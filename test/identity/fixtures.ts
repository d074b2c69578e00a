/** Shared fixtures for the identity tests: the embedded environments' synthesized identity stacks, and deep copies to break. */
import { embeddedConfig, synthEnvironments } from '../helpers';
import { TerraformJson } from '../../verifier/load';

let cache: Record<string, TerraformJson> | undefined;

/** `<env>-identity` JSON of an embedded environment, synthesized once per test file (like main.ts does). */
export function identityJson(environment: 'dev' | 'prod'): TerraformJson {
  cache ??= synthEnvironments([embeddedConfig('dev'), embeddedConfig('prod')]) as Record<string, TerraformJson>;
  const json = cache[`${environment}-identity`];
  if (!json) throw new Error(`no ${environment}-identity stack was synthesized`);
  return json;
}

/** A deep copy to mutate. */
export function copyOf(json: TerraformJson): MutableJson {
  return JSON.parse(JSON.stringify(json)) as MutableJson;
}

export type MutableJson = {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown }>;
  [key: string]: unknown;
};

/** The policy resource whose display name starts with `CA<nnn>`. */
export function policy(json: MutableJson, id: string): Record<string, unknown> & { conditions: { users: Record<string, unknown>; applications: Record<string, unknown>; [k: string]: unknown } } {
  const found = Object.values(json.resource.azuread_conditional_access_policy).find((p) => String(p.display_name).startsWith(`${id}-`));
  if (!found) throw new Error(`no policy ${id}`);
  return found as ReturnType<typeof policy>;
}

/** The address (`azuread_group.X`) of the group with this display name. */
export function groupAddress(json: TerraformJson, displayName: string): string {
  const entry = Object.entries(json.resource?.azuread_group ?? {}).find(([, g]) => g.display_name === displayName);
  if (!entry) throw new Error(`no group ${displayName}`);
  return `azuread_group.${entry[0]}`;
}
