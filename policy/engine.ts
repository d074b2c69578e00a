/**
 * The policy engine: rules are pure functions over the synthesized Terraform JSON of one environment (all its stacks,
 * so cross-stack references resolve through `verifier/references.ts`). A rule file holds everything about its rule,
 * each written once with a named field (`defineRule`): ID, wording and weight (`RuleWording`), the public checks it
 * mirrors and its logic (`RuleCheck`). `rules/<area>/index.ts` lists an area's rules; `pack.ts` concatenates areas.
 */
import type { AzurePolicyGuardrail, Pillar } from '../lib/guardrails/guardrail';
import { sortedEntries } from '../lib/collections';
import { TerraformAttributes, TerraformJson } from '../verifier/load';
import { ResourceAddress, References, addressKey } from '../verifier/references';
import { whyNotLiteral } from '../verifier/network-records';

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

/** `a` is at least as severe as `b`. */
export function atLeast(a: Severity, b: Severity): boolean {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b];
}

export type { Pillar };

/** Outcome of one rule for one resource. */
export type Outcome = 'compliant' | 'non-compliant' | 'suppressed' | 'not-applicable' | 'undecidable';

/** The public checks a rule mirrors, or `custom` with the reason there is none. */
export interface RuleReferences {
  readonly checkov?: readonly string[];
  readonly trivy?: readonly string[];
  /** Azure Policy built-in definition GUIDs (a rule's `azurePolicy` guardrails are added by `defineRule`). */
  readonly azurePolicy?: readonly string[];
  /** CISA SCuBA baseline policy IDs (`MS.AAD.*`). */
  readonly scuba?: readonly string[];
  readonly custom?: string;
}

/**
 * What a rule judges: a resource, or a pseudo-resource for environment-wide rules (`subscription.<id>`,
 * `tenant.<id>`, `environment.<name>`, `provider.azurerm`, `backend.azurerm`), placed in one stack.
 */
export type Subject = ResourceAddress;

/** A rule's verdict on one subject (suppression is applied later by the engine). */
export interface CheckResult {
  readonly subject: Subject;
  readonly outcome: Exclude<Outcome, 'suppressed'>;
  readonly reason: string;
}

/** The logic of one rule and the public checks it mirrors. */
export interface RuleCheck {
  /** `ZT-<AREA>-NNN`, written once: the rule file is named by it (`rules/<area>/<id>.ts`, checked by a test). */
  readonly id: string;
  /** Resource types the rule reads; none of them present means not applicable (also shown in the docs). */
  readonly appliesTo: readonly string[];
  readonly references: RuleReferences;
  /**
   * The rule's runtime twin: built-in Azure Policy definitions assigned by the governance stack, with their effect
   * and parameters. Their GUIDs are cited in `references.azurePolicy` automatically.
   * @default - no guardrail (a rule citing an Azure Policy definition without one fails test/policy/guardrails.test.ts)
   */
  readonly azurePolicy?: readonly AzurePolicyGuardrail[];
  evaluate(ctx: EvaluationContext): readonly CheckResult[];
}

/** What a rule says and how much it weighs, shown in every report, the docs and the Azure Policy messages. */
export interface RuleWording {
  /** What a compliant resource looks like, as a statement (`Key Vaults use RBAC authorization`). */
  readonly title: string;
  readonly severity: Severity;
  readonly pillar: Pillar;
  /** Why it matters: the attack or failure the rule prevents. */
  readonly rationale: string;
  /** What to change, in the project's terms (config key, construct method or attribute). */
  readonly fix: string;
}

/** A rule as the pack runs it: its file's whole declaration. */
export interface Rule extends RuleCheck, RuleWording {}

const PILLARS: Record<Pillar, true> = { identity: true, devices: true, networks: true, applications: true, data: true, infrastructure: true, visibility: true };

/**
 * Declares a rule (the default export of `rules/<area>/<id>.ts`). Every field is named and the wording is required,
 * so a missing or misplaced field is a compile error; at load time it checks what the types cannot (ID format,
 * non-empty wording, a reference) and cites the guardrails' definitions among the references.
 */
