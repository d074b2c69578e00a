/**
 * `npm run plan -- --env <env>` and `npm run deploy -- --env <env>`: Terraform over the synthesized stacks of one
 * environment, in dependency order (management, connectivity, then the spokes in parallel up to --parallelism), the
 * tenant identity stack first with --identity. Stops at the first failure. Plans are saved for review next to their
 * `terraform show` text (`plans/<stack>.tfplan`, `plans/<stack>.tfplan.txt`); deploy applies exactly those plans.
 * `--list-stacks [--json]` prints the order and levels (one CI matrix job per stack: `--stack <name>`).
 * Before Terraform runs: placeholder IDs are refused, the first apply's variables and the deployer's roles are named,
 * and a missing terraform or missing credentials end the run with one line. Terraform works in `.deploy/`, never in
 * `cdktf.out`, which stays byte-identical.
 */
import '../lib/compile-cache';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveConfigSource } from '../config/load';
import { LandingZoneConfig } from '../config/schema';
import { CliFailure, DeployIo, defaultAzCliCheck, defaultConfirm, loadEnvironmentNamed, parseCliArgs, processIo, runDeployCli, terraformReady } from './cli-support';
import { DEPLOYER_ROLES, findPlaceholderIds, firstApplyVariables, missingStacks, stateRole } from './preflight';
import { levels, PlannedStack, stackOrder } from './stack-order';
import { explainFailure, prepareWorkingDirectory, runTerraform } from './terraform';

export type Command = 'plan' | 'deploy';

const USAGE = `usage: npm run plan|deploy -- --env <env> [--governance] [--identity] [--stack <name>] [--parallelism N] [--auto-approve]
       npm run plan -- --env <env> [--governance] [--identity] --list-stacks [--json]
  --governance     include the tenant governance stack (<tenant>-governance) first: once per tenant, before its environments
  --identity       include the tenant identity stack (<tenant>-identity): once per tenant, before its first environment
  --stack <name>   only this stack (a CI matrix job; earlier levels must be applied)
  --parallelism N  stacks of one level (the spokes) at the same time (default 4)
  --auto-approve   apply without asking (required when CI is set: nothing ever prompts there)
  --out <dir>      synthesized output (default cdktf.out); --plans <dir> plan files (default plans)`;

