/**
 * Suppressing a policy rule from construct code, with a written reason:
 *
 *     PolicySuppressions.of(vault).add({ ruleId: 'ZT-DATA-006', reason: 'Reached through the hub endpoint only' });
 *     PolicySuppressions.of(stack).add({ ruleId: 'ZT-NET-040', reason: 'DDoS plan off in dev (config)', expires: '2026-12-31' });
 *
 * On a resource it covers that resource; on any other construct every resource below it (also ones added later); on
 * a stack every finding of that stack. The record is written into the synthesized JSON (the resource's or the stack's
 * `"//"` block), so every reader of `cdktf.out` (the synth-time check, `npm run policy`, reviewers) sees it.
 */
import { IConstruct } from 'constructs';
import { Aspects, IAspect, TerraformResource, TerraformStack } from '../providers/cdktf';
import { SUPPRESSIONS_KEY, SuppressionRecord, suppressionProblem } from './suppression-model';

/** What a suppression says. */
export interface PolicySuppression {
  /** The rule, e.g. `ZT-NET-040`. */
  readonly ruleId: string;
  /** Why the finding is acceptable here; at least 10 characters. */
  readonly reason: string;
  /**
   * Last day (`YYYY-MM-DD`, UTC) the suppression works; afterwards the finding fails again and reports say it expired.
   * @default - never expires
   */
  readonly expires?: string;
}

const recordsByResource = new WeakMap<TerraformResource, SuppressionRecord[]>();
const recordsByStack = new WeakMap<TerraformStack, SuppressionRecord[]>();
const recordsBySubtree = new WeakMap<IConstruct, SuppressionRecord[]>();

/** Suppressions on one scope. */
export class PolicySuppressions {
  public static of(scope: IConstruct): PolicySuppressions {
    return new PolicySuppressions(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  /** Adds a suppression; throws when the rule ID, reason (< 10 characters) or expiry date is invalid. */
  public add(suppression: PolicySuppression): this {
    const problem = suppressionProblem(suppression);
    if (problem) throw new Error(`PolicySuppressions.of(${this.scope.node.path}): ${problem}`);
    const record: SuppressionRecord = {
      ruleId: suppression.ruleId,
      reason: suppression.reason.trim(),
      ...(suppression.expires ? { expires: suppression.expires } : {}),
      addedOn: this.scope.node.path,
    };
    if (TerraformStack.isStack(this.scope)) {
      const stack = this.scope;
      append(recordsByStack, stack, record, (list) => stack.addOverride(`//.${SUPPRESSIONS_KEY}`, list));
    } else if (this.scope instanceof TerraformResource) {
      writeOnResource(this.scope, record);
    } else {
      recordsBySubtree.set(this.scope, [...(recordsBySubtree.get(this.scope) ?? []), record]);
      Aspects.of(this.scope).add(new SuppressionAspect(record));
    }
    return this;
  }

  /**
   * Every suppression covering a resource, known at construction time (before synth): on the resource itself, on a
   * construct above it, or on its stack, with where it was added. Policy exemptions mirror these.
   */
  public static covering(resource: TerraformResource): readonly CoveringSuppression[] {
    const found: CoveringSuppression[] = (recordsByResource.get(resource) ?? []).map((record) => ({ record, level: 'resource' as const }));
    for (const scope of resource.node.scopes.slice(0, -1)) {
      if (TerraformStack.isStack(scope)) found.push(...(recordsByStack.get(scope) ?? []).map((record) => ({ record, level: 'stack' as const })));
      else found.push(...(recordsBySubtree.get(scope) ?? []).map((record) => ({ record, level: 'subtree' as const })));
    }
    return found.filter((f, i) => found.findIndex((g) => g.record.ruleId === f.record.ruleId && g.record.addedOn === f.record.addedOn && g.record.reason === f.record.reason) === i);
  }
}

/** A suppression that covers a resource, and at which level it was added. */
export interface CoveringSuppression {
  readonly record: SuppressionRecord;
  readonly level: 'resource' | 'subtree' | 'stack';
}

/** Writes a subtree suppression onto every resource below the scope at synth time (aspects also see later children). */
class SuppressionAspect implements IAspect {
  constructor(private readonly record: SuppressionRecord) {}

  public visit(node: IConstruct): void {
    if (node instanceof TerraformResource) writeOnResource(node, this.record);
  }
}

function writeOnResource(resource: TerraformResource, record: SuppressionRecord): void {
  append(recordsByResource, resource, record, (list) => resource.addOverride(`//.${SUPPRESSIONS_KEY}`, list));
}

function append<K extends object>(store: WeakMap<K, SuppressionRecord[]>, key: K, record: SuppressionRecord, write: (list: SuppressionRecord[]) => void): void {
  const list = store.get(key) ?? [];
  if (list.some((r) => r.ruleId === record.ruleId && r.addedOn === record.addedOn && r.reason === record.reason)) return;
  list.push(record);
  store.set(key, list);
  write([...list]);
}
