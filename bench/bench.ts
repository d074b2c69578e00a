/**
 * Synth benchmark: wall time and peak RSS of the real entry point (main.ts) against a floor, a one-resource
 * cdktf app (bench/minimal-app.ts). The gap between the two is what the landing zone itself costs per synth.
 *
 * Usage (from the repository root):
 *   npm run bench                                   # 5 runs per case: 1 warm-up + 4 measured
 *   BENCH_RUNS=11 npm run bench                     # 1 warm-up + 10 measured
 *   BENCH_CONFIG=path/to/envs npm run bench         # synthesize these environments instead of the embedded ones
 *
 * Environment:
 *   BENCH_RUNS    runs per case including the warm-up, which is excluded from the stats (integer >= 2, default 5).
 *   BENCH_CONFIG  passed to main.ts as LZ_CONFIG (a YAML file or a directory of them, relative paths resolved
 *                 against the directory npm was started from). Without it, LZ_CONFIG and CDKTF_CONTEXT_JSON are
 *                 removed from the child's environment so the embedded default environments are measured.
 *
 * Each run is a fresh child process, `node --require bench/report-max-rss.js -r ts-node/register/transpile-only
 * <script>`, with cwd = repository root, CHECKPOINT_DISABLE=1 and CDKTF_OUTDIR inside a new directory under
 * os.tmpdir(). Wall time is process.hrtime.bigint() around spawnSync (so it includes Node startup and ts-node).
 * Peak RSS is the child's own process.resourceUsage().maxRSS, written at exit by the preload script to
 * BENCH_RSS_FILE; this works without /usr/bin/time. The table reports the median and minimum wall time and the
 * highest peak RSS over the measured runs, plus the number of stacks (stacks/<name>/cdk.tf.json files) and
 * resources (entries under "resource", summed over types and stacks) in the synthesized output.
 *
 * Progress goes to stderr, the table to stdout. Exits non-zero, printing the child's output, if any run fails.
 * All temporary directories are removed at the end.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const PRELOAD = path.join(__dirname, 'report-max-rss.js');
const CHILD_TIMEOUT_MS = 10 * 60 * 1000;

interface BenchCase {
  readonly label: string;
  /** Script path relative to ROOT. */
  readonly script: string;
  /** Environment overrides; `undefined` removes the variable. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

interface RunResult {
  readonly wallSeconds: number;
  readonly maxRssKb: number;
  readonly stacks: number;
  readonly resources: number;
}

interface CaseStats {
  readonly label: string;
  readonly stacks: number;
  readonly resources: number;
  readonly medianWall: number;
  readonly minWall: number;
  readonly peakRssMb: number;
}

class BenchError extends Error {}

function parseRuns(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 5;
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < 2) {
    throw new BenchError(`BENCH_RUNS must be an integer >= 2 (one warm-up plus at least one measured run), got '${raw}'`);
  }
  return runs;
}

function defaultCase(): BenchCase {
  const config = process.env.BENCH_CONFIG;
  if (config) {
    const resolved = path.resolve(process.env.INIT_CWD ?? process.cwd(), config);
    return { label: `LZ_CONFIG=${config} (main.ts)`, script: 'main.ts', env: { LZ_CONFIG: resolved } };
  }
  return { label: 'default config (main.ts)', script: 'main.ts', env: { LZ_CONFIG: undefined, CDKTF_CONTEXT_JSON: undefined } };
}

const FLOOR_CASE: BenchCase = { label: 'floor: 1-resource app', script: path.join('bench', 'minimal-app.ts'), env: {} };

function childEnv(overrides: BenchCase['env'], outdir: string, rssFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', CDKTF_OUTDIR: outdir, BENCH_RSS_FILE: rssFile };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Counts stacks/<name>/cdk.tf.json files and the resources declared in them (summed over resource types). */
function countOutput(outdir: string): { stacks: number; resources: number } {
  const stacksDir = path.join(outdir, 'stacks');
  if (!fs.existsSync(stacksDir)) throw new BenchError(`no stacks directory in the synth output ${outdir}`);
  let stacks = 0;
  let resources = 0;
  for (const entry of fs.readdirSync(stacksDir, { withFileTypes: true })) {
    const file = path.join(stacksDir, entry.name, 'cdk.tf.json');
    if (!entry.isDirectory() || !fs.existsSync(file)) continue;
    stacks += 1;
    const document: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    const byType = isRecord(document) ? document.resource : undefined;
    if (!isRecord(byType)) continue;
    for (const instances of Object.values(byType)) {
      if (isRecord(instances)) resources += Object.keys(instances).length;
    }
  }
  return { stacks, resources };
}

