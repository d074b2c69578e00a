/**
 * What every command-line tool of the project shares (flows, whatif, policy, review, plan, deploy): option parsing
 * with `--help`, paths resolved against the directory the user ran the command from, a written confirmation when a
 * file is written, and the error contract (one line `<name>: <message>`, no stack trace, a non-zero exit code).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

export type OptionsConfig = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;
export type CliValues<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ options: O & { help: { type: 'boolean'; short: 'h' } }; strict: true; allowPositionals: false }>>['values'];

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** The process's own writers. */
export const PROCESS_IO: CliIo = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };

export interface CommandSpec<O extends OptionsConfig> {
  /** Shown in error lines: `<name>: <message>`. */
  readonly name: string;
  /** The text `--help` prints: a usage line, then one line per option. */
  readonly usage: string;
  readonly options: O;
  /** Exit code for bad usage and errors. @default 1 */
  readonly errorExitCode?: number;
}

/**
 * Parses `argv` (plus `--help`/`-h`, which prints `usage` and exits 0) and runs `body`; any error becomes one line
 * `<name>: <message>` on stderr and the error exit code, never a stack trace (DEBUG=1 prints it).
 */
export function runCommand<O extends OptionsConfig>(spec: CommandSpec<O>, argv: readonly string[], io: CliIo, body: (values: CliValues<O>) => number): number {
  try {
    const values = parseCommandLine(spec, argv, io);
    return values === undefined ? 0 : body(values);
  } catch (error) {
    return reportCommandError(spec, io, error);
  }
}

/** `runCommand` for a body that waits on something (a child process): the same parsing, help and error contract. */
export async function runAsyncCommand<O extends OptionsConfig>(spec: CommandSpec<O>, argv: readonly string[], io: CliIo, body: (values: CliValues<O>) => Promise<number>): Promise<number> {
  try {
    const values = parseCommandLine(spec, argv, io);
    return values === undefined ? 0 : await body(values);
  } catch (error) {
    return reportCommandError(spec, io, error);
  }
}

/** The parsed options, or undefined after printing the usage for `--help`. */
function parseCommandLine<O extends OptionsConfig>(spec: CommandSpec<O>, argv: readonly string[], io: CliIo): CliValues<O> | undefined {
  const { values } = parseArgs({ args: [...argv], options: { ...spec.options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false });
  if (!(values as { help?: boolean }).help) return values;
  io.out(`${spec.usage.trimEnd()}\n`);
  return undefined;
}

function reportCommandError(spec: CommandSpec<OptionsConfig>, io: CliIo, error: unknown): number {
  io.err(`${spec.name}: ${(error as Error).message}\n`);
  if (process.env.DEBUG) io.err(`${(error as Error).stack}\n`);
  return spec.errorExitCode ?? 1;
}

/**
 * The directory the user ran the command from. npm runs scripts in the project root and keeps the caller's
 * directory in INIT_CWD, so `npm run policy -- --output report.sarif` from a subdirectory writes there.
 */
export function callerDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD && path.isAbsolute(env.INIT_CWD) ? env.INIT_CWD : process.cwd();
}

/** A path from the command line, resolved against the caller's directory. */
export function fromCaller(file: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(callerDirectory(env), file);
}

/**
 * `env` with the path in variable `name` (e.g. LZ_CONFIG) resolved against the caller's directory, so
 * `LZ_CONFIG=my.yaml npm run synth` from a subdirectory reads the file there.
 */
export function withCallerPath(env: NodeJS.ProcessEnv, name: string): NodeJS.ProcessEnv {
  const value = env[name];
  return value ? { ...env, [name]: path.resolve(callerDirectory(env), value) } : env;
}

/** A path as the user should read it: relative to the caller's directory when inside it. */
export function displayPath(file: string, env: NodeJS.ProcessEnv = process.env): string {
  const relative = path.relative(callerDirectory(env), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/**
 * Writes `text` to `file` (resolved against the caller's directory) through a temporary file and a rename, so a
 * failed write never leaves half a report, and confirms on stderr: `<name>: wrote <file> (<what>)`.
 */
export function writeOutputFile(name: string, file: string, text: string, io: CliIo, what = `${text.split('\n').length - 1} lines`): string {
  const target = fromCaller(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new Error(`cannot write ${displayPath(target)}: ${(error as Error).message}`);
  }
  io.err(`${name}: wrote ${displayPath(target)} (${what})\n`);
  return target;
}
