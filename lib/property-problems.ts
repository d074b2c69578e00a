/**
 * Problems a construct finds in its props. Each rule is written once, as a pure `xxxProblems(props)` function in lib/
 * (so config validation can call it without importing constructs): the construct throws on what it returns, and the
 * config checks report the same problems at their config paths, in the same words.
 */

/** One broken rule: where (relative to the props), what is wrong, and what to do. */
export interface PropertyProblem {
  /** Dotted property path relative to the props, e.g. `intrusionDetectionMode` or `subnets.web`. */
  readonly path: string;
  /** What is wrong, read after the path: `is 'Alert', but IDPS needs the Premium tier (tier is 'Standard')`. */
  readonly message: string;
  /** What to do: `set tier: 'Premium' or intrusionDetectionMode: 'Off'`. */
  readonly fix: string;
}

/** The problem without its path: `<message>; <fix>` (config paths are shown apart from it). */
export function problemText(problem: PropertyProblem): string {
  return `${problem.message}; ${problem.fix}`;
}

/**
 * Throws every problem at once as `<Construct> '<name>': <path> <message>; <fix>; <path> ...`; does nothing when there
 * are none. Constructs call it before defining any resource.
 */
export function throwIfProblems(construct: string, name: string, problems: readonly PropertyProblem[]): void {
  if (problems.length === 0) return;
  throw new Error(`${construct} '${name}': ${problems.map((p) => `${p.path} ${problemText(p)}`).join('; ')}`);
}
