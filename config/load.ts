/**
 * Loads environment configs from YAML, validates them (schema + semantics) and plans hub subnets.
 * Nothing here throws for bad input: every problem in every file is returned so all can be reported at once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { core, z } from 'zod';
import { PROJECT_ROOT } from '../lib/project-root';
import { checkGeneratedNames, checkKeyVaultNamesUnique, globalNameProblems, keyVaultNames } from './global-names';
import { checkIdentifiers } from './identifiers';
import { checkAddressSpaces, checkManagement, checkPolicySuppressions, checkTlsInspection, planHub } from './plan';
import { checkSpokeNames, planSpokes } from './spoke-plan';
import { ConfigProblem, hasErrors, ProblemCollector } from './problems';
import { CidrText, HubSubnetPlan, LandingZoneConfig, LandingZoneConfigSchema, ParsedLandingZoneConfig, RESERVED_TAGS, SpokeConfig } from './schema';
import { quote, suspiciousNote } from '../lib/quote';
import { SpokeSchema } from './spoke-schema';

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
  // A directory named like a YAML file is reported as itself (in readConfigFile), not skipped silently.
  if (files.length === 0) {
    return failure(display, 'has no *.yaml environment files; copy config/environments/dev.yaml there as a starting point');
  }

  const problems: ConfigProblem[] = [];
  const configs: LandingZoneConfig[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const text = readConfigFile(file);
    if (typeof text !== 'string') {
      problems.push({ severity: 'error', source: displayPath(file), path: '', message: text.problem });
      continue;
    }
    const result = loadEnvironmentText(text, displayPath(file), options);
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
  problems.push(...globalNameProblems(configs.map((config) => ({ config, source: seen.get(config.environment) as string }))));
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
      const key = spoke >= 0 ? `spokes[${spoke}] (${config.spokes[spoke].name})` : { connectivity: 'hub', management: 'management', identity: 'identity' }[concern];
      if (key) return `${file} ${key}; to accept a finding on purpose, add it to policySuppressions there with stacks: [${concern}] and the reason`;
    }
    return undefined;
  };
}

/** Validates one environment document. `source` names it in problems; a file's base name must match `environment`. */
export function loadEnvironmentText(
  text: string,
  source: string,
  options: LoadOptions = {},
): { config?: LandingZoneConfig; problems: ConfigProblem[] } {
  const problems = new ProblemCollector(source);
  const raw = parseYaml(text, problems);
  if (problems.problems.length > 0) return { problems: problems.problems };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.error('', raw === null || raw === undefined
      ? 'is empty; an environment file needs environment, location, tenantId, subscriptionId, tags and hub (copy config/environments/dev.yaml as a starting point)'
      : `is ${Array.isArray(raw) ? 'a list' : `the single value ${quote(raw)}`}, not a mapping of settings; an environment file starts with keys such as environment: and location: (see config/environments/dev.yaml)`);
    return { problems: problems.problems };
  }
  const parsed = LandingZoneConfigSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.error(formatPath(issue.path), describeIssue(issue));
    // Every semantic check still runs on the sections that are well-formed, so all problems surface together.
    checkSections(parseSections(raw as Record<string, unknown>), raw as Record<string, unknown>, source, problems, options);
    return { problems: problems.problems };
  }

  const data = parsed.data;
  const result = checkSections(data, data, source, problems, options);
  if (!result.subnets || !result.spokes || hasErrors(problems.problems)) return { problems: problems.problems };

  const { $schema: _schema, ...rest } = data;
  return { config: { ...rest, hub: { ...data.hub, subnets: result.subnets }, spokes: result.spokes }, problems: problems.problems };
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
  options: LoadOptions,
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
      { policySuppressions: sections.policySuppressions, spokes: names.map((name) => ({ name })), identity: raw.identity },
      problems,
      options.policyRuleIds,
    );
  }
  if (!hub) return {};
  const subnets = planHub(hub, problems);
  if (environment && location && subscriptionId) checkTlsInspection({ hub, environment, location, subscriptionId }, problems);
  const allSpokeNames = (Array.isArray(raw.spokes) ? raw.spokes : []).map((_, i) => rawSpokeName(raw, i)).filter((n): n is string => n !== undefined);
  const planned = planSpokes({ hub, spokes, environment, location, subscriptionId, allSpokeNames }, problems, subnets?.AzureFirewallSubnet, positions);
  return { subnets, spokes: complete ? planned : undefined };
}

function rawSpokeName(raw: Record<string, unknown>, i: number): string | undefined {
  const spoke = Array.isArray(raw.spokes) ? (raw.spokes[i] as unknown) : undefined;
  const name = typeof spoke === 'object' && spoke !== null ? (spoke as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : undefined;
}

/**
 * YAML text to a plain value; problems (syntax, alias bombs, duplicate keys) are reported with their line. Aliases
 * are capped: a document that expands one node into millions (a "billion laughs" file) is rejected, not expanded.
 */
function parseYaml(text: string, problems: ProblemCollector): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const at = lineCounter.linePos(error.pos[0]);
      problems.error(`line ${at.line}:${at.col}`, `is not valid YAML: ${cut(error.message.split('\n')[0])}`);
    }
    return undefined;
  }
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/alias/i.test(message)) {
      problems.error('', `uses YAML aliases (*name) more than ${MAX_ALIAS_COUNT} times in one expansion, which can blow up to gigabytes; write the values out instead of nesting aliases`);
    } else {
      problems.error('', `could not be read as YAML: ${cut(message)}`);
    }
    return undefined;
  }
}

