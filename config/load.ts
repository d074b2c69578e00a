/**
 * Loads environment configs from YAML, validates them (schema + semantics) and plans hub subnets.
 * Nothing here throws for bad input: every problem in every file is returned so all can be reported at once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { core } from 'zod';
import { PROJECT_ROOT } from '../lib/project-root';
import { checkSecurityOperations } from './security-operations-checks';
import { checkAddressSpaces, checkManagement, checkPolicySuppressions, checkTlsInspection, planHub } from './plan';
import { planSpokes } from './spoke-plan';
import { ConfigProblem, ProblemCollector } from './problems';
import { CidrText, HubSchema, LandingZoneConfig, LandingZoneConfigSchema, RESERVED_TAGS, SpokeListSchema } from './schema';

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

/** Loads one YAML file or every `*.yaml`/`*.yml` file of a directory. */
export function loadEnvironments(source: string, options: LoadOptions = {}): LoadResult {
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

  const problems: ConfigProblem[] = [];
  const configs: LandingZoneConfig[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const result = loadEnvironmentText(fs.readFileSync(file, 'utf8'), displayPath(file), options);
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
  const ok = !problems.some((p) => p.severity === 'error');
  return { configs: ok ? configs.sort((a, b) => a.environment.localeCompare(b.environment)) : [], problems };
}

/** Validates one environment document. `source` names it in problems; a file's base name must match `environment`. */
export function loadEnvironmentText(
  text: string,
  source: string,
  options: LoadOptions = {},
): { config?: LandingZoneConfig; problems: ConfigProblem[] } {
  const problems = new ProblemCollector(source);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const at = lineCounter.linePos(error.pos[0]);
      problems.error(`line ${at.line}:${at.col}`, `is not valid YAML: ${error.message.split('\n')[0]}`);
    }
    return { problems: problems.problems };
  }
  const raw: unknown = document.toJS();
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
  checkFileAndTags(source, data.environment, data.tags, problems);
  checkAddressSpaces(data.hub.addressSpace, data.onPremisesAddressSpaces, problems, data.spokes.map((s) => s.addressSpace));
  const subnets = planHub(data.hub, problems);
  checkTlsInspection(data, problems);
  checkManagement(data, problems);
  checkSecurityOperations(data, problems);
  checkPolicySuppressions(data, problems, options.policyRuleIds);
  const spokes = planSpokes(data, problems, subnets?.AzureFirewallSubnet);
  if (!subnets || !spokes || problems.problems.some((p) => p.severity === 'error')) return { problems: problems.problems };

  const { $schema: _schema, ...rest } = data;
  return { config: { ...rest, hub: { ...data.hub, subnets }, spokes }, problems: problems.problems };
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

/** `hub.addressSpace[1]` style paths. */
export function formatPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((acc, segment) => {
    if (typeof segment === 'number') return `${acc}[${segment}]`;
    return acc ? `${acc}.${String(segment)}` : String(segment);
  }, '');
}

function describeIssue(issue: core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `is required (expected ${issue.expected}); add it`;
  }
  if (issue.code === 'invalid_value' && issue.message.startsWith('Invalid option')) {
    return `is ${JSON.stringify(issue.input)}; use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator) {
    return `is ${JSON.stringify(issue.input)}, which matches no allowed kind; see config/landing-zone.schema.json for the allowed values`;
  }
  if (issue.code === 'unrecognized_keys') {
    return `has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}; remove or correct ${issue.keys.length > 1 ? 'them' : 'it'} (see config/landing-zone.schema.json)`;
  }
  return issue.message;
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}
