/**
 * What the deploy CLIs (plan/deploy, bootstrap) share: their I/O, loading the one environment they act on, and the
 * checks before any Terraform call (terraform on PATH, Azure credentials), each failing with one line.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadEnvironments, resolveConfigSource } from '../config/load';
import { formatErrors, hasErrors } from '../config/problems';
import { LandingZoneConfig } from '../config/schema';
import { terraformEnvironment, terraformVersion } from './terraform';

export interface DeployIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Asks the operator; only called when CI is not set. */
  readonly confirm?: (question: string) => Promise<boolean>;
}

const COMMON_OPTIONS = { env: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
type OptionsConfig = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;
type Values<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ options: typeof COMMON_OPTIONS & O; strict: true; allowPositionals: false }>>['values'];

/**
 * Parses `argv` (`--env`, `--help` and `options`): prints `usage` for --help, one line for a bad or missing argument.
 * Returns the values and the environment name, or the exit code to end with.
 */
export function parseCliArgs<O extends OptionsConfig>(name: string, usage: string, argv: readonly string[], io: DeployIo, options: O): { values: Values<O>; environment: string } | number {
  let values: Values<O>;
  try {
    values = parseArgs({ args: [...argv], options: { ...COMMON_OPTIONS, ...options }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    io.err(`${name}: ${(error as Error).message}\n${usage}\n`);
    return 1;
  }
  const common = values as { help?: boolean; env?: string };
  if (common.help) {
    io.out(`${usage}\n`);
    return 0;
  }
  if (!common.env) {
    io.err(`${name}: --env is required\n${usage}\n`);
    return 1;
  }
  return { values, environment: common.env };
}

/** A failure already explained: `message` is one line (or the config problems, already formatted). */
export class CliFailure extends Error {}

/** The environment `name` from the config LZ_CONFIG (or the embedded one) names; config errors are listed. */
export function loadEnvironmentNamed(io: DeployIo, name: string): LandingZoneConfig {
  const { configs, problems } = loadEnvironments(resolveConfigSource(io.env));
  if (hasErrors(problems)) throw new CliFailure(formatErrors(problems).trimEnd());
  const config = configs.find((c) => c.environment === name);
  if (!config) throw new CliFailure(`no environment '${name}'; configured: ${configs.map((c) => c.environment).join(', ')}`);
  return config;
}

/** Whether Azure credentials are available to the azurerm/azuread providers without a prompt. */
export function hasAzureCredentials(env: NodeJS.ProcessEnv, azCliLoggedIn: () => boolean): boolean {
  const truthy = (name: string) => (env[name] ?? '').toLowerCase() === 'true';
  if (env.ARM_CLIENT_ID && (env.ARM_CLIENT_SECRET || env.ARM_CLIENT_CERTIFICATE_PATH || truthy('ARM_USE_OIDC') || env.ARM_OIDC_TOKEN)) return true;
  if (truthy('ARM_USE_MSI')) return true;
  return azCliLoggedIn();
}

/** Terraform to run and its environment; throws one line when terraform or credentials are missing. */
export function terraformReady(io: DeployIo, azCliLoggedIn: () => boolean): { terraform: string; env: NodeJS.ProcessEnv; version: string } {
  const env = terraformEnvironment(io.env, path.resolve(io.cwd, '.deploy', 'plugin-cache'));
  const terraform = io.env.TERRAFORM ?? 'terraform';
  const version = terraformVersion(terraform, env);
  if (!version) throw new CliFailure('terraform not found on PATH (or TERRAFORM); install Terraform 1.9 or later (https://developer.hashicorp.com/terraform/install) and run again');
  if (!hasAzureCredentials(env, azCliLoggedIn)) {
    throw new CliFailure('no Azure credentials: run az login, or set ARM_CLIENT_ID and ARM_TENANT_ID with ARM_USE_OIDC=true (pipelines), ARM_CLIENT_SECRET, or ARM_USE_MSI=true');
  }
  return { terraform, env, version };
}

/** `az account show` succeeds only when a login is cached; a missing az CLI is no credentials. */
export function defaultAzCliCheck(): boolean {
  const result = spawnSync('az', ['account', 'show', '--output', 'none'], { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

/** Asks on the terminal; yes only for y or yes. */
export async function defaultConfirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** Runs a CLI body: a CliFailure (or any error) becomes `<name>: <message>` on stderr and exit 1, never a trace. */
export async function runDeployCli(name: string, io: DeployIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.err(error instanceof CliFailure && message.startsWith('Configuration has') ? `${message}\n` : `${name}: ${message}\n`);
    return 1;
  }
}

/** The process I/O, for the `require.main` blocks. */
export function processIo(): DeployIo {
  return { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), env: process.env, cwd: process.cwd() };
}
