/**
 * Loads environment configs from YAML, validates them (schema + semantics) and plans hub subnets.
 * Nothing here throws for bad input: every problem in every file is returned so all can be reported at once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { z } from 'zod';
import { PROJECT_ROOT } from '../lib/project-root';
import { checkGeneratedNames, checkKeyVaultNamesUnique, globalNameProblems, keyVaultNames } from './global-names';
import { checkIdentifiers } from './identifiers';
import { checkSecurityOperations } from './security-operations-checks';
import { checkAddressSpaces, checkManagement, checkPolicySuppressions, checkTlsInspection, planHub } from './plan';
import { checkSpokeNames, planSpokes } from './spoke-plan';
import { ConfigProblem, hasErrors, ProblemCollector } from './problems';
import { CidrText, HubSubnetPlan, LandingZoneConfig, LandingZoneConfigSchema, ParsedLandingZoneConfig, RESERVED_TAGS, SpokeConfig } from './schema';
import { quote, suspiciousNote } from '../lib/quote';
import { SpokeSchema } from './spoke-schema';
import { checkGovernance } from './governance-plan';
import { checkAcrossEnvironments, embeddedTenants, loadTenants, resolveTenant, tenantDirectoryFor, TenantLookup } from './tenants';
import { describeIssue, displayPath, formatPath, parseYaml, readConfigFile } from './yaml-document';

export { formatPath } from './yaml-document';

/** Where the embedded default environments live. */
export const DEFAULT_CONFIG_DIR = path.join(PROJECT_ROOT, 'config', 'environments');

/** Environment variable naming a config file or directory that replaces the embedded environments. */
export const CONFIG_ENV_VAR = 'LZ_CONFIG';

/** cdktf context key (cdktf.json `context` or CDKTF_CONTEXT_JSON) with the same meaning as LZ_CONFIG. */
export const CONFIG_CONTEXT_KEY = 'landingZoneConfig';

/** What config loading needs from layers above it, passed in so loading a config imports none of them. */
export interface LoadOptions {
  /**
   * IDs of the policy pack's rules: `policySuppressions` naming another ID is an error. Without them suppressions
   * are checked for shape only (callers that do not synthesize, e.g. the flow verifier).
   * @default - rule IDs are not checked
   */
  readonly policyRuleIds?: readonly string[];
  /**
   * Where the tenant files are.
   * @default - LZ_TENANTS, else the `tenants/` directory beside the environments
   */
  readonly tenantDirectory?: string;
}

/** Options of one document's validation. */
export interface TextLoadOptions extends Pick<LoadOptions, 'policyRuleIds'> {
  /**
   * Resolves the environment's `tenant`.
   * @default - the embedded tenants
   */
  readonly tenants?: TenantLookup;
}

export interface LoadResult {
  /** Valid environments, sorted by name. Empty when any file has an error. */
  readonly configs: LandingZoneConfig[];
  /** The file each valid environment came from, by environment name. */
  readonly sources?: Readonly<Record<string, string>>;
  /** Errors and warnings from every file. */
  readonly problems: ConfigProblem[];
}

/** Picks the config location: LZ_CONFIG, then the cdktf context key, then the embedded environments. */
export function resolveConfigSource(env: NodeJS.ProcessEnv, contextValue?: unknown): string {
  const fromEnv = env[CONFIG_ENV_VAR];
  if (fromEnv) return fromEnv;
  if (typeof contextValue === 'string' && contextValue.length > 0) return contextValue;
  return DEFAULT_CONFIG_DIR;
}

/**
 * Loads one YAML file or every `*.yaml`/`*.yml` file of a directory, with the tenant files they name (`tenants`:
 * default LZ_TENANTS or the `tenants/` directory beside the environments), then checks across environments.
 */
