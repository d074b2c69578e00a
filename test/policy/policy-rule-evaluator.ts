/**
 * A small offline evaluator of the Azure Policy rule language, as far as the project's custom definitions use it
 * (lib/guardrails/custom-definitions.ts): allOf / anyOf / not; field, value and count (field and value) conditions
 * with equals, notEquals, in, notIn, greater; and the template functions in their expressions. It interprets the
 * definition's JSON itself, so the tests prove what Azure would evaluate, not a re-statement of it.
 *
 * Resources are given in alias shape: `type` plus the properties the aliases read, named as in the alias after the
 * resource type (`{ type: '.../securityRules', access: 'Allow', destinationPortRanges: ['22'] }`, or an NSG with
 * `securityRules: [{ access, ... }]`). A template function fails where ARM's would (int() of a non-number, split() or
 * contains() of null), and the evaluation throws: Azure would deny on such a failure, so a sound rule never causes one.
 */
import type { CustomPolicyDefinition, PolicyCondition } from '../../lib/guardrails/custom-definitions';
import { jsonText } from '../../lib/json-text';

export type AliasResource = { readonly type: string } & Readonly<Record<string, unknown>>;

interface Scope {
  readonly resource: AliasResource;
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Enumerated array aliases (`...securityRules[*]`) and value count names, with their current member. */
  readonly current: ReadonlyMap<string, unknown>;
}

/** Does the definition's `if` match the resource (so its effect applies)? Parameters default as Azure defaults them. */
export function policyRuleMatches(definition: CustomPolicyDefinition, resource: AliasResource, parameters: Readonly<Record<string, unknown>> = {}): boolean {
  const values = Object.fromEntries(Object.entries(definition.parameters).map(([name, p]) => [name, parameters[name] ?? p.defaultValue]));
  return condition(definition.policyRule.if, { resource, parameters: values, current: new Map() });
}

function condition(c: PolicyCondition, scope: Scope): boolean {
  if ('allOf' in c) return c.allOf.every((x) => condition(x, scope));
  if ('anyOf' in c) return c.anyOf.some((x) => condition(x, scope));
  if ('not' in c) return !condition(c.not, scope);
  let actual: unknown;
  if ('count' in c) actual = count(c.count, scope);
  else if ('field' in c) actual = field(c.field, scope);
  else actual = resolve(c.value, scope);
  const same = (a: unknown, b: unknown) => (typeof a === 'boolean' || typeof b === 'boolean' ? jsonText(a).toLowerCase() === jsonText(b).toLowerCase() : a !== undefined && a !== null && jsonText(a).toLowerCase() === jsonText(b).toLowerCase());
  const list = (v: unknown) => resolve(v, scope) as unknown[];
  if (c.equals !== undefined) return same(actual, resolve(c.equals, scope));
  if (c.notEquals !== undefined) return !same(actual, resolve(c.notEquals, scope));
  if (c.in !== undefined) return list(c.in).some((v) => same(actual, v));
  if (c.notIn !== undefined) return !list(c.notIn).some((v) => same(actual, v));
  if (c.greater !== undefined) return Number(actual) > c.greater;
  throw new Error(`unsupported condition ${JSON.stringify(c)}`);
}

function count(spec: { readonly field?: string; readonly value?: unknown; readonly name?: string; readonly where?: PolicyCondition }, scope: Scope): number {
  const key = spec.field ?? spec.name ?? 'default';
  const members = spec.field !== undefined ? field(spec.field.replace(/\[\*\]$/, ''), scope) : resolve(spec.value, scope);
  if (members === undefined || members === null) return 0;
  if (!Array.isArray(members)) throw new Error(`count of a non-array: ${key}`);
  return members.filter((member) => !spec.where || condition(spec.where, { ...scope, current: new Map([...scope.current, [key, member]]) })).length;
}

