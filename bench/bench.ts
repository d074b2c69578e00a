/**
 * Synth benchmark: wall time and peak RSS of the real entry point (the compiled main job, dist/main.js) against a
 * floor, a one-resource cdktf app (bench/minimal-app.ts, compiled: plain JavaScript with deep imports), measured in
 * the same run with their runs interleaved so machine load hits both alike. Scale cases then synthesize one
 * generated environment with 10, 50 and 100 spokes (bench/spoke-configs.ts) and report the growth per additional
 * spoke. Last, `npm test` is timed once (wall time and the peak summed RSS of its process tree). Every figure is
 * printed next to its goal (GOALS below).
 *
 * Usage (from the repository root):
 *   npm run bench                                   # 5 runs per case (3 per scale case): 1 warm-up + the rest measured
 *   BENCH_RUNS=11 npm run bench                     # 1 warm-up + 10 measured (scale cases still 3 runs)
 *   BENCH_SCALE_RUNS=5 BENCH_SPOKES=10,200 npm run bench
 *   BENCH_SPOKES= npm run bench                     # no scale cases
 *   BENCH_TEST=0 npm run bench                      # do not time `npm test`
 *   BENCH_CONFIG=path/to/envs npm run bench         # synthesize these environments instead of the embedded ones
 *
 * Environment:
 *   BENCH_RUNS        runs per case including the warm-up, which is excluded from the stats (integer >= 2, default 5).
 *   BENCH_SCALE_RUNS  the same for the scale cases (integer >= 2, default the smaller of BENCH_RUNS and 3).
 *   BENCH_SPOKES      spoke counts of the scale cases, comma-separated (default 10,50,100); empty skips them.
 *   BENCH_TEST        0 skips timing `npm test` (default: timed once, after a build, with a warm synth cache
 *                     cleared so the figure is a cold test run's).
 *   BENCH_CONFIG      passed to the main job as LZ_CONFIG (a YAML file or a directory of them, relative paths resolved
 *                     against the directory npm was started from). Without it, LZ_CONFIG and CDKTF_CONTEXT_JSON are
 *                     removed from the child's environment so the embedded default environments are measured.
 *                     The scale cases ignore it.
 *
 * Each run is a fresh child process, `node --require bench/report-max-rss.js dist/<script>.js`, with cwd =
 * repository root, CHECKPOINT_DISABLE=1 and CDKTF_OUTDIR inside a new directory under os.tmpdir(). Wall time is
 * process.hrtime.bigint() around spawnSync (so it includes Node startup). Peak RSS is the child's own
 * process.resourceUsage().maxRSS, written at exit by the preload script to BENCH_RSS_FILE. The table reports the
 * median and minimum wall time and the highest peak RSS over the measured runs, plus the number of stacks and
 * resources in the synthesized output.
 *
 * Progress goes to stderr, the table to stdout. Exits non-zero, printing the child's output, if any run fails; a
 * missed goal is reported, not an error (timings belong here, not in tests). All temporary directories are removed.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAXIMUM_SPOKES, writeSpokeEnvironment } from './spoke-configs';
import { PROJECT_ROOT } from '../lib/project-root';

const ROOT = PROJECT_ROOT;
const PRELOAD = path.join(ROOT, 'bench', 'report-max-rss.js');
const CHILD_TIMEOUT_MS = 10 * 60 * 1000;
const DEFAULT_SPOKES = [10, 50, 100];

/** The goals of issue 11, on this machine (2 cores): ratios to the floor measured in the same run, and limits. */
const GOALS = {
  defaultWallRatio: 3,
  defaultRssRatio: 3,
  hundredSpokesSeconds: 4,
  hundredSpokesMb: 512,
  hundredOverTenRatio: 12,
  testSeconds: 60,
  testMb: 2048,
} as const;

interface BenchCase {
  readonly label: string;
  /** Compiled script path relative to ROOT (dist/...). */
  readonly script: string;
  /** Environment overrides; `undefined` removes the variable. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Spoke count of a scale case. */
  readonly spokes?: number;
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
  readonly spokes?: number;
}

class BenchError extends Error {}

function parseRuns(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < 2) {
    throw new BenchError(`${variable} must be an integer >= 2 (one warm-up plus at least one measured run), got '${raw}'`);
  }
  return runs;
}

/** BENCH_SPOKES as ascending spoke counts: unset means the default, empty means none. */
function parseSpokeCounts(raw: string | undefined): number[] {
  if (raw === undefined) return DEFAULT_SPOKES;
  const counts = raw.split(',').filter((item) => item.trim() !== '').map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n < 1 || n > MAXIMUM_SPOKES) || new Set(counts).size !== counts.length) {
    throw new BenchError(`BENCH_SPOKES must be distinct integers from 1 to ${MAXIMUM_SPOKES}, comma-separated (or empty for none), got '${raw}'`);
  }
  return counts.sort((a, b) => a - b);
}