export function loadEnvironments(source: string, options: LoadOptions = {}): LoadResult {
  const tenantDirectory = options.tenantDirectory ?? tenantDirectoryFor(source);
  const display = displayPath(source);
  if (!fs.existsSync(source)) {
    return failure(display, `does not exist; point ${CONFIG_ENV_VAR} at an environment YAML file or a directory of them`);
  }
  const files = fs.statSync(source).isDirectory()
    ? fs
        .readdirSync(source)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => path.join(source, f))
    : [source];
  // A directory named like a YAML file is reported as itself (in readConfigFile), not skipped silently.
  if (files.length === 0) {
    return failure(display, 'has no *.yaml environment files; copy config/environments/dev.yaml there as a starting point');
  }

  const tenants = loadTenants(tenantDirectory);
  const problems: ConfigProblem[] = [...tenants.problems];
  const configs: LandingZoneConfig[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const text = readConfigFile(file);
    if (typeof text !== 'string') {
      problems.push({ severity: 'error', source: displayPath(file), path: '', message: text.problem });
      continue;
    }
    const result = loadEnvironmentText(text, displayPath(file), { policyRuleIds: options.policyRuleIds, tenants: tenants.tenants });
    problems.push(...result.problems);
    if (!result.config) continue;
    const firstFile = seen.get(result.config.environment);
    if (firstFile) {
      problems.push({
        severity: 'error',
        source: displayPath(file),
        path: 'environment',
        message: `'${result.config.environment}' is already defined in ${firstFile}; environment names must be unique`,
      });
      continue;
    }
    seen.set(result.config.environment, displayPath(file));
    configs.push(result.config);
  }
  const loaded = configs.map((config) => ({ config, source: seen.get(config.environment) as string }));
  problems.push(...checkAcrossEnvironments(loaded), ...globalNameProblems(loaded), ...checkGovernance(loaded));
  const ok = !problems.some((p) => p.severity === 'error');
  return { configs: ok ? configs.sort((a, b) => a.environment.localeCompare(b.environment)) : [], sources: Object.fromEntries(seen), problems };
}

/**
 * The config file and key a stack comes from (`<env>-lz-shop` -> `config/environments/dev.yaml spokes[0] (shop)`), so
 * a policy-pack finding points at what to change, and at the policySuppressions entry that would accept it.
 */
export function configOfStack(configs: readonly LandingZoneConfig[], sources: Readonly<Record<string, string>>): (stack: string) => string | undefined {
  return (stack) => {
    for (const config of configs) {
      const prefix = `${config.environment}-`;
      if (!stack.startsWith(prefix)) continue;
      const concern = stack.slice(prefix.length);
      const file = sources[config.environment] ?? `${config.environment}.yaml`;
      const spoke = config.spokes.findIndex((s) => `lz-${s.name}` === concern);
      const spokeName = config.spokes[spoke]?.name;
      const key = spokeName !== undefined ? `spokes[${spoke}] (${spokeName})` : { connectivity: 'hub', management: 'management', identity: 'identity' }[concern];
      if (key) return `${file} ${key}; to accept a finding on purpose, add it to policySuppressions there with stacks: [${concern}] and the reason`;
    }
    return undefined;
  };
}

/**
 * Validates one environment document. `source` names it in problems; a file's base name must match `environment`.
 * `options.tenants` resolves its `tenant` (default: the embedded tenants).
 */
export function loadEnvironmentText(
  text: string,
  source: string,
  options: TextLoadOptions = {},
): { config?: LandingZoneConfig; problems: ConfigProblem[] } {
  const problems = new ProblemCollector(source);
  const tenants = options.tenants ?? embeddedTenants();
  const document = parseYaml(text, problems);
  if (problems.problems.length > 0) return { problems: problems.problems };
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    problems.error('', document === null || document === undefined
      ? 'is empty; an environment file needs environment, location, tenant, subscriptionId, tags and hub (copy config/environments/dev.yaml as a starting point)'
      : `is ${Array.isArray(document) ? 'a list' : `the single value ${quote(document)}`}, not a mapping of settings; an environment file starts with keys such as environment: and location: (see config/environments/dev.yaml)`);
    return { problems: problems.problems };
  }
  const raw = withoutMovedKeys(document as Record<string, unknown>, problems);
  const tenant = typeof raw.tenant === 'string' ? resolveTenant(raw.tenant, tenants, problems) : undefined;
  const parsed = LandingZoneConfigSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.error(formatPath(issue.path), describeIssue(issue, LandingZoneConfigSchema));
    // Every semantic check still runs on the sections that are well-formed, so all problems surface together.
    checkSections(parseSections(raw), { ...raw, tenantId: tenant?.tenantId }, source, problems, options);
    return { problems: problems.problems };
  }

  const data = parsed.data;
  const result = checkSections(data, { ...data, tenantId: tenant?.tenantId }, source, problems, options);
  if (!result.subnets || !result.spokes || !tenant || hasErrors(problems.problems)) return { problems: problems.problems };

  const { $schema: _schema, ...rest } = data;
  return {
    config: { ...rest, tenantId: tenant.tenantId, tenantConfig: tenant, hub: { ...data.hub, subnets: result.subnets }, spokes: result.spokes },
    problems: problems.problems,
  };
}

