/**
 * Runs a pack over synthesized stacks: one environment at a time (so cross-stack references resolve), suppressions
 * read back from the JSON, one row per (rule, resource) and a not-applicable row per (rule, stack) the rule found
 * nothing to judge in.
 */
import { TerraformJson, groupByEnvironment } from '../verifier/load';
import { addressKey } from '../verifier/references';
import type { NetworkModel } from '../verifier/model';
import { seedNetworkModel } from './lib/network';
import { CheckResult, EvaluationContext, Outcome, Rule, Severity, Subject, atLeast, label } from './engine';
import { SUPPRESSIONS_KEY, SuppressionRecord, isExpired, suppressionProblem } from '../lib/suppression-model';

/** One cell of the compliance matrix. */
export interface MatrixRow {
  readonly rule: string;
  readonly severity: Severity;
  /** `type.name`, or null for the not-applicable row of a rule with nothing to judge in the stack. */
  readonly resource: string | null;
  /** Construct path cdktf recorded for the resource. */
  readonly path?: string;
  readonly outcome: Outcome;
  readonly reason: string;
  /** The suppression that applied (`suppressed`) or that expired (the finding is back). */
  readonly suppression?: { readonly reason: string; readonly expires?: string; readonly addedOn?: string; readonly expired: boolean };
}

/** A suppression found in the JSON, with what became of it. */
export interface SuppressionEntry extends SuppressionRecord {
  /** `type.name` of the resource it sits on, or null for a stack-wide suppression. */
  readonly resource: string | null;
  readonly status: 'active' | 'expired' | 'invalid';
  /** Why it is invalid (reason too short, bad date, unknown rule). */
  readonly problem?: string;
  /** Findings it suppressed (active) or would have (expired). */
  readonly matched: number;
}

export interface StackResult {
  readonly stack: string;
  readonly environment: string;
  readonly rows: MatrixRow[];
  readonly suppressions: SuppressionEntry[];
}

export interface EvaluateOptions {
  /** "Today" for expiry (tests pin it). @default - now */
  readonly now?: Date;
  /**
   * Network models already built from these stacks (`buildNetworkModel` of each environment's group), by environment:
   * the network rules read them instead of building their own.
   * @default - built when a rule needs one
   */
  readonly networkModels?: Readonly<Record<string, NetworkModel>>;
}

/** Evaluates every environment found in `stacks` (grouped by the `<env>-` prefix of stack names). */
export function evaluateStacks(stacks: Record<string, TerraformJson>, rules: readonly Rule[], options: EvaluateOptions = {}): StackResult[] {
  const results: StackResult[] = [];
  for (const [environment, envStacks] of Object.entries(groupByEnvironment(stacks))) {
    results.push(...evaluateEnvironment(environment, envStacks, rules, options));
  }
  return results;
}

/** Evaluates one environment; returns one result per stack in sorted order. */
export function evaluateEnvironment(
  environment: string,
  stacks: Record<string, TerraformJson>,
  rules: readonly Rule[],
  options: EvaluateOptions = {},
): StackResult[] {
  const now = options.now ?? new Date();
  const ctx = new EvaluationContext(environment, stacks);
  const model = options.networkModels?.[environment];
  if (model) seedNetworkModel(ctx, model);
  const known = new Set(rules.map((rule) => rule.id));
  const suppressions = readSuppressions(ctx, known, now);
  const byStack = new Map<string, StackResult>(
    ctx.stackNames.map((stack) => [stack, { stack, environment, rows: [], suppressions: suppressions.entries.filter((e) => e.stack === stack).map((e) => e.entry) }]),
  );
  for (const rule of rules) {
    const seen = new Set<string>();
    for (const result of runRule(ctx, rule)) {
      const target = byStack.get(result.subject.stack);
      if (!target) continue;
      seen.add(result.subject.stack);
      target.rows.push(toRow(ctx, rule, result, suppressions.lookup));
    }
    const what = rule.appliesTo.length > 0 ? `no ${rule.appliesTo.join(' / ')} in this stack` : 'nothing to judge in this stack';
    for (const stack of ctx.stackNames) {
      if (seen.has(stack)) continue;
      byStack.get(stack)?.rows.push({ rule: rule.id, severity: rule.severity, resource: null, outcome: 'not-applicable', reason: what });
    }
  }
  return [...byStack.values()].map((result) => ({ ...result, suppressions: result.suppressions.map((s) => ({ ...s })) }));
}

/** A rule that throws is a bug in the rule, reported as undecidable rather than hiding the resource. */
function runRule(ctx: EvaluationContext, rule: Rule): readonly CheckResult[] {
  try {
    return rule.evaluate(ctx);
  } catch (error) {
    const subject: Subject = { stack: ctx.firstStack, type: 'environment', name: ctx.environment };
    return [{ subject, outcome: 'undecidable', reason: `rule failed: ${(error as Error).message}` }];
  }
}

