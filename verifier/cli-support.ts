/** What the offline checkers' CLIs (`npm run flows`, `npm run whatif`) share: common options on top of `lib/cli.ts`. */
import * as path from 'node:path';
import { CliIo, CliValues, OptionsConfig, fromCaller, runCommand } from '../lib/cli';

export type { CliIo } from '../lib/cli';

/** Options every checker takes: the synthesized output directory and an environment filter. */
const COMMON_OPTIONS = {
  out: { type: 'string' },
  env: { type: 'string' },
} as const;

/**
 * Parses `argv` (the common options plus `options`), prints `usage` for `--help`, resolves `--out` against the
 * caller's directory, and runs `body`. Any error becomes one line `<name>: <message>` on stderr and exit code 1.
 */
export function runCli<O extends OptionsConfig>(
  name: string,
  usage: string,
  argv: readonly string[],
  io: CliIo,
  options: O,
  body: (values: CliValues<typeof COMMON_OPTIONS & O>) => number,
): number {
  return runCommand({ name, usage, options: { ...COMMON_OPTIONS, ...options } }, argv, io, (values) => {
    // The default is the project's own output (npm runs scripts in the project root); a given path is the caller's.
    const given = (values as { out?: string }).out;
    const resolved = { ...values, out: given === undefined ? path.resolve('cdktf.out') : fromCaller(given) };
    return body(resolved);
  });
}
