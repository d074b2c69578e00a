/**
 * Imported first by the entry points: later runs skip most of V8's parsing and compiling of the modules they load
 * (cdktf, the provider bindings, this project), kept in node_modules/.cache.
 * - Node.js 22.1 and later: Node's own compile cache (node-compile-cache/).
 * - Earlier versions (Node 20): this project's code cache (lib/code-cache.ts, code-cache/), taken after the run.
 * NODE_DISABLE_COMPILE_CACHE=1 turns either off. The code cache is installed only in a command started from dist/
 * (not in a jest worker that imports a CLI module to test it), and not when a debugger or source maps are on, where
 * Node's loader does extra work per module that the code cache would skip.
 */
import * as nodeModule from 'node:module';
import * as path from 'node:path';
import { installCodeCache } from './code-cache';
import { PROJECT_ROOT } from './project-root';

const CACHE_ROOT = path.join(PROJECT_ROOT, 'node_modules', '.cache');

// @types/node 20 does not declare it (added in Node.js 22.1).
const moduleApi = nodeModule as unknown as { enableCompileCache?: (directory: string) => unknown };
const sourceMapsOn = (process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled === true;
/** Run as one of the project's commands (`node dist/...`), not imported by a test inside jest's module loader. */
function startedAsCommand(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && path.resolve(entry).startsWith(path.join(PROJECT_ROOT, 'dist') + path.sep);
}
const debuggerOn = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((arg) => arg.startsWith('--inspect'));

if (moduleApi.enableCompileCache) {
  // Node.js honours NODE_DISABLE_COMPILE_CACHE here.
  moduleApi.enableCompileCache(path.join(CACHE_ROOT, 'node-compile-cache'));
} else if (!process.env.NODE_DISABLE_COMPILE_CACHE && startedAsCommand() && !sourceMapsOn && !debuggerOn) {
  installCodeCache(path.join(CACHE_ROOT, 'code-cache', `${process.version}-${process.arch}.bin`));
}
