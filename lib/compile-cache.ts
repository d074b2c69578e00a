/**
 * Imported first by the entry points: the V8 settings of a command, and a cache of compiled code, so later runs skip
 * most of V8's parsing and compiling of the modules they load (cdktf, the provider bindings, this project), kept in
 * node_modules/.cache.
 * - Node.js 22.1 and later: Node's own compile cache (node-compile-cache/).
 * - Earlier versions (Node 20): this project's code cache (lib/code-cache.ts, code-cache/), taken after the run, one
 *   file per Node.js version and command-line V8 options (V8 refuses code cached under other flags).
 * NODE_DISABLE_COMPILE_CACHE=1 turns either off. Both apply only to a command started from dist/ (not to a jest
 * worker that imports a CLI module to test it); the code cache is also left off when a debugger or source maps are on,
 * where Node's loader does extra work per module that the code cache would skip.
 */
import * as crypto from 'node:crypto';
import * as nodeModule from 'node:module';
import * as path from 'node:path';
import * as v8 from 'node:v8';
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

if (startedAsCommand()) {
  // A synth allocates in bursts (each stack's resolve). V8's allocation-site pretenuring sometimes concludes from one
  // burst that such objects live long and allocates them straight into the old generation, which then fills with
  // garbage: measured in about one 100-spoke run of four, twice the memory (450 MB) and 1.5 s more; none in 22 runs
  // without it. Set before any module is compiled, so cached code always sees the same flags.
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
  if (moduleApi.enableCompileCache) {
    // Node.js honours NODE_DISABLE_COMPILE_CACHE here.
    moduleApi.enableCompileCache(path.join(CACHE_ROOT, 'node-compile-cache'));
  } else if (!process.env.NODE_DISABLE_COMPILE_CACHE && !sourceMapsOn && !debuggerOn) {
    const v8Options = crypto.createHash('sha1').update(JSON.stringify([process.execArgv, process.env.NODE_OPTIONS ?? ''])).digest('hex').slice(0, 8);
    installCodeCache(path.join(CACHE_ROOT, 'code-cache', `${process.version}-${process.arch}-${v8Options}.bin`));
  }
}
