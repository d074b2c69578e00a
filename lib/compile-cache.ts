/**
 * Imported first by the entry points: on Node.js 22.1 and later, V8 keeps the compiled code of every module loaded
 * (cdktf, the provider bindings, this project) in node_modules/.cache/node-compile-cache, so later runs skip most of
 * the parsing (about a tenth of a synth on Node 24). Earlier versions have no such API and run as before;
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off (Node.js honours it in `enableCompileCache`).
 */
import * as nodeModule from 'node:module';
import * as path from 'node:path';
import { PROJECT_ROOT } from './project-root';

// @types/node 20 does not declare it (added in Node.js 22.1).
const moduleApi = nodeModule as unknown as { enableCompileCache?: (directory: string) => unknown };
moduleApi.enableCompileCache?.(path.join(PROJECT_ROOT, 'node_modules', '.cache', 'node-compile-cache'));
