/**
 * The code cache (lib/code-cache.ts) in child processes on a small fixture: later runs use it, an edited module is
 * never run from a stale entry (even at the same length, which V8's own check accepts), a broken cache file is
 * ignored, and entry points sharing the file keep each other's entries.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root';

const CODE_CACHE = JSON.stringify(path.join(PROJECT_ROOT, 'dist', 'lib', 'code-cache.js'));

interface Run {
  readonly output: string;
  readonly hits: number;
  readonly misses: number;
  readonly written: boolean;
}

let dir: string;
let cacheFile: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-code-cache-'));
  cacheFile = path.join(dir, 'cache', 'node.bin');
  fs.writeFileSync(path.join(dir, 'a.js'), 'exports.value = () => 1;\n');
  fs.writeFileSync(path.join(dir, 'b.js'), 'exports.value = () => "b";\n');
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs an entry that installs the cache, then requires `modules` and prints what their `value()` returns. */
function run(...modules: string[]): Run {
  const entry = path.join(dir, 'entry.js');
  fs.writeFileSync(
    entry,
    [
      `const stats = require(${CODE_CACHE}).installCodeCache(${JSON.stringify(cacheFile)});`,
      `const output = ${JSON.stringify(modules)}.map((m) => require('./' + m).value()).join(',');`,
      // Registered after the cache's own exit handler, so `written` is final.
      `process.on('exit', () => console.log(JSON.stringify({ output, ...stats })));`,
    ].join('\n'),
  );
  const result = spawnSync(process.execPath, [entry], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Run;
}

test('the first run compiles from source and writes the cache; the next run compiles nothing from source', () => {
  expect(run('a')).toEqual({ output: '1', hits: 0, misses: 1, written: true });
  expect(fs.statSync(cacheFile).size).toBeGreaterThan(0);
  expect(run('a')).toEqual({ output: '1', hits: 1, misses: 0, written: false });
});

test('an edited module runs its new text, also when the length is unchanged', () => {
  run('a');
  fs.writeFileSync(path.join(dir, 'a.js'), 'exports.value = () => 2;\n');
  expect(run('a')).toEqual({ output: '2', hits: 0, misses: 1, written: true });
  expect(run('a')).toEqual({ output: '2', hits: 1, misses: 0, written: false });
});

test('a broken or foreign cache file is ignored and replaced', () => {
  fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
  for (const garbage of ['', 'not a cache', '\u0010\u0000\u0000\u0000{"magic":"other","entries":[]}']) {
    fs.writeFileSync(cacheFile, garbage);
    expect(run('a')).toEqual({ output: '1', hits: 0, misses: 1, written: true });
  }
  expect(run('a').hits).toBe(1);
});

test('entry points that load different modules keep each other\'s entries', () => {
  run('a');
  expect(run('b')).toEqual({ output: 'b', hits: 0, misses: 1, written: true });
  expect(run('a', 'b')).toEqual({ output: '1,b', hits: 2, misses: 0, written: false });
});

test('entries of deleted files are dropped when the cache is rewritten', () => {
  run('a', 'b');
  const sizeWithBoth = fs.statSync(cacheFile).size;
  fs.rmSync(path.join(dir, 'b.js'));
  fs.writeFileSync(path.join(dir, 'a.js'), 'exports.value = () => 3;\n');
  expect(run('a')).toEqual({ output: '3', hits: 0, misses: 1, written: true });
  expect(fs.statSync(cacheFile).size).toBeLessThan(sizeWithBoth);
  expect(fs.readFileSync(cacheFile, 'latin1')).not.toContain(path.join(dir, 'b.js'));
});

test('a module with a dynamic import() is left to Node.js and still works', () => {
  fs.writeFileSync(path.join(dir, 'a.js'), 'exports.value = () => typeof import("node:fs").then;\n');
  expect(run('a')).toEqual({ output: 'function', hits: 0, misses: 0, written: false });
});

test('a syntax error is reported with the file, as without the cache', () => {
  fs.writeFileSync(path.join(dir, 'a.js'), 'exports.value = () => ;\n');
  const entry = path.join(dir, 'entry.js');
  fs.writeFileSync(entry, `require(${CODE_CACHE}).installCodeCache(${JSON.stringify(cacheFile)}); require('./a');`);
  const result = spawnSync(process.execPath, [entry], { encoding: 'utf8' });
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain(path.join(dir, 'a.js'));
  expect(result.stderr).toContain('SyntaxError');
});

describe('lib/compile-cache.ts (imported first by every command)', () => {
  const hasNodeCompileCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';
  /** The name of the CommonJS compile function after compile-cache ran in a process started as `args`. */
  const compileFunctionAfter = (args: string[], env: NodeJS.ProcessEnv = {}): string => {
    const probe = path.join(dir, 'probe.js');
    fs.writeFileSync(probe, `process.on('exit', () => process.stdout.write(require('node:module').Module.prototype._compile.name || 'node'));`);
    const { NODE_DISABLE_COMPILE_CACHE: _off, ...inherited } = process.env;
    const result = spawnSync(process.execPath, ['--require', probe, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...inherited, ...env } });
    expect(result.status).toBe(0);
    return result.stdout;
  };
  const compileCache = path.join('dist', 'lib', 'compile-cache.js');

  test('a command started from dist/ uses the code cache on Node.js without its own compile cache', () => {
    expect(compileFunctionAfter([compileCache])).toBe(hasNodeCompileCache ? 'node' : 'compileWithCache');
  });

  test('NODE_DISABLE_COMPILE_CACHE=1, or code that merely imports it (a test, a script elsewhere), leaves Node.js loading as it is', () => {
    expect(compileFunctionAfter([compileCache], { NODE_DISABLE_COMPILE_CACHE: '1' })).toBe('node');
    expect(compileFunctionAfter(['-e', `require('./${compileCache}')`])).toBe('node');
  });
});
