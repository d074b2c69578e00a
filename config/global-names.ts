/**
 * Names Azure requires to be unique across all of Azure (Key Vault), and generated names that must fit Azure's
 * limits: checked at config time with the config path, so no error waits for the construct or for `terraform apply`.
 */
import { keyVaultNameCandidate, nameProblem, NAME_RULES } from '../lib/naming';
import { azureRegion } from './regions';
import { ConfigProblem, ProblemCollector } from './problems';
import { platformKeyVaultName } from './plan';
import { spokeKeyVaultName } from './spoke-plan';
import type { ParsedLandingZoneConfig } from './schema';
import type { ParsedSpoke } from './spoke-schema';

type Placement = Pick<ParsedLandingZoneConfig, 'environment' | 'location' | 'subscriptionId'>;

/** A globally unique name the environment defines, with the config path that decides it. */
export interface GlobalName {
  readonly name: string;
  readonly path: string;
}

/**
 * The platform Key Vault's generated name (`kv-hub-<env>-<region>-<4 hex>`) must fit 24 characters: the only fix is
 * a shorter environment name, so the problem is reported there with the length that fits.
 */
export function checkGeneratedNames(config: Placement, problems: ProblemCollector): void {
  const regionShortName = azureRegion(config.location).shortName;
  const name = keyVaultNameCandidate({ workload: 'hub', environment: config.environment, regionShortName, subscriptionId: config.subscriptionId });
  if (!nameProblem('keyVault', name)) return;
  const fits = config.environment.length - (name.length - NAME_RULES.keyVault.maxLength);
  problems.error(
    'environment',
    `makes the platform Key Vault name '${name}' ${name.length} characters, and Azure allows ${NAME_RULES.keyVault.maxLength}; ` +
      `use an environment name of at most ${fits} characters in ${config.location} (region code ${regionShortName})`,
  );
}

/** Key Vault names of an environment: the platform vault and every spoke vault (explicit or generated). */
export function keyVaultNames(config: Partial<Placement> & { readonly spokes: readonly (Pick<ParsedSpoke, 'name' | 'keyVault' | 'subscriptionId'> | undefined)[] }): GlobalName[] {
  const { environment, location, subscriptionId } = config;
  const names: GlobalName[] = [];
  const placed = environment && location && subscriptionId ? { environment, location, subscriptionId } : undefined;
  if (placed) {
    const platform = tryName(() => platformKeyVaultName(placed));
    if (platform) names.push({ name: platform, path: 'environment (platform Key Vault)' });
  }
  config.spokes.forEach((spoke, i) => {
    if (!spoke?.keyVault.enabled) return;
    if (spoke.keyVault.name) names.push({ name: spoke.keyVault.name, path: `spokes[${i}].keyVault.name` });
    else if (placed) {
      const generated = tryName(() => spokeKeyVaultName(placed, spoke));
      if (generated) names.push({ name: generated, path: `spokes[${i}].keyVault (generated name)` });
    }
  });
  return names;
}

/** Within one environment: every Key Vault name once (Azure compares names case-insensitively). */
export function checkKeyVaultNamesUnique(names: readonly GlobalName[], problems: ProblemCollector): void {
  const seen = new Map<string, GlobalName>();
  for (const entry of names) {
    const first = seen.get(entry.name.toLowerCase());
    if (first) problems.error(pathOf(entry), `'${entry.name}' is also the Key Vault name of ${first.path}; Key Vault names are unique across all of Azure, so the second vault fails to deploy: pick another name`);
    else seen.set(entry.name.toLowerCase(), entry);
  }
}

/** Across environments (files): a Key Vault name used in two files fails the second deployment. */
export function globalNameProblems(environments: readonly { readonly config: Parameters<typeof keyVaultNames>[0]; readonly source: string }[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, GlobalName & { source: string }>();
  for (const { config, source } of environments) {
    for (const entry of keyVaultNames(config)) {
      const first = seen.get(entry.name.toLowerCase());
      if (!first) seen.set(entry.name.toLowerCase(), { ...entry, source });
      else if (first.source !== source) {
        problems.push({
          severity: 'error',
          source,
          path: pathOf(entry),
          message: `'${entry.name}' is also the Key Vault name of ${first.path} in ${first.source}; Key Vault names are unique across all of Azure (and across environments): pick another name`,
        });
      }
    }
  }
  return problems;
}

/** The config key a problem points at (the descriptive suffix is for the other side of the message). */
function pathOf(entry: GlobalName): string {
  return entry.path.replace(/ \(.*\)$/, '');
}

function tryName(make: () => string): string | undefined {
  try {
    return make();
  } catch {
    return undefined;
  }
}