/** A field alias: `type`, or a path under the resource type, starting from the innermost enumerated array it is in. */
function field(alias: string, scope: Scope): unknown {
  if (alias === 'type') return scope.resource.type;
  if (scope.current.has(alias)) return scope.current.get(alias);
  const enumerated = [...scope.current.keys()].filter((k) => k.endsWith('[*]') && alias.startsWith(`${k}.`)).sort((a, b) => b.length - a.length)[0];
  if (enumerated !== undefined) return walk(scope.current.get(enumerated), alias.slice(enumerated.length + 1));
  const prefix = `${scope.resource.type}/`;
  return alias.startsWith(prefix) ? walk(scope.resource, alias.slice(prefix.length)) : undefined;
}

function walk(from: unknown, path: string): unknown {
  let value = from;
  for (const segment of path.split('.')) {
    if (segment.includes('[*]') || segment.includes('/')) throw new Error(`unsupported alias path ${path} (an array outside a count?)`);
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return value;
}

/** A literal, or a `[...]` template expression. */
function resolve(value: unknown, scope: Scope): unknown {
  if (typeof value !== 'string' || !value.startsWith('[') || value.startsWith('[[')) return value;
  const parser = { text: value.slice(1, -1), at: 0 };
  const node = parse(parser);
  if (parser.at !== parser.text.length) throw new Error(`trailing text in ${value}`);
  return run(node, scope);
}

type Node = { readonly literal: unknown } | { readonly call: string; readonly args: readonly Node[] };

function parse(p: { text: string; at: number }): Node {
  const rest = p.text.slice(p.at);
  const space = /^\s*/.exec(rest)?.[0].length ?? 0;
  p.at += space;
  const string = /^'((?:[^']|'')*)'/.exec(p.text.slice(p.at));
  if (string) {
    p.at += string[0].length;
    return { literal: (string[1] ?? '').replace(/''/g, "'") };
  }
  const name = /^[A-Za-z]+/.exec(p.text.slice(p.at))?.[0];
  if (!name || p.text[p.at + name.length] !== '(') throw new Error(`cannot parse at ${p.text.slice(p.at)}`);
  p.at += name.length + 1;
  const args: Node[] = [];
  while (p.text[p.at] !== ')') {
    args.push(parse(p));
    p.at += /^\s*,?\s*/.exec(p.text.slice(p.at))?.[0].length ?? 0;
  }
  p.at += 1;
  return { call: name, args };
}

function run(node: Node, scope: Scope): unknown {
  if ('literal' in node) return node.literal;
  const arg = (i: number) => {
    const a = node.args[i];
    if (!a) throw new Error(`${node.call}() needs argument ${i + 1}`);
    return run(a, scope);
  };
  const text = (i: number) => {
    const v = arg(i);
    if (typeof v !== 'string') throw new Error(`${node.call}() of ${JSON.stringify(v)} fails`);
    return v;
  };
  switch (node.call) {
    case 'parameters': return scope.parameters[text(0)];
    case 'field': return field(text(0), scope);
    case 'current': return node.args.length === 0 ? scope.current.get('default') : field(text(0), scope);
    case 'if': return arg(0) === true ? arg(1) : arg(2); // evaluates only the branch taken, like ARM
    case 'and': return node.args.map((_, i) => arg(i)).every((v) => v === true);
    case 'or': return node.args.map((_, i) => arg(i)).some((v) => v === true);
    case 'not': return arg(0) !== true;
    case 'true': return true;
    case 'false': return false;
    case 'equals': return arg(0) === arg(1);
    case 'empty': { const v = arg(0); return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0); }
    case 'contains': return text(0).includes(text(1));
    case 'split': return text(0).split(text(1));
    case 'first': { const v = arg(0); return Array.isArray(v) ? v[0] : text(0).charAt(0); }
    case 'last': { const v = arg(0); return Array.isArray(v) ? v[v.length - 1] : text(0).slice(-1); }
    case 'int': { const v = String(arg(0)); if (!/^-?\d+$/.test(v.trim())) throw new Error(`int('${v}') fails`); return Number(v); }
    case 'lessOrEquals': return Number(arg(0)) <= Number(arg(1));
    case 'greaterOrEquals': return Number(arg(0)) >= Number(arg(1));
    default: throw new Error(`unsupported function ${node.call}()`);
  }
}
