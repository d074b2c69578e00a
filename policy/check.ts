/**
 * The synth-time entry point: `main.ts` passes `enforcePolicyPack` to `lib/atomic-synth.ts`, which runs it on the
 * staged output after `app.synth()` and before swapping it in, so a violation aborts the synth with every finding
 * listed and nothing written.
 */
import { TerraformJson, loadSynthesizedStacks } from '../verifier/load';
import { Rule, Severity } from './engine';
import { EvaluateOptions, StackResult, evaluateStacks } from './evaluate';
import { ZERO_TRUST_PACK } from './pack';
import { violationText } from './report';

/** Default threshold: critical, high and medium findings fail; low ones are printed as warnings. */
export const DEFAULT_FAIL_ON: Severity = 'medium';

export interface CheckOptions {
  /** @default DEFAULT_FAIL_ON */
  readonly failOn?: Severity;
  /** @default ZERO_TRUST_PACK */
  readonly rules?: readonly Rule[];
  /** "Today" for suppression expiry. @default - now */
  readonly now?: Date;
  /** Network models already built, by environment (see `EvaluateOptions.networkModels`). @default - built as needed */
  readonly networkModels?: EvaluateOptions['networkModels'];
  /**
   * The config file and key that produced a stack (`config/environments/dev.yaml spokes[0] (shop)`), shown with its
   * findings. @default - findings name stacks and construct paths only
   */
  readonly configOf?: (stack: string) => string | undefined;
}

export interface CheckOutcome {
  /** No unsuppressed non-compliant or undecidable finding at or above the threshold. */
  readonly ok: boolean;
  /** Findings (rule ID, resource, construct path, reason, fix), warnings and expired suppressions; '' when clean. */
  readonly text: string;
  readonly results: readonly StackResult[];
}

/** Runs the pack over `<outdir>/stacks/*\/cdk.tf.json` (every environment in it). */
export function checkSynthesizedOutput(outdir: string, options: CheckOptions = {}): CheckOutcome {
  return checkSynthesizedStacks(loadSynthesizedStacks(outdir), options);
}

/** The same check on stacks already read (`loadSynthesizedStacks`), keyed by stack name. */
export function checkSynthesizedStacks(stacks: Readonly<Record<string, TerraformJson>>, options: CheckOptions = {}): CheckOutcome {
  const rules = options.rules ?? ZERO_TRUST_PACK;
  const failOn = options.failOn ?? DEFAULT_FAIL_ON;
  const results = evaluateStacks(stacks, rules, { now: options.now, networkModels: options.networkModels });
  return { ...violationText(results, rules, failOn, options.configOf), results };
}

/**
 * Throws (listing every finding with its fix) when the output in `outdir` violates the pack; returns the warnings
 * (low findings, expired suppressions) to print, '' when there are none.
 */
export function enforcePolicyPack(outdir: string, options: CheckOptions = {}): string {
  const outcome = checkSynthesizedOutput(outdir, options);
  if (!outcome.ok) throw new Error(`the Zero Trust policy pack found violations:\n${outcome.text}`);
  return outcome.text;
}
