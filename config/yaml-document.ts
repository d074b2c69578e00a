/**
 * Shared by environment and tenant files: reading a config file (directories, binary content, encodings), YAML
 * parsing with line numbers and capped aliases, and Zod issues as config problems that say what to do.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { core, z } from 'zod';
import { quote, suspiciousNote } from '../lib/quote';
import { ProblemCollector } from './problems';

/**
 * YAML text to a plain value; problems (syntax, alias bombs, duplicate keys) are reported with their line. Aliases
 * are capped: a document that expands one node into millions (a "billion laughs" file) is rejected, not expanded.
 */
export function parseYaml(text: string, problems: ProblemCollector): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const at = lineCounter.linePos(error.pos[0]);
      problems.error(`line ${at.line}:${at.col}`, `is not valid YAML: ${cut(error.message.split('\n', 1)[0] ?? '')}`);
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
export function readConfigFile(file: string): string | { problem: string } {
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

export function cut(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** `hub.addressSpace[1]` style paths. */
export function formatPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((acc, segment) => {
    if (typeof segment === 'number') return `${acc}[${segment}]`;
    const key = String(segment).length > 60 ? `${String(segment).slice(0, 60)}…` : String(segment);
    return acc ? `${acc}.${key}` : key;
  }, '');
}

export function describeIssue(issue: core.$ZodIssue, root: z.ZodType): string {
  const input = (issue as { input?: unknown }).input;
  return describeIssueText(issue, input, root) + suspiciousNote(input);
}

function describeIssueText(issue: core.$ZodIssue, input: unknown, root: z.ZodType): string {
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
    const allowed = discriminatorValues(root, atKey ? issue.path.slice(0, -1) : issue.path);
    const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[issue.discriminator] : input;
    return `is ${quote(value)}, which matches no allowed kind; ${allowed.length > 0 ? `set ${issue.discriminator} to one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}` : 'see config/landing-zone.schema.json for the allowed values'}`;
  }
  if (issue.code === 'invalid_union') {
    // A value that fits none of the alternatives: the alternatives' own messages say what each expects.
    const reasons = [...new Set(issue.errors.flatMap((branch) => branch.filter((e) => e.path.length === 0).map((e) => describeIssueText(e, input, root))))];
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
function discriminatorValues(root: z.ZodType, path: readonly PropertyKey[]): string[] {
  let schema: unknown = root;
  for (const segment of path) schema = childSchema(unwrap(schema), segment);
  const union = unwrap(schema) as { _zod?: { def?: { options?: unknown[]; discriminator?: string } } } | undefined;
  const def = union?._zod?.def;
  if (!def?.options || !def.discriminator) return [];
  return def.options.flatMap((option) => {
    const values = (unwrap(option) as { _zod?: { def?: { shape?: Record<string, { _zod?: { values?: Set<unknown> } }> } } } | undefined)?._zod?.def?.shape?.[def.discriminator as string]?._zod?.values;
    return values ? [...values].map(String) : [];
  });
}

/** Steps through optional/default/prefault/pipe wrappers to the schema that holds the shape. */
function unwrap(schema: unknown): unknown {
  let current = schema as { _zod?: { def?: { type?: string; innerType?: unknown; in?: unknown } } } | undefined;
  for (let i = 0; i < 10 && current?._zod?.def; i++) {
    const def = current._zod.def;
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else break;
  }
  return current;
}

function childSchema(schema: unknown, segment: PropertyKey): unknown {
  const def = (schema as { _zod?: { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown } } } | undefined)?._zod?.def;
  if (!def) return undefined;
  if (def.type === 'array') return def.element;
  if (def.type === 'object') return def.shape?.[String(segment)];
  return undefined;
}

export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}
