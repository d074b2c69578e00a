/**
 * Loads environment configs from YAML, validates them (schema + semantics) and plans hub subnets.
 * Nothing here throws for bad input: every problem in every file is returned so all can be reported at once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../lib/project-root';
import { checkAddressSpaces, checkManagement, checkPolicySuppressions, checkTlsInspection, planHub } from './plan';
import { planSpokes } from './spoke-plan';
import { ConfigProblem, ProblemCollector } from './problems';
import { CidrText, HubSchema, LandingZoneConfig, LandingZoneConfigSchema, RESERVED_TAGS, SpokeListSchema } from './schema';
import { checkGovernance } from './governance-plan';
import { checkAcrossEnvironments, embeddedTenants, loadTenants, resolveTenant, tenantDirectoryFor, TenantLookup } from './tenants';
import { describeIssue, displayPath, formatPath, parseYamlDocument } from './yaml-document';

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
  if (files.length === 0) {
    return failure(display, 'has no *.yaml environment files; copy config/environments/dev.yaml there as a starting point');
  }

  const tenants = loadTenants(tenantDirectory);
  const problems: ConfigProblem[] = [...tenants.problems];
  const loaded: { config: LandingZoneConfig; source: string }[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const result = loadEnvironmentText(fs.readFileSync(file, 'utf8'), displayPath(file), { ...options, tenants: tenants.tenants });
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
    loaded.push({ config: result.config, source: displayPath(file) });
  }
  problems.push(...checkAcrossEnvironments(loaded), ...checkGovernance(loaded));
  const ok = !problems.some((p) => p.severity === 'error');
  const configs = loaded.map((l) => l.config).sort((a, b) => a.environment.localeCompare(b.environment));
  return { configs: ok ? configs : [], problems };
}

/**
 * Validates one environment document. `source` names it in problems; a file's base name must match `environment`.
 * `tenants` resolves its `tenant` (default: the embedded tenants).
 */
export function loadEnvironmentText(
  text: string,
  source: string,
  options: TextLoadOptions = {},
): { config?: LandingZoneConfig; problems: ConfigProblem[] } {
  const tenants = options.tenants ?? embeddedTenants();
  const problems = new ProblemCollector(source);
  const document = parseYamlDocument(text, problems);
  if (!document) return { problems: problems.problems };
  const raw = withoutMovedKeys(document.value, problems);
  const parsed = LandingZoneConfigSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.error(formatPath(issue.path), describeIssue(issue));
    // Still check the hub's semantics when that section alone is well-formed, so all problems surface together.
    const partial = (typeof raw === 'object' && raw !== null ? raw : {}) as {
      hub?: unknown;
      spokes?: unknown;
      onPremisesAddressSpaces?: unknown;
      environment?: unknown;
      tags?: unknown;
    };
    const hub = HubSchema.safeParse(partial.hub);
    const spokes = SpokeListSchema.safeParse(partial.spokes ?? []);
    if (hub.success) {
      const onPremises = Array.isArray(partial.onPremisesAddressSpaces) ? partial.onPremisesAddressSpaces : [];
      const valid = onPremises.map((r: unknown) => (CidrText.safeParse(r).success ? (r as string) : undefined));
      checkAddressSpaces(hub.data.addressSpace, valid, problems, spokes.success ? spokes.data.map((s) => s.addressSpace) : []);
      planHub(hub.data, problems);
      if (spokes.success) planSpokes({ hub: hub.data, spokes: spokes.data }, problems);
    }
    checkFileAndTags(source, partial.environment, partial.tags, problems);
    return { problems: problems.problems };
  }

  const data = parsed.data;
  const tenant = resolveTenant(data.tenant, tenants, problems);
  checkFileAndTags(source, data.environment, data.tags, problems);
  checkAddressSpaces(data.hub.addressSpace, data.onPremisesAddressSpaces, problems, data.spokes.map((s) => s.addressSpace));
  const subnets = planHub(data.hub, problems);
  checkTlsInspection(data, problems);
  checkManagement(data, problems);
  checkPolicySuppressions(data, problems, options.policyRuleIds);
  const spokes = planSpokes(data, problems, subnets?.AzureFirewallSubnet);
  if (!subnets || !spokes || !tenant || problems.problems.some((p) => p.severity === 'error')) return { problems: problems.problems };

  const { $schema: _schema, ...rest } = data;
  return { config: { ...rest, tenantId: tenant.tenantId, tenantConfig: tenant, hub: { ...data.hub, subnets }, spokes }, problems: problems.problems };
}

/** Keys that moved to the tenant file: one clear problem each (not "unknown key"), then validated without them. */
const MOVED_TO_TENANT: Readonly<Record<string, string>> = {
  tenantId: 'the tenant ID lives in the tenant file now: add `tenant: <name>` here and move tenantId to config/tenants/<name>.yaml',
  identity: 'Entra ID is tenant-wide and lives in the tenant file now (one <tenant>-identity stack per tenant): move this section to config/tenants/<tenant>.yaml',
};

function withoutMovedKeys(raw: unknown, problems: ProblemCollector): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const copy: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
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

/** File name must match the environment; config may not set reserved tags or invalid tag names. */
function checkFileAndTags(source: string, environment: unknown, tags: unknown, problems: ProblemCollector): void {
  const baseName = path.basename(source).replace(/\.ya?ml$/, '');
  const validName = LandingZoneConfigSchema.shape.environment.safeParse(environment).success;
  if (validName && path.extname(source) && baseName !== environment) {
    problems.error('environment', `is '${environment}' but the file is named ${path.basename(source)}; rename the file to ${environment}.yaml or fix the name`);
  }
  if (typeof tags !== 'object' || tags === null) return;
  for (const key of Object.keys(tags)) {
    // Azure tag names are case-insensitive.
    if ((RESERVED_TAGS as readonly string[]).includes(key.toLowerCase())) {
      problems.error(`tags.${key}`, 'is set by the landing zone itself; remove it from config');
    } else if (/[<>%&\\?/]/.test(key) || key.length > 512) {
      problems.error(`tags.${key}`, 'is not a valid Azure tag name (at most 512 characters, none of < > % & \\ ? /); rename it');
    }
  }
}

function failure(source: string, message: string): LoadResult {
  return { configs: [], problems: [{ severity: 'error', source, path: '', message }] };
}