export function defineRule(declared: Rule): Rule {
  const rule = withGuardrailReferences(declared);
  const problems: string[] = [];
  if (!/^ZT-(NET|DATA|APP|ID|VIS|INF)-\d{3}$/.test(rule.id)) problems.push('its ID must look like ZT-NET-001');
  if (!(SEVERITIES as readonly unknown[]).includes(rule.severity)) problems.push(`severity must be one of ${SEVERITIES.join(', ')}`);
  if (!Object.hasOwn(PILLARS, rule.pillar)) problems.push(`pillar must be one of ${Object.keys(PILLARS).join(', ')}`);
  for (const field of ['title', 'rationale', 'fix'] as const) {
    if (typeof rule[field] !== 'string' || rule[field].trim() === '') problems.push(`${field} must be a non-empty sentence`);
  }
  if (!rule.references.custom && !hasPublicReference(rule.references)) {
    problems.push('it needs a public check reference or references.custom with the reason there is none');
  }
  if (problems.length > 0) throw new Error(`rule ${rule.id}: ${problems.join('; ')}`);
  return rule;
}

function withGuardrailReferences<T extends RuleCheck>(check: T): T {
  // Built-in definitions are public references (the README links them); the project's custom ones are not.
  const guardrailIds = (check.azurePolicy ?? []).flatMap((guardrail) => (guardrail.definitionId === undefined ? [] : [guardrail.definitionId]));
  if (guardrailIds.length === 0) return check;
  const azurePolicy = [...new Set([...(check.references.azurePolicy ?? []), ...guardrailIds])];
  return { ...check, references: { ...check.references, azurePolicy } };
}

function hasPublicReference(r: RuleReferences): boolean {
  return [r.checkov, r.trivy, r.azurePolicy, r.scuba].some((list) => (list?.length ?? 0) > 0);
}

/** One resource of the synthesized output. */
export interface Resource {
  readonly address: ResourceAddress;
  /** `stack/type.name`, unique in an environment. */
  readonly key: string;
  readonly attributes: TerraformAttributes;
  /** The construct path cdktf recorded (`dev-lz-shop/Spoke/Network/web`), for people. */
  readonly path?: string;
}

/** Where an attribute value points. */
export type Target =
  | { readonly kind: 'resource'; readonly resource: Resource; readonly path: readonly string[]; readonly suffix: string }
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'unresolved'; readonly reason: string };

/** A literal attribute value, or why it is not known at synth time. */
export type Value = { readonly known: true; readonly value: unknown } | { readonly known: false; readonly reason: string };

/** The synthesized output of one environment, indexed for rules. Built once per run and shared by all rules. */
export class EvaluationContext {
  public readonly references: References;
  public readonly stackNames: readonly string[];
  /** The first stack (sorted), where environment-wide results go; '' in an environment without stacks, whose results have nowhere to land. */
  public readonly firstStack: string;
  private readonly byType = new Map<string, Resource[]>();
  private readonly byKey = new Map<string, Resource>();
  private readonly byStackAndType = new Map<string, Map<string, Resource[]>>();
  private readonly memos = new Map<string, unknown>();

  constructor(
    public readonly environment: string,
    public readonly stacks: Record<string, TerraformJson>,
  ) {
    this.references = new References(stacks);
    this.stackNames = Object.keys(stacks).sort();
    this.firstStack = this.stackNames[0] ?? '';
    for (const [stack, json] of sortedEntries(stacks)) {
      const ofStack = new Map<string, Resource[]>();
      this.byStackAndType.set(stack, ofStack);
      for (const [type, byName] of sortedEntries(json.resource ?? {})) {
        const list = this.byType.get(type) ?? [];
        const inStack: Resource[] = [];
        ofStack.set(type, inStack);
        for (const [name, { '//': meta, ...attributes }] of sortedEntries(byName)) {
          const address = { stack, type, name };
          const resource: Resource = { address, key: addressKey(address), attributes, path: metadataPath(meta) };
          list.push(resource);
          inStack.push(resource);
          this.byKey.set(resource.key, resource);
        }
        this.byType.set(type, list);
      }
    }
  }

  /** Every resource of a type across the environment, in stack then logical-ID order. */
  public resources(type: string): readonly Resource[] {
    return this.byType.get(type) ?? [];
  }

  /** The resources of a type in one stack, in logical-ID order (`resources(type)` filtered by stack, without the scan). */
  public resourcesIn(stack: string, type: string): readonly Resource[] {
    return this.byStackAndType.get(stack)?.get(type) ?? [];
  }

