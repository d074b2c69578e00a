/** Problems found while loading configuration: every one is collected, then all are reported together. */

export type Severity = 'error' | 'warning';

export interface ConfigProblem {
  readonly severity: Severity;
  /** File the problem is in (relative to the working directory when possible). */
  readonly source: string;
  /** Dotted path inside the file, e.g. `hub.subnets.AzureBastionSubnet`; empty for the whole file. */
  readonly path: string;
  /** What is wrong and what to do about it. */
  readonly message: string;
}

/** Collects problems for one source file. */
export class ProblemCollector {
  public readonly problems: ConfigProblem[] = [];

  constructor(private readonly source: string) {}

  public error(path: string, message: string): void {
    this.problems.push({ severity: 'error', source: this.source, path, message });
  }

  public warning(path: string, message: string): void {
    this.problems.push({ severity: 'warning', source: this.source, path, message });
  }
}

export function hasErrors(problems: readonly ConfigProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Formats problems for a terminal: one line each, errors first, grouped by file. */
export function formatProblems(problems: readonly ConfigProblem[]): string {
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const lines: string[] = [];
  if (errors.length > 0) {
    lines.push(`Configuration has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was synthesized:`);
    for (const p of errors) lines.push(`  ✖ ${location(p)}: ${p.message}`);
  }
  if (warnings.length > 0) {
    lines.push(`Configuration warning${warnings.length === 1 ? '' : 's'}:`);
    for (const p of warnings) lines.push(`  ⚠ ${location(p)}: ${p.message}`);
  }
  return lines.join('\n') + (lines.length > 0 ? '\n' : '');
}

function location(p: ConfigProblem): string {
  return p.path ? `${p.source} ${p.path}` : p.source;
}
