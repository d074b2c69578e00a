/** Shared by environment and tenant files: YAML parsing with line numbers, and Zod issues as config problems. */
import * as path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { core } from 'zod';
import { ProblemCollector } from './problems';

/** The document's value, or undefined after reporting every syntax error with its line and column. */
export function parseYamlDocument(text: string, problems: ProblemCollector): { value: unknown } | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const at = lineCounter.linePos(error.pos[0]);
      problems.error(`line ${at.line}:${at.col}`, `is not valid YAML: ${error.message.split('\n')[0]}`);
    }
    return undefined;
  }
  return { value: document.toJS() as unknown };
}

/** `hub.addressSpace[1]` style paths. */
export function formatPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((acc, segment) => {
    if (typeof segment === 'number') return `${acc}[${segment}]`;
    return acc ? `${acc}.${String(segment)}` : String(segment);
  }, '');
}

/** A Zod issue as a sentence that says what to do. */
export function describeIssue(issue: core.$ZodIssue): string {
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

/** A file path relative to the working directory when it is inside it, as problems show it. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}
