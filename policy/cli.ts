/**
 * `npm run policy -- [--out cdktf.out] [--format table|json|sarif] [--output file] [--fail-on critical|high|medium|low]`
 *
 * Checks any synthesized output directory against the Zero Trust pack. Exit 1 when an unsuppressed non-compliant or
 * undecidable finding is at or above `--fail-on` (default medium), 2 on bad usage or unreadable output.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_FAIL_ON } from './check';
import { SEVERITIES, Severity } from './engine';
import { evaluateStacks } from './evaluate';
import { loadSynthesizedStacks } from '../verifier/load';
import { ZERO_TRUST_PACK } from './pack';
import { complianceReport, renderTable, toSarif } from './report';

const USAGE = 'usage: npm run policy -- [--out cdktf.out] [--format table|json|sarif] [--output <file>] [--fail-on critical|high|medium|low]';

interface Args {
  out: string;
  format: 'table' | 'json' | 'sarif';
  output?: string;
  failOn: Severity;
}

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { out: 'cdktf.out', format: 'table', failOn: DEFAULT_FAIL_ON };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value; ${USAGE}`);
    if (flag === '--out') args.out = value;
    else if (flag === '--output') args.output = value;
    else if (flag === '--format' && ['table', 'json', 'sarif'].includes(value)) args.format = value as Args['format'];
    else if (flag === '--fail-on' && (SEVERITIES as readonly string[]).includes(value)) args.failOn = value as Severity;
    else throw new Error(`unknown option or value: ${flag} ${value}; ${USAGE}`);
    i++;
  }
  return args;
}

/** Line of `"<name>": {` after the resource type's key, for SARIF regions (cdktf pretty-prints with 2 spaces). */
function lineFinder(outdir: string): (stack: string, resource: string) => number | undefined {
  const cache = new Map<string, string[]>();
  return (stack, resource) => {
    const file = path.join(outdir, 'stacks', stack, 'cdk.tf.json');
    if (!cache.has(file)) cache.set(file, fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : []);
    const lines = cache.get(file) ?? [];
    const dot = resource.indexOf('.');
    const typeLine = lines.findIndex((l) => l === `    "${resource.slice(0, dot)}": {`);
    if (typeLine < 0) return undefined;
    const nameLine = lines.findIndex((l, i) => i > typeLine && l === `      "${resource.slice(dot + 1)}": {`);
    return nameLine < 0 ? undefined : nameLine + 1;
  };
}

export function run(argv: readonly string[]): { code: number; stdout: string; stderr: string } {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    return { code: 2, stdout: '', stderr: `${(error as Error).message}\n` };
  }
  let stacks;
  try {
    stacks = loadSynthesizedStacks(args.out);
  } catch (error) {
    return { code: 2, stdout: '', stderr: `${(error as Error).message}\n` };
  }
  const results = evaluateStacks(stacks, ZERO_TRUST_PACK);
  const report = complianceReport(results, args.failOn);
  const rel = (stack: string) => path.relative(process.cwd(), path.join(args.out, 'stacks', stack, 'cdk.tf.json')).split(path.sep).join('/');
  const body =
    args.format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : args.format === 'sarif'
        ? `${JSON.stringify(toSarif(results, ZERO_TRUST_PACK, rel, lineFinder(args.out)), null, 2)}\n`
        : renderTable(results, ZERO_TRUST_PACK, args.failOn);
  if (args.output) fs.writeFileSync(args.output, body);
  const status = report.ok ? '' : `Zero Trust policy pack: findings at or above ${args.failOn}; see ${args.output ?? 'above'}.\n`;
  return { code: report.ok ? 0 : 1, stdout: args.output ? (args.format === 'table' ? body : '') : body, stderr: status };
}

if (require.main === module) {
  const { code, stdout, stderr } = run(process.argv.slice(2));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = code;
}