  /** Every resource type present in the environment, sorted. */
  public types(): readonly string[] {
    return [...this.byType.keys()].sort();
  }

  /** The synthesized JSON of one of `stackNames`; any other name is a bug in the caller and throws. */
  public stack(name: string): TerraformJson {
    const json = Object.hasOwn(this.stacks, name) ? this.stacks[name] : undefined;
    if (!json) throw new Error(`no stack '${name}' in environment ${this.environment}`);
    return json;
  }

  public has(...types: string[]): boolean {
    return types.some((type) => this.resources(type).length > 0);
  }

  public resource(address: ResourceAddress): Resource | undefined {
    return this.byKey.get(addressKey(address));
  }

  /** Caches a derived index for the lifetime of this context (shared by the rules of a run). */
  public memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  /**
   * Where a value found in `stack` points (verifier/references.ts `References.target`, the one resolver the flow model
   * shares), with the resource looked up: a resource, a literal, or unresolved (a variable, a data source, a missing output).
   */
  public target(stack: string, value: unknown): Target {
    const target = this.references.target(stack, value);
    if (target.kind === 'unresolved') return { kind: 'unresolved', reason: `${target.expression}: ${target.reason}` };
    if (target.kind === 'literal') return target;
    const resource = this.resource(target.address);
    if (resource) return { kind: 'resource', resource, path: target.path, suffix: target.suffix };
    return { kind: 'unresolved', reason: `${String(value)}: not a resource of this environment` };
  }

  /** The literal value of an attribute (dotted path, blocks written as objects or one-element lists). */
  public value(resource: Resource, path: string): Value {
    const raw = readPath(resource.attributes, path);
    if (raw === undefined) return { known: true, value: undefined };
    return this.literal(resource.address.stack, raw);
  }

  /** Resolves a raw value to a literal; references to computed attributes are not literals. */
  public literal(stack: string, raw: unknown): Value {
    if (typeof raw !== 'string' || !raw.includes('${')) return { known: true, value: raw };
    const resolved = this.references.resolve(stack, raw);
    if (resolved.kind === 'literal') return { known: true, value: resolved.value };
    return { known: false, reason: whyNotLiteral(raw, resolved) };
  }

  /**
   * Resources of `type` grouped by the resource their attribute points at (`azurerm_subnet_network_security_group_association`
   * by `subnet_id` -> subnet key). Values the engine cannot resolve are listed under `unresolved`.
   */
  public referrers(type: string, attribute: string): ReferrerIndex {
    return this.memo(`referrers:${type}:${attribute}`, () => {
      const byTarget = new Map<string, Resource[]>();
      const unresolved: { resource: Resource; reason: string }[] = [];
      for (const resource of this.resources(type)) {
        for (const raw of readAll(resource.attributes, attribute)) {
          const target = this.target(resource.address.stack, raw);
          if (target.kind === 'resource') {
            const list = byTarget.get(target.resource.key) ?? [];
            list.push(resource);
            byTarget.set(target.resource.key, list);
          } else if (target.kind === 'unresolved') unresolved.push({ resource, reason: target.reason });
        }
      }
      return { byTarget, unresolved };
    });
  }
}

export interface ReferrerIndex {
  readonly byTarget: ReadonlyMap<string, readonly Resource[]>;
  readonly unresolved: readonly { readonly resource: Resource; readonly reason: string }[];
}

function metadataPath(meta: unknown): string | undefined {
  const path = (meta as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
  return typeof path === 'string' ? path : undefined;
}

/** Reads `a.b.c` through objects and one-element block lists (`network_acls` may be `{...}` or `[{...}]`). */
export function readPath(attributes: unknown, path: string): unknown {
  let current = attributes;
  for (const segment of path.split('.')) {
    if (/^\d+$/.test(segment)) {
      if (Array.isArray(current)) current = current[Number(segment)];
      else if (segment !== '0') return undefined;
      continue;
    }
    if (Array.isArray(current)) {
      if (current.length !== 1) return undefined;
      current = current[0];
    }
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Every value at `a.b.c`, fanning out over lists at any level (`ip_configuration.public_ip_address_id`). */
export function readAll(attributes: unknown, path: string): unknown[] {
  let current: unknown[] = [attributes];
  for (const segment of path.split('.')) {
    const next: unknown[] = [];
    for (const value of current) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item !== null && typeof item === 'object' && (item as Record<string, unknown>)[segment] !== undefined) next.push((item as Record<string, unknown>)[segment]);
      }
    }
    current = next;
  }
  return current.flatMap((value) => (Array.isArray(value) ? value : [value]));
}

