/**
 * `npm run policy -- [--out cdktf.out] [--format table|json|sarif] [--output file] [--fail-on critical|high|medium|low]`
 *
 * Checks any synthesized output directory against the Zero Trust pack. Exit 1 when an unsuppressed non-compliant or
 * undecidable finding is at or above `--fail-on` (default medium), 2 on bad usage or unreadable output. SARIF
 * results point at the config file and key (or the stack source) a reviewer changes, not at `cdktf.out`.
 */
import '../lib/compile-cache';
import * as path from 'node:path';
import { CONFIG_CONTEXT_KEY, CONFIG_ENV_VAR, resolveConfigSource } from '../config/load';
import { CliIo, fromCaller, runCommand, withCallerPath, writeOutputFile } from '../lib/cli';
import { loadSynthesizedStacks } from '../verifier/load';
import { DEFAULT_FAIL_ON } from './check';
import { SEVERITIES, Severity } from './engine';
import { evaluateStacks } from './evaluate';
import { ZERO_TRUST_PACK } from './pack';
import { complianceReport, renderTable, toSarif } from './report';
import { sourceLocator } from './source-locations';

const FORMATS = ['table', 'json', 'sarif'] as const;

const USAGE = `usage: npm run policy -- [--out <dir>] [--format table|json|sarif] [--output <file>] [--fail-on critical|high|medium|low]

Checks synthesized output against the Zero Trust policy pack (docs/policy-rules.md).
  --out <dir>        synthesized output (default cdktf.out in the project; relative paths from your directory)
  --format <f>       table (default), json (the compliance matrix) or sarif (code scanning; results point at the
                     config file and key, or the stack source, that a reviewer changes)
  --output <file>    write the report there instead of stdout (relative to your directory)
  --fail-on <sev>    exit 1 on unsuppressed findings at or above this severity (default ${DEFAULT_FAIL_ON})
  -h, --help         this text
Exit codes: 0 clean, 1 findings at or above --fail-on, 2 bad usage or unreadable output.`;

const OPTIONS = {
  out: { type: 'string' },
  format: { type: 'string', default: 'table' },
  output: { type: 'string' },
  'fail-on': { type: 'string', default: DEFAULT_FAIL_ON },
} as const;

/** Runs the CLI; returns the exit code and what it printed (for tests). */
export function run(argv: readonly string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (text) => (stdout += text), err: (text) => (stderr += text) };
  const code = runCommand({ name: 'policy', usage: USAGE, options: OPTIONS, errorExitCode: 2 }, argv, io, (values) => {
    const format = values.format as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new Error(`--format must be one of ${FORMATS.join(', ')}, got '${values.format}'`);
    const failOn = values['fail-on'] as Severity;
    if (!SEVERITIES.includes(failOn)) throw new Error(`--fail-on must be one of ${SEVERITIES.join(', ')}, got '${values['fail-on']}'`);
    const out = values.out === undefined ? path.resolve('cdktf.out') : fromCaller(values.out);
    const results = evaluateStacks(loadSynthesizedStacks(out), ZERO_TRUST_PACK);
    const report = complianceReport(results, failOn);
    const body =
      format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : format === 'sarif'
          ? `${JSON.stringify(toSarif(results, ZERO_TRUST_PACK, () => '', undefined, sarifLocator()), null, 2)}\n`
          : renderTable(results, ZERO_TRUST_PACK, failOn);
    if (values.output) writeOutputFile('policy', values.output, body, io, `${format}, ${report.summary['non-compliant'] + report.summary.undecidable} finding(s)`);
    if (!values.output || format === 'table') io.out(body);
    if (!report.ok) io.err(`Zero Trust policy pack: findings at or above ${failOn}; see ${values.output ?? 'above'}.\n`);
    return report.ok ? 0 : 1;
  });
  return { code, stdout, stderr };
}

/** Config file and key per finding, from the same config source the synth used; URIs relative to the project. */
function sarifLocator() {
  const context = JSON.parse(process.env.CDKTF_CONTEXT_JSON || '{}') as Record<string, unknown>;
  const locate = sourceLocator(path.resolve(resolveConfigSource(withCallerPath(process.env, CONFIG_ENV_VAR), context[CONFIG_CONTEXT_KEY])), process.cwd());
  return (stack: string, row: { path?: string }) => locate(stack, row.path);
}

if (require.main === module) {
  const { code, stdout, stderr } = run(process.argv.slice(2));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = code;
}