/** Keys that moved to the tenant file: one clear problem each (not "unknown key"), then validated without them. */
const MOVED_TO_TENANT: Readonly<Record<string, string>> = {
  tenantId: 'the tenant ID lives in the tenant file now: add `tenant: <name>` here and move tenantId to config/tenants/<name>.yaml',
  identity: 'Entra ID is tenant-wide and lives in the tenant file now (one <tenant>-identity stack per tenant): move this section to config/tenants/<tenant>.yaml',
};

function withoutMovedKeys(raw: Record<string, unknown>, problems: ProblemCollector): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...raw };
  for (const [key, message] of Object.entries(MOVED_TO_TENANT)) {
    if (!(key in copy)) continue;
    problems.error(key, message);
    delete copy[key];
  }
  const management = copy.management;
  if (typeof management === 'object' && management !== null && 'entraIdLogs' in management) {
    problems.error('management.entraIdLogs', "the Entra ID diagnostic setting is tenant-wide: set `entraIdLogs: { environment: <env> }` in the tenant file instead");
    const { entraIdLogs: _moved, ...rest } = management as Record<string, unknown>;
    copy.management = rest;
  }
  return copy;
}

type Sections = { -readonly [K in keyof ParsedLandingZoneConfig]?: ParsedLandingZoneConfig[K] } & {
  /** Each spoke that passed the schema on its own, by its position in the file (failed ones are undefined). */
  readonly spokeEntries?: readonly (ParsedLandingZoneConfig['spokes'][number] | undefined)[];
};

/** Each top-level section parsed on its own, and each spoke on its own: what is well-formed gets checked. */
function parseSections(raw: Record<string, unknown>): Sections {
  const sections: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(LandingZoneConfigSchema.shape)) {
    const result = (schema as z.ZodType).safeParse(raw[key]);
    if (result.success) sections[key] = result.data;
  }
  const rawSpokes = raw.spokes;
  const spokeEntries = Array.isArray(rawSpokes) ? rawSpokes.map((spoke) => {
    const result = SpokeSchema.safeParse(spoke);
    return result.success ? result.data : undefined;
  }) : undefined;
  return { ...(sections as Sections), spokeEntries };
}

/**
 * The semantic checks, each run when the sections it reads are well-formed. `raw` is the document as written, for
 * the checks that read a value whatever its section's state (file name, tags, GUIDs, spoke names).
 */