function runOnce(benchCase: BenchCase, tmpRoot: string): RunResult {
  const runDir = fs.mkdtempSync(path.join(tmpRoot, 'run-'));
  try {
    // main.ts stages its output next to CDKTF_OUTDIR (<outdir>.staging), so the outdir gets a directory of its own.
    const outdir = path.join(runDir, 'cdktf.out');
    const rssFile = path.join(runDir, 'maxrss');
    const args = ['--require', PRELOAD, '-r', 'ts-node/register/transpile-only', benchCase.script];
    const start = process.hrtime.bigint();
    const child = spawnSync(process.execPath, args, {
      cwd: ROOT,
      env: childEnv(benchCase.env, outdir, rssFile),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: CHILD_TIMEOUT_MS,
    });
    const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (child.error || child.status !== 0) {
      const why = child.error ? child.error.message : child.signal ? `signal ${child.signal}` : `exit code ${child.status}`;
      throw new BenchError(
        `${benchCase.label}: '${args.join(' ')}' failed (${why})\n--- stderr ---\n${child.stderr ?? ''}\n--- stdout ---\n${child.stdout ?? ''}`,
      );
    }
    if (!fs.existsSync(rssFile)) throw new BenchError(`${benchCase.label}: the child did not report its peak RSS`);
    const maxRssKb = Number(fs.readFileSync(rssFile, 'utf8'));
    return { wallSeconds, maxRssKb, ...countOutput(outdir) };
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function measure(benchCase: BenchCase, runs: number, tmpRoot: string): CaseStats {
  const measured: RunResult[] = [];
  for (let i = 0; i < runs; i += 1) {
    const result = runOnce(benchCase, tmpRoot);
    const tag = i === 0 ? 'warm-up' : `run ${i}/${runs - 1}`;
    process.stderr.write(`${benchCase.label} ${tag}: ${result.wallSeconds.toFixed(2)} s, ${(result.maxRssKb / 1024).toFixed(0)} MB\n`);
    if (i > 0) measured.push(result);
  }
  const first = measured[0];
  if (measured.some((r) => r.stacks !== first.stacks || r.resources !== first.resources)) {
    throw new BenchError(`${benchCase.label}: stack/resource counts differ between runs; synthesis is not deterministic`);
  }
  const walls = measured.map((r) => r.wallSeconds);
  return {
    label: benchCase.label,
    stacks: first.stacks,
    resources: first.resources,
    medianWall: median(walls),
    minWall: Math.min(...walls),
    peakRssMb: Math.max(...measured.map((r) => r.maxRssKb)) / 1024,
  };
}

function signed(value: number, digits: number): string {
  const text = Math.abs(value).toFixed(digits);
  return `${value < 0 && Number(text) !== 0 ? '-' : '+'}${text}`;
}

function report(runs: number, target: CaseStats, floor: CaseStats): string {
  const row = (s: CaseStats): string =>
    `| ${s.label} | ${s.stacks} | ${s.resources} | ${s.medianWall.toFixed(2)} | ${s.minWall.toFixed(2)} | ${s.peakRssMb.toFixed(0)} |`;
  return [
    `${runs - 1} measured runs per case after 1 warm-up; node ${process.version}, ${os.cpus().length} CPUs`,
    '',
    '| case | stacks | resources | median wall (s) | min wall (s) | peak RSS (MB) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    row(target),
    row(floor),
    '',
    `overhead vs floor: ${signed(target.medianWall - floor.medianWall, 2)} s, ${signed(target.peakRssMb - floor.peakRssMb, 0)} MB`,
    '',
  ].join('\n');
}

function main(): number {
  const runs = parseRuns(process.env.BENCH_RUNS);
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-bench-'));
  try {
    const target = measure(defaultCase(), runs, tmpRoot);
    const floor = measure(FLOOR_CASE, runs, tmpRoot);
    process.stdout.write(report(runs, target, floor));
    return 0;
  } finally {
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  }
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`bench: ${error instanceof BenchError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
