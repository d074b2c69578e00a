/**
 * The reviewer's security diff of two synths (base and head of a pull request), as one Markdown report:
 * 1. Internet exposure added or removed (published endpoints, NSG allows from the Internet), first and loud;
 * 2. reachability matrix cells whose verdict changed, with the deciding rule before and after;
 * 3. policy findings and suppressions added, removed or expiring within 30 days;
 * 4. Conditional Access What-If persona x scenario cells that changed (enforced and report-only);
 * 5. resources added, destroyed or changed per stack, security-relevant attributes called out;
 * 6. a Mermaid topology of the head.
 * Everything is computed from the synthesized JSON through the verifier's network and identity models and the
 * policy engine, so the report judges exactly what Terraform would apply.
 */
import { evaluateStacks, isFinding, StackResult } from '../policy/evaluate';
import { ZERO_TRUST_PACK } from '../policy/pack';
import { dnatText } from '../verifier/dnat';
import { Exposure, internetExposure, widensExposure } from '../verifier/exposure';
import { buildIdentityModel, hasIdentityResources } from '../verifier/identity/model';
import { describeOutcome, personaMatrix } from '../verifier/identity/personas';
import { groupByEnvironment, TerraformJson } from '../verifier/load';
import { defaultProbes, Probe, reachabilityMatrix } from '../verifier/matrix';
import { buildNetworkModel, NetworkModel } from '../verifier/model';
import { Decision, FlowVerdict } from '../verifier/types';
import { topologyDiagram } from './mermaid';
import { ResourceChange, resourceChanges } from './resources';

type Stacks = Record<string, TerraformJson>;

export interface ReviewOptions {
  /** "Today", for suppressions expiring soon. @default - now */
  readonly now?: Date;
  /** Days ahead that count as "expiring soon". @default 30 */
  readonly expiryWindowDays?: number;
  readonly baseLabel?: string;
  readonly headLabel?: string;
  /** Lines to show under the title, e.g. the head's synth gate result. */
  readonly notes?: readonly string[];
}

export interface ExposureChange {
  readonly environment: string;
  readonly change: 'added' | 'removed' | 'widened' | 'changed';
  readonly before?: Exposure;
  readonly after?: Exposure;
}

export interface ReachabilityChange {
  readonly environment: string;
  readonly from: string;
  readonly to: string;
  readonly probe: Probe;
  readonly before?: FlowVerdict;
  readonly after?: FlowVerdict;
}

export interface PolicyChange {
  readonly environment: string;
  readonly kind: 'finding' | 'suppression';
  readonly change: 'added' | 'removed' | 'expiring';
  readonly rule: string;
  readonly stack: string;
  readonly resource: string;
  readonly text: string;
}

export interface WhatIfChange {
  readonly environment: string;
  readonly scenario: string;
  readonly persona: string;
  readonly before: string;
  readonly after: string;
}

export interface Review {
  readonly baseLabel: string;
  readonly headLabel: string;
  readonly notes: readonly string[];
  readonly exposure: readonly ExposureChange[];
  /** Every head exposure, per environment (for the unchanged list and the diagram). */
  readonly headExposure: Readonly<Record<string, readonly Exposure[]>>;
  readonly reachability: readonly ReachabilityChange[];
  readonly policy: readonly PolicyChange[];
  readonly whatIf: readonly WhatIfChange[];
  readonly resources: readonly ResourceChange[];
  readonly diagrams: Readonly<Record<string, string>>;
  /** Internet exposure grows: an entry added or its sources widened. */
  readonly exposureGrows: boolean;
}