/** Most alias expansions one document may use; the embedded environments use none. */
const MAX_ALIAS_COUNT = 50;

/** The text of a config file, or why it cannot be one (a directory, binary content, unreadable). */
function readConfigFile(file: string): string | { problem: string } {
  try {
    if (fs.statSync(file).isDirectory()) {
      return { problem: `is a directory, not a YAML file; rename it (without .yaml/.yml) or move it out of ${displayPath(path.dirname(file))}` };
    }
    const bytes = fs.readFileSync(file);
    const nul = bytes.indexOf(0);
    if (nul >= 0) return { problem: `is not a text file (a NUL byte at offset ${nul}); an environment file is UTF-8 YAML, check that the right file is named` };
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      return { problem: 'is not UTF-8 text (binary or another encoding); save it as UTF-8 YAML' };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: `cannot be read (${code ?? 'error'}); check that it exists and that you may read it` };
  }
}

function cut(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** File name must match the environment; config may not set reserved tags or invalid tag names. */
function checkFileAndTags(source: string, environment: unknown, tags: unknown, problems: ProblemCollector): void {
  const baseName = path.basename(source).replace(/\.ya?ml$/, '');
  const validName = LandingZoneConfigSchema.shape.environment.safeParse(environment).success;
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

/** `hub.addressSpace[1]` style paths. */
export function formatPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((acc, segment) => {
    if (typeof segment === 'number') return `${acc}[${segment}]`;
    const key = String(segment).length > 60 ? `${String(segment).slice(0, 60)}…` : String(segment);
    return acc ? `${acc}.${key}` : key;
  }, '');
}

function describeIssue(issue: core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  return describeIssueText(issue, input) + suspiciousNote(input);
}

function describeIssueText(issue: core.$ZodIssue, input: unknown): string {
  if (issue.code === 'invalid_type' && input === undefined) {
    return `is required (expected ${issue.expected}); add it`;
  }
  if (issue.code === 'invalid_type') {
    return `has the wrong type (expected ${issue.expected}, received ${receivedType(input)}): ${quote(input)}; write ${issue.expected === 'object' ? 'a mapping of settings' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`} here`;
  }
  if (issue.code === 'invalid_value' && issue.message.startsWith('Invalid option')) {
    return `is ${quote(input, '"')}; use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator) {
    const atKey = issue.path[issue.path.length - 1] === issue.discriminator;
    const allowed = discriminatorValues(atKey ? issue.path.slice(0, -1) : issue.path);
    const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[issue.discriminator] : input;
    return `is ${quote(value)}, which matches no allowed kind; ${allowed.length > 0 ? `set ${issue.discriminator} to one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}` : 'see config/landing-zone.schema.json for the allowed values'}`;
  }
  if (issue.code === 'invalid_union') {
    // A value that fits none of the alternatives: the alternatives' own messages say what each expects.
    const reasons = [...new Set(issue.errors.flatMap((branch) => branch.filter((e) => e.path.length === 0).map((e) => describeIssueText(e, input))))];
    return reasons.length > 0 ? reasons.join('; or ') : `is ${quote(input)}, which is not allowed here; see config/landing-zone.schema.json`;
  }
  if (issue.code === 'unrecognized_keys') {
    return `has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => quote(k)).join(', ')}; remove or correct ${issue.keys.length > 1 ? 'them' : 'it'} (see config/landing-zone.schema.json)`;
  }
  // Zod's own wording for a long string is fine, but some schema messages echo the value: never echo a long one.
  if (issue.code === 'too_big' && typeof input === 'string' && issue.message.startsWith('Too big')) return `is ${[...input].length} characters; at most ${String(issue.maximum)} are allowed`;
  return issue.message;
}

function receivedType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The allowed values of the discriminator of the union at `path` (e.g. backend.type: local, azurerm). */
function discriminatorValues(path: readonly PropertyKey[]): string[] {
  let schema: unknown = LandingZoneConfigSchema;
  for (const segment of path) schema = childSchema(unwrap(schema), segment);
  const union = unwrap(schema) as { _zod?: { def?: { options?: unknown[]; discriminator?: string } } };
  const def = union?._zod?.def;
  if (!def?.options || !def.discriminator) return [];
  return def.options.flatMap((option) => {
    const values = (unwrap(option) as { _zod?: { def?: { shape?: Record<string, { _zod?: { values?: Set<unknown> } }> } } })?._zod?.def?.shape?.[def.discriminator as string]?._zod?.values;
    return values ? [...values].map(String) : [];
  });
}

/** Steps through optional/default/prefault/pipe wrappers to the schema that holds the shape. */
function unwrap(schema: unknown): unknown {
  let current = schema as { _zod?: { def?: { type?: string; innerType?: unknown; in?: unknown } } } | undefined;
  for (let i = 0; i < 10 && current?._zod?.def; i++) {
    const def = current._zod.def;
    if (def.innerType) current = def.innerType as typeof current;
    else if (def.type === 'pipe' && def.in) current = def.in as typeof current;
    else break;
  }
  return current;
}

function childSchema(schema: unknown, segment: PropertyKey): unknown {
  const def = (schema as { _zod?: { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown } } })?._zod?.def;
  if (!def) return undefined;
  if (def.type === 'array') return def.element;
  if (def.type === 'object') return def.shape?.[String(segment)];
  return undefined;
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}