function checkSections(
  sections: Sections,
  raw: Record<string, unknown>,
  source: string,
  problems: ProblemCollector,
  options: TextLoadOptions,
): { subnets?: HubSubnetPlan; spokes?: SpokeConfig[] } {
  const { hub, environment, location, subscriptionId } = sections;
  const spokeEntries = sections.spokeEntries ?? sections.spokes ?? [];
  const positions = spokeEntries.flatMap((spoke, i) => (spoke ? [i] : []));
  const spokes = spokeEntries.filter((spoke): spoke is ParsedLandingZoneConfig['spokes'][number] => spoke !== undefined);
  const complete = positions.length === spokeEntries.length && sections.spokes !== undefined;

  checkFileAndTags(source, raw.environment, raw.tags, problems);
  checkIdentifiers(raw, problems);
  checkSpokeNames(Array.isArray(raw.spokes) ? raw.spokes : [], problems);
  if (environment && location && subscriptionId) checkGeneratedNames({ environment, location, subscriptionId }, problems);
  checkKeyVaultNamesUnique(keyVaultNames({ environment, location, subscriptionId, spokes: spokeEntries }), problems);
  // Entries that failed the schema are passed as undefined, so the others keep their index in problem paths.
  const onPremises = sections.onPremisesAddressSpaces ?? (Array.isArray(raw.onPremisesAddressSpaces) ? raw.onPremisesAddressSpaces : []).map((r: unknown) => (CidrText.safeParse(r).success ? (r as string) : undefined));
  checkAddressSpaces(hub?.addressSpace ?? [], onPremises, problems, spokeEntries.map((s) => s?.addressSpace ?? []));
  if (sections.management) checkManagement({ management: sections.management }, problems);
  if (sections.policySuppressions) {
    const names = spokeEntries.map((s, i) => s?.name ?? rawSpokeName(raw, i)).filter((n): n is string => n !== undefined);
    checkPolicySuppressions(
      { policySuppressions: sections.policySuppressions, spokes: names.map((name) => ({ name })) },
      problems,
      options.policyRuleIds,
    );
  }
  if (!hub) return {};
  const subnets = planHub(hub, problems);
  if (environment && location && subscriptionId) checkTlsInspection({ hub, environment, location, subscriptionId }, problems);
  if (sections.management && sections.privilegedAccess && subscriptionId) {
    checkSecurityOperations({ management: sections.management, privilegedAccess: sections.privilegedAccess, hub, subscriptionId, spokes }, problems);
  }
  const allSpokeNames = (Array.isArray(raw.spokes) ? raw.spokes : []).map((_, i) => rawSpokeName(raw, i)).filter((n): n is string => n !== undefined);
  const planned = planSpokes({ hub, spokes, environment, location, subscriptionId, allSpokeNames }, problems, subnets?.AzureFirewallSubnet, positions);
  return { subnets, spokes: complete ? planned : undefined };
}

function rawSpokeName(raw: Record<string, unknown>, i: number): string | undefined {
  const spoke = Array.isArray(raw.spokes) ? (raw.spokes[i] as unknown) : undefined;
  const name = typeof spoke === 'object' && spoke !== null ? (spoke as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : undefined;
}





/** File name must match the environment; config may not set reserved tags or invalid tag names. */
function checkFileAndTags(source: string, environment: unknown, tags: unknown, problems: ProblemCollector): void {
  const baseName = path.basename(source).replace(/\.ya?ml$/, '');
  const validName = typeof environment === 'string' && LandingZoneConfigSchema.shape.environment.safeParse(environment).success;
  if (validName && path.extname(source) && baseName !== environment) {
    problems.error('environment', `is '${environment}' but the file is named ${path.basename(source)}; rename the file to ${environment}.yaml or fix the name`);
  }
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return;
  const keys = Object.keys(tags);
  const seen = new Map<string, string>();
  for (const key of keys) {
    const path = formatPath(['tags', key]);
    // Azure tag names are case-insensitive.
    const folded = key.toLowerCase();
    const first = seen.get(folded);
    if (first !== undefined) problems.error(path, `is the same tag name as ${quote(first)} to Azure, which ignores case; keep one`);
    seen.set(folded, key);
    if ((RESERVED_TAGS as readonly string[]).includes(folded)) {
      problems.error(path, 'is set by the landing zone itself; remove it from config');
    } else if (/[<>%&\\?/]/.test(key) || key.length > 512) {
      problems.error(path, 'is not a valid Azure tag name (at most 512 characters, none of < > % & \\ ? /); rename it');
    } else if (key.trim() !== key || key.length === 0) {
      problems.error(path, `${quote(key)} has leading or trailing spaces, which Azure tag names may not have; remove them`);
    } else if (/^(microsoft|azure|windows)/.test(folded)) {
      problems.error(path, 'starts with a prefix Azure reserves for its own tags (microsoft, azure, windows); rename it');
    }
    if (suspiciousNote(key)) problems.warning(path, `has a character that is not plain ASCII${suspiciousNote(key)}`);
  }
  const total = keys.length + RESERVED_TAGS.length;
  if (total > MAX_TAGS) {
    problems.error('tags', `has ${keys.length} tags; with the ${RESERVED_TAGS.length} the landing zone sets (${RESERVED_TAGS.join(', ')}) that is ${total}, and Azure allows ${MAX_TAGS} per resource: remove ${total - MAX_TAGS}`);
  }
}

/** Azure's limit of tags per resource, resource group or subscription. */
const MAX_TAGS = 50;

function failure(source: string, message: string): LoadResult {
  return { configs: [], problems: [{ severity: 'error', source, path: '', message }] };
}