/** main.ts on `config` (LZ_CONFIG), or on the embedded environments without it. */
function mainCase(label: string, config?: string): BenchCase {
  const env = config ? { LZ_CONFIG: config } : { LZ_CONFIG: undefined, CDKTF_CONTEXT_JSON: undefined };
  return { label, script: path.join('dist', 'main.js'), env };
}

function defaultCase(): BenchCase {
  const config = process.env.BENCH_CONFIG;
  if (!config) return mainCase('default config (main job)');
  return mainCase(`LZ_CONFIG=${config} (main job)`, path.resolve(process.env.INIT_CWD ?? process.cwd(), config));
}

/** One case per spoke count, each on its generated environment file in a new directory under tmpRoot. */
function scaleCases(counts: readonly number[], tmpRoot: string): BenchCase[] {
  const dir = fs.mkdtempSync(path.join(tmpRoot, 'spokes-'));
  // The generated environments name the embedded tenant (config/tenants/), not one beside the temporary file.
  const tenants = path.join(ROOT, 'config', 'tenants');
  return counts.map((spokes) => {
    const base = mainCase(`${spokes} spokes (main job)`, writeSpokeEnvironment(dir, spokes));
    return { ...base, env: { ...base.env, LZ_TENANTS: tenants }, spokes };
  });
}

const FLOOR_CASE: BenchCase = { label: 'floor: 1-resource app', script: path.join('dist', 'bench', 'minimal-app.js'), env: {} };

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
    const args = ['--require', PRELOAD, benchCase.script];
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
        // Typed string, but null when the child could not start (child.error).
        `${benchCase.label}: '${args.join(' ')}' failed (${why})\n--- stderr ---\n${(child.stderr as string | null) ?? ''}\n--- stdout ---\n${(child.stdout as string | null) ?? ''}`,
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
  const upper = sorted[mid];
  if (upper === undefined) throw new BenchError('median of no values');
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

/** Runs the cases in turn, `runs` times each (the first round a warm-up), and returns their stats in order. */
function measure(cases: readonly BenchCase[], runs: number, tmpRoot: string): CaseStats[] {
  const measured = cases.map((benchCase) => ({ benchCase, results: [] as RunResult[] }));
  for (let i = 0; i < runs; i += 1) {
    for (const { benchCase, results } of measured) {
      const result = runOnce(benchCase, tmpRoot);
      const tag = i === 0 ? 'warm-up' : `run ${i}/${runs - 1}`;
      process.stderr.write(`${benchCase.label} ${tag}: ${result.wallSeconds.toFixed(2)} s, ${(result.maxRssKb / 1024).toFixed(0)} MB\n`);
      if (i > 0) results.push(result);
    }
  }
  return measured.map(({ benchCase, results }) => stats(benchCase, results));
}

function stats(benchCase: BenchCase, measured: readonly RunResult[]): CaseStats {
  const first = measured[0];
  if (!first) throw new BenchError(`${benchCase.label}: no measured run (BENCH_RUNS must be >= 2)`);
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
    spokes: benchCase.spokes,
  };
}

interface TestRun {
  readonly wallSeconds: number;
  readonly peakRssMb: number;
  readonly summary: string;
}

/** Sum of VmRSS (KB) over `pid` and its descendants, read from /proc (Linux); 0 elsewhere. */
function treeRssKb(pid: number): number {
  if (!fs.existsSync('/proc')) return 0;
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
      const parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      rss.set(Number(entry), kb);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while we read it
    }
  }
  let total = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const next = pending.pop() as number;
    total += rss.get(next) ?? 0;
    pending.push(...(children.get(next) ?? []));
  }
  return total;
}

