#!/usr/bin/env node
/**
 * Compiles the project's TypeScript into dist/ (one .js per .ts, same layout) so the main job, the CLIs and the
 * tests run plain JavaScript instead of transpiling ~300 files on every run.
 *
 * Incremental and never stale: a manifest records each source's size and mtime; only changed sources are
 * transpiled, outputs whose source is gone are deleted, and a run with nothing to do costs a few milliseconds
 * (TypeScript is not even loaded). Transpile-only (`isolatedModules` holds for the whole project): type errors are
 * `npm run typecheck`'s job, which `npm test` runs.
 *
 * Two shortcuts for a cold build: many changed files are split between worker threads (one per core, up to 4), and
 * `--reuse-from <checkout>` copies the output of every source that is byte-identical in another built checkout of
 * this project (`npm run review -- --base` builds the base commit that way: most files did not change).
 * BUILD_WORKERS fixes the number of worker threads (1: none), which otherwise follows the idle cores.
 *
 * Usage: [BUILD_WORKERS=<n>] node scripts/build.cjs [--quiet] [--reuse-from <dir>]
 *        (also exported: build({ quiet, reuseFrom, root }) -> { transpiled, threads, reused, removed, sourceHash })
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const os = require('node:os');
const { Worker, isMainThread, workerData } = require('node:worker_threads');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist');
const manifestOf = (root) => path.join(root, 'dist', '.build-manifest.json');
/** Folders that hold no source of this project (generated output, dependencies, caches). */
const SKIP = new Set(['node_modules', 'dist', 'coverage', '.git', '.bench', '.github', 'docs']);
/** Bump when the emitted code would change for the same sources (compiler options below). */
const FORMAT = 1;

function sources(root) {
  const found = [];
  (function walk(dir) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name) && !entry.name.startsWith('cdktf.out') && !entry.name.startsWith('.')) walk(path.join(dir, entry.name));
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        found.push(path.relative(root, path.join(dir, entry.name)));
      }
    }
  })(root);
  return found.sort();
}

function readManifest(root) {
  try {
    const manifest = JSON.parse(fs.readFileSync(manifestOf(root), 'utf8'));
    return manifest.format === FORMAT ? manifest.files : {};
  } catch {
    return {};
  }
}

function outputOf(root, source) {
  return path.join(root, 'dist', source.replace(/\.ts$/, '.js'));
}

