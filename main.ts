/**
 * Entry point: load and validate every environment config, then synthesize all their stacks.
 * Bad config prints every problem and exits 1 before anything is written.
 */
import './lib/compile-cache';
import { CONFIG_CONTEXT_KEY, CONFIG_ENV_VAR, configOfStack, loadEnvironments, resolveConfigSource } from './config/load';
import { formatErrors, formatWarnings, hasErrors } from './config/problems';
import { synthAtomically } from './lib/atomic-synth';
import { withCallerPath } from './lib/cli';
import { skipTokenCreationTraces } from './lib/token-stack-traces';
import { quietUpstreamDeprecations } from './lib/upstream-warnings';
import { ZERO_TRUST_PACK } from './policy/pack';
import { enforceSynthGate } from './policy/synth-gate';
import { defineLandingZone } from './stacks/landing-zone';
import { addWorkloads } from './workloads/add-workloads';

skipTokenCreationTraces();
quietUpstreamDeprecations();

function main(): number {
  const context = JSON.parse(process.env.CDKTF_CONTEXT_JSON || '{}') as Record<string, unknown>;
  const { configs, sources, problems } = loadEnvironments(resolveConfigSource(withCallerPath(process.env, CONFIG_ENV_VAR), context[CONFIG_CONTEXT_KEY]), {
    policyRuleIds: ZERO_TRUST_PACK.map((rule) => rule.id),
  });
  if (hasErrors(problems)) {
    process.stderr.write(formatErrors(problems) + formatWarnings(problems));
    return 1;
  }
  process.stdout.write(formatWarnings(problems));

  synthAtomically(
    process.env.CDKTF_OUTDIR ?? 'cdktf.out',
    (app) => {
      // The composed stacks go to workloads/add-workloads.ts, where teams add constructs in TypeScript.
      defineLandingZone(app, configs, { guardrailRules: ZERO_TRUST_PACK, workloads: addWorkloads });
    },
    // The Zero Trust policy pack and the intended segmentation run on every synth; a violation of either aborts it
    // and nothing is written.
    (staging) => process.stdout.write(enforceSynthGate(staging, configs, { configOf: configOfStack(configs, sources ?? {}) })),
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  // Construct validation errors are written for people; a stack trace adds nothing but noise (set DEBUG=1 for it).
  process.stderr.write(`Synthesis failed, nothing was written: ${withoutSkipHint(error instanceof Error ? error.message : String(error))}\n`);
  if (process.env.DEBUG) console.error(error);
  process.exitCode = 1;
}

/** cdktf suggests `skipValidation`; the landing zone's validations are its guard rails, so the hint is dropped. */
function withoutSkipHint(message: string): string {
  return message
    .replace(/\s*If you wish to ignore these validations, pass 'skipValidation: true' to your App configuration\.\s*/g, '')
    .replace(/\s*Validations allow for dynamic verification of your project\.\s*To skip validations, add 'skipValidation: true' to your App config\.\s*/g, '')
    .trimEnd();
}
