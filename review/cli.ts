/**
 * `npm run review -- --base <git ref> [--output review.md] [--fail-on exposure]`, or
 * `npm run review -- --base-out <dir> --head-out <dir>`: the security diff of two synths as Markdown
 * (`review/report.ts`). Exit 0 with a report, 1 when `--fail-on exposure` is given and Internet exposure grows or
 * the head fails the synth gate, 2 on bad usage or when a side cannot be synthesized.
 */
import '../lib/compile-cache';
import { CliIo, PROCESS_IO, displayPath, fromCaller, runAsyncCommand, writeOutputFile } from '../lib/cli';
import { loadSynthesizedStacks, TerraformJson } from '../verifier/load';
import { renderReview, securityReview } from './report';
import { Synthesized, shortCommit, startGitRefSynth, synthesizeConfigs, workingTreeConfigs } from './synth';
import { quietUpstreamDeprecations } from '../lib/upstream-warnings';

const USAGE = `usage: npm run review -- --base <git ref> [--output <file>] [--fail-on exposure] [--env <env>]
       npm run review -- --base-out <dir> --head-out <dir> [--output <file>] [--fail-on exposure] [--env <env>]

The reviewer's security diff of two synths, as Markdown: Internet exposure added or removed, reachability changes
with the deciding rules, policy findings and suppressions, Conditional Access What-If changes, resources per stack,
and a Mermaid topology of the head.
  --base <ref>       synthesize this git ref (temporary worktree) and the working tree (cdktf.out is not touched)
  --base-out <dir>   compare already synthesized output instead (with --head-out; relative to your directory)
  --head-out <dir>
  --output <file>    write the report there (relative to your directory); default stdout
  --fail-on exposure exit 1 when Internet exposure grows (an endpoint published, an NSG opened to the Internet, wider
                     sources) or the head fails the synth gate
  --env <env>        only this environment
  -h, --help         this text`;

const OPTIONS = {
  base: { type: 'string' },
  'base-out': { type: 'string' },
  'head-out': { type: 'string' },
  output: { type: 'string' },
  'fail-on': { type: 'string' },
  env: { type: 'string' },
} as const;

/** Runs the CLI; resolves to the exit code. */
export function main(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  return runAsyncCommand({ name: 'review', usage: USAGE, options: OPTIONS, errorExitCode: 2 }, argv, io, async (values) => {
    const failOn = values['fail-on'];
    if (failOn !== undefined && failOn !== 'exposure') throw new Error(`--fail-on takes 'exposure', got '${failOn}'`);
    const fromDirs = values['base-out'] !== undefined || values['head-out'] !== undefined;
    if (fromDirs && values.base !== undefined) throw new Error('use either --base <ref> or --base-out/--head-out');
    if (fromDirs && (values['base-out'] === undefined || values['head-out'] === undefined)) throw new Error('--base-out and --head-out go together');
    if (!fromDirs && values.base === undefined) throw new Error('say what to compare: --base <git ref> (e.g. --base origin/main), or --base-out <dir> --head-out <dir>; see --help');

    let base: Record<string, TerraformJson>;
    let head: Synthesized;
    let baseLabel: string;
    let headLabel: string;
    if (fromDirs) {
      const [baseDir, headDir] = [fromCaller(values['base-out'] as string), fromCaller(values['head-out'] as string)];
      base = loadSynthesizedStacks(baseDir);
      head = { stacks: loadSynthesizedStacks(headDir) };
      [baseLabel, headLabel] = [displayPath(baseDir), displayPath(headDir)];
    } else {
      const project = process.cwd();
      io.err(`review: synthesizing ${values.base} and the working tree…\n`);
      // The base synthesizes in a child process while this one synthesizes the working tree.
      const baseSynth = startGitRefSynth(values.base as string, project);
      try {
        head = synthesizeConfigs(workingTreeConfigs());
      } catch (error) {
        baseSynth.cancel();
        await baseSynth.stacks.catch(() => undefined);
        throw error;
      }
      base = await baseSynth.stacks;
      [baseLabel, headLabel] = [shortCommit(values.base as string, project), 'working tree'];
    }
    const only = (stacks: Record<string, TerraformJson>) => (values.env === undefined ? stacks : Object.fromEntries(Object.entries(stacks).filter(([name]) => name.startsWith(`${values.env}-`))));
    const notes = head.gate
      ? [
          head.gate.ok ? `The head passes the synth gate (policy pack and intended segmentation):` : `**✖ The head fails the synth gate: \`npm run synth\` will refuse it.**`,
          ...head.gate.summary.trimEnd().split('\n'),
          ...(head.gate.ok ? [] : head.gate.text.trimEnd().split('\n')),
        ]
      : [];
    const review = securityReview(only(base), only(head.stacks), { baseLabel, headLabel, notes: notes.length > 0 ? [notes.join('<br/>\n> ')] : [] });
    const report = renderReview(review);
    if (values.output) writeOutputFile('review', values.output, report, io, `${review.exposure.length} exposure change(s), ${review.reachability.length} reachability change(s)`);
    else io.out(report);
    if (failOn === 'exposure' && (review.exposureGrows || head.gate?.ok === false)) {
      io.err(`review: ${review.exposureGrows ? 'Internet exposure grows' : 'the head fails the synth gate'} (--fail-on exposure)\n`);
      return 1;
    }
    return 0;
  });
}

if (require.main === module) {
  quietUpstreamDeprecations();
  void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