/** A block or list of blocks as a list (`undefined` -> `[]`). */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Every block of a repeated nested block (`ip_configuration`, `rule`) as records. */
export function blocks(value: unknown): Record<string, unknown>[] {
  return asList(value).filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object');
}

// Verdict helpers, so rule files read as statements.
export function compliant(subject: Subject, reason: string): CheckResult {
  return { subject, outcome: 'compliant', reason };
}
export function nonCompliant(subject: Subject, reason: string): CheckResult {
  return { subject, outcome: 'non-compliant', reason };
}
export function undecidable(subject: Subject, reason: string): CheckResult {
  return { subject, outcome: 'undecidable', reason };
}
export function notApplicable(subject: Subject, reason: string): CheckResult {
  return { subject, outcome: 'not-applicable', reason };
}

/** A three-way judgement for `each`: true = compliant, a string = non-compliant reason, or an explicit result. */
export type Judgement =
  | { readonly ok: true; readonly reason: string }
  | { readonly ok: false; readonly reason: string }
  | { readonly undecidable: string }
  | { readonly notApplicable: string };

export const pass = (reason: string): Judgement => ({ ok: true, reason });
export const fail = (reason: string): Judgement => ({ ok: false, reason });
export const unknown = (reason: string): Judgement => ({ undecidable: reason });
export const skip = (reason: string): Judgement => ({ notApplicable: reason });

/** Judges every resource of the given types. */
export function each(ctx: EvaluationContext, types: readonly string[], judge: (resource: Resource) => Judgement): CheckResult[] {
  const results: CheckResult[] = [];
  for (const type of types) for (const resource of ctx.resources(type)) results.push(toResult(resource.address, judge(resource)));
  return results;
}

export function toResult(subject: Subject, judgement: Judgement): CheckResult {
  if ('undecidable' in judgement) return undecidable(subject, judgement.undecidable);
  if ('notApplicable' in judgement) return notApplicable(subject, judgement.notApplicable);
  return judgement.ok ? compliant(subject, judgement.reason) : nonCompliant(subject, judgement.reason);
}

/** Options of `expectAttribute`. */
export interface ExpectOptions {
  /** The provider's default when the attribute is not written. */
  readonly default?: unknown;
  /** An older attribute name some scanners still read; honoured when the current one is absent. */
  readonly legacy?: string;
  /** Compare case-insensitively (strings). */
  readonly ignoreCase?: boolean;
}

/** The attribute at `path` equals `expected` (after applying the provider default). */
export function expectAttribute(ctx: EvaluationContext, resource: Resource, path: string, expected: unknown, options: ExpectOptions = {}): Judgement {
  return expectWith(ctx, resource, path, options, (value) => equal(value, expected, options.ignoreCase), `${JSON.stringify(expected)}`);
}

/** The attribute at `path` satisfies `test`; `wanted` describes the expectation in the reason. */
export function expectWith(
  ctx: EvaluationContext,
  resource: Resource,
  path: string,
  options: ExpectOptions,
  test: (value: unknown) => boolean,
  wanted: string,
): Judgement {
  let name = path;
  let value = ctx.value(resource, path);
  if (value.known && value.value === undefined && options.legacy) {
    const legacy = ctx.value(resource, options.legacy);
    if (!legacy.known || legacy.value !== undefined) [name, value] = [options.legacy, legacy];
  }
  if (!value.known) return unknown(`${name}: ${value.reason}`);
  const effective = value.value === undefined ? options.default : value.value;
  const shown = value.value === undefined ? `not set (provider default ${JSON.stringify(options.default)})` : JSON.stringify(value.value);
  return test(effective) ? pass(`${name} is ${shown}`) : fail(`${name} is ${shown}; expected ${wanted}`);
}

function equal(a: unknown, b: unknown, ignoreCase?: boolean): boolean {
  if (ignoreCase && typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

/** `ResourceAddress` as `type.name`. */
export function label(subject: Subject): string {
  return `${subject.type}.${subject.name}`;
}