/** Compares two synths of every environment found in either. */
export function securityReview(base: Stacks, head: Stacks, options: ReviewOptions = {}): Review {
  const now = options.now ?? new Date();
  const baseEnvs = groupByEnvironment(base);
  const headEnvs = groupByEnvironment(head);
  const environments = [...new Set([...Object.keys(baseEnvs), ...Object.keys(headEnvs)])].sort();
  const exposure: ExposureChange[] = [];
  const headExposure: Record<string, Exposure[]> = {};
  const reachability: ReachabilityChange[] = [];
  const whatIf: WhatIfChange[] = [];
  const diagrams: Record<string, string> = {};
  for (const environment of environments) {
    const before = buildNetworkModel(baseEnvs[environment] ?? {});
    const after = buildNetworkModel(headEnvs[environment] ?? {});
    const exposedBefore = internetExposure(before);
    const exposedAfter = internetExposure(after);
    headExposure[environment] = exposedAfter;
    exposure.push(...compareExposure(environment, exposedBefore, exposedAfter));
    reachability.push(...compareReachability(environment, before, after));
    whatIf.push(...compareWhatIf(environment, baseEnvs[environment] ?? {}, headEnvs[environment] ?? {}));
    if (headEnvs[environment]) diagrams[environment] = topologyDiagram(after, exposedAfter);
  }
  const policy = comparePolicy(evaluateStacks(base, ZERO_TRUST_PACK, { now }), evaluateStacks(head, ZERO_TRUST_PACK, { now }), now, options.expiryWindowDays ?? 30);
  return {
    baseLabel: options.baseLabel ?? 'base',
    headLabel: options.headLabel ?? 'head',
    notes: options.notes ?? [],
    exposure,
    headExposure,
    reachability,
    policy,
    whatIf,
    resources: resourceChanges(base, head),
    diagrams,
    exposureGrows: exposure.some((c) => c.change === 'added' || c.change === 'widened'),
  };
}

function compareExposure(environment: string, before: readonly Exposure[], after: readonly Exposure[]): ExposureChange[] {
  const old = new Map(before.map((e) => [e.key, e]));
  const now = new Map(after.map((e) => [e.key, e]));
  const changes: ExposureChange[] = [];
  for (const [key, exposure] of now) {
    const previous = old.get(key);
    if (!previous) changes.push({ environment, change: 'added', after: exposure });
    else if (widensExposure(exposure, previous)) changes.push({ environment, change: 'widened', before: previous, after: exposure });
    else if (previous.sources.join() !== exposure.sources.join() || previous.reachable !== exposure.reachable || previous.rule !== exposure.rule) {
      changes.push({ environment, change: 'changed', before: previous, after: exposure });
    }
  }
  for (const [key, exposure] of old) if (!now.has(key)) changes.push({ environment, change: 'removed', before: exposure });
  return changes;
}

/** Every matrix cell (source x destination x probe) whose outcome or path changed; probes of both sides. */
function compareReachability(environment: string, before: NetworkModel, after: NetworkModel): ReachabilityChange[] {
  const probes = [...defaultProbes(before), ...defaultProbes(after)];
  const cells = (model: NetworkModel): Map<string, { from: string; to: string; probe: Probe; verdict: FlowVerdict }> => {
    const map = new Map<string, { from: string; to: string; probe: Probe; verdict: FlowVerdict }>();
    if (model.subnets.length === 0) return map;
    const matrix = reachabilityMatrix(model, { probes });
    matrix.sources.forEach((from, i) =>
      matrix.destinations.forEach((to, j) => {
        for (const { probe, verdict } of matrix.cells[i]?.[j]?.results ?? []) {
          map.set(`${from}|${to}|${probe.protocol}/${probe.port}`, { from, to, probe, verdict });
        }
      }),
    );
    return map;
  };
  const old = cells(before);
  const now = cells(after);
  const changes: ReachabilityChange[] = [];
  for (const key of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const a = old.get(key);
    const b = now.get(key);
    if (a && b && pathOf(a.verdict) === pathOf(b.verdict)) continue;
    // A subnet that exists on one side only: its cells are noise unless something is allowed.
    if ((!a && b?.verdict.outcome === 'denied') || (!b && a?.verdict.outcome === 'denied')) continue;
    const cell = (a ?? b) as { from: string; to: string; probe: Probe };
    changes.push({ environment, from: cell.from, to: cell.to, probe: cell.probe, ...(a ? { before: a.verdict } : {}), ...(b ? { after: b.verdict } : {}) });
  }
  return changes;
}

