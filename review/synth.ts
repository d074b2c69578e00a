/**
 * The two synths a review compares, each into a temporary directory so the developer's `cdktf.out` is never
 * touched: the working tree in this process (without the synth gate, whose result the report shows instead), and
 * a git ref in a temporary detached worktree, built and synthesized by that ref's own `main.ts` with this
 * checkout's `node_modules` in a child process that runs while this process synthesizes the working tree.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONFIG_CONTEXT_KEY, CONFIG_ENV_VAR, loadEnvironments, resolveConfigSource } from '../config/load';
import { formatErrors, hasErrors } from '../config/problems';
import type { LandingZoneConfig } from '../config/schema';
import { synthAtomically } from '../lib/atomic-synth';
import { withCallerPath } from '../lib/cli';
import { ZERO_TRUST_PACK } from '../policy/pack';
import { checkSynthGate, GateOutcome } from '../policy/synth-gate';
import { defineLandingZone } from '../stacks/landing-zone';
import { addWorkloads } from '../workloads/add-workloads';
import { loadSynthesizedStacks, TerraformJson } from '../verifier/load';

export interface Synthesized {
  readonly stacks: Record<string, TerraformJson>;
  /** Set for the working tree: the synth gate's verdict on it. */
  readonly gate?: GateOutcome;
}

/** The environments `main.ts` would synthesize (LZ_CONFIG, the cdktf context key, or the embedded ones). */
export function workingTreeConfigs(env: NodeJS.ProcessEnv = process.env): LandingZoneConfig[] {
  const context = JSON.parse(env.CDKTF_CONTEXT_JSON || '{}') as Record<string, unknown>;
  const { configs, problems } = loadEnvironments(resolveConfigSource(withCallerPath(env, CONFIG_ENV_VAR), context[CONFIG_CONTEXT_KEY]), {
    policyRuleIds: ZERO_TRUST_PACK.map((rule) => rule.id),
  });
  if (hasErrors(problems)) throw new Error(`the working tree's config has errors:\n${formatErrors(problems)}`);
  return configs;
}