type Lookup = (rule: string, subject: Subject) => MutableEntry | undefined;

interface MutableEntry {
  stack: string;
  entry: SuppressionEntry & { matched: number };
}

function toRow(ctx: EvaluationContext, rule: Rule, result: CheckResult, lookup: Lookup): MatrixRow {
  const resource = ctx.resource(result.subject);
  const base = {
    rule: rule.id,
    severity: rule.severity,
    resource: label(result.subject),
    ...(resource?.path ? { path: resource.path } : {}),
    outcome: result.outcome as Outcome,
    reason: result.reason,
  };
  if (result.outcome !== 'non-compliant' && result.outcome !== 'undecidable') return base;
  const found = lookup(rule.id, result.subject);
  if (!found) return base;
  found.entry.matched++;
  const { reason, expires, addedOn } = found.entry;
  const expired = found.entry.status === 'expired';
  const suppression = { reason, ...(expires ? { expires } : {}), ...(addedOn ? { addedOn } : {}), expired };
  if (expired) return { ...base, reason: `${base.reason} (suppression expired ${expires}: ${reason})`, suppression };
  return { ...base, outcome: 'suppressed', suppression };
}

/** Reads `policySuppressions` from every resource's and stack's `"//"` block. */
function readSuppressions(ctx: EvaluationContext, known: ReadonlySet<string>, now: Date): { entries: MutableEntry[]; lookup: Lookup } {
  const entries: MutableEntry[] = [];
  const byResource = new Map<string, MutableEntry[]>();
  const byStack = new Map<string, MutableEntry[]>();
  const add = (stack: string, resource: string | null, raw: unknown, index: Map<string, MutableEntry[]>, key: string): void => {
    for (const item of Array.isArray(raw) ? raw : []) {
      const record = (item ?? {}) as Partial<SuppressionRecord>;
      const problem = suppressionProblem(record) ?? (known.has(String(record.ruleId)) ? undefined : `no rule ${record.ruleId} in this pack`);
      const valid = record as SuppressionRecord;
      const status = problem ? 'invalid' : isExpired(valid, now) ? 'expired' : 'active';
      const entry: MutableEntry = {
        stack,
        entry: {
          ruleId: String(record.ruleId),
          reason: String(record.reason ?? ''),
          ...(record.expires ? { expires: record.expires } : {}),
          ...(record.addedOn ? { addedOn: record.addedOn } : {}),
          resource,
          status,
          ...(problem ? { problem } : {}),
          matched: 0,
        },
      };
      entries.push(entry);
      if (!problem) index.set(key, [...(index.get(key) ?? []), entry]);
    }
  };
  for (const stack of ctx.stackNames) {
    const json = ctx.stack(stack);
    add(stack, null, (json['//'] as Record<string, unknown> | undefined)?.[SUPPRESSIONS_KEY], byStack, stack);
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, attributes] of Object.entries(byName)) {
        const meta = attributes['//'] as Record<string, unknown> | undefined;
        if (meta?.[SUPPRESSIONS_KEY]) add(stack, `${type}.${name}`, meta[SUPPRESSIONS_KEY], byResource, addressKey({ stack, type, name }));
      }
    }
  }
  // An active suppression wins over an expired one for the same rule; the resource's own over its stack's.
  const pick = (list: MutableEntry[] | undefined, rule: string): MutableEntry | undefined => {
    const matching = (list ?? []).filter((e) => e.entry.ruleId === rule);
    return matching.find((e) => e.entry.status === 'active') ?? matching[0];
  };
  const lookup: Lookup = (rule, subject) => {
    const own = pick(byResource.get(addressKey(subject)), rule);
    const stackWide = pick(byStack.get(subject.stack), rule);
    if (own?.entry.status === 'active' || !stackWide) return own ?? stackWide;
    return stackWide.entry.status === 'active' ? stackWide : (own ?? stackWide);
  };
  return { entries, lookup };
}

/** Rows that fail the run: unsuppressed non-compliant or undecidable at or above the threshold. */
export function failingRows(results: readonly StackResult[], failOn: Severity): { stack: string; row: MatrixRow }[] {
  return results.flatMap((result) =>
    result.rows.filter((row) => isFinding(row) && atLeast(row.severity, failOn)).map((row) => ({ stack: result.stack, row })),
  );
}

/** An unsuppressed non-compliant or undecidable row. */
export function isFinding(row: MatrixRow): boolean {
  return row.outcome === 'non-compliant' || row.outcome === 'undecidable';
}