/** `npm test` once, cold synth cache, sampling the process tree's RSS every 100 ms. */
async function timeTestSuite(): Promise<TestRun> {
  fs.rmSync(path.join(ROOT, 'node_modules', '.cache', 'lz-test-synth'), { recursive: true, force: true });
  process.stderr.write('npm test: running once (BENCH_TEST=0 skips it)...\n');
  const start = process.hrtime.bigint();
  const child = spawn('npm', ['test'], { cwd: ROOT, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let peakKb = 0;
  const sampler = setInterval(() => {
    if (child.pid !== undefined) peakKb = Math.max(peakKb, treeRssKb(child.pid));
  }, 100);
  const code = await new Promise<number>((resolve) => child.on('close', (status) => resolve(status ?? 1)));
  clearInterval(sampler);
  const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (code !== 0) throw new BenchError(`npm test failed (exit ${code})\n${output.slice(-4000)}`);
  const summary = /^tests: .*$/m.exec(output)?.[0] ?? 'no test summary line';
  return { wallSeconds, peakRssMb: peakKb / 1024, summary };
}

function signed(value: number, digits: number): string {
  const text = Math.abs(value).toFixed(digits);
  return `${value < 0 && Number(text) !== 0 ? '-' : '+'}${text}`;
}

/** Growth of a scale case over the first one, per additional spoke; empty for the others. */
function growth(s: CaseStats, base: CaseStats | undefined): string {
  if (s.spokes === undefined || base?.spokes === undefined) return '';
  if (s === base) return 'baseline';
  const extra = s.spokes - base.spokes;
  const ms = ((s.medianWall - base.medianWall) * 1000) / extra;
  const mb = (s.peakRssMb - base.peakRssMb) / extra;
  const resources = (s.resources - base.resources) / extra;
  return `${signed(ms, 0)} ms, ${signed(mb, 2)} MB, ${signed(resources, 1)} resources`;
}

function verdict(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}

function goals(target: CaseStats, floor: CaseStats, scale: readonly CaseStats[], test: TestRun | undefined): string[] {
  const wallRatio = target.medianWall / floor.medianWall;
  const rssRatio = target.peakRssMb / floor.peakRssMb;
  const rows = [
    `| default synth wall / floor | ${wallRatio.toFixed(2)}x (${target.medianWall.toFixed(2)} s / ${floor.medianWall.toFixed(2)} s) | <= ${GOALS.defaultWallRatio}x | ${verdict(wallRatio <= GOALS.defaultWallRatio)} |`,
    `| default synth peak RSS / floor | ${rssRatio.toFixed(2)}x (${target.peakRssMb.toFixed(0)} MB / ${floor.peakRssMb.toFixed(0)} MB) | <= ${GOALS.defaultRssRatio}x | ${verdict(rssRatio <= GOALS.defaultRssRatio)} |`,
  ];
  const ten = scale.find((s) => s.spokes === 10);
  const hundred = scale.find((s) => s.spokes === 100);
  if (hundred) {
    rows.push(`| 100 spokes wall | ${hundred.medianWall.toFixed(2)} s | <= ${GOALS.hundredSpokesSeconds} s | ${verdict(hundred.medianWall <= GOALS.hundredSpokesSeconds)} |`);
    rows.push(`| 100 spokes peak RSS | ${hundred.peakRssMb.toFixed(0)} MB | <= ${GOALS.hundredSpokesMb} MB | ${verdict(hundred.peakRssMb <= GOALS.hundredSpokesMb)} |`);
  }
  if (ten && hundred) {
    const ratio = hundred.medianWall / ten.medianWall;
    rows.push(`| t(100 spokes) / t(10 spokes) | ${ratio.toFixed(2)} | <= ${GOALS.hundredOverTenRatio} | ${verdict(ratio <= GOALS.hundredOverTenRatio)} |`);
  }
  if (test) {
    rows.push(`| npm test wall (${test.summary}) | ${test.wallSeconds.toFixed(1)} s | <= ${GOALS.testSeconds} s | ${verdict(test.wallSeconds <= GOALS.testSeconds)} |`);
    rows.push(`| npm test peak RSS (process tree) | ${test.peakRssMb.toFixed(0)} MB | <= ${GOALS.testMb} MB | ${verdict(test.peakRssMb <= GOALS.testMb)} |`);
  }
  return ['| goal | measured | target | |', '|---|---:|---:|---|', ...rows];
}

function report(runs: number, scaleRuns: number, target: CaseStats, floor: CaseStats, scale: readonly CaseStats[], test?: TestRun): string {
  // The growth column only when there are scale cases.
  const base = scale.at(0);
  const line = (cells: readonly (string | number)[]): string => `| ${(base ? cells : cells.slice(0, -1)).join(' | ')} |`;
  const row = (s: CaseStats): string =>
    line([s.label, s.stacks, s.resources, s.medianWall.toFixed(2), s.minWall.toFixed(2), s.peakRssMb.toFixed(0), growth(s, base)]);
  const scaleNote = base ? ` (${scaleRuns - 1} for the spoke cases)` : '';
  return [
    `${runs - 1} measured runs per case${scaleNote} after 1 warm-up; node ${process.version}, ${os.cpus().length} CPUs, load average ${(os.loadavg()[0] ?? 0).toFixed(2)}`,
    '',
    line(['case', 'stacks', 'resources', 'median wall (s)', 'min wall (s)', 'peak RSS (MB)', `per extra spoke vs ${base?.spokes} spokes`]),
    line(['---', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...[target, floor, ...scale].map(row),
    '',
    ...goals(target, floor, scale, test),
    '',
  ].join('\n');
}

async function main(): Promise<number> {
  const runs = parseRuns('BENCH_RUNS', 5);
  const scaleRuns = parseRuns('BENCH_SCALE_RUNS', Math.min(runs, 3));
  const spokeCounts = parseSpokeCounts(process.env.BENCH_SPOKES);
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-bench-'));
  try {
    // Interleaved so load drifts hit both cases alike; measure() returns one stats entry per case, in order.
    const [target, floor] = measure([defaultCase(), FLOOR_CASE], runs, tmpRoot);
    if (!target || !floor) throw new BenchError('measure() returned fewer stats than cases');
    const scale = scaleCases(spokeCounts, tmpRoot).flatMap((c) => measure([c], scaleRuns, tmpRoot));
    const test = process.env.BENCH_TEST === '0' ? undefined : await timeTestSuite();
    process.stdout.write(report(runs, scaleRuns, target, floor, scale, test));
    return 0;
  } finally {
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof BenchError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
