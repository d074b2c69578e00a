/**
 * Reports over a pack run: the compliance matrix per stack (JSON), SARIF 2.1.0 for code-scanning tools, a terminal
 * table, and the violation list the synth prints. Every report lists every suppression, active, expired or invalid.
 */
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { Rule, Severity, atLeast } from './engine';
import { MatrixRow, StackResult, failingRows, isFinding } from './evaluate';

export const TOOL_NAME = 'zero-trust-policy-pack';
const OUTCOMES = ['compliant', 'non-compliant', 'suppressed', 'not-applicable', 'undecidable'] as const;

export interface ComplianceReport {
  readonly tool: string;
  /** Unsuppressed non-compliant or undecidable findings at or above this severity fail the run. */
  readonly failOn: Severity;
  readonly ok: boolean;
  readonly summary: Record<(typeof OUTCOMES)[number], number>;
  readonly stacks: readonly StackResult[];
}

export function complianceReport(results: readonly StackResult[], failOn: Severity): ComplianceReport {
  const summary = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<(typeof OUTCOMES)[number], number>;
  for (const result of results) for (const row of result.rows) summary[row.outcome]++;
  return { tool: TOOL_NAME, failOn, ok: failingRows(results, failOn).length === 0, summary, stacks: results };
}

/** The findings list the synth aborts with (rule, resource, reason, fix), then warnings below the threshold. */
export function violationText(
  results: readonly StackResult[],
  rules: readonly Rule[],
  failOn: Severity,
  configOf?: (stack: string) => string | undefined,
): { ok: boolean; text: string } {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const failing = failingRows(results, failOn);
  const warnings = results.flatMap((r) => r.rows.filter((row) => isFinding(row) && !atLeast(row.severity, failOn)).map((row) => ({ stack: r.stack, row })));
  const expired = results.flatMap((r) => r.suppressions.filter((s) => s.status !== 'active').map((s) => ({ stack: r.stack, s })));
  const line = (mark: string, { stack, row }: { stack: string; row: MatrixRow }): string => {
    const rule = byId.get(row.rule);
    const where = row.path ?? `${stack}/${row.resource}`;
    const verdict = row.outcome === 'undecidable' ? 'cannot be decided' : 'violated';
    const config = configOf?.(stack);
    return `  ${mark} [${row.severity}] ${row.rule} ${rule?.title ?? ''} ${verdict} at ${where} (${stack} ${row.resource}): ${row.reason}\n${config ? `      config: ${config}\n` : ''}      fix: ${rule?.fix ?? ''}\n`;
  };
  let text = '';
  if (failing.length > 0) {
    text += `Zero Trust policy pack: ${failing.length} finding(s) at or above ${failOn}:\n${failing.map((f) => line('✖', f)).join('')}`;
    text += `  Fix them, or suppress one with a reason: in code PolicySuppressions.of(construct).add({ ruleId, reason, expires? }), or in the environment config under policySuppressions (docs/policy-rules.md).\n`;
  }
  if (warnings.length > 0) text += `Zero Trust policy pack warnings (below ${failOn}):\n${warnings.map((w) => line('⚠', w)).join('')}`;
  for (const { stack, s } of expired) {
    text += `  ⚠ suppression of ${s.ruleId} on ${stack} ${s.resource ?? '(stack)'} is ${s.status}${s.problem ? `: ${s.problem}` : s.expires ? ` since ${s.expires}` : ''}\n`;
  }
  return { ok: failing.length === 0, text };
}

/** One line per stack with outcome counts, then the findings. */
export function renderTable(results: readonly StackResult[], rules: readonly Rule[], failOn: Severity): string {
  const header = ['stack', ...OUTCOMES];
  const rows = results.map((r) => [r.stack, ...OUTCOMES.map((o) => String(r.rows.filter((row) => row.outcome === o).length))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  let text = `${fmt(header)}\n${rows.map(fmt).join('\n')}\n\n`;
  const suppressed = results.flatMap((r) => r.rows.filter((row) => row.outcome === 'suppressed').map((row) => ({ stack: r.stack, row })));
  if (suppressed.length > 0) {
    text += `Suppressed (${suppressed.length}):\n${suppressed.map(({ stack, row }) => `  ${row.rule} ${stack} ${row.resource}: ${row.suppression?.reason}${row.suppression?.expires ? ` (until ${row.suppression.expires})` : ''}\n`).join('')}\n`;
  }
  const { text: findings } = violationText(results, rules, failOn);
  return text + (findings || `No findings at or above ${failOn}.\n`);
}

const LEVEL: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

/**
 * SARIF 2.1.0: one rule descriptor per pack rule, one result per non-compliant, undecidable or suppressed row
 * (suppressed ones carry `suppressions` with the justification, as code-scanning tools expect).
 * `artifactUri(stack)` gives the file the results point at (e.g. `cdktf.out/stacks/<stack>/cdk.tf.json`);
 * `lineOf(stack, resource)` optionally the line of the resource in it. `locate(stack, row)`, when given, wins over
 * both: the source a reviewer changes (a config file and key, or a construct source; `policy/source-locations.ts`).
 */
export function toSarif(
  results: readonly StackResult[],
  rules: readonly Rule[],
  artifactUri: (stack: string) => string,
  lineOf?: (stack: string, resource: string) => number | undefined,
  locate?: (stack: string, row: MatrixRow) => { readonly uri: string; readonly line?: number; readonly key?: string },
): Log {
  const descriptors: ReportingDescriptor[] = rules.map((rule) => ({
    id: rule.id,
    name: rule.title,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: { text: `${rule.rationale}\nFix: ${rule.fix}`, markdown: `${rule.rationale}\n\n**Fix:** ${rule.fix}` },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { severity: rule.severity, pillar: rule.pillar, references: rule.references, appliesTo: rule.appliesTo, tags: ['zero-trust', rule.pillar] },
  }));
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const sarifResults: Result[] = [];
  for (const result of results) {
    for (const row of result.rows) {
      if (!isFinding(row) && row.outcome !== 'suppressed') continue;
      const source = locate?.(result.stack, row);
      const line = source ? source.line : row.resource ? lineOf?.(result.stack, row.resource) : undefined;
      const where = source?.key ? ` (config ${source.key}; ${result.stack} ${row.resource ?? ''})` : source ? ` (${result.stack} ${row.resource ?? ''})` : '';
      sarifResults.push({
        ruleId: row.rule,
        ruleIndex: index.get(row.rule),
        level: LEVEL[row.severity],
        message: { text: `${row.outcome === 'undecidable' ? 'Undecidable: ' : ''}${row.reason}${where}` },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: source?.uri ?? artifactUri(result.stack) }, ...(line ? { region: { startLine: line } } : {}) },
            logicalLocations: [{ fullyQualifiedName: `${result.stack}/${row.resource ?? ''}`, name: row.resource ?? result.stack, kind: 'resource' }],
          },
        ],
        properties: { outcome: row.outcome, stack: result.stack, ...(row.path ? { constructPath: row.path } : {}), ...(source?.key ? { configKey: source.key } : {}) },
        ...(row.outcome === 'suppressed' && row.suppression ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: row.suppression.reason }] } : {}),
      });
    }
  }
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{ tool: { driver: { name: TOOL_NAME, rules: descriptors } }, results: sarifResults }],
  };
}