/** Outcome and the way through: `allowed dnat`, `allowed firewall`, `allowed direct`, `denied`, `unknown`. */
function pathOf(verdict: FlowVerdict): string {
  if (verdict.outcome !== 'allowed') return verdict.outcome;
  return verdict.dnat ? `allowed dnat ${verdict.dnat.rule}` : verdict.viaFirewall ? 'allowed firewall' : 'allowed direct';
}

function comparePolicy(before: readonly StackResult[], after: readonly StackResult[], now: Date, windowDays: number): PolicyChange[] {
  const findings = (results: readonly StackResult[]) =>
    new Map(
      results.flatMap((r) =>
        r.rows.filter(isFinding).map((row) => [`${row.rule}|${r.stack}|${row.resource ?? ''}`, { environment: r.environment, rule: row.rule, stack: r.stack, resource: row.resource ?? '(stack)', text: `[${row.severity}] ${row.reason}` }] as const),
      ),
    );
  const suppressions = (results: readonly StackResult[]) =>
    new Map(
      results.flatMap((r) =>
        r.suppressions.map(
          (s) =>
            [
              `${s.ruleId}|${r.stack}|${s.resource ?? ''}|${s.reason}`,
              { environment: r.environment, rule: s.ruleId, stack: r.stack, resource: s.resource ?? '(stack)', text: `${s.reason}${s.expires ? ` (until ${s.expires})` : ''}${s.status !== 'active' ? ` [${s.status}]` : ''}`, expires: s.expires, status: s.status },
            ] as const,
        ),
      ),
    );
  const changes: PolicyChange[] = [];
  const diff = (kind: PolicyChange['kind'], a: Map<string, Omit<PolicyChange, 'kind' | 'change'>>, b: Map<string, Omit<PolicyChange, 'kind' | 'change'>>) => {
    for (const [key, item] of b) if (!a.has(key)) changes.push({ ...pick(item), kind, change: 'added' });
    for (const [key, item] of a) if (!b.has(key)) changes.push({ ...pick(item), kind, change: 'removed' });
  };
  diff('finding', findings(before), findings(after));
  const headSuppressions = suppressions(after);
  diff('suppression', suppressions(before), headSuppressions);
  const today = now.toISOString().slice(0, 10);
  const horizon = new Date(now.getTime() + windowDays * 86_400_000).toISOString().slice(0, 10);
  for (const item of headSuppressions.values()) {
    if (item.status === 'active' && item.expires && item.expires >= today && item.expires <= horizon) changes.push({ ...pick(item), kind: 'suppression', change: 'expiring' });
  }
  return changes;
}

function pick(item: Omit<PolicyChange, 'kind' | 'change'>): Omit<PolicyChange, 'kind' | 'change'> {
  return { environment: item.environment, rule: item.rule, stack: item.stack, resource: item.resource, text: item.text };
}

function compareWhatIf(environment: string, base: Stacks, head: Stacks): WhatIfChange[] {
  const cells = (stacks: Stacks): Map<string, { scenario: string; persona: string; text: string }> => {
    const map = new Map<string, { scenario: string; persona: string; text: string }>();
    for (const json of Object.values(stacks).filter(hasIdentityResources)) {
      for (const cell of personaMatrix(buildIdentityModel(json))) {
        const reportOnly = cell.result.reportOnly.result === 'allowed' ? '' : ` / RO: ${describeOutcome(cell.result.reportOnly)}`;
        map.set(`${cell.scenario}|${cell.persona}`, { scenario: cell.scenario, persona: cell.persona, text: `${describeOutcome(cell.result.enforced)}${reportOnly}` });
      }
    }
    return map;
  };
  const old = cells(base);
  const now = cells(head);
  const changes: WhatIfChange[] = [];
  for (const key of [...new Set([...old.keys(), ...now.keys()])]) {
    const a = old.get(key);
    const b = now.get(key);
    if (a?.text === b?.text) continue;
    const cell = (b ?? a) as { scenario: string; persona: string };
    changes.push({ environment, scenario: cell.scenario, persona: cell.persona, before: a?.text ?? '(no such cell)', after: b?.text ?? '(no such cell)' });
  }
  return changes;
}

