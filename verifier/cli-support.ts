/** What the offline checkers' CLIs (`npm run flows`, `npm run whatif`) share: common options, help, error contract. */
import { parseArgs } from 'node:util';

/** Options every checker takes: the synthesized output directory, an environment filter, help. */
const COMMON_OPTIONS = {
  out: { type: 'string', default: 'cdktf.out' },
  env: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionsConfig = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;
type CliValues<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ options: typeof COMMON_OPTIONS & O; strict: true; allowPositionals: false }>>['values'];

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/**
 * Parses `argv` (the common options plus `options`), prints `usage` for `--help`, and runs `body`. Any error becomes
 * one line `<name>: <message>` on stderr and exit code 1, never a stack trace.
 */
export function runCli<O extends OptionsConfig>(name: string, usage: string, argv: readonly string[], io: CliIo, options: O, body: (values: CliValues<O>) => number): number {
  try {
    const { values } = parseArgs({ args: [...argv], options: { ...COMMON_OPTIONS, ...options }, strict: true, allowPositionals: false });
    if ((values as { help?: boolean }).help) {
      io.out(`${usage}\n`);
      return 0;
    }
    return body(values as CliValues<O>);
  } catch (error) {
    io.err(`${name}: ${(error as Error).message}\n`);
    return 1;
  }
}
