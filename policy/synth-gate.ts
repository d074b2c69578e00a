/**
 * The synth gate `main.ts` runs on the staged output before it is swapped in: the Zero Trust policy pack and the
 * intended segmentation of every environment (the flows its config promises, and exactly the Internet exposure it
 * publishes). Either failing throws with every finding and every flow that does not hold, so nothing is written; a
 * pass returns the warnings and one summary line per environment.
 */
import type { LandingZoneConfig } from '../config/schema';
import { groupByEnvironment, loadSynthesizedStacks } from '../verifier/load';
import { buildNetworkModel } from '../verifier/model';
import { ALL_PAIRS_UP_TO, IntentViolation, checkIntent, declaredFlowsIn } from '../verifier/segmentation-intent';
import { CheckOptions, DEFAULT_FAIL_ON, checkSynthesizedStacks } from './check';
import { StackResult, isFinding } from './evaluate';

export interface EnvironmentGateResult {
  readonly environment: string;
  /** Unsuppressed non-compliant or undecidable policy findings (any severity). */
  readonly findings: number;
  /** Active suppressions that suppressed at least one finding. */
  readonly suppressions: number;
  /** Intended flows and published targets checked. */
  readonly flowsChecked: number;
  /** Which spoke pairs got spoke-to-spoke checks. */
  readonly spokePairs: 'all' | 'neighbours';
  readonly violations: readonly IntentViolation[];
}

export interface GateOutcome {
  readonly ok: boolean;
  /** Policy findings and warnings, then intent violations; '' when clean. */
  readonly text: string;
  /** One `✔`/`✖` line per environment: policy findings, suppressions in force, flows checked. */
  readonly summary: string;
  readonly environments: readonly EnvironmentGateResult[];
}

/** Runs both checks over `<outdir>/stacks`; environments without a config are an error (synth and check must agree). */
export function checkSynthGate(outdir: string, configs: readonly LandingZoneConfig[], options: CheckOptions = {}): GateOutcome {
  // Read once, and one network model per environment: the pack and the intent check judge the same files.
  const stacks = loadSynthesizedStacks(outdir);
  // Tenant-wide stacks (`<tenant>-identity`, ...) have no network: the pack judges them, the intent check has none.
  const tenants = new Set(configs.map((c) => c.tenantConfig.tenant));
  const groups = Object.entries(groupByEnvironment(stacks)).filter(([group]) => !tenants.has(group) || configs.some((c) => c.environment === group));
  const models = Object.fromEntries(groups.map(([environment, group]) => [environment, buildNetworkModel(group)]));
  const policy = checkSynthesizedStacks(stacks, { ...options, networkModels: models });
  const environments = groups.map(([environment, group]): EnvironmentGateResult => {
    const config = configs.find((c) => c.environment === environment);
    if (!config) throw new Error(`no config for environment '${environment}' in the synthesized output`);
    const model = models[environment]!;
    const results = policy.results.filter((r) => r.environment === environment);
    // Spoke-to-spoke checks are quadratic: beyond ALL_PAIRS_UP_TO spokes the gate checks each spoke against its
    // flow partners and its neighbour (npm run flows -- --check still checks every pair).
    const intent = { spokePairs: config.spokes.length > ALL_PAIRS_UP_TO ? 'neighbours' : 'all', declaredFlows: declaredFlowsIn(group) } as const;
    const { checked, violations } = checkIntent(model, config, intent);
    return {
      environment,
      findings: countFindings(results),
      suppressions: results.flatMap((r) => r.suppressions).filter((s) => s.status === 'active' && s.matched > 0).length,
      flowsChecked: checked,
      spokePairs: intent.spokePairs,
      violations,
    };
  });
  const violations = environments.flatMap((e) => e.violations);
  const intentText =
    violations.length > 0
      ? `Intended segmentation: ${violations.length} flow(s) do not have their intended outcome:\n${violations.map((v) => `  ✖ ${v.message}\n`).join('')}` +
        '  Fix the config or the rule named, or change the intent in verifier/segmentation-intent.ts if the promise itself changed.\n'
      : '';
  const failOn = options.failOn ?? DEFAULT_FAIL_ON;
  const summary = environments
    .map((e) => {
      const mark = e.violations.length > 0 ? '✖' : '✔';
      const sampled = e.spokePairs === 'neighbours' ? ' (spoke pairs: flow partners and neighbours; npm run flows -- --check for all)' : '';
      const flows = `${e.violations.length > 0 ? `${e.violations.length} of ${e.flowsChecked} intended flows do not hold` : `${e.flowsChecked} intended flows checked`}${sampled}`;
      return `${mark} ${e.environment}: policy pack ${plural(e.findings, 'finding')} (fails at ${failOn}), ${plural(e.suppressions, 'suppression')} in force; ${flows}\n`;
    })
    .join('');
  return { ok: policy.ok && violations.length === 0, text: `${policy.text}${intentText}`, summary, environments };
}

/** Throws with everything the gate found; returns the warnings and the summary lines to print. */
export function enforceSynthGate(outdir: string, configs: readonly LandingZoneConfig[], options: CheckOptions = {}): string {
  const outcome = checkSynthGate(outdir, configs, options);
  if (!outcome.ok) throw new Error(`the synth gate failed:\n${outcome.text}${outcome.summary}`);
  return `${outcome.text}${outcome.summary}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function countFindings(results: readonly StackResult[]): number {
  return results.reduce((sum, r) => sum + r.rows.filter(isFinding).length, 0);
}