/** The report as Markdown. */
export function renderReview(review: Review): string {
  const out: string[] = [`# Security review: ${review.baseLabel} → ${review.headLabel}`, ''];
  for (const note of review.notes) out.push(`> ${note}`, '');
  const counts = [
    `Internet exposure: ${review.exposure.filter((c) => c.change === 'added' || c.change === 'widened').length} added or widened, ${review.exposure.filter((c) => c.change === 'removed').length} removed, ${review.exposure.filter((c) => c.change === 'changed').length} changed`,
    `reachability: ${count(review.reachability.length, 'cell')} changed`,
    `policy: ${count(review.policy.length, 'change')}`,
    `Conditional Access What-If: ${count(review.whatIf.length, 'cell')} changed`,
    `resources: ${count(review.resources.length, 'change')}`,
  ];
  const nothing = review.exposure.length + review.reachability.length + review.policy.length + review.whatIf.length + review.resources.length === 0;
  out.push(nothing ? '**No security-relevant changes.**' : `${review.exposureGrows ? '**⚠ Internet exposure grows.** ' : ''}${counts.join('; ')}.`, '');

  out.push('## 1. Internet exposure', '');
  if (review.exposure.length === 0) out.push('No change in what the Internet can reach.', '');
  else {
    out.push('| | environment | entry (public) | target | sources | rule | reachable |', '|---|---|---|---|---|---|---|');
    for (const change of review.exposure) {
      const e = (change.after ?? change.before) as Exposure;
      const mark = { added: '🔴 **added**', widened: '🔴 **widened**', removed: '🟢 removed', changed: '🟡 changed' }[change.change];
      const sources = change.change === 'widened' || change.change === 'changed' ? `${change.before?.sources.join(', ')} → **${change.after?.sources.join(', ')}**` : e.sources.join(', ');
      out.push(`| ${mark} | ${change.environment} | ${cell(`${kindText(e)} ${e.entry}`)} | ${cell(e.target)} | ${cell(sources)} | \`${e.rule}\` | ${cell(`${e.reachable}: ${e.explanation}`)} |`);
    }
    out.push('');
  }
  const all = Object.entries(review.headExposure).flatMap(([environment, list]) => list.map((e) => ({ environment, e })));
  if (all.length > 0) {
    out.push(`<details><summary>All Internet exposure of ${escape(review.headLabel)} (${all.length})</summary>`, '');
    out.push('| environment | entry | target | sources | rule | reachable |', '|---|---|---|---|---|---|');
    for (const { environment, e } of all) out.push(`| ${environment} | ${cell(`${kindText(e)} ${e.entry}`)} | ${cell(e.target)} | ${cell(e.sources.join(', '))} | \`${e.rule}\` | ${e.reachable} |`);
    out.push('', '</details>', '');
  }

  out.push('## 2. Reachability changes', '');
  if (review.reachability.length === 0) out.push('No reachability matrix cell changed.', '');
  else {
    out.push('| environment | from | to | port | before | after |', '|---|---|---|---|---|---|');
    for (const c of review.reachability) {
      out.push(`| ${c.environment} | ${cell(c.from)} | ${cell(c.to)} | ${c.probe.port}/${c.probe.protocol.toLowerCase()} | ${cell(verdictText(c.before))} | ${cell(verdictText(c.after))} |`);
    }
    out.push('');
  }

  out.push('## 3. Policy findings and suppressions', '');
  if (review.policy.length === 0) out.push('No finding or suppression added, removed or expiring within 30 days.', '');
  else {
    out.push('| | kind | rule | environment | stack | resource | detail |', '|---|---|---|---|---|---|---|');
    for (const c of review.policy) {
      const mark = c.change === 'added' ? (c.kind === 'finding' ? '🔴 added' : '🟡 added') : c.change === 'removed' ? (c.kind === 'finding' ? '🟢 removed' : '🟡 removed') : '⏳ expiring';
      out.push(`| ${mark} | ${c.kind} | ${c.rule} | ${c.environment} | ${c.stack} | ${cell(c.resource)} | ${cell(c.text)} |`);
    }
    out.push('');
  }

  out.push('## 4. Conditional Access What-If', '');
  if (review.whatIf.length === 0) out.push('No persona × scenario cell changed (enforced or report-only).', '');
  else {
    out.push('Enforced result / `RO:` with the report-only policies.', '', '| environment | scenario | persona | before | after |', '|---|---|---|---|---|');
    for (const c of review.whatIf) out.push(`| ${c.environment} | ${cell(c.scenario)} | ${cell(c.persona)} | ${cell(c.before)} | ${cell(c.after)} |`);
    out.push('');
  }

  out.push('## 5. Resources', '');
  if (review.resources.length === 0) out.push('No resource added, destroyed or changed.', '');
  else {
    for (const stack of [...new Set(review.resources.map((r) => r.stack))]) {
      const changes = review.resources.filter((r) => r.stack === stack);
      const tally = (['added', 'destroyed', 'changed'] as const).map((k) => `${changes.filter((c) => c.change === k).length} ${k}`).join(', ');
      out.push(`### ${stack} (${tally})`, '', '| | resource | security-relevant |', '|---|---|---|');
      for (const c of changes) {
        const mark = { added: '➕', destroyed: '➖', changed: '✏️' }[c.change] + (c.securityType ? ' 🔒' : '');
        const attributes = c.security.slice(0, 12).map((a) => `\`${a.path}\`: ${a.before !== undefined && c.change === 'changed' ? `${short(a.before)} → ` : ''}${short(a.after ?? a.before ?? '')}`);
        if (c.security.length > 12) attributes.push(`… ${c.security.length - 12} more`);
        if (c.otherChanges > 0) attributes.push(`(${count(c.otherChanges, 'other attribute')} changed)`);
        out.push(`| ${mark} | \`${c.address}\`${c.name ? ` (${escape(c.name)})` : ''} | ${attributes.join('<br/>') || '–'} |`);
      }
      out.push('');
    }
  }

  out.push(`## 6. Topology of ${escape(review.headLabel)}`, '');
  for (const [environment, diagram] of Object.entries(review.diagrams)) out.push(`### ${environment}`, '', '```mermaid', diagram.trimEnd(), '```', '');
  return `${out.join('\n').trimEnd()}\n`;
}