/** Runs the CLI; returns the exit code. Every problem is one line on stderr, never a stack trace. */
export async function main(command: Command, argv: readonly string[], io: DeployIo, azCliLoggedIn: () => boolean = defaultAzCliCheck): Promise<number> {
  const parsed = parseCliArgs(command, USAGE, argv, io, {
    governance: { type: 'boolean', default: false },
    identity: { type: 'boolean', default: false },
    stack: { type: 'string' },
    parallelism: { type: 'string', default: '4' },
    'auto-approve': { type: 'boolean', default: false },
    'list-stacks': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    out: { type: 'string', default: 'cdktf.out' },
    plans: { type: 'string', default: 'plans' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, environment } = parsed;
  const parallelism = Number(values.parallelism);
  if (!Number.isInteger(parallelism) || parallelism < 1) {
    io.err(`${command}: --parallelism must be a whole number of at least 1, not '${values.parallelism}'\n`);
    return 1;
  }
  return runDeployCli(command, io, async () => run(command, values, loadEnvironmentNamed(io, environment), io, azCliLoggedIn, parallelism));
}

type Options = { governance: boolean; identity: boolean; stack?: string; 'auto-approve': boolean; 'list-stacks': boolean; json: boolean; out: string; plans: string };

async function run(command: Command, values: Options, config: LandingZoneConfig, io: DeployIo, azCliLoggedIn: () => boolean, parallelism: number): Promise<number> {
  const fail = (message: string) => {
    throw new CliFailure(message);
  };
  let stacks = stackOrder(config, { identity: values.identity, governance: values.governance });
  if (values.governance && !config.tenantConfig.governance) return fail(`tenant ${config.tenantConfig.tenant} (${config.tenantConfig.source}) has no governance section, so there is no governance stack`);
  if (values.identity && !config.tenantConfig.identity) return fail(`tenant ${config.tenantConfig.tenant} (${config.tenantConfig.source}) has no identity section, so there is no identity stack`);
  if (values['list-stacks']) {
    io.out(values.json ? `${JSON.stringify({ environment: config.environment, tenant: config.tenantConfig.tenant, levels: levels(stacks).map((l) => l.map((s) => s.name)), stacks }, null, 2)}\n` : `${renderOrder(stacks)}\n`);
    return 0;
  }
  if (values.stack) {
    const only = stacks.find((s) => s.name === values.stack);
    if (!only) return fail(`no stack '${values.stack}' in this run; stacks: ${stacks.map((s) => s.name).join(', ')}${values.identity ? '' : ' (add --identity for the tenant stack)'}`);
    stacks = [only];
  }

  // Nothing below contacts Azure until every check passed.
  const source = resolveConfigSource(io.env);
  const environmentFile = path.relative(io.cwd, fs.statSync(source).isDirectory() ? path.join(source, `${config.environment}.yaml`) : source);
  const placeholders = findPlaceholderIds(config, environmentFile, stacks.some((s) => s.kind === 'identity'));
  if (placeholders.length > 0) {
    io.err(
      [
        `${command}: refusing to run terraform: ${placeholders.length} placeholder ID${placeholders.length === 1 ? '' : 's'} (00000000-0000-0000-0000-…) in the config; put your real tenant, subscription and object IDs there:`,
        ...placeholders.map((p) => `  ✖ ${p.source} ${p.path}: ${p.value}`),
      ].join('\n') + '\n',
    );
    return 1;
  }
  const outdir = path.resolve(io.cwd, values.out);
  const missing = missingStacks(outdir, stacks);
  if (missing.length > 0) return fail(`${missing.join(', ')} not synthesized in ${values.out}; run npm run synth first`);
  if (command === 'deploy' && !values['auto-approve'] && io.env.CI) return fail('CI is set, so nothing prompts: pass --auto-approve to apply the plans this run makes');

  const workRoot = path.resolve(io.cwd, '.deploy');
  const { terraform, env, version } = terraformReady(io, azCliLoggedIn);

  io.out(`${command} ${config.environment} with ${version}: ${stacks.map((s) => s.name).join(' → ')}\n`);
  for (const kind of [...new Set(stacks.map((s) => s.kind))]) {
    const state = stateRole(config, kind);
    io.out(`  deployer needs for ${kind}: ${DEPLOYER_ROLES[kind]}${state ? `; ${state}` : ''}\n`);
  }
  if (stacks.some((s) => s.kind === 'identity')) {
    const variables = firstApplyVariables(config);
    const unset = variables.filter((v) => !io.env[v]);
    io.out(`  first apply of the identity stack needs ${variables.join(', ')} (16+ characters, from your secret store; later applies need none)${unset.length ? `; not set here: ${unset.join(', ')}` : ''}\n`);
  }

  const plansDir = path.resolve(io.cwd, values.plans);
  fs.mkdirSync(plansDir, { recursive: true });
  fs.mkdirSync(env.TF_PLUGIN_CACHE_DIR as string, { recursive: true });
  const confirm = io.confirm ?? defaultConfirm;

  const runStack = async (stack: PlannedStack): Promise<string | undefined> => {
    const workdir = prepareWorkingDirectory(outdir, workRoot, stack.name);
    const plan = path.join(plansDir, `${stack.name}.tfplan`);
    const log = (step: string) => path.join(plansDir, `${stack.name}.${step}.log`);
    const step = async (name: string, args: string[]) => {
      const result = await runTerraform(terraform, args, workdir, env, log(name));
      return result.code === 0 ? undefined : `${stack.name}: terraform ${name} failed: ${explainFailure(name, result.output)} (log: ${path.relative(io.cwd, log(name))})`;
    };
    const failed =
      (await step('init', ['init', '-input=false', '-no-color'])) ??
      (await step('plan', ['plan', '-input=false', '-no-color', '-lock-timeout=5m', `-out=${plan}`])) ??
      (await step('show', ['show', '-no-color', plan]));
    if (failed) return failed;
    fs.writeFileSync(`${plan}.txt`, fs.readFileSync(log('show'), 'utf8'));
    io.out(`✔ ${stack.name}: planned, ${path.relative(io.cwd, plan)} (review ${path.relative(io.cwd, plan)}.txt)\n`);
    if (command === 'plan') return undefined;
    if (!values['auto-approve'] && !(await confirm(`Apply ${stack.name} as planned in ${path.relative(io.cwd, plan)}.txt? [y/N] `))) {
      return `${stack.name}: not applied (declined)`;
    }
    const applied = await step('apply', ['apply', '-input=false', '-no-color', plan]);
    if (!applied) io.out(`✔ ${stack.name}: applied\n`);
    return applied;
  };

  // Interactive approval goes one stack at a time; unattended runs use the parallelism.
  const width = command === 'deploy' && !values['auto-approve'] ? 1 : parallelism;
  const ordered = levels(stacks);
  for (const [i, level] of ordered.entries()) {
    const failures = await runLimited(level, width, runStack);
    if (failures.length > 0) {
      const notStarted = ordered.slice(i + 1).flat().length;
      return fail(`${failures.join('; ')}${notStarted > 0 ? `; stopped, ${notStarted} later stack${notStarted === 1 ? '' : 's'} not started` : ''}`);
    }
  }
  io.out(`${command} ${config.environment}: ${stacks.length} stack${stacks.length === 1 ? '' : 's'} ${command === 'plan' ? 'planned' : 'applied'}\n`);
  return 0;
}

/**
 * Runs `task` over `items` with at most `width` at a time; after the first failure no new item starts (running ones
 * finish). Returns the failure messages.
 */
export async function runLimited<T>(items: readonly T[], width: number, task: (item: T) => Promise<string | undefined>): Promise<string[]> {
  const failures: string[] = [];
  // One iterator shared by the workers: each takes the next item when it is free.
  const queue = items.values();
  const worker = async () => {
    for (let next = queue.next(); !next.done && failures.length === 0; next = queue.next()) {
      const failure = await task(next.value);
      if (failure) failures.push(failure);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return failures;
}

function renderOrder(stacks: readonly PlannedStack[]): string {
  return levels(stacks)
    .map((level, i) => `${i + 1}. ${level.map((s) => s.name).join(', ')}`)
    .join('\n');
}

if (require.main === module) {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== 'plan' && command !== 'deploy') {
    process.stderr.write(`deploy/cli.ts: first argument must be plan or deploy\n${USAGE}\n`);
    process.exitCode = 1;
  } else {
    main(command, rest, processIo()).then(
      (code) => (process.exitCode = code),
      (error: unknown) => {
        process.stderr.write(`${command}: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
      },
    );
  }
}
