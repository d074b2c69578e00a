/** Problems found while loading configuration: every one is collected, then all are reported together. */
import { PropertyProblem, problemText } from '../lib/property-problems';

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
    this.add({ severity: 'error', source: this.source, path, message });
  }

  public warning(path: string, message: string): void {
    this.add({ severity: 'warning', source: this.source, path, message });
  }

  /**
   * Reports a construct rule's problems (lib/*: `xxxProblems(props)`) as errors at config paths, in the rule's own
   * words. `at` maps the rule's property path (`intrusionDetectionMode`) to the config key (`hub.firewall.intrusionDetectionMode`).
   */
  public errors(problems: readonly PropertyProblem[], at: (propertyPath: string) => string): void {
    for (const problem of problems) this.error(at(problem.path), problemText(problem));
  }

  /** Checks that overlap (a whole-document check and a per-section one) may find the same problem: it is kept once. */
  private add(problem: ConfigProblem): void {
    if (this.problems.some((p) => p.severity === problem.severity && p.path === problem.path && p.message === problem.message)) return;
    this.problems.push(problem);
  }
}

export function hasErrors(problems: readonly ConfigProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Formats the errors for a terminal, one line each, in file order; empty when there are none. */
export function formatErrors(problems: readonly ConfigProblem[]): string {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return '';
  const heading = `Configuration has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was synthesized:`;
  return [heading, ...errors.map((p) => `  ✖ ${location(p)}: ${p.message}`)].join('\n') + '\n';
}

/** Formats the warnings for a terminal, one line each; empty when there are none. */
export function formatWarnings(problems: readonly ConfigProblem[]): string {
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (warnings.length === 0) return '';
  const heading = `Configuration warning${warnings.length === 1 ? '' : 's'}:`;
  return [heading, ...warnings.map((p) => `  ⚠ ${location(p)}: ${p.message}`)].join('\n') + '\n';
}

function location(p: ConfigProblem): string {
  return p.path ? `${p.source} ${p.path}` : p.source;
}