function kindText(exposure: Exposure): string {
  return exposure.kind === 'firewall-dnat' ? 'DNAT' : 'NSG';
}

/** `allowed via DNAT … (nsg rule)`, `denied by <rule>`, with the deciding rule. */
function verdictText(verdict: FlowVerdict | undefined): string {
  if (!verdict) return '(no such subnet)';
  const how = verdict.dnat ? ` via ${dnatText(verdict.dnat)}` : verdict.viaFirewall ? ' through the firewall' : '';
  return `${verdict.outcome}${how}; decided by ${decisionText(verdict.decidedBy)}`;
}

function decisionText(decision: Decision): string {
  switch (decision.kind) {
    case 'nsg-rule':
    case 'default-rule':
      return `${decision.nsg} ${decision.direction.toLowerCase()} ${decision.kind === 'default-rule' ? 'default ' : ''}rule ${decision.rule} (${decision.priority})`;
    case 'firewall-rule':
      return `firewall ${decision.ruleType} rule ${decision.ruleCollectionGroup}/${decision.ruleCollection}/${decision.rule}`;
    case 'firewall-default-deny':
      return `firewall ${decision.firewall} default deny`;
    case 'route':
      return `route ${decision.prefix} → ${decision.nextHopType}${decision.route ? ` (${decision.route})` : ''} on ${decision.subnet}`;
    case 'peering':
      return `peering: ${decision.reason}`;
    case 'no-nsg':
      return `no NSG on ${decision.subnet}`;
    case 'unresolved':
      return `unresolved ${decision.attribute} of ${decision.resource}: ${decision.reason}`;
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function short(value: string): string {
  const text = value.length > 80 ? `${value.slice(0, 77)}…` : value;
  return `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}

/** A Markdown table cell: pipes and newlines escaped. */
function cell(text: string): string {
  return escape(text.replace(/->/g, '→')).replace(/\|/g, '\\|').replace(/\n/g, '<br/>');
}

function escape(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