/** Synthesizes `configs` into a temporary directory, runs the synth gate on it and returns both; the directory is removed. */
export function synthesizeConfigs(configs: readonly LandingZoneConfig[]): Synthesized {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-review-head-'));
  const outdir = path.join(dir, 'out');
  try {
    synthAtomically(outdir, (app) => {
      // As main.ts does: the pack's rules give the tenant its governance stack and the environments their exemptions.
      defineLandingZone(app, configs, { guardrailRules: ZERO_TRUST_PACK, workloads: addWorkloads });
    });
    return { stacks: loadSynthesizedStacks(outdir), gate: checkSynthGate(outdir, configs) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A synth of a git ref running in a child process: its stacks when it is done, or a way to stop it. */
export interface BaseSynth {
  /** The ref's stacks; rejects with one readable line when the ref cannot be synthesized. Worktree and output are removed either way. */
  readonly stacks: Promise<Record<string, TerraformJson>>;
  /** Stops the child process (the head failed, so the base is not needed); `stacks` then rejects. */
  cancel(): void;
}

/**
 * Starts synthesizing `ref` of the repository holding `projectDir`: a detached worktree in a temporary directory, its
 * `main.ts` run with this checkout's `node_modules` in a child process, so the caller synthesizes the working tree
 * meanwhile (two cores: both sides at once). Output is read back; worktree and output are removed.
 */
export function startGitRefSynth(ref: string, projectDir: string, env: NodeJS.ProcessEnv = process.env): BaseSynth {
  const git = (...args: string[]) => {
    const result = spawnSync('git', args, { cwd: projectDir, encoding: 'utf8' });
    if (result.error) throw new Error(`git is needed for --base: ${result.error.message}`);
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`);
    return result.stdout.trim();
  };
  const commit = (() => {
    try {
      return git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
    } catch {
      throw new Error(`'${ref}' is not a commit of this repository (try a branch, a tag, HEAD or origin/main)`);
    }
  })();
  const prefix = git('rev-parse', '--show-prefix');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-review-base-'));
  const worktree = path.join(dir, 'tree');
  const outdir = path.join(dir, 'out');
  const removeWorktree = () => {
    spawnSync('git', ['worktree', 'remove', '--force', worktree], { cwd: projectDir });
    spawnSync('git', ['worktree', 'prune'], { cwd: projectDir });
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const children = new ChildProcesses();
  try {
    git('worktree', 'add', '--detach', '--quiet', worktree, commit);
  } catch (error) {
    removeWorktree();
    throw error;
  }
  const stacks = (async () => {
    try {
      const project = path.join(worktree, prefix);
      fs.symlinkSync(path.join(projectDir, 'node_modules'), path.join(project, 'node_modules'), 'dir');
      const childEnv: NodeJS.ProcessEnv = { ...env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' };
      // A config path inside this checkout means the same file of the base.
      const configured = withCallerPath(env, CONFIG_ENV_VAR)[CONFIG_ENV_VAR];
      if (configured) {
        const relative = path.relative(projectDir, path.resolve(projectDir, configured));
        if (!relative.startsWith('..') && !path.isAbsolute(relative)) childEnv[CONFIG_ENV_VAR] = path.join(project, relative);
      }
      const result = await runMain(project, childEnv, projectDir, children);
      if (children.cancelled) throw new Error(`the synth of the base ${ref} was stopped`);
      if (result.status !== 0) {
        throw new Error(`the base ${ref} (${commit.slice(0, 12)}) does not synthesize:\n${(result.stderr || result.stdout).trim()}`);
      }
      return loadSynthesizedStacks(outdir);
    } finally {
      removeWorktree();
    }
  })();
  return { stacks, cancel: () => children.cancel() };
}

/** The finished child processes of one base synth, and the running one to stop on cancel. */
class ChildProcesses {
  public cancelled = false;
  private running?: ChildProcess;

  /** Runs a command to its end, collecting its output (never rejects: a failure to start is status null). */
  public run(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<RunResult> {
    if (this.cancelled) return Promise.resolve({ status: null, stdout: '', stderr: 'stopped' });
    return new Promise((resolve) => {
      const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
      this.running = child;
      const output = { stdout: '', stderr: '' };
      child.stdout.setEncoding('utf8').on('data', (text: string) => (output.stdout += text));
      child.stderr.setEncoding('utf8').on('data', (text: string) => (output.stderr += text));
      child.on('error', (error) => resolve({ status: null, stdout: output.stdout, stderr: `${output.stderr}${error.message}` }));
      child.on('close', (status) => {
        this.running = undefined;
        resolve({ status, ...output });
      });
    });
  }

  public cancel(): void {
    this.cancelled = true;
    this.running?.kill();
  }
}

interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a checkout's `main.ts` the way that checkout does: compiled (`scripts/build.cjs` into its own `dist/`), or
 * through ts-node for checkouts from before the compiled build, when ts-node is installed. `reuseFrom` is this built
 * checkout: the base's build copies the output of every file the two share.
 */
async function runMain(project: string, env: NodeJS.ProcessEnv, reuseFrom: string, children: ChildProcesses): Promise<RunResult> {
  const options = { cwd: project, env };
  if (fs.existsSync(path.join(project, 'scripts', 'build.cjs'))) {
    // Files the base shares with this checkout are copied from its dist/ (a build that predates the flag ignores it).
    const build = await children.run(process.execPath, ['scripts/build.cjs', '--quiet', '--reuse-from', reuseFrom], options);
    if (build.status !== 0) return build;
    return children.run(process.execPath, ['dist/main.js'], options);
  }
  try {
    require.resolve('ts-node/register/transpile-only', { paths: [project] });
  } catch {
    return { status: 1, stdout: '', stderr: 'it predates the compiled build and ts-node is not installed; synthesize it yourself and use --base-out' };
  }
  return children.run(process.execPath, ['-r', 'ts-node/register/transpile-only', 'main.ts'], options);
}

/** `abc1234` for a ref, for report titles. */
export function shortCommit(ref: string, projectDir: string): string {
  const result = spawnSync('git', ['rev-parse', '--short', ref], { cwd: projectDir, encoding: 'utf8' });
  return result.status === 0 ? `${ref} (${result.stdout.trim()})` : ref;
}