/** Transpiles `sources` (paths relative to `root`) into `root`/dist/. */
function transpile(root, sources) {
  const ts = require('typescript');
  const compilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    esModuleInterop: true,
    isolatedModules: true,
    inlineSourceMap: true,
    inlineSources: false,
  };
  for (const source of sources) {
    const fileName = path.join(root, source);
    const output = ts.transpileModule(fs.readFileSync(fileName, 'utf8'), { compilerOptions, fileName, reportDiagnostics: false });
    const target = outputOf(root, source);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // Source maps point back at the .ts file so stack traces (node --enable-source-maps, jest) name real lines.
    const text = output.outputText.replace(/\/\/# sourceMappingURL=data:application\/json;base64,(\S+)\s*$/, (_all, data) => {
      const map = JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
      map.sources = [path.relative(path.dirname(target), fileName)];
      return `//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
    });
    fs.writeFileSync(target, text);
  }
}

/** Below this many files one thread is faster: each worker loads TypeScript (~0.5 s) first. */
const PARALLEL_FROM = 60;

/**
 * Transpiles in up to 4 worker threads, round-robin so every worker gets a similar mix. Synchronous for the callers
 * (jest's config, the CLIs): the main thread waits on each worker's flag. A worker that fails or does not finish in
 * time makes the main thread compile everything itself, so the real error surfaces here with its file name.
 */
function transpileInParallel(root, sources) {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  // Busy cores (a loaded machine, other jobs) make the workers' extra start-up a net loss.
  const idle = Math.floor(cores - os.loadavg()[0]);
  const fixed = process.env.BUILD_WORKERS ? Number(process.env.BUILD_WORKERS) : undefined;
  const workers = Math.min(fixed ?? Math.min(4, idle), sources.length);
  if (workers < 2 || (fixed === undefined && sources.length < PARALLEL_FROM)) {
    transpile(root, sources);
    return 1;
  }
  const shared = new Int32Array(new SharedArrayBuffer(4 * workers));
  for (let i = 0; i < workers; i++) {
    new Worker(__filename, { workerData: { root, sources: sources.filter((_s, j) => j % workers === i), slot: i, shared } }).unref();
  }
  const deadline = Date.now() + 120_000;
  for (let i = 0; i < workers; i++) Atomics.wait(shared, i, 0, Math.max(0, deadline - Date.now()));
  if (shared.every((flag) => flag === 1)) return workers;
  transpile(root, sources);
  return 1;
}

/** Sources byte-identical in `other` (another checkout) whose built output there is current: copy, do not compile. */
function reuseOutputs(root, changed, other) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestOf(other), 'utf8'));
  } catch {
    return [];
  }
  if (manifest.format !== FORMAT) return [];
  const reused = [];
  for (const source of changed) {
    const theirs = path.join(other, source);
    const stat = fs.statSync(theirs, { throwIfNoEntry: false });
    if (!stat || manifest.files[source] !== `${stat.size}:${stat.mtimeMs}`) continue;
    const built = path.join(other, 'dist', source.replace(/\.ts$/, '.js'));
    if (!fs.existsSync(built) || !fs.readFileSync(theirs).equals(fs.readFileSync(path.join(root, source)))) continue;
    fs.mkdirSync(path.dirname(outputOf(root, source)), { recursive: true });
    fs.copyFileSync(built, outputOf(root, source));
    reused.push(source);
  }
  return reused;
}

function build({ quiet = false, reuseFrom, root = ROOT } = {}) {
  const previous = readManifest(root);
  const files = {};
  const changed = [];
  for (const source of sources(root)) {
    const stat = fs.statSync(path.join(root, source));
    const stamp = `${stat.size}:${stat.mtimeMs}`;
    files[source] = stamp;
    if (previous[source] !== stamp || !fs.existsSync(outputOf(root, source))) changed.push(source);
  }
  const removed = Object.keys(previous).filter((source) => !(source in files));
  for (const source of removed) fs.rmSync(outputOf(root, source), { force: true });

  const reused = reuseFrom && changed.length > 0 ? new Set(reuseOutputs(root, changed, path.resolve(reuseFrom))) : new Set();
  const toCompile = changed.filter((source) => !reused.has(source));
  const threads = toCompile.length > 0 ? transpileInParallel(root, toCompile) : 0;
  // Identifies this build: every source and the dependency versions (caches of build results key on it).
  const lock = fs.statSync(path.join(root, 'package-lock.json'), { throwIfNoEntry: false });
  const sourceHash = crypto
    .createHash('sha256')
    .update(JSON.stringify({ files, lock: lock ? `${lock.size}:${lock.mtimeMs}` : null }))
    .digest('hex')
    .slice(0, 16);
  if (changed.length > 0 || removed.length > 0) {
    fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
    fs.writeFileSync(manifestOf(root), JSON.stringify({ format: FORMAT, files }));
    if (!quiet) process.stderr.write(`build: ${toCompile.length} compiled${threads > 1 ? ` (${threads} threads)` : ''}, ${reused.size} reused, ${removed.length} removed (dist/)\n`);
  }
  return { transpiled: toCompile.length, threads, reused: reused.size, removed: removed.length, sourceHash };
}

module.exports = { build, ROOT, OUT };

if (!isMainThread) {
  // A transpile worker: compile its share, then raise its flag (1 done) for the waiting main thread.
  const { root, sources: share, slot, shared } = workerData;
  let flag = 2;
  try {
    transpile(root, share);
    flag = 1;
  } finally {
    Atomics.store(shared, slot, flag);
    Atomics.notify(shared, slot);
  }
} else if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--reuse-from');
  try {
    build({ quiet: args.includes('--quiet'), reuseFrom: at >= 0 ? args[at + 1] : undefined });
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}
